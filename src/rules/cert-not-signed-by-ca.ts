import { asSystemPath, shellPath } from '../rule-support/file-checks.js';
import type { FileRule } from './rule.js';

export const certNotSignedByCa: FileRule = {
  id: 'cert-not-signed-by-ca',
  checkFile(observation) {
    if (observation.certificates.length === 0 || observation.chainVerified !== false) return [];
    const ca = observation.caPath === null ? 'its CA' : asSystemPath(observation, observation.caPath);
    return [{
      messageId: 'not-signed-by-ca',
      data: { file: observation.systemPath, ca, reason: observation.chainError ?? 'unknown reason', caWord: shellPath(ca), fileWord: shellPath(observation.systemPath) },
      evidence: { caPath: observation.caPath, verifyError: observation.chainError, goReason: observation.chainFailure?.reason ?? null, issuer: observation.certificates[0]?.issuer ?? null },
    }];
  },
};
