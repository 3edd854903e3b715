/**
 * What dockprobe knows about one X.509 certificate. Collectors produce these (from a live
 * TLS chain now, from files later); rules read them. Plain data only, so a report can carry
 * it as JSON and a rule test can build one by hand.
 */
export type PublicKeyType = 'rsa' | 'rsa-pss' | 'ec' | 'dsa' | 'ed25519' | 'ed448' | 'unknown';

export interface CertificateFacts {
  subject: string;
  issuer: string;
  serialNumber: string;
  /** ISO 8601 timestamps. */
  notBefore: string;
  notAfter: string;
  /** subjectAltName entries, split by kind. IPs are in canonical textual form. */
  sanDns: string[];
  sanIp: string[];
  /** true when the certificate carries a subjectAltName extension at all. */
  hasSan: boolean;
  publicKeyType: PublicKeyType;
  /** RSA/DSA modulus size or EC curve size, in bits; null when unknown. */
  publicKeyBits: number | null;
  /** e.g. "sha256WithRSAEncryption", "ecdsa-with-SHA256"; the dotted OID when the name is unknown. */
  signatureAlgorithm: string;
  signatureAlgorithmOid: string;
  /** The hash the signature uses ("sha1", "md5", "sha256", ...); null for ed25519/ed448 or unknown. */
  signatureHash: string | null;
  /** basicConstraints cA flag; false when the extension is absent. */
  isCA: boolean;
  /** keyUsage bit names ("digitalSignature", "keyEncipherment", ...); null when the extension is absent. */
  keyUsage: string[] | null;
  /** extendedKeyUsage purposes by name ("serverAuth", "clientAuth", ...) or dotted OID; null when absent. */
  extendedKeyUsage: string[] | null;
  selfSigned: boolean;
  fingerprint256: string;
}
