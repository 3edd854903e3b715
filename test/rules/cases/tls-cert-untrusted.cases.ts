import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { mtlsEndpoint, tlsFacts, withLeaf } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** tls-cert-untrusted: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  {
    name: 'healthy daemon with a private CA, scanned without the CA: trust not judged, not untrusted',
    observation: mtlsEndpoint({ tls: tlsFacts({ trustAnchor: 'system-store', chainVerified: false, chainError: 'SELF_SIGNED_CERT_IN_CHAIN', trust: { judged: false, reason: 'no CA given' } }) }),
  },
  { name: 'no CA given, but the chain verifies against the system store', observation: mtlsEndpoint({ tls: tlsFacts({ trustAnchor: 'system-store' }) }) },
  { name: 'verified chain', observation: mtlsEndpoint() },
  { name: 'chain sound, only the EKU purpose failed', observation: withLeaf({ extendedKeyUsage: ['clientAuth'] }, { chainVerified: false, chainError: 'INVALID_PURPOSE' }) },
  { name: 'not a Docker API', observation: mtlsEndpoint({ dockerApi: 'not-docker', tls: tlsFacts({ chainVerified: false, chainError: 'x' }) }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'self-signed server, CA given', observation: mtlsEndpoint({ tls: tlsFacts({ chainVerified: false, chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }) }), errors: [{ messageId: 'untrusted' }] },
  { name: 'chain from another CA than the one given', observation: mtlsEndpoint({ tls: tlsFacts({ chainVerified: false, chainError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' }) }), errors: [{ messageId: 'untrusted' }] },
];
