/**
 * Go's buildChains: every chain from a certificate up to a trusted root, found depth first.
 * Candidate issuers are those whose raw subject is the child's raw issuer: the trusted roots
 * first, then the presented intermediates, each group ordered by how well the key identifiers
 * agree. Every candidate is tried, so a cross-signed or re-issued intermediate that fails is
 * passed over for one that works (backtracking). When none works, the first refusal met at
 * that level is the hint Go reports ("possibly because of …"), and a failure deeper down
 * replaces it, as in Go.
 */
import type { ChainFailure } from './chain-verdict.js';
import { checkSignatureFrom } from './check-signature.js';
import { checkValidity, type CertificatePosition } from './candidate-validity.js';
import type { PathCertificate } from './path-certificate.js';

/** Go's maxChainSignatureChecks: the bound on signature checks over one verification. */
export const MAX_SIGNATURE_CHECKS = 100;

export interface CertificatePools {
  roots: readonly PathCertificate[];
  intermediates: readonly PathCertificate[];
}

/** Why no chain was built, and the path being tried when it was decided. */
export interface BuildFailure {
  failure: ChainFailure;
  path: PathCertificate[];
}

export interface BuildResult {
  chains: PathCertificate[][];
  error: BuildFailure | null;
}

export interface BuildState {
  signatureChecks: number;
  now: Date;
}

/** @param currentChain leaf first, ending with the certificate whose issuers are sought */
export function buildChains(currentChain: PathCertificate[], pools: CertificatePools, state: BuildState): BuildResult {
  const child = currentChain[currentChain.length - 1]!;
  const chains: PathCertificate[][] = [];
  let error: BuildFailure | null = null;
  let hint: BuildFailure | null = null;

  const consider = (position: Exclude<CertificatePosition, 'leaf'>, candidate: PathCertificate) => {
    // Go skips a key it cannot use, and a certificate already on the path (same subject, key and SAN): no loops.
    if (candidate.keyAlgorithm === 'unknown' || alreadyInChain(candidate, currentChain)) return;
    state.signatureChecks++;
    if (state.signatureChecks > MAX_SIGNATURE_CHECKS) {
      error = {
        failure: { reason: 'too-much-work', subject: child.subject, detail: `more than ${MAX_SIGNATURE_CHECKS} signature checks while building the chain (Go's limit)` },
        path: [...currentChain],
      };
      return;
    }
    const refusal = checkSignatureFrom(child, candidate) ?? checkValidity(candidate, position, currentChain, state.now);
    if (refusal !== null) {
      hint ??= { failure: { reason: refusal.reason, subject: candidate.subject, detail: refusal.detail }, path: [...currentChain, candidate] };
      return;
    }
    if (position === 'root') {
      chains.push([...currentChain, candidate]);
    } else {
      const deeper = buildChains([...currentChain, candidate], pools, state);
      chains.push(...deeper.chains);
      error = deeper.error;
    }
  };

  for (const root of potentialParents(pools.roots, child)) consider('root', root);
  for (const intermediate of potentialParents(pools.intermediates, child)) consider('intermediate', intermediate);

  if (chains.length > 0) return { chains, error: null };
  return { chains, error: error ?? hint ?? unknownAuthority(child, currentChain) };
}

function unknownAuthority(child: PathCertificate, currentChain: PathCertificate[]): BuildFailure {
  return {
    failure: { reason: 'unknown-authority', subject: child.subject, detail: `no trusted CA or presented intermediate issued "${child.subject}"` },
    path: [...currentChain],
  };
}

/** Go's CertPool.findPotentialParents: matching key identifiers first, then one missing, then a mismatch. */
function potentialParents(pool: readonly PathCertificate[], child: PathCertificate): PathCertificate[] {
  const matching: PathCertificate[] = [];
  const oneMissing: PathCertificate[] = [];
  const mismatched: PathCertificate[] = [];
  for (const candidate of pool) {
    if (!candidate.structure.rawSubject.equals(child.structure.rawIssuer)) continue;
    const candidateKeyId = candidate.subjectKeyId ?? Buffer.alloc(0);
    const childAuthorityId = child.authorityKeyId ?? Buffer.alloc(0);
    if (candidateKeyId.equals(childAuthorityId)) matching.push(candidate);
    else if (candidateKeyId.length === 0 || childAuthorityId.length === 0) oneMissing.push(candidate);
    else mismatched.push(candidate);
  }
  return [...matching, ...oneMissing, ...mismatched];
}

/** Go's alreadyInChain: the same subject and key, and the same subjectAltName (or none on both). */
function alreadyInChain(candidate: PathCertificate, chain: readonly PathCertificate[]): boolean {
  return chain.some((certificate) => {
    if (!candidate.structure.rawSubject.equals(certificate.structure.rawSubject)) return false;
    if (!candidate.structure.subjectPublicKeyInfo.equals(certificate.structure.subjectPublicKeyInfo)) return false;
    const [mine, theirs] = [candidate.subjectAltNameValue, certificate.subjectAltNameValue];
    if (mine === null || theirs === null) return mine === theirs;
    return mine.equals(theirs);
  });
}
