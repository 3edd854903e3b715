import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { mtlsEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** tls-cert-not-yet-valid: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'within validity', observation: mtlsEndpoint() },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'before notBefore', observation: mtlsEndpoint(), now: '2025-12-01T00:00:00.000Z', errors: [{ messageId: 'not-yet-valid' }] },
];
