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
      message: `${observation.systemPath} and ${key} do not pair: the certificate's public key is not the key's, so TLS with them fails. Install the certificate issued for that key (compare \`openssl x509 -noout -pubkey -in ${shellPath(observation.systemPath)}\` with \`openssl pkey -pubout -in ${shellPath(key)}\`).`,
      evidence: { pairedWith: observation.pairedWith, subject },
    }];
  },
};
