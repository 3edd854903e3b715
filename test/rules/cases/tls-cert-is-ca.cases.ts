import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { mtlsEndpoint, withLeaf } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** tls-cert-is-ca: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'leaf with CA:FALSE', observation: mtlsEndpoint() },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'leaf with CA:TRUE', observation: withLeaf({ isCA: true }), errors: [{ messageId: 'leaf-is-ca' }] },
];
