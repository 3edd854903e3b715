import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { malformedEntry, mtlsEndpoint, withLeaf } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** tls-cert-is-ca: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'leaf with CA:FALSE', observation: mtlsEndpoint() },
  { name: 'leaf whose basicConstraints does not decode: no verdict; tls-cert-refused-by-go speaks', observation: withLeaf({ isCA: false, malformedExtensions: [malformedEntry('basicConstraints')] }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'leaf with CA:TRUE', observation: withLeaf({ isCA: true }), errors: [{ messageId: 'leaf-is-ca' }] },
];
