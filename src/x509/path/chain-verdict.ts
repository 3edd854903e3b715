/**
 * What the chain verifier decides, as Go's crypto/x509 (the docker CLI's and dockerd's
 * verifier) would decide it. The reason is typed and stable: rules, reports and tests compare
 * it, and the words for it live in chain-failure-words.ts.
 */

/**
 * Why a chain is refused. Each maps to a Go error:
 * - unparseable-certificate: x509.ParseCertificate fails (a malformed extension, an explicit-curve or unsupported EC key, …)
 * - unknown-authority: no issuer among the presented certificates and the anchors ("certificate signed by unknown authority")
 * - issuer-not-ca: the issuer lacks basicConstraints cA (ConstraintViolationError, NotAuthorizedToSign)
 * - issuer-lacks-key-cert-sign: the issuer has keyUsage without keyCertSign (ConstraintViolationError)
 * - bad-signature: the issuer's key did not make the signature
 * - insecure-signature-algorithm: SHA-1 or MD5 (InsecureAlgorithmError)
 * - unsupported-algorithm: a signature or key algorithm Go does not verify (DSA, Ed448, …)
 * - expired / not-yet-valid: a certificate on the path is outside its validity (CertificateInvalidError Expired)
 * - name-not-permitted / name-excluded: a CA's name constraints (CANotAuthorizedForThisName)
 * - path-length-exceeded: a CA's pathLenConstraint (TooManyIntermediates)
 * - incompatible-usage: extendedKeyUsage, nested through the path (IncompatibleUsage)
 * - unhandled-critical-extension: a critical extension Go does not process
 * - too-much-work: Go's work bounds (100 signature checks, 250,000 constraint comparisons)
 * - no-certificate: nothing was presented
 */
export type ChainFailureReason =
  | 'unparseable-certificate'
  | 'unknown-authority'
  | 'issuer-not-ca'
  | 'issuer-lacks-key-cert-sign'
  | 'bad-signature'
  | 'insecure-signature-algorithm'
  | 'unsupported-algorithm'
  | 'expired'
  | 'not-yet-valid'
  | 'name-not-permitted'
  | 'name-excluded'
  | 'path-length-exceeded'
  | 'incompatible-usage'
  | 'unhandled-critical-extension'
  | 'too-much-work'
  | 'no-certificate';

export interface ChainFailure {
  reason: ChainFailureReason;
  /** The certificate the failure is about (one-line subject), e.g. the CA whose constraint refused the leaf's name. */
  subject: string;
  /** The specifics, in words: the name and the constraint, the expiry date, the extension. */
  detail: string;
  /**
   * Where that certificate sits among those presented (0 = the leaf); null for a trusted CA the
   * peer did not send, or when no certificate is to blame (nothing presented). Rules tell by it
   * whether a failure is the leaf's own (its dates, its purpose) or the chain's.
   */
  presentedIndex: number | null;
}

/** The purpose the peer will check: a server certificate is judged for serverAuth (Go's default), a client certificate for clientAuth. */
export type ChainPurpose = 'serverAuth' | 'clientAuth' | 'any';

export interface ChainVerificationOptions {
  /** The clock (injected in tests). */
  now: Date;
  purpose: ChainPurpose;
  /**
   * false: leave out the leaf's own validity dates and its own extendedKeyUsage, and judge
   * everything else as Go does (the CAs' dates, their EKU, signatures, constraints). The files
   * check asks this way whether the CA signed a certificate, since the leaf's dates and purpose
   * have rules of their own. Default true: Go's whole decision.
   */
  leafOwnChecks?: boolean;
}

export interface ChainVerdict {
  verified: boolean;
  /** null exactly when verified. When several candidate paths failed, the one Go reports: the last candidate whose own validity failed (or a deeper failure), else the first refused signature, else no issuer at all. */
  failure: ChainFailure | null;
  /**
   * Indexes into the presented certificates (0 = leaf) of the path chosen (verified) or of the
   * path the failure was met on; anchors are not counted. A presented certificate no path used
   * is not judged by date rules: Go never looks at it.
   */
  pathIndexes: number[];
}
