import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { caFacts, certFacts, malformedEntry, mtlsEndpoint, tlsFacts, withLeaf } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** tls-cert-malformed-extension: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

const emptyEku = { extendedKeyUsage: null, malformedExtensions: [malformedEntry()] };

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'every extension well-formed', observation: mtlsEndpoint() },
  { name: 'a malformed extension Go refuses (tls-cert-refused-by-go speaks)', observation: withLeaf({ sanDns: [], sanIp: [], malformedExtensions: [malformedEntry('subjectAltName')] }) },
  { name: 'an empty extendedKeyUsage on a TLS server proven not to be Docker', observation: { ...withLeaf(emptyEku), dockerApi: 'not-docker' } },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'leaf with an empty extendedKeyUsage', observation: withLeaf(emptyEku), errors: [{ messageId: 'malformed-extension' }] },
  {
    name: 'the leaf has an empty extendedKeyUsage, the CA sent along trailing bytes after its keyUsage',
    observation: mtlsEndpoint({
      tls: tlsFacts({
        chain: [certFacts(emptyEku), caFacts({ keyUsage: null, malformedExtensions: [malformedEntry('keyUsage', { goRefuses: false, problem: '1 trailing bytes after element' })] })],
      }),
    }),
    errors: [{ messageId: 'malformed-extension' }, { messageId: 'malformed-extension' }],
  },
];
