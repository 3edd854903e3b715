import type { FileObservation, FileStat, KeyFacts } from '../../src/files/file-observation.js';
import type { CertificateFacts } from '../../src/x509/certificate-facts.js';
import { caFacts, certFacts } from './observation-builder.js';

/**
 * File observations built by hand, for file rule tests that touch no disk. Defaults describe
 * the Docker guide followed correctly: a daemon's files in /etc/docker/ssl named by daemon.json,
 * owned by root:root, keys 0400 and certificates 0444, each certificate pairing with its key
 * and chaining to ca.pem; a client's in /home/alice/.docker owned by alice (uid 1000). Each
 * case changes only what it is about.
 */

export const DAEMON_DIR = '/etc/docker/ssl';
export const CLIENT_DIR = '/home/alice/.docker';
export const ALICE_UID = 1000;

export function fileStat(overrides: Partial<FileStat> = {}): FileStat {
  return { type: 'file', mode: 0o444, uid: 0, gid: 0, size: 1200, ...overrides };
}

export function keyFacts(overrides: Partial<KeyFacts> = {}): KeyFacts {
  return { format: 'pkcs8', encrypted: false, type: 'rsa', bits: 4096, publicKeyFingerprint: 'ab12', ...overrides };
}

/** The server certificate's facts, with the serverAuth-only EKU the Docker guide's extfile gives it. */
export function serverCertFacts(overrides: Partial<CertificateFacts> = {}): CertificateFacts {
  return certFacts(overrides);
}

export function clientCertFacts(overrides: Partial<CertificateFacts> = {}): CertificateFacts {
  return certFacts({ subject: 'CN=client', sanDns: [], sanIp: [], hasSan: false, keyUsage: ['digitalSignature'], extendedKeyUsage: ['clientAuth'], ...overrides });
}

/** The base every builder starts from: the daemon's server certificate. */
export function fileObservation(overrides: Partial<FileObservation> = {}): FileObservation {
  const path = overrides.path ?? `${DAEMON_DIR}/server-cert.pem`;
  return {
    path,
    systemPath: path,
    stat: fileStat(),
    readError: null,
    kind: 'certificate',
    parseError: null,
    role: 'server-cert',
    roleSource: 'config',
    namedBy: { path: '/etc/docker/daemon.json', systemPath: '/etc/docker/daemon.json', line: 4, what: 'tlscert in daemon.json' },
    expectedOwnerUid: 0,
    certificates: [serverCertFacts()],
    key: null,
    pairedWith: `${DAEMON_DIR}/server-key.pem`,
    pairMatches: true,
    caPath: `${DAEMON_DIR}/ca.pem`,
    chainVerified: true,
    chainError: null,
    chainFailure: null,
    goVerdict: { verified: true, failure: null, pathIndexes: [0] },
    // Unknown until a case says which certificates the verified chain used: every one is judged.
    chainPath: null,
    besideServerCert: true,
    besideClientCert: false,
    besidePrivateKey: true,
    checksWithoutRole: [],
    ...overrides,
  };
}

export function serverCert(overrides: Partial<FileObservation> = {}): FileObservation {
  return fileObservation(overrides);
}

export function serverKey(overrides: Partial<FileObservation> = {}): FileObservation {
  return fileObservation({
    path: `${DAEMON_DIR}/server-key.pem`,
    stat: fileStat({ mode: 0o400 }),
    kind: 'private-key',
    role: 'server-key',
    namedBy: { path: '/etc/docker/daemon.json', systemPath: '/etc/docker/daemon.json', line: 5, what: 'tlskey in daemon.json' },
    certificates: [],
    key: keyFacts(),
    pairedWith: `${DAEMON_DIR}/server-cert.pem`,
    caPath: null,
    chainVerified: null,
    ...overrides,
  });
}

export function daemonCa(overrides: Partial<FileObservation> = {}): FileObservation {
  return fileObservation({
    path: `${DAEMON_DIR}/ca.pem`,
    role: 'ca-cert',
    namedBy: { path: '/etc/docker/daemon.json', systemPath: '/etc/docker/daemon.json', line: 3, what: 'tlscacert in daemon.json' },
    certificates: [caFacts()],
    pairedWith: null,
    pairMatches: null,
    caPath: null,
    chainVerified: null,
    ...overrides,
  });
}

/** The CA key the Docker guide creates on the daemon's host, beside the server's certificates. */
export function caKey(overrides: Partial<FileObservation> = {}): FileObservation {
  return serverKey({ path: `${DAEMON_DIR}/ca-key.pem`, role: 'ca-key', roleSource: 'file-name', namedBy: null, pairedWith: null, pairMatches: null, ...overrides });
}

export function clientCert(overrides: Partial<FileObservation> = {}): FileObservation {
  return fileObservation({
    path: `${CLIENT_DIR}/cert.pem`,
    stat: fileStat({ uid: ALICE_UID, gid: ALICE_UID }),
    role: 'client-cert',
    roleSource: 'file-name',
    namedBy: null,
    expectedOwnerUid: ALICE_UID,
    certificates: [clientCertFacts()],
    pairedWith: `${CLIENT_DIR}/key.pem`,
    caPath: `${CLIENT_DIR}/ca.pem`,
    besideServerCert: false,
    besideClientCert: true,
    ...overrides,
  });
}

export function clientKey(overrides: Partial<FileObservation> = {}): FileObservation {
  return clientCert({
    path: `${CLIENT_DIR}/key.pem`,
    stat: fileStat({ mode: 0o400, uid: ALICE_UID, gid: ALICE_UID }),
    kind: 'private-key',
    role: 'client-key',
    certificates: [],
    key: keyFacts(),
    pairedWith: `${CLIENT_DIR}/cert.pem`,
    caPath: null,
    chainVerified: null,
    ...overrides,
  });
}

export function clientCa(overrides: Partial<FileObservation> = {}): FileObservation {
  return clientCert({ path: `${CLIENT_DIR}/ca.pem`, role: 'ca-cert', certificates: [caFacts()], pairedWith: null, pairMatches: null, caPath: null, chainVerified: null, ...overrides });
}

/** A file `dockprobe files DIR` found with no config naming it and no guide name: only role-free checks apply. */
export function unknownFile(overrides: Partial<FileObservation> = {}): FileObservation {
  return fileObservation({
    path: '/srv/pki/docker.crt',
    role: 'unknown',
    roleSource: 'none',
    namedBy: null,
    expectedOwnerUid: null,
    pairedWith: null,
    pairMatches: null,
    caPath: null,
    chainVerified: null,
    besideServerCert: false,
    besidePrivateKey: false,
    ...overrides,
  });
}

/** A CSR, extension or serial file as the guides leave them in the working directory. */
export function leftover(kind: 'csr' | 'openssl-config' | 'serial', overrides: Partial<FileObservation> = {}): FileObservation {
  const name = { csr: 'server.csr', 'openssl-config': 'extfile.cnf', serial: 'ca.srl' }[kind];
  return unknownFile({ path: `${DAEMON_DIR}/${name}`, kind, certificates: [], stat: fileStat({ mode: 0o644 }), besideServerCert: true, besidePrivateKey: true, ...overrides });
}
