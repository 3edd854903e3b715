import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { mtlsEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** tls-cert-expiring: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: '60 days left', observation: mtlsEndpoint(), now: '2026-11-02T00:00:00.000Z' },
  { name: 'already expired (tls-cert-expired reports it)', observation: mtlsEndpoint(), now: '2027-02-01T00:00:00.000Z' },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: '10 days left', observation: mtlsEndpoint(), now: '2026-12-22T00:00:00.000Z', errors: [{ messageId: 'expiring' }] },
  { name: '60 days left, days=90', observation: mtlsEndpoint(), now: '2026-11-02T00:00:00.000Z', params: { days: 90 }, errors: [{ messageId: 'expiring' }] },
];
