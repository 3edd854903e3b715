import type { CertificateFacts, GoKeyRefusal, MalformedExtension, PublicKeyType } from '../x509/certificate-facts.js';

/**
 * The certificate checks that run both on a live endpoint's chain (tls-*) and on files
 * (cert-*). Each takes plain facts plus the clock or a parameter and returns null when the
 * certificate passes, or a small verdict: the facts a rule needs for its message and evidence.
 * Wording stays in the rules, so each can name its endpoint or its file.
 */

const DAY_MS = 86_400_000;

export interface ExpiredVerdict {
  notAfter: string;
  checkedAt: string;
}

export function checkExpired(cert: CertificateFacts, now: Date): ExpiredVerdict | null {
  if (Date.parse(cert.notAfter) >= now.getTime()) return null;
  return { notAfter: cert.notAfter, checkedAt: now.toISOString() };
}

export interface NotYetValidVerdict {
  notBefore: string;
  checkedAt: string;
}

export function checkNotYetValid(cert: CertificateFacts, now: Date): NotYetValidVerdict | null {
  if (Date.parse(cert.notBefore) <= now.getTime()) return null;
  return { notBefore: cert.notBefore, checkedAt: now.toISOString() };
}

export interface ExpiringVerdict {
  notAfter: string;
  daysLeft: number;
  thresholdDays: number;
}

export function checkExpiring(cert: CertificateFacts, now: Date, thresholdDays: number): ExpiringVerdict | null {
  const msLeft = Date.parse(cert.notAfter) - now.getTime();
  // An expired certificate is the expired check's verdict, not this one.
  if (msLeft < 0 || msLeft > thresholdDays * DAY_MS) return null;
  return { notAfter: cert.notAfter, daysLeft: Math.floor(msLeft / DAY_MS), thresholdDays };
}

export interface LongValidityVerdict {
  notBefore: string;
  notAfter: string;
  validityDays: number;
  limitDays: number;
}

export function checkLongValidity(cert: CertificateFacts, limitDays: number): LongValidityVerdict | null {
  const validityDays = Math.round((Date.parse(cert.notAfter) - Date.parse(cert.notBefore)) / DAY_MS);
  if (validityDays <= limitDays) return null;
  return { notBefore: cert.notBefore, notAfter: cert.notAfter, validityDays, limitDays };
}

export interface IsCaVerdict {
  basicConstraintsCA: true;
}

/** For a leaf: CA:TRUE lets whoever holds its key sign certificates that its peers trust. */
export function checkLeafIsCa(leaf: CertificateFacts): IsCaVerdict | null {
  return leaf.isCA ? { basicConstraintsCA: true } : null;
}

export interface WeakKeyVerdict {
  /** e.g. "RSA key of 1024 bits (minimum 2048)", "DSA key (2048 bits)". */
  reason: string;
  keyType: PublicKeyType;
  keyBits: number | null;
}

const MINIMUM_BITS: Partial<Record<PublicKeyType, number>> = { rsa: 2048, 'rsa-pss': 2048, ec: 256 };

/** Takes a type and size, not a certificate, so a private key file is judged by the same bar. */
export function checkWeakKey(keyType: PublicKeyType, keyBits: number | null): WeakKeyVerdict | null {
  if (keyType === 'dsa') return { reason: `DSA key${keyBits ? ` (${keyBits} bits)` : ''}`, keyType, keyBits };
  const minimum = MINIMUM_BITS[keyType];
  if (minimum && keyBits !== null && keyBits < minimum) {
    return { reason: `${keyType.toUpperCase()} key of ${keyBits} bits (minimum ${minimum})`, keyType, keyBits };
  }
  return null;
}

export function checkCertificateKey(cert: CertificateFacts): WeakKeyVerdict | null {
  return checkWeakKey(cert.publicKeyType, cert.publicKeyBits);
}

export interface WeakSignatureVerdict {
  signatureAlgorithm: string;
  signatureHash: string;
}

const WEAK_HASHES = new Set(['sha1', 'md5', 'md4', 'md2']);

export function checkWeakSignature(cert: CertificateFacts): WeakSignatureVerdict | null {
  if (cert.signatureHash === null || !WEAK_HASHES.has(cert.signatureHash)) return null;
  return { signatureAlgorithm: cert.signatureAlgorithm, signatureHash: cert.signatureHash };
}

export type TlsPurpose = 'serverAuth' | 'clientAuth';

/**
 * Does the certificate's extendedKeyUsage allow this purpose? No extension at all means "any
 * purpose" to Go and OpenSSL, as does anyExtendedKeyUsage; only a list without it is a refusal.
 */
export function ekuAllows(cert: CertificateFacts, purpose: TlsPurpose): boolean {
  const usages = cert.extendedKeyUsage;
  return usages === null || usages.includes(purpose) || usages.includes('anyExtendedKeyUsage');
}

/**
 * Malformed extensions Go takes (an empty extendedKeyUsage, trailing bytes after a value): the
 * docker client uses the certificate, OpenSSL-based clients may read it otherwise, and no
 * extension rule can judge what it allows. Those Go refuses are checkRefusedByGo's.
 */
export function checkMalformedExtensions(cert: CertificateFacts): MalformedExtension[] {
  return cert.malformedExtensions.filter((entry) => !entry.goRefuses);
}

export type GoRefusal =
  | { kind: 'extension'; extension: MalformedExtension }
  | { kind: 'key'; reason: GoKeyRefusal };

/** Go refuses these keys when it parses the certificate; the others only when it uses the key. */
const REFUSED_AT_PARSE: readonly GoKeyRefusal[] = ['explicit-curve', 'unsupported-curve', 'malformed-key'];

/**
 * Why Go's crypto/x509 (so the docker CLI and dockerd) refuses the certificate, one entry per
 * cause. `parseOnly`: only what ParseCertificate refuses, for a certificate Go parses but may
 * never use (a root a server sends along: Go parses every certificate it is sent, and gives up
 * the handshake if one does not parse).
 */
export function checkRefusedByGo(cert: CertificateFacts, parseOnly = false): GoRefusal[] {
  const refusals: GoRefusal[] = cert.malformedExtensions.filter((entry) => entry.goRefuses).map((extension) => ({ kind: 'extension', extension }));
  const key = cert.goRefusesKey;
  if (key !== null && (!parseOnly || REFUSED_AT_PARSE.includes(key))) refusals.push({ kind: 'key', reason: key });
  return refusals;
}

/** Why Go refuses the key, in words that fit "Go refuses …: {reason}". */
export function describeGoKeyRefusal(cert: CertificateFacts, reason: GoKeyRefusal): string {
  switch (reason) {
    case 'explicit-curve':
      return 'its EC key spells out its curve (explicit parameters) instead of naming it, and Go reads named curves only';
    case 'unsupported-curve':
      return `its EC key is on ${cert.publicKeyCurveName ?? 'a curve'}, which Go does not implement (Go takes P-224, P-256, P-384 and P-521)`;
    case 'malformed-key':
      return "its public key is encoded in a way Go's parser refuses (a compressed or invalid EC point, RSA parameters that are not NULL, or the like)";
    case 'unsupported-key-type':
      return `its ${cert.publicKeyType.toUpperCase()} key is of a type Go's TLS does not use (RSA, ECDSA and Ed25519 only)`;
    case 'rsa-under-1024':
      return `its RSA key of ${cert.publicKeyBits ?? 'fewer than 1024'} bits is below the 1024 bits Go 1.24's crypto/rsa accepts`;
  }
}

/** What to change before re-issuing, for a malformed extension; fits "Re-issue it: {fix}." */
export function describeExtensionFix(entry: MalformedExtension): string {
  if (entry.problem.startsWith('appears ')) return `write ${entry.extension} once in the extfile`;
  if (entry.extension === 'extendedKeyUsage') return 'name its purposes in the extfile (`extendedKeyUsage = serverAuth` for a daemon, `clientAuth` for a client)';
  return `write ${entry.extension} in the extfile as openssl's x509v3_config documents it, and check the result with \`openssl x509 -noout -text\``;
}
