import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { mtlsEndpoint, tlsFacts, withLeaf } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';
import type { ChainFailureReason, ChainVerdict } from '../../../src/x509/path/chain-verdict.js';

function refusedAt(reason: ChainFailureReason, presentedIndex: number): ChainVerdict {
  return { verified: false, failure: { reason, subject: 'CN=x', detail: 'as Go refuses it', presentedIndex }, pathIndexes: [0, 1] };
}

/** tls-cert-untrusted: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  {
    name: 'healthy daemon with a private CA, scanned without the CA: trust not judged, not untrusted',
    observation: mtlsEndpoint({ tls: tlsFacts({ trustAnchor: 'system-store', chainVerified: false, chainError: 'SELF_SIGNED_CERT_IN_CHAIN', trust: { judged: false, reason: 'no CA given' } }) }),
  },
  { name: 'no CA given, but the chain verifies against the system store', observation: mtlsEndpoint({ tls: tlsFacts({ trustAnchor: 'system-store' }) }) },
  { name: 'verified chain', observation: mtlsEndpoint() },
  {
    name: "chain sound, only the leaf's own EKU purpose failed (tls-cert-no-server-auth-eku's finding)",
    observation: withLeaf({ extendedKeyUsage: ['clientAuth'] }, { chainVerified: false, chainError: 'INVALID_PURPOSE', goVerdict: refusedAt('incompatible-usage', 0) }),
  },
  { name: 'not a Docker API', observation: mtlsEndpoint({ dockerApi: 'not-docker', tls: tlsFacts({ chainVerified: false, chainError: 'x' }) }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'self-signed server, CA given', observation: mtlsEndpoint({ tls: tlsFacts({ chainVerified: false, chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }) }), errors: [{ messageId: 'untrusted' }] },
  { name: 'chain from another CA than the one given', observation: mtlsEndpoint({ tls: tlsFacts({ chainVerified: false, chainError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' }) }), errors: [{ messageId: 'untrusted' }] },
  {
    name: 'an intermediate whose EKU leaves out serverAuth: a trust problem, not the leaf purpose',
    observation: withLeaf({}, { chainVerified: false, chainError: 'INVALID_PURPOSE', goVerdict: refusedAt('incompatible-usage', 1) }),
    errors: [{ messageId: 'untrusted' }],
  },
  {
    name: 'no verdict on the chain at all (the server never proved it holds the key): a leaf purpose problem does not explain it away',
    observation: withLeaf({ extendedKeyUsage: ['clientAuth'] }, { chainVerified: false, chainError: 'KEY_POSSESSION_UNPROVEN', chainVerdictBy: 'none', goVerdict: refusedAt('incompatible-usage', 0) }),
    errors: [{ messageId: 'untrusted' }],
  },
  {
    name: 'the purpose words without the typed verdict are not taken for a leaf-only failure',
    observation: withLeaf({ extendedKeyUsage: ['clientAuth'] }, { chainVerified: false, chainError: 'unsupported certificate purpose', goVerdict: null }),
    errors: [{ messageId: 'untrusted' }],
  },
];
