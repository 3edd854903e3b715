import { asSystemPath, shellPath } from '../rule-support/file-checks.js';
import type { FileRule } from './rule.js';

/**
 * Reported on the side that holds the certificate only (a combined file included): the
 * collector pairs both ways, and one mismatch is one finding.
 */
export const certKeyMismatch: FileRule = {
  id: 'cert-key-mismatch',
  checkFile(observation) {
    if (observation.certificates.length === 0 || observation.pairMatches !== false) return [];
    const key = observation.pairedWith === null ? 'its key' : asSystemPath(observation, observation.pairedWith);
    const subject = observation.certificates[0]?.subject ?? '';
    return [{
      messageId: 'key-mismatch',
      data: { file: observation.systemPath, key, fileWord: shellPath(observation.systemPath), keyWord: shellPath(key) },
      evidence: { pairedWith: observation.pairedWith, subject },
    }];
  },
};
