/**
 * What dockprobe knows about one X.509 certificate. Collectors produce these (from a live
 * TLS chain now, from files later); rules read them. Plain data only, so a report can carry
 * it as JSON and a rule test can build one by hand.
 */
export type PublicKeyType = 'rsa' | 'rsa-pss' | 'ec' | 'dsa' | 'ed25519' | 'ed448' | 'unknown';

/**
 * One extension that does not decode, breaks RFC 5280, or appears more than once. Its derived
 * fact (sanDns/sanIp, isCA, keyUsage, extendedKeyUsage) is then left at its "absent" value, and
 * rules that read that fact say nothing: see read-certificate.ts.
 */
export interface MalformedExtension {
  /** "extendedKeyUsage", "subjectAltName", …; the dotted OID for an extension without a name here. */
  extension: string;
  oid: string;
  /** What is wrong, in words: our DER reader's, or Go's error text where only Go refuses it. */
  problem: string;
  /**
   * Go's crypto/x509.ParseCertificate (Go 1.24) refuses the whole certificate for it, so the docker
   * CLI and dockerd cannot use it at all. Go takes an empty extendedKeyUsage, for one.
   */
  goRefuses: boolean;
}

/**
 * Why Go (the docker CLI and dockerd) refuses a certificate's public key. At parse time, so the
 * certificate is not used at all: 'explicit-curve' (an EC key with explicit parameters instead of
 * a named curve), 'unsupported-curve' (a named curve other than P-224, P-256, P-384, P-521, e.g.
 * secp256k1 or brainpool), 'malformed-key' (an encoding Go's parser refuses, e.g. a compressed EC
 * point or RSA parameters that are not NULL). When the key is used: 'unsupported-key-type' (DSA,
 * Ed448, an RSA-PSS key: crypto/tls takes RSA, ECDSA and Ed25519 only) and 'rsa-under-1024' (Go
 * 1.24's crypto/rsa refuses such keys unless GODEBUG=rsa1024min=0).
 */
export type GoKeyRefusal = 'explicit-curve' | 'unsupported-curve' | 'malformed-key' | 'unsupported-key-type' | 'rsa-under-1024';

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
  /** true when the certificate carries a subjectAltName extension at all (a malformed one too). */
  hasSan: boolean;
  publicKeyType: PublicKeyType;
  /** RSA/DSA modulus size or EC curve size (the bit length of the curve's order), in bits; null when unknown. */
  publicKeyBits: number | null;
  /** For an EC key: 'named' (the SPKI names its curve by OID) or 'explicit' (it carries the curve's parameters); null otherwise. */
  publicKeyCurve: 'named' | 'explicit' | null;
  /** A named curve's name as OpenSSL prints it ("prime256v1", "secp256k1"), or its dotted OID when unknown here; null otherwise. */
  publicKeyCurveName: string | null;
  /** Why Go refuses this key (see GoKeyRefusal); null when Go takes it. */
  goRefusesKey: GoKeyRefusal | null;
  /** e.g. "sha256WithRSAEncryption", "ecdsa-with-SHA256"; the dotted OID when the name is unknown. */
  signatureAlgorithm: string;
  signatureAlgorithmOid: string;
  /** The hash the signature uses ("sha1", "md5", "sha256", ...); null for ed25519/ed448 or unknown. */
  signatureHash: string | null;
  /** basicConstraints cA flag; false when the extension is absent (or malformed: see malformedExtensions). */
  isCA: boolean;
  /** keyUsage bit names ("digitalSignature", "keyEncipherment", ...); null when the extension is absent (or malformed). */
  keyUsage: string[] | null;
  /** extendedKeyUsage purposes by name ("serverAuth", "clientAuth", ...) or dotted OID; null when absent (or malformed). */
  extendedKeyUsage: string[] | null;
  /** Extensions that could not be read as RFC 5280 defines them, in certificate order; empty when there are none. */
  malformedExtensions: MalformedExtension[];
  selfSigned: boolean;
  fingerprint256: string;
}
