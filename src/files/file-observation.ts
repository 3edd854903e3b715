import type { CertificateFacts, PublicKeyType } from '../x509/certificate-facts.js';
import type { ChainFailure, ChainVerdict } from '../x509/path/chain-verdict.js';

/**
 * What the files collector saw of one certificate, key or leftover file. Observations only:
 * the file-* and cert-* rules judge them. Plain data, so a report can carry it as JSON and a
 * rule test can build one by hand.
 */

export type FileRole = 'server-cert' | 'client-cert' | 'ca-cert' | 'server-key' | 'client-key' | 'ca-key' | 'unknown';

/** Where the role came from, strongest first (the order). */
export type RoleSource = 'config' | 'flag' | 'file-name' | 'none';

export type FileKind =
  | 'certificate'
  /** Any private key: PKCS#8, PKCS#1, SEC1, encrypted or not. */
  | 'private-key'
  | 'csr'
  /** openssl extension/config files: extfile.cnf, openssl.cnf, *.ext */
  | 'openssl-config'
  /** openssl serial files: ca.srl, *.srl */
  | 'serial'
  /** Named like certificate or key material (by role or extension) but not parseable as any. */
  | 'unparseable'
  /** Could not be read at all: see readError. */
  | 'unreadable'
  | 'other';

export type FileType = 'file' | 'directory' | 'symlink' | 'other';

/** From lstat: never follows the link. Mode is the permission bits only (mode & 0o7777). */
export interface FileStat {
  type: FileType;
  mode: number;
  uid: number;
  gid: number;
  size: number;
}

export type KeyFormat = 'pkcs8' | 'pkcs1' | 'sec1' | 'encrypted-pkcs8' | 'legacy-encrypted-pem' | 'der' | 'unknown';

export interface KeyFacts {
  format: KeyFormat;
  /** Encrypted keys are reported as such and never decrypted: type and bits are then null. */
  encrypted: boolean;
  type: PublicKeyType | null;
  bits: number | null;
  /** sha256 of the SPKI DER of the public half, hex; null when encrypted or unreadable. Pairs keys with certificates. */
  publicKeyFingerprint: string | null;
}

/** Where a file was named (a daemon.json key, a unit's flag, a context's TLS folder). */
export interface NamedBy {
  path: string;
  systemPath: string;
  line: number | null;
  /** e.g. "tlscert in daemon.json", "--tlskey in docker.service ExecStart", "context prod TLS folder". */
  what: string;
}

export interface FileObservation {
  /** Absolute path as read (under --root, the real path inside the root). */
  path: string;
  /** The path as the audited system sees it: equal to path without --root. */
  systemPath: string;
  /**
   * Set when path is a symbolic link that was followed (a PATH named directly, or a file a config
   * names, as dockerd itself would follow it): stat and contents are then this file's.
   */
  symlinkTarget?: { path: string; systemPath: string };
  stat: FileStat | null;
  /** Why it could not be read, in the words of filesystem/fs-errors.ts: "permission denied (EACCES)", "is a directory", "too large (…)". */
  readError: string | null;
  kind: FileKind;
  /** Why it could not be parsed, in words: "truncated PEM", "empty file", "binary data, not PEM or DER". */
  parseError: string | null;
  role: FileRole;
  roleSource: RoleSource;
  namedBy: NamedBy | null;
  /**
   * Whose file this should be: 'root' for a daemon's files, the uid owning the home directory
   * for files under /home/<user>/.docker, null when nobody can say.
   */
  expectedOwnerUid: number | null;
  /** Certificates in the file, in file order (a bundle has several). Empty for keys. */
  certificates: CertificateFacts[];
  key: KeyFacts | null;
  /** For a certificate: the key it was matched with (beside it, by name or by public key); for a key, its certificate. */
  pairedWith: string | null;
  /** Does the certificate's public key equal the key's? null when there was nothing to pair or the key is encrypted. */
  pairMatches: boolean | null;
  /** For a certificate: the CA it was checked against (ca.pem beside it, or the CA the config names). */
  caPath: string | null;
  /**
   * Does the leaf chain to that CA? null when no CA was found. Judged as a Go client judges it
   * (goVerdict), except that the leaf's own validity dates and extendedKeyUsage are left to
   * their rules (cert-expired, cert-eku-mismatch): this is the question whether the CA signed it.
   */
  chainVerified: boolean | null;
  /** Why not, in words; also why the chain could not be checked (a CA file that cannot be used). */
  chainError: string | null;
  /** Why chainVerified is false, typed (1.9.0): the reason, the certificate it is about, the specifics. */
  chainFailure: ChainFailure | null;
  /** What a docker client (Go's crypto/x509) decides for this chain, for its role's purpose (1.9.0); null when no CA was found. */
  goVerdict: ChainVerdict | null;
  /**
   * The certificates of this file (indexes into certificates) on the verified chain to the CA
   * (1.9.0); null when the chain did not verify or was not checked. A bundle's other
   * certificates are not used by any client, so their dates do not matter.
   */
  chainPath: number[] | null;
  /**
   * What else is in the same directory, for the "left beside" rules: whether it holds
   * certificates of a daemon (server-cert) or of a client (client-cert), and private keys.
   */
  besideServerCert: boolean;
  besideClientCert: boolean;
  besidePrivateKey: boolean;
  /**
   * Report 1.6.0: ids of the rules that did not judge this file because its role is unknown
   * (cert-eku-mismatch and the like); empty when the role is known or none waited for it. Set
   * when the file rules judge the file, never by the collector; absent only on an observation
   * that was not judged.
   */
  checksWithoutRole?: string[];
}

/** A role the config collector learned for a path, given to the files collector (role source 1). */
export interface FileRoleHint {
  /** Path as the audited system sees it (e.g. /etc/docker/ssl/cert.pem). */
  systemPath: string;
  role: FileRole;
  namedBy: NamedBy;
  /** For certificates: the CA the same config names (tlscacert), to check the chain against. */
  caSystemPath?: string;
  /** For certificates: the key the same config names, to pair with. */
  keySystemPath?: string;
  /**
   * Who reads the file, for a CA's expected owner (server-* are always a daemon's, client-* a
   * client's). When absent, a hint named by a file under /home/<user>/ is a client's, others a daemon's.
   */
  consumer?: 'daemon' | 'client';
}
