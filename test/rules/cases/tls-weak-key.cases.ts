import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { mtlsEndpoint, withLeaf } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** tls-weak-key: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'RSA 2048 leaf', observation: mtlsEndpoint() },
  { name: 'EC 256 leaf', observation: withLeaf({ publicKeyType: 'ec', publicKeyBits: 256 }) },
  { name: 'ed25519 leaf', observation: withLeaf({ publicKeyType: 'ed25519', publicKeyBits: null }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'RSA 1024 leaf', observation: withLeaf({ publicKeyBits: 1024 }), errors: [{ messageId: 'weak-key' }] },
  { name: 'DSA leaf', observation: withLeaf({ publicKeyType: 'dsa', publicKeyBits: 2048 }), errors: [{ messageId: 'weak-key' }] },
  { name: 'EC 224 leaf', observation: withLeaf({ publicKeyType: 'ec', publicKeyBits: 224 }), errors: [{ messageId: 'weak-key' }] },
];
