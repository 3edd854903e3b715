/**
 * Verifies a certificate chain the way Go's crypto/x509 (the docker CLI's and dockerd's
 * verifier, Go 1.24) does in Certificate.Verify, as crypto/tls calls it: every presented
 * certificate must parse; the leaf must be valid on its own; then chains are built to the
 * trusted roots with the presented certificates as intermediates (build-chains.ts); then the
 * extendedKeyUsage of each chain must allow the purpose (key-usage-nesting.ts). The host name
 * is not checked here: callers judge it separately (san-match.ts).
 *
 * Left out, as no Docker deployment meets them: certificate policy validation (Go 1.22+
 * checks policy constraints when a certificate sets requireExplicitPolicy) and revocation,
 * which Go does not check either.
 */
import type { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { pemCertificateDers } from '../pem-certificate-bodies.js';
import { buildChains, type BuildFailure } from './build-chains.js';
import { checkValidity } from './candidate-validity.js';
import type { ChainFailure, ChainVerdict, ChainVerificationOptions } from './chain-verdict.js';
import { certificateRefusingPurpose } from './key-usage-nesting.js';
import { GoParseRefusal, readPathCertificate, type PathCertificate } from './path-certificate.js';

/** Node's bundled roots take tens of milliseconds to read: once per process, and once per distinct CA bundle. */
const anchorCache = new Map<string | null, PathCertificate[]>();
/** A scan sees few distinct CA bundles; the bound keeps a hostile input from growing the cache without end. */
const MAX_CACHED_BUNDLES = 64;

/**
 * @param presented leaf first, in the order the server (or the file) gives them
 * @param anchorsPem the trusted CAs as PEM; null means the system store (Node's bundled roots)
 */
export function verifyChain(presented: readonly (Buffer | X509Certificate)[], anchorsPem: string | null, options: ChainVerificationOptions): ChainVerdict {
  if (presented.length === 0) return refused({ reason: 'no-certificate', subject: '', detail: 'no certificate was presented', presentedIndex: null }, []);
  const certificates: PathCertificate[] = [];
  for (const [index, item] of presented.entries()) {
    const der = Buffer.isBuffer(item) ? item : item.raw;
    try {
      certificates.push(readPathCertificate(der));
    } catch (error) {
      if (!(error instanceof GoParseRefusal)) throw error;
      // crypto/tls parses every certificate the server sends before it verifies any.
      const which = index === 0 ? 'the leaf certificate' : `certificate ${index + 1} of those presented`;
      return refused({ reason: 'unparseable-certificate', subject: which, detail: `Go cannot parse ${which}: ${error.message}`, presentedIndex: index }, [index]);
    }
  }
  const leaf = certificates[0]!;
  const leafOwnChecks = options.leafOwnChecks ?? true;
  const leafProblem = checkValidity(leaf, 'leaf', [], leafOwnChecks ? options.now : null);
  if (leafProblem !== null) return refused({ ...leafProblem, subject: leaf.subject, presentedIndex: 0 }, [0]);

  const roots = trustAnchors(anchorsPem);
  let candidateChains: PathCertificate[][];
  if (roots.some((root) => root.der.equals(leaf.der))) {
    candidateChains = [[leaf]];
  } else {
    const built = buildChains([leaf], { roots, intermediates: distinct(certificates.slice(1)) }, { signatureChecks: 0, now: options.now });
    if (built.chains.length === 0) return refusedWith(built.error!, certificates);
    candidateChains = built.chains;
  }

  const purpose = options.purpose;
  if (purpose === 'any') return verified(candidateChains[0]!, certificates);
  // Without the leaf's own checks, its EKU is left out of the nesting; the CAs' still count.
  const nested = (chain: PathCertificate[]) => (leafOwnChecks ? chain : chain.slice(1));
  const usable = candidateChains.find((chain) => certificateRefusingPurpose(nested(chain), purpose) === null);
  if (usable !== undefined) return verified(usable, certificates);
  // Blame a chain refused by its leaf alone, if any: that is the leaf's purpose, not the CAs' trust.
  const first = candidateChains.find((chain) => certificateRefusingPurpose(chain.slice(1), purpose) === null) ?? candidateChains[0]!;
  const refuser = certificateRefusingPurpose(nested(first), purpose)!;
  return refused(
    {
      reason: 'incompatible-usage',
      subject: refuser.subject,
      detail: `"${refuser.subject}" has extendedKeyUsage ${refuser.extendedKeyUsage.join(', ')}, without ${purpose}`,
      presentedIndex: presentedIndexOf(refuser, certificates),
    },
    presentedIndexes(first, certificates),
  );
}

function verified(chain: PathCertificate[], presented: PathCertificate[]): ChainVerdict {
  return { verified: true, failure: null, pathIndexes: presentedIndexes(chain, presented) };
}

function refused(failure: ChainFailure, pathIndexes: number[]): ChainVerdict {
  return { verified: false, failure, pathIndexes };
}

function refusedWith(error: BuildFailure, presented: PathCertificate[]): ChainVerdict {
  const failure = { reason: error.reason, subject: error.certificate.subject, detail: error.detail, presentedIndex: presentedIndexOf(error.certificate, presented) };
  return refused(failure, presentedIndexes(error.path, presented));
}

/** The certificate's index among those presented; null for a trusted CA (a separate object, even when the peer also sent it). */
function presentedIndexOf(certificate: PathCertificate, presented: readonly PathCertificate[]): number | null {
  const index = presented.indexOf(certificate);
  return index < 0 ? null : index;
}

/** Where each certificate of the path sits among those presented; trusted roots that were not presented are left out. */
function presentedIndexes(path: readonly PathCertificate[], presented: readonly PathCertificate[]): number[] {
  const indexes: number[] = [];
  for (const [position, certificate] of path.entries()) {
    if (position === 0) {
      indexes.push(0);
      continue;
    }
    // A root from the trust store is not one of the presented certificates, even when the server also sent it.
    const index = presentedIndexOf(certificate, presented);
    if (index !== null && index > 0) indexes.push(index);
  }
  return indexes;
}

/** Go's CertPool keeps one copy of each certificate. */
function distinct(certificates: PathCertificate[]): PathCertificate[] {
  return certificates.filter((certificate, index) => certificates.findIndex((other) => other.der.equals(certificate.der)) === index);
}

function trustAnchors(anchorsPem: string | null): PathCertificate[] {
  let anchors = anchorCache.get(anchorsPem);
  if (anchors === undefined) {
    anchors = distinct(readAnchors(anchorsPem === null ? rootCertificates : [anchorsPem]));
    if (anchorCache.size >= MAX_CACHED_BUNDLES) anchorCache.clear();
    anchorCache.set(anchorsPem, anchors);
  }
  return anchors;
}

/** As Go's AppendCertsFromPEM: a CA certificate that does not parse is skipped, and the others still count. */
function readAnchors(pems: readonly string[]): PathCertificate[] {
  const anchors: PathCertificate[] = [];
  for (const pem of pems) {
    for (const der of pemCertificateDers(pem)) {
      try {
        anchors.push(readPathCertificate(der));
      } catch (error) {
        if (!(error instanceof GoParseRefusal)) throw error;
      }
    }
  }
  return anchors;
}
