import { shellPath } from './checks/file-checks.js';
import type { FileRule } from './rule.js';

/** OpenSSL fails a sound chain whose leaf has the wrong EKU; that is cert-eku-mismatch's finding. */
const PURPOSE_ONLY = /INVALID_PURPOSE|unsupported certificate purpose/i;

export const certNotSignedByCa: FileRule = {
  id: 'cert-not-signed-by-ca',
  checkFile(observation) {
    if (observation.kind !== 'certificate' || observation.chainVerified !== false) return [];
    if (observation.chainError && PURPOSE_ONLY.test(observation.chainError)) return [];
    const ca = observation.caPath ?? 'its CA';
    return [{
      message: `${observation.systemPath} does not chain to ${ca}: ${observation.chainError ?? 'unknown reason'}. Peers trusting that CA refuse it; issue it from that CA and check with \`openssl verify -CAfile ${shellPath(ca)} ${shellPath(observation.systemPath)}\`.`,
      evidence: { caPath: observation.caPath, verifyError: observation.chainError, issuer: observation.certificates[0]?.issuer ?? null },
    }];
  },
};
