import type { AccessAttempt, AttemptName, AttemptOutcome, DockerInfoFacts, EndpointObservation, TlsObservation } from '../../src/network/endpoint-observation.js';
import type { CertificateFacts, MalformedExtension } from '../../src/x509/certificate-facts.js';

/**
 * Observations built by hand, for rule tests that need no network. Defaults describe a
 * well-run mutual-TLS daemon on 127.0.0.1:2376 as seen with the user's own certificate,
 * so each case changes only what it is about.
 */
export function certFacts(overrides: Partial<CertificateFacts> = {}): CertificateFacts {
  return {
    subject: 'CN=docker-server',
    issuer: 'CN=docker-CA',
    serialNumber: '01',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
    sanDns: ['docker.local'],
    sanIp: ['127.0.0.1'],
    hasSan: true,
    publicKeyType: 'rsa',
    publicKeyBits: 2048,
    publicKeyCurve: null,
    publicKeyCurveName: null,
    goRefusesKey: null,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    signatureAlgorithmOid: '1.2.840.113549.1.1.11',
    signatureHash: 'sha256',
    isCA: false,
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extendedKeyUsage: ['serverAuth'],
    malformedExtensions: [],
    selfSigned: false,
    fingerprint256: 'AA:BB',
    ...overrides,
  };
}

const EXTENSION_OIDS = { subjectAltName: '2.5.29.17', basicConstraints: '2.5.29.19', keyUsage: '2.5.29.15', extendedKeyUsage: '2.5.29.37', authorityKeyIdentifier: '2.5.29.35' } as const;

/**
 * A malformedExtensions entry as the reader writes one: by default the empty extendedKeyUsage Go
 * accepts. Pair it with the derived fact at its absent value (extendedKeyUsage: null, …).
 */
export function malformedEntry(extension: keyof typeof EXTENSION_OIDS = 'extendedKeyUsage', overrides: Partial<MalformedExtension> = {}): MalformedExtension {
  const goRefuses = overrides.goRefuses ?? extension !== 'extendedKeyUsage';
  const problem = goRefuses ? `x509: invalid ${extension}` : 'empty SEQUENCE: RFC 5280 requires at least one KeyPurposeId';
  return { extension, oid: EXTENSION_OIDS[extension], problem, goRefuses, ...overrides };
}

export function caFacts(overrides: Partial<CertificateFacts> = {}): CertificateFacts {
  return certFacts({
    subject: 'CN=docker-CA',
    issuer: 'CN=docker-CA',
    sanDns: [],
    sanIp: [],
    hasSan: false,
    isCA: true,
    keyUsage: ['keyCertSign', 'cRLSign'],
    extendedKeyUsage: null,
    selfSigned: true,
    notAfter: '2036-01-01T00:00:00.000Z',
    ...overrides,
  });
}

export function tlsFacts(overrides: Partial<TlsObservation> = {}): TlsObservation {
  return {
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_128_GCM_SHA256',
    chain: [certFacts(), caFacts()],
    trustAnchor: 'user-ca',
    chainVerified: true,
    chainError: null,
    goVerdict: { verified: true, failure: null, pathIndexes: [0] },
    chainVerdictBy: 'openssl',
    trust: { judged: true },
    legacyProtocols: [
      { protocol: 'TLSv1', outcome: 'refused', detail: 'protocol version alert' },
      { protocol: 'TLSv1.1', outcome: 'refused', detail: 'protocol version alert' },
    ],
    clientCertificateRequest: { kind: 'requested', caNames: ['CN=Docker CA'] },
    ...overrides,
  };
}

/** /info of a daemon set up as CIS Docker section 2 asks: an authorization plugin, live restore, syslog, no icc, nothing insecure. */
export function infoFacts(overrides: Partial<DockerInfoFacts> = {}): DockerInfoFacts {
  return {
    authorizationPlugins: ['opa-docker-authz'],
    securityOptions: [],
    rootless: false,
    liveRestoreEnabled: true,
    loggingDriver: 'syslog',
    driver: 'overlay2',
    experimentalBuild: false,
    debug: false,
    insecureRegistries: [],
    defaultBridgeIcc: false,
    ...overrides,
  };
}

export function attempts(outcomes: Partial<Record<AttemptName, AttemptOutcome>>): AccessAttempt[] {
  const names: AttemptName[] = ['plaintext', 'tls-no-client-cert', 'tls-user-client-cert', 'tls-untrusted-client-cert'];
  return names.map((name) => ({ name, outcome: outcomes[name] ?? 'skipped', detail: 'built for a test' }));
}

export function mtlsEndpoint(overrides: Partial<EndpointObservation> = {}): EndpointObservation {
  return {
    target: '127.0.0.1:2376',
    host: '127.0.0.1',
    address: '127.0.0.1',
    port: 2376,
    named: true,
    state: 'open',
    service: 'docker-api',
    dockerApi: 'confirmed',
    error: null,
    transport: 'tls',
    tls: tlsFacts(),
    attempts: attempts({ plaintext: 'refused', 'tls-no-client-cert': 'refused', 'tls-user-client-cert': 'api-access', 'tls-untrusted-client-cert': 'refused' }),
    docker: { version: '28.2.2', apiVersion: '1.50', gitCommit: 'e6534b4' },
    info: infoFacts(),
    checked: { complete: true },
    unfinished: null,
    durationMs: 5,
    source: null,
    ...overrides,
  };
}

export function plainEndpoint(overrides: Partial<EndpointObservation> = {}): EndpointObservation {
  return mtlsEndpoint({
    target: '127.0.0.1:2375',
    port: 2375,
    transport: 'plain',
    tls: null,
    attempts: attempts({ plaintext: 'api-access' }),
    ...overrides,
  });
}

/** The chain with its leaf replaced: most TLS rule cases change only the leaf. */
export function withLeaf(leaf: Partial<CertificateFacts>, tls: Partial<TlsObservation> = {}): EndpointObservation {
  return mtlsEndpoint({ tls: tlsFacts({ chain: [certFacts(leaf), caFacts()], ...tls }) });
}
