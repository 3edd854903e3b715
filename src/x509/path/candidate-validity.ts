/**
 * Go's Certificate.isValid: the checks each certificate must pass where it would sit in a
 * chain. For every certificate: no unhandled critical extension, and the clock inside its
 * validity. For a CA about to be added above `currentChain`: its name constraints hold for
 * every certificate below it that has a subjectAltName, an intermediate has basicConstraints
 * cA, and its pathLenConstraint allows the intermediates already below it. Go ignores keyUsage
 * here (CheckSignatureFrom looked at keyCertSign).
 */
import type { ChainFailureReason } from './chain-verdict.js';
import { checkNamesAgainst, hasNameConstraints, type ConstraintViolation } from './name-constraints.js';
import type { PathCertificate } from './path-certificate.js';

export type CertificatePosition = 'leaf' | 'intermediate' | 'root';

export interface ValidityFailure {
  reason: ChainFailureReason;
  detail: string;
}

const VIOLATION_REASONS: Readonly<Record<ConstraintViolation['kind'], ChainFailureReason>> = {
  excluded: 'name-excluded',
  'not-permitted': 'name-not-permitted',
  // Go refuses a name it cannot parse under a constraint with the same "not authorized for this name".
  unparseable: 'name-not-permitted',
  'too-many-comparisons': 'too-much-work',
};

/**
 * @param currentChain the certificates below this one, leaf first; empty for the leaf itself
 * @param now null: dates not judged (only for the leaf, see ChainVerificationOptions.leafOwnChecks)
 */
export function checkValidity(certificate: PathCertificate, position: CertificatePosition, currentChain: readonly PathCertificate[], now: Date | null): ValidityFailure | null {
  if (certificate.unhandledCriticalExtensions.length > 0) {
    return { reason: 'unhandled-critical-extension', detail: `"${certificate.subject}" has a critical extension Go does not process (${certificate.unhandledCriticalExtensions.join(', ')})` };
  }
  const { notBefore, notAfter } = certificate.structure;
  if (now === null) {
    // The caller judges these dates itself.
  } else if (now < notBefore) return { reason: 'not-yet-valid', detail: `"${certificate.subject}" is not valid before ${notBefore.toISOString()}` };
  else if (now > notAfter) return { reason: 'expired', detail: `"${certificate.subject}" expired at ${notAfter.toISOString()}` };

  if (position !== 'leaf' && hasNameConstraints(certificate.nameConstraints)) {
    const comparisons = { count: 0 };
    for (const below of currentChain) {
      if (below.subjectAltNameValue === null) continue;
      const violation = checkNamesAgainst(certificate.nameConstraints, below.constrainedNames, comparisons);
      if (violation !== null) {
        return { reason: VIOLATION_REASONS[violation.kind], detail: `"${certificate.subject}" may not issue for "${below.subject}": ${violation.detail}` };
      }
    }
  }
  const constraints = certificate.basicConstraints;
  if (position === 'intermediate' && (constraints === null || !constraints.ca)) {
    return { reason: 'issuer-not-ca', detail: `the intermediate "${certificate.subject}" is not a CA (no basicConstraints cA)` };
  }
  // Go reads a negative pathLenConstraint (which RFC 5280 forbids) as no limit.
  if (constraints !== null && constraints.pathLength !== null && constraints.pathLength >= 0) {
    const intermediatesBelow = currentChain.length - 1;
    if (intermediatesBelow > constraints.pathLength) {
      return {
        reason: 'path-length-exceeded',
        detail: `"${certificate.subject}" allows ${constraints.pathLength} intermediate CA${constraints.pathLength === 1 ? '' : 's'} below it (pathLenConstraint), and the path has ${intermediatesBelow}`,
      };
    }
  }
  return null;
}
