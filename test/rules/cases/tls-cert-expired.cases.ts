import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { mtlsEndpoint } from '../../support/observation-builder.js';
import { notDockerTls } from '../../support/rule-case-helpers.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** tls-cert-expired: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'within validity', observation: mtlsEndpoint() },
  { name: 'non-Docker TLS service', observation: notDockerTls({}), now: '2027-02-01T00:00:00.000Z' },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'past notAfter', observation: mtlsEndpoint(), now: '2027-02-01T00:00:00.000Z', errors: [{ messageId: 'expired' }] },
];
