import type { EndpointObservation } from '../../src/network/endpoint-observation.js';
import { attempts, caFacts, certFacts, infoFacts, mtlsEndpoint, plainEndpoint, tlsFacts, withLeaf } from './observation-builder.js';

export interface RuleCase {
  name: string;
  observation: EndpointObservation;
  /** How many findings of this rule the case must produce: 0 for a case that must not fire. */
  expect: number;
  now?: string;
  params?: Record<string, string | number>;
}

/** Clock for every case unless it says otherwise: inside the default certificate's validity. */
export const DEFAULT_NOW = '2026-06-01T00:00:00.000Z';

const notDockerTls = (leaf: Parameters<typeof certFacts>[0]): EndpointObservation =>
  mtlsEndpoint({ dockerApi: 'not-docker', service: 'tls', docker: null, info: null, tls: tlsFacts({ chain: [certFacts(leaf)] }) });

/**
 * Every endpoint rule, with cases that must fire and cases that must not. The registry test
 * checks that each rule in rules/ has at least one of each here.
 */
export const RULE_CASES: Record<string, RuleCase[]> = {
  'api-unauthenticated': [
    { name: 'plain HTTP API access', observation: plainEndpoint(), expect: 1 },
    { name: 'mTLS daemon', observation: mtlsEndpoint(), expect: 0 },
    { name: 'plain HTTP answered 403 (proxy)', observation: plainEndpoint({ attempts: attempts({ plaintext: 'refused' }), dockerApi: 'unconfirmed' }), expect: 0 },
    { name: 'plain HTTP that is not Docker', observation: plainEndpoint({ attempts: attempts({ plaintext: 'not-docker' }), dockerApi: 'not-docker' }), expect: 0 },
  ],
  'api-tls-no-client-verify': [
    { name: '--tls without --tlsverify', observation: mtlsEndpoint({ attempts: attempts({ plaintext: 'refused', 'tls-no-client-cert': 'api-access' }) }), expect: 1 },
    { name: 'client certificate required', observation: mtlsEndpoint(), expect: 0 },
    { name: 'no-cert attempt timed out', observation: mtlsEndpoint({ attempts: attempts({ 'tls-no-client-cert': 'error' }) }), expect: 0 },
  ],
  'api-tls-untrusted-client-accepted': [
    { name: 'throwaway CA accepted', observation: mtlsEndpoint({ attempts: attempts({ 'tls-no-client-cert': 'refused', 'tls-untrusted-client-cert': 'api-access' }) }), expect: 1 },
    { name: 'throwaway CA refused', observation: mtlsEndpoint(), expect: 0 },
  ],
  'api-tls-client-ca-system-store': [
    {
      name: 'client certificate required, no CA named (dockerd with tlsverify, no tlscacert)',
      observation: mtlsEndpoint({ tls: tlsFacts({ clientCertificateRequest: { kind: 'requested', caNames: [] } }) }),
      expect: 1,
    },
    {
      name: 'no CA named, and we have no certificate of our own: still required, still the system store',
      observation: mtlsEndpoint({ dockerApi: 'unconfirmed', docker: null, info: null, attempts: attempts({ plaintext: 'refused', 'tls-no-client-cert': 'refused', 'tls-untrusted-client-cert': 'refused' }), tls: tlsFacts({ clientCertificateRequest: { kind: 'requested', caNames: [] } }) }),
      expect: 1,
    },
    { name: 'names its CA', observation: mtlsEndpoint(), expect: 0 },
    { name: 'asks for no certificate', observation: mtlsEndpoint({ tls: tlsFacts({ clientCertificateRequest: { kind: 'not-requested' } }) }), expect: 0 },
    { name: 'TLS 1.3 only: the request was not seen', observation: mtlsEndpoint({ tls: tlsFacts({ clientCertificateRequest: { kind: 'no-tls12', detail: 'protocol_version' } }) }), expect: 0 },
    { name: 'the hello timed out', observation: mtlsEndpoint({ tls: tlsFacts({ clientCertificateRequest: { kind: 'error', detail: 'timeout' } }) }), expect: 0 },
    {
      name: 'no CA named but a certificate is optional: anyone gets in (api-tls-no-client-verify says so)',
      observation: mtlsEndpoint({ attempts: attempts({ plaintext: 'refused', 'tls-no-client-cert': 'api-access' }), tls: tlsFacts({ clientCertificateRequest: { kind: 'requested', caNames: [] } }) }),
      expect: 0,
    },
    {
      name: 'our throwaway certificate got in: api-tls-untrusted-client-accepted says more',
      observation: mtlsEndpoint({ attempts: attempts({ plaintext: 'refused', 'tls-no-client-cert': 'refused', 'tls-untrusted-client-cert': 'api-access' }), tls: tlsFacts({ clientCertificateRequest: { kind: 'requested', caNames: [] } }) }),
      expect: 0,
    },
    {
      name: 'no-cert attempt timed out: not known to be required',
      observation: mtlsEndpoint({ attempts: attempts({ 'tls-no-client-cert': 'error' }), tls: tlsFacts({ clientCertificateRequest: { kind: 'requested', caNames: [] } }) }),
      expect: 0,
    },
    {
      name: 'not the Docker API',
      observation: mtlsEndpoint({ dockerApi: 'not-docker', tls: tlsFacts({ clientCertificateRequest: { kind: 'requested', caNames: [] } }) }),
      expect: 0,
    },
  ],
  'api-port-mismatch': [
    { name: 'TLS API on 2375', observation: mtlsEndpoint({ port: 2375, target: '127.0.0.1:2375' }), expect: 1 },
    { name: 'plain API on 2376', observation: plainEndpoint({ port: 2376, target: '127.0.0.1:2376' }), expect: 1 },
    { name: 'TLS API on 2376', observation: mtlsEndpoint(), expect: 0 },
    { name: 'plain API on 2375', observation: plainEndpoint(), expect: 0 },
    { name: 'plain non-Docker HTTP on 2376', observation: plainEndpoint({ port: 2376, dockerApi: 'not-docker', attempts: attempts({ plaintext: 'not-docker' }) }), expect: 0 },
  ],
  'api-engine-eol': [
    { name: 'Debian 20.10', observation: mtlsEndpoint({ docker: { version: '20.10.24+dfsg1', apiVersion: '1.41', gitCommit: '5d6db84' } }), expect: 1 },
    { name: 'old -ce version', observation: mtlsEndpoint({ docker: { version: '17.06.2-ce', apiVersion: '1.30', gitCommit: 'cec0b72' } }), expect: 1 },
    { name: 'current engine', observation: mtlsEndpoint(), expect: 0 },
    { name: 'exactly the minimum', observation: mtlsEndpoint({ docker: { version: '25.0.0', apiVersion: '1.44', gitCommit: 'x' } }), expect: 0 },
    { name: 'version raised by parameter', observation: mtlsEndpoint(), expect: 1, params: { minimumVersion: '29.0' } },
    { name: 'version not readable', observation: mtlsEndpoint({ docker: null }), expect: 0 },
  ],
  'api-no-authz-plugin': [
    { name: 'no plugin listed', observation: mtlsEndpoint({ info: infoFacts({ authorizationPlugins: [] }) }), expect: 1 },
    { name: 'plugin listed', observation: mtlsEndpoint(), expect: 0 },
    { name: '/info not read', observation: mtlsEndpoint({ info: null }), expect: 0 },
  ],
  'tls-cert-untrusted': [
    { name: 'self-signed server, CA given', observation: mtlsEndpoint({ tls: tlsFacts({ chainVerified: false, chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }) }), expect: 1 },
    { name: 'chain from another CA than the one given', observation: mtlsEndpoint({ tls: tlsFacts({ chainVerified: false, chainError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' }) }), expect: 1 },
    {
      name: 'healthy daemon with a private CA, scanned without the CA: trust not judged, not untrusted',
      observation: mtlsEndpoint({ tls: tlsFacts({ trustAnchor: 'system-store', chainVerified: false, chainError: 'SELF_SIGNED_CERT_IN_CHAIN', trust: { judged: false, reason: 'no CA given' } }) }),
      expect: 0,
    },
    { name: 'no CA given, but the chain verifies against the system store', observation: mtlsEndpoint({ tls: tlsFacts({ trustAnchor: 'system-store' }) }), expect: 0 },
    { name: 'verified chain', observation: mtlsEndpoint(), expect: 0 },
    { name: 'chain sound, only the EKU purpose failed', observation: withLeaf({ extendedKeyUsage: ['clientAuth'] }, { chainVerified: false, chainError: 'INVALID_PURPOSE' }), expect: 0 },
    { name: 'not a Docker API', observation: mtlsEndpoint({ dockerApi: 'not-docker', tls: tlsFacts({ chainVerified: false, chainError: 'x' }) }), expect: 0 },
  ],
  'tls-cert-hostname-mismatch': [
    { name: 'no IP SAN for the scanned IP', observation: withLeaf({ sanIp: [], sanDns: ['docker.local'] }), expect: 1 },
    { name: 'CN only, no SAN', observation: withLeaf({ subject: 'CN=127.0.0.1', sanIp: [], sanDns: [], hasSan: false }), expect: 1 },
    { name: 'wildcard covers one label only', observation: { ...withLeaf({ sanDns: ['*.example.org'], sanIp: [] }), host: 'a.b.example.org' }, expect: 1 },
    { name: 'IP SAN matches', observation: mtlsEndpoint(), expect: 0 },
    { name: 'wildcard DNS SAN matches', observation: { ...withLeaf({ sanDns: ['*.example.org'], sanIp: [] }), host: 'docker1.example.org' }, expect: 0 },
    { name: 'IPv6 SAN written long', observation: { ...withLeaf({ sanIp: ['0:0:0:0:0:0:0:1'] }), host: '::1' }, expect: 0 },
  ],
  'tls-cert-expired': [
    { name: 'past notAfter', observation: mtlsEndpoint(), expect: 1, now: '2027-02-01T00:00:00.000Z' },
    { name: 'within validity', observation: mtlsEndpoint(), expect: 0 },
    { name: 'non-Docker TLS service', observation: notDockerTls({}), expect: 0, now: '2027-02-01T00:00:00.000Z' },
  ],
  'tls-cert-not-yet-valid': [
    { name: 'before notBefore', observation: mtlsEndpoint(), expect: 1, now: '2025-12-01T00:00:00.000Z' },
    { name: 'within validity', observation: mtlsEndpoint(), expect: 0 },
  ],
  'tls-cert-expiring': [
    { name: '10 days left', observation: mtlsEndpoint(), expect: 1, now: '2026-12-22T00:00:00.000Z' },
    { name: '60 days left', observation: mtlsEndpoint(), expect: 0, now: '2026-11-02T00:00:00.000Z' },
    { name: '60 days left, days=90', observation: mtlsEndpoint(), expect: 1, now: '2026-11-02T00:00:00.000Z', params: { days: 90 } },
    { name: 'already expired (tls-cert-expired reports it)', observation: mtlsEndpoint(), expect: 0, now: '2027-02-01T00:00:00.000Z' },
  ],
  'tls-cert-no-server-auth-eku': [
    { name: 'clientAuth only', observation: withLeaf({ extendedKeyUsage: ['clientAuth'] }), expect: 1 },
    { name: 'serverAuth', observation: mtlsEndpoint(), expect: 0 },
    { name: 'both usages (CoreOS guide)', observation: withLeaf({ extendedKeyUsage: ['serverAuth', 'clientAuth'] }), expect: 0 },
    { name: 'no EKU extension', observation: withLeaf({ extendedKeyUsage: null }), expect: 0 },
  ],
  'tls-legacy-protocol': [
    {
      name: 'TLS 1.0 accepted',
      observation: mtlsEndpoint({ tls: tlsFacts({ legacyProtocols: [{ protocol: 'TLSv1', outcome: 'accepted', detail: '' }, { protocol: 'TLSv1.1', outcome: 'refused', detail: '' }] }) }),
      expect: 1,
    },
    { name: 'both refused', observation: mtlsEndpoint(), expect: 0 },
    {
      name: 'probe errored (not a pass, not a finding)',
      observation: mtlsEndpoint({ tls: tlsFacts({ legacyProtocols: [{ protocol: 'TLSv1', outcome: 'error', detail: 'timeout' }] }) }),
      expect: 0,
    },
  ],
  'tls-weak-key': [
    { name: 'RSA 1024 leaf', observation: withLeaf({ publicKeyBits: 1024 }), expect: 1 },
    { name: 'DSA leaf', observation: withLeaf({ publicKeyType: 'dsa', publicKeyBits: 2048 }), expect: 1 },
    { name: 'EC 224 leaf', observation: withLeaf({ publicKeyType: 'ec', publicKeyBits: 224 }), expect: 1 },
    { name: 'RSA 2048 leaf', observation: mtlsEndpoint(), expect: 0 },
    { name: 'EC 256 leaf', observation: withLeaf({ publicKeyType: 'ec', publicKeyBits: 256 }), expect: 0 },
    { name: 'ed25519 leaf', observation: withLeaf({ publicKeyType: 'ed25519', publicKeyBits: null }), expect: 0 },
  ],
  'tls-weak-signature': [
    { name: 'SHA-1 leaf', observation: withLeaf({ signatureAlgorithm: 'sha1WithRSAEncryption', signatureHash: 'sha1' }), expect: 1 },
    {
      name: 'MD5 intermediate',
      observation: mtlsEndpoint({ tls: tlsFacts({ chain: [certFacts(), certFacts({ isCA: true, subject: 'CN=intermediate', signatureHash: 'md5', signatureAlgorithm: 'md5WithRSAEncryption' }), caFacts()] }) }),
      expect: 1,
    },
    { name: 'SHA-256 leaf', observation: mtlsEndpoint(), expect: 0 },
    {
      name: 'SHA-1 self-signed root only',
      observation: mtlsEndpoint({ tls: tlsFacts({ chain: [certFacts(), caFacts({ signatureHash: 'sha1', signatureAlgorithm: 'sha1WithRSAEncryption' })] }) }),
      expect: 0,
    },
  ],
  'tls-cert-is-ca': [
    { name: 'leaf with CA:TRUE', observation: withLeaf({ isCA: true }), expect: 1 },
    { name: 'leaf with CA:FALSE', observation: mtlsEndpoint(), expect: 0 },
  ],
  'tls-cert-long-validity': [
    { name: '10 years', observation: withLeaf({ notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2036-01-01T00:00:00.000Z' }), expect: 1 },
    { name: '1 year', observation: mtlsEndpoint(), expect: 0 },
    { name: '1 year with days=300', observation: mtlsEndpoint(), expect: 1, params: { days: 300 } },
  ],
};
