import type { FileObservation } from '../../src/files/file-observation.js';
import { caFacts } from './observation-builder.js';
import {
  ALICE_UID,
  caKey,
  clientCa,
  clientCert,
  clientCertFacts,
  clientKey,
  DAEMON_DIR,
  daemonCa,
  fileStat,
  keyFacts,
  leftover,
  serverCert,
  serverCertFacts,
  serverKey,
  unknownFile,
} from './file-observation-builder.js';

export interface FileRuleCase {
  name: string;
  observation: FileObservation;
  /** How many findings of this rule the case must produce: 0 for a case that must not fire. */
  expect: number;
  now?: string;
  params?: Record<string, string | number>;
  /** Names and IPs clients use (`files --host`). */
  hosts?: string[];
}

/** Clock for every case unless it says otherwise: inside the default certificates' validity. */
export const DEFAULT_NOW = '2026-06-01T00:00:00.000Z';

const EXPIRED_NOW = '2027-02-01T00:00:00.000Z';
const BEFORE_VALIDITY = '2025-12-01T00:00:00.000Z';
const TEN_DAYS_LEFT = '2026-12-22T00:00:00.000Z';
const SIXTY_DAYS_LEFT = '2026-11-02T00:00:00.000Z';
const TEN_YEARS = { notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2036-01-01T00:00:00.000Z' };

const unreadable = (readError: string, overrides: Partial<FileObservation> = {}): FileObservation =>
  serverCert({ kind: 'unreadable', readError, certificates: [], pairedWith: null, pairMatches: null, chainVerified: null, ...overrides });
const unparseable = (parseError: string, overrides: Partial<FileObservation> = {}): FileObservation =>
  serverCert({ kind: 'unparseable', parseError, certificates: [], pairedWith: null, pairMatches: null, chainVerified: null, ...overrides });

/**
 * Every file rule, with cases that must fire and cases that must not, boundaries included.
 * Each rule in rules/ that applies to files needs at least one of each here.
 */
export const FILE_RULE_CASES: Record<string, FileRuleCase[]> = {
  'file-key-permissions': [
    { name: 'server key 0440 (group may read)', observation: serverKey({ stat: fileStat({ mode: 0o440 }) }), expect: 1 },
    { name: 'client key 0644 (umask 022 default)', observation: clientKey({ stat: fileStat({ mode: 0o644, uid: ALICE_UID }) }), expect: 1 },
    { name: 'key 0404 (others may read)', observation: serverKey({ stat: fileStat({ mode: 0o404 }) }), expect: 1 },
    { name: 'key 0420 (group may write)', observation: serverKey({ stat: fileStat({ mode: 0o420 }) }), expect: 1 },
    { name: 'key 0401 (others may execute): any bit beyond the owner', observation: serverKey({ stat: fileStat({ mode: 0o401 }) }), expect: 1 },
    { name: 'key of unknown role, found by content, 0644', observation: unknownFile({ kind: 'private-key', certificates: [], key: keyFacts(), stat: fileStat({ mode: 0o644 }) }), expect: 1 },
    { name: 'named key.pem but unparseable, 0644', observation: clientKey({ kind: 'unparseable', key: null, parseError: 'truncated PEM', stat: fileStat({ mode: 0o644 }) }), expect: 1 },
    { name: 'encrypted CA key 0640', observation: caKey({ key: keyFacts({ encrypted: true, format: 'encrypted-pkcs8', type: null, bits: null }), stat: fileStat({ mode: 0o640 }) }), expect: 1 },
    { name: 'key 0400 (the guide)', observation: serverKey(), expect: 0 },
    { name: 'key 0600 (owner-only)', observation: serverKey({ stat: fileStat({ mode: 0o600 }) }), expect: 0 },
    { name: 'key 0700 (owner-only)', observation: serverKey({ stat: fileStat({ mode: 0o700 }) }), expect: 0 },
    { name: 'decimal 400 is 0620 in bits: fires', observation: serverKey({ stat: fileStat({ mode: 400 }) }), expect: 1 },
    { name: 'certificate 0644 is not a key', observation: serverCert({ stat: fileStat({ mode: 0o644 }) }), expect: 0 },
    { name: 'symlink named key.pem (lstat mode 0777)', observation: clientKey({ stat: fileStat({ type: 'symlink', mode: 0o777 }) }), expect: 0 },
    { name: 'directory named key.pem', observation: clientKey({ kind: 'unreadable', readError: 'is a directory', key: null, stat: fileStat({ type: 'directory', mode: 0o755 }) }), expect: 0 },
    { name: 'key that could not be stat-ed', observation: serverKey({ stat: null, kind: 'unreadable', readError: 'EACCES' }), expect: 0 },
  ],
  'file-key-owner': [
    { name: "daemon's server key owned by uid 1000", observation: serverKey({ stat: fileStat({ mode: 0o400, uid: 1000, gid: 0 }) }), expect: 1 },
    { name: "daemon's server certificate in group docker", observation: serverCert({ stat: fileStat({ gid: 999 }) }), expect: 1 },
    { name: "daemon's CA certificate owned by uid 1000", observation: daemonCa({ stat: fileStat({ uid: 1000, gid: 1000 }) }), expect: 1 },
    { name: "daemon's CA key owned by uid 1000", observation: caKey({ stat: fileStat({ mode: 0o400, uid: 1000, gid: 1000 }) }), expect: 1 },
    { name: "alice's client key owned by uid 1001", observation: clientKey({ stat: fileStat({ mode: 0o400, uid: 1001, gid: ALICE_UID }) }), expect: 1 },
    { name: "root's client key owned by uid 1000", observation: clientKey({ path: '/root/.docker/key.pem', expectedOwnerUid: 0, stat: fileStat({ mode: 0o400, uid: 1000, gid: 1000 }) }), expect: 1 },
    { name: "daemon's files root:root", observation: serverKey(), expect: 0 },
    { name: "daemon's certificate root:root", observation: serverCert(), expect: 0 },
    { name: "alice's client key owned by alice (group not judged)", observation: clientKey({ stat: fileStat({ mode: 0o400, uid: ALICE_UID, gid: 50 }) }), expect: 0 },
    { name: "alice's client certificate owned by uid 1001 (a key rule)", observation: clientCert({ stat: fileStat({ uid: 1001, gid: 1001 }) }), expect: 0 },
    { name: "alice's ca.pem owned by alice (not a daemon's)", observation: clientCa(), expect: 0 },
    { name: 'server key whose owner nobody can say', observation: serverKey({ expectedOwnerUid: null, stat: fileStat({ mode: 0o400, uid: 1000 }) }), expect: 0 },
    { name: 'key of unknown role owned by uid 1000', observation: unknownFile({ kind: 'private-key', certificates: [], key: keyFacts(), stat: fileStat({ mode: 0o400, uid: 1000 }) }), expect: 0 },
    { name: 'symlink to the server key owned by uid 1000 (lstat of the link)', observation: serverKey({ stat: fileStat({ type: 'symlink', mode: 0o777, uid: 1000 }) }), expect: 0 },
  ],
  'file-cert-writable': [
    { name: 'server certificate 0664', observation: serverCert({ stat: fileStat({ mode: 0o664 }) }), expect: 1 },
    { name: 'CA certificate 0646', observation: daemonCa({ stat: fileStat({ mode: 0o646 }) }), expect: 1 },
    { name: 'client certificate 0666', observation: clientCert({ stat: fileStat({ mode: 0o666, uid: ALICE_UID }) }), expect: 1 },
    { name: 'server certificate 0444 (the guide)', observation: serverCert(), expect: 0 },
    { name: 'server certificate 0644 (owner may write)', observation: serverCert({ stat: fileStat({ mode: 0o644 }) }), expect: 0 },
    { name: 'CA certificate 0755 (execute is not write)', observation: daemonCa({ stat: fileStat({ mode: 0o755 }) }), expect: 0 },
    { name: 'certificate of unknown role 0666 (role-bound rule)', observation: unknownFile({ stat: fileStat({ mode: 0o666 }) }), expect: 0 },
    { name: 'a key 0666 is the key rule\'s', observation: serverKey({ stat: fileStat({ mode: 0o666 }) }), expect: 0 },
  ],
  'file-ca-key-on-host': [
    { name: 'ca-key.pem beside the server certificate (Docker guide, daemon host)', observation: caKey(), expect: 1 },
    { name: 'CA key beside a client certificate', observation: caKey({ path: '/home/alice/.docker/ca-key.pem', besideServerCert: false, besideClientCert: true }), expect: 1 },
    { name: 'private key named ca-key.pem with no role', observation: unknownFile({ path: '/srv/pki/ca-key.pem', kind: 'private-key', certificates: [], key: keyFacts(), besideServerCert: true }), expect: 1 },
    { name: 'encrypted CA key beside certificates', observation: caKey({ key: keyFacts({ encrypted: true, type: null, bits: null }) }), expect: 1 },
    { name: 'CA key alone in its own directory', observation: caKey({ path: '/root/ca/ca-key.pem', besideServerCert: false, besideClientCert: false }), expect: 0 },
    { name: 'server key beside the server certificate', observation: serverKey(), expect: 0 },
    { name: 'a certificate named ca-key.pem is not a key', observation: unknownFile({ path: '/srv/pki/ca-key.pem', besideServerCert: true }), expect: 0 },
  ],
  'file-leftover-csr': [
    { name: 'server.csr beside the keys', observation: leftover('csr'), expect: 1 },
    { name: 'extfile.cnf beside the keys', observation: leftover('openssl-config'), expect: 1 },
    { name: 'ca.srl beside the keys', observation: leftover('serial'), expect: 1 },
    { name: 'CSR in a directory without keys', observation: leftover('csr', { besidePrivateKey: false }), expect: 0 },
    { name: 'a certificate beside the keys', observation: serverCert(), expect: 0 },
    { name: 'some other file beside the keys', observation: leftover('csr', { kind: 'other', path: `${DAEMON_DIR}/README` }), expect: 0 },
  ],
  'cert-unparseable': [
    { name: 'truncated PEM', observation: unparseable('truncated PEM'), expect: 1 },
    { name: 'empty key.pem', observation: clientKey({ kind: 'unparseable', parseError: 'empty file', key: null }), expect: 1 },
    { name: 'unreadable to this scanner (EACCES): "could not check", reported as an error entry instead', observation: unreadable('permission denied (EACCES)'), expect: 0 },
    { name: 'dangling link', observation: unreadable('dangling symbolic link to /nowhere/ca.pem'), expect: 1 },
    { name: 'directory named cert.pem', observation: unreadable('is a directory', { path: '/home/alice/.docker/cert.pem', role: 'client-cert', stat: fileStat({ type: 'directory', mode: 0o755 }) }), expect: 1 },
    { name: 'binary junk with no role, named like a certificate', observation: unknownFile({ kind: 'unparseable', parseError: 'binary data, not PEM or DER', certificates: [] }), expect: 1 },
    { name: 'symlink loop', observation: unreadable('ELOOP', { stat: null }), expect: 1 },
    { name: 'parseable certificate', observation: serverCert(), expect: 0 },
    { name: 'encrypted key (reported as encrypted, not unparseable)', observation: serverKey({ key: keyFacts({ encrypted: true, format: 'legacy-encrypted-pem', type: null, bits: null }) }), expect: 0 },
    { name: 'role-less file of kind other', observation: unknownFile({ kind: 'other', certificates: [] }), expect: 0 },
  ],
  'cert-expired': [
    { name: 'server certificate past notAfter', observation: serverCert(), expect: 1, now: EXPIRED_NOW },
    { name: 'certificate of unknown role past notAfter (role-free)', observation: unknownFile(), expect: 1, now: EXPIRED_NOW },
    { name: 'bundle: the expired intermediate is reported, the valid root is not', observation: serverCert({ certificates: [serverCertFacts({ notAfter: '2028-01-01T00:00:00.000Z' }), caFacts({ subject: 'CN=intermediate', selfSigned: false, notAfter: '2027-01-15T00:00:00.000Z' }), caFacts()] }), expect: 1, now: EXPIRED_NOW },
    { name: 'within validity', observation: serverCert(), expect: 0 },
    { name: 'exactly at notAfter', observation: serverCert(), expect: 0, now: '2027-01-01T00:00:00.000Z' },
    { name: 'a key file has no certificates', observation: serverKey(), expect: 0, now: EXPIRED_NOW },
  ],
  'cert-not-yet-valid': [
    { name: 'before notBefore', observation: clientCert(), expect: 1, now: BEFORE_VALIDITY },
    { name: 'CA of unknown role before notBefore', observation: unknownFile({ certificates: [caFacts()] }), expect: 1, now: BEFORE_VALIDITY },
    { name: 'within validity', observation: clientCert(), expect: 0 },
    { name: 'exactly at notBefore', observation: clientCert(), expect: 0, now: '2026-01-01T00:00:00.000Z' },
  ],
  'cert-expiring': [
    { name: '10 days left', observation: serverCert(), expect: 1, now: TEN_DAYS_LEFT },
    { name: '60 days left', observation: serverCert(), expect: 0, now: SIXTY_DAYS_LEFT },
    { name: '60 days left, days=90', observation: serverCert(), expect: 1, now: SIXTY_DAYS_LEFT, params: { days: 90 } },
    { name: 'already expired (cert-expired reports it)', observation: serverCert(), expect: 0, now: EXPIRED_NOW },
    { name: 'CA bundle of unknown role, one member expiring', observation: unknownFile({ certificates: [caFacts(), caFacts({ subject: 'CN=old-CA', notAfter: '2026-06-10T00:00:00.000Z' })] }), expect: 1 },
  ],
  'cert-weak-key': [
    { name: 'RSA 1024 server certificate', observation: serverCert({ certificates: [serverCertFacts({ publicKeyBits: 1024 })] }), expect: 1 },
    { name: 'DSA CA certificate of unknown role', observation: unknownFile({ certificates: [caFacts({ publicKeyType: 'dsa', publicKeyBits: 2048 })] }), expect: 1 },
    { name: 'EC 224 client certificate', observation: clientCert({ certificates: [clientCertFacts({ publicKeyType: 'ec', publicKeyBits: 224 })] }), expect: 1 },
    { name: 'RSA 1024 key with no certificate to pair', observation: caKey({ key: keyFacts({ bits: 1024 }) }), expect: 1 },
    { name: 'RSA 1024 key paired with a certificate of another key', observation: serverKey({ key: keyFacts({ bits: 1024 }), pairMatches: false }), expect: 1 },
    { name: 'RSA 1024 key whose certificate reports it', observation: serverKey({ key: keyFacts({ bits: 1024 }) }), expect: 0 },
    { name: 'RSA 2048 certificate', observation: serverCert(), expect: 0 },
    { name: 'EC 256 certificate', observation: serverCert({ certificates: [serverCertFacts({ publicKeyType: 'ec', publicKeyBits: 256 })] }), expect: 0 },
    { name: 'ed25519 key', observation: caKey({ key: keyFacts({ type: 'ed25519', bits: null }) }), expect: 0 },
    { name: 'encrypted key (size unknown, not guessed)', observation: caKey({ key: keyFacts({ encrypted: true, type: null, bits: null }) }), expect: 0 },
  ],
  'cert-weak-signature': [
    { name: 'SHA-1 server certificate', observation: serverCert({ certificates: [serverCertFacts({ signatureAlgorithm: 'sha1WithRSAEncryption', signatureHash: 'sha1' })] }), expect: 1 },
    { name: 'MD5 intermediate in a bundle of unknown role', observation: unknownFile({ certificates: [serverCertFacts(), caFacts({ subject: 'CN=intermediate', selfSigned: false, signatureHash: 'md5', signatureAlgorithm: 'md5WithRSAEncryption' })] }), expect: 1 },
    { name: 'SHA-256 certificate', observation: serverCert(), expect: 0 },
    { name: 'SHA-1 self-signed CA (its own signature is never checked)', observation: daemonCa({ certificates: [caFacts({ signatureHash: 'sha1', signatureAlgorithm: 'sha1WithRSAEncryption' })] }), expect: 0 },
    { name: 'ed25519 signature (no hash)', observation: serverCert({ certificates: [serverCertFacts({ signatureAlgorithm: 'ED25519', signatureHash: null })] }), expect: 0 },
  ],
  'cert-is-ca': [
    { name: 'server certificate with CA:TRUE', observation: serverCert({ certificates: [serverCertFacts({ isCA: true })] }), expect: 1 },
    { name: 'client certificate with CA:TRUE', observation: clientCert({ certificates: [clientCertFacts({ isCA: true })] }), expect: 1 },
    { name: 'server certificate with CA:FALSE', observation: serverCert(), expect: 0 },
    { name: 'bundle: leaf CA:FALSE, intermediate CA:TRUE', observation: serverCert({ certificates: [serverCertFacts(), caFacts({ subject: 'CN=intermediate', selfSigned: false })] }), expect: 0 },
    { name: 'ca.pem is a CA', observation: daemonCa(), expect: 0 },
    { name: 'CA certificate of unknown role (role-bound rule)', observation: unknownFile({ certificates: [caFacts()] }), expect: 0 },
  ],
  'cert-long-validity': [
    { name: 'server certificate for 10 years', observation: serverCert({ certificates: [serverCertFacts(TEN_YEARS)] }), expect: 1 },
    { name: 'client certificate for 10 years', observation: clientCert({ certificates: [clientCertFacts(TEN_YEARS)] }), expect: 1 },
    { name: '1 year', observation: serverCert(), expect: 0 },
    { name: '1 year with days=300', observation: serverCert(), expect: 1, params: { days: 300 } },
    { name: 'CA certificate for 10 years', observation: daemonCa(), expect: 0 },
    { name: 'unknown role for 10 years (role-bound rule)', observation: unknownFile({ certificates: [serverCertFacts(TEN_YEARS)] }), expect: 0 },
  ],
  'cert-host-not-covered': [
    { name: '--host not among the SANs', observation: serverCert(), hosts: ['10.9.9.9'], expect: 1 },
    { name: 'one covered, one not: one finding naming the missing one', observation: serverCert(), hosts: ['127.0.0.1', 'other.example.org'], expect: 1 },
    { name: 'every host covered', observation: serverCert(), hosts: ['127.0.0.1'], expect: 0 },
    { name: 'no --host given', observation: serverCert(), expect: 0 },
    { name: 'client certificates are not judged by host', observation: clientCert(), hosts: ['10.9.9.9'], expect: 0 },
  ],
  'cert-no-san': [
    { name: 'CN-only server certificate', observation: serverCert({ certificates: [serverCertFacts({ subject: 'CN=docker.example.org', sanDns: [], sanIp: [], hasSan: false })] }), expect: 1 },
    { name: 'SAN extension with an email only', observation: serverCert({ certificates: [serverCertFacts({ sanDns: [], sanIp: [], hasSan: true })] }), expect: 1 },
    { name: 'server certificate with DNS and IP SANs', observation: serverCert(), expect: 0 },
    { name: 'server certificate with an IP SAN only', observation: serverCert({ certificates: [serverCertFacts({ sanDns: [] })] }), expect: 0 },
    { name: 'client certificate without SAN (the guide makes them so)', observation: clientCert(), expect: 0 },
    { name: 'unknown role without SAN', observation: unknownFile({ certificates: [clientCertFacts()] }), expect: 0 },
  ],
  'cert-eku-mismatch': [
    { name: 'server certificate limited to clientAuth', observation: serverCert({ certificates: [serverCertFacts({ extendedKeyUsage: ['clientAuth'] })] }), expect: 1 },
    { name: 'client certificate limited to serverAuth', observation: clientCert({ certificates: [clientCertFacts({ extendedKeyUsage: ['serverAuth'] })] }), expect: 1 },
    { name: 'server certificate with an EKU of codeSigning only', observation: serverCert({ certificates: [serverCertFacts({ extendedKeyUsage: ['codeSigning'] })] }), expect: 1 },
    { name: 'server certificate with an empty EKU list', observation: serverCert({ certificates: [serverCertFacts({ extendedKeyUsage: [] })] }), expect: 1 },
    { name: 'server certificate with serverAuth', observation: serverCert(), expect: 0 },
    { name: 'client certificate with clientAuth', observation: clientCert(), expect: 0 },
    { name: 'server certificate with no EKU extension (any purpose)', observation: serverCert({ certificates: [serverCertFacts({ extendedKeyUsage: null })] }), expect: 0 },
    { name: 'client certificate with anyExtendedKeyUsage', observation: clientCert({ certificates: [clientCertFacts({ extendedKeyUsage: ['anyExtendedKeyUsage'] })] }), expect: 0 },
    { name: 'both usages (CoreOS guide)', observation: serverCert({ certificates: [serverCertFacts({ extendedKeyUsage: ['serverAuth', 'clientAuth'] })] }), expect: 0 },
    { name: 'server certificate and key in one file, limited to clientAuth', observation: serverCert({ kind: 'private-key', key: keyFacts(), certificates: [serverCertFacts({ extendedKeyUsage: ['clientAuth'] })] }), expect: 1 },
    { name: 'unknown role limited to clientAuth (role-bound rule)', observation: unknownFile({ certificates: [clientCertFacts()] }), expect: 0 },
  ],
  'cert-dual-use': [
    { name: 'server certificate with both usages (CoreOS guide)', observation: serverCert({ certificates: [serverCertFacts({ extendedKeyUsage: ['serverAuth', 'clientAuth'] })] }), expect: 1 },
    { name: 'client certificate with both usages', observation: clientCert({ certificates: [clientCertFacts({ extendedKeyUsage: ['clientAuth', 'serverAuth'] })] }), expect: 1 },
    { name: 'client certificate with anyExtendedKeyUsage', observation: clientCert({ certificates: [clientCertFacts({ extendedKeyUsage: ['anyExtendedKeyUsage'] })] }), expect: 1 },
    { name: 'server certificate with serverAuth only', observation: serverCert(), expect: 0 },
    { name: 'client certificate with clientAuth only', observation: clientCert(), expect: 0 },
    { name: 'no EKU extension', observation: serverCert({ certificates: [serverCertFacts({ extendedKeyUsage: null })] }), expect: 0 },
    { name: 'unknown role with both usages (role-bound rule)', observation: unknownFile({ certificates: [serverCertFacts({ extendedKeyUsage: ['serverAuth', 'clientAuth'] })] }), expect: 0 },
  ],
  'cert-key-mismatch': [
    { name: 'server certificate and a key that is not its own', observation: serverCert({ pairMatches: false }), expect: 1 },
    { name: 'client certificate paired by name with the wrong key', observation: clientCert({ pairMatches: false }), expect: 1 },
    { name: 'pair matches', observation: serverCert(), expect: 0 },
    { name: 'no key to pair with', observation: serverCert({ pairedWith: null, pairMatches: null }), expect: 0 },
    { name: 'encrypted key (cannot tell)', observation: clientCert({ pairMatches: null }), expect: 0 },
    { name: 'certificate and a foreign key in one file', observation: serverCert({ kind: 'private-key', key: keyFacts(), pairedWith: `${DAEMON_DIR}/server-cert.pem`, pairMatches: false }), expect: 1 },
    { name: 'the key side of a mismatch (reported once, on the certificate)', observation: serverKey({ pairMatches: false }), expect: 0 },
  ],
  'cert-not-signed-by-ca': [
    { name: 'server certificate signed by another CA', observation: serverCert({ chainVerified: false, chainError: 'unable to get local issuer certificate' }), expect: 1 },
    { name: 'self-signed client certificate beside ca.pem', observation: clientCert({ chainVerified: false, chainError: 'self-signed certificate' }), expect: 1 },
    { name: 'no reason given is still a failure', observation: serverCert({ chainVerified: false, chainError: null }), expect: 1 },
    { name: 'chains to its CA', observation: serverCert(), expect: 0 },
    { name: 'no CA found (not checked, not failed)', observation: serverCert({ caPath: null, chainVerified: null }), expect: 0 },
    { name: 'certificate and key in one file, chain broken', observation: serverCert({ kind: 'private-key', key: keyFacts(), chainVerified: false, chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), expect: 1 },
    { name: 'a key file has no chain', observation: serverKey({ chainVerified: false }), expect: 0 },
  ],
};
