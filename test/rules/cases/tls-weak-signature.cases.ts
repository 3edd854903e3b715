import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { caFacts, certFacts, mtlsEndpoint, tlsFacts, withLeaf } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** tls-weak-signature: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'SHA-256 leaf', observation: mtlsEndpoint() },
  {
    name: 'SHA-1 self-signed root only',
    observation: mtlsEndpoint({ tls: tlsFacts({ chain: [certFacts(), caFacts({ signatureHash: 'sha1', signatureAlgorithm: 'sha1WithRSAEncryption' })] }) }),
  },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'SHA-1 leaf', observation: withLeaf({ signatureAlgorithm: 'sha1WithRSAEncryption', signatureHash: 'sha1' }), errors: [{ messageId: 'weak-signature' }] },
  {
    name: 'MD5 intermediate',
    observation: mtlsEndpoint({ tls: tlsFacts({ chain: [certFacts(), certFacts({ isCA: true, subject: 'CN=intermediate', signatureHash: 'md5', signatureAlgorithm: 'md5WithRSAEncryption' }), caFacts()] }) }),
    errors: [{ messageId: 'weak-signature' }],
  },
];
