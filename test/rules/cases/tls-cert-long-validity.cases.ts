import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { mtlsEndpoint, withLeaf } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** tls-cert-long-validity: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: '1 year', observation: mtlsEndpoint() },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: '10 years', observation: withLeaf({ notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2036-01-01T00:00:00.000Z' }), errors: [{ messageId: 'long-validity' }] },
  { name: '1 year with days=300', observation: mtlsEndpoint(), params: { days: 300 }, errors: [{ messageId: 'long-validity' }] },
];
