import { checkExpired } from '../rule-support/certificate-checks.js';
import { describeFileCertificate } from '../rule-support/file-checks.js';
import type { FileRule } from './rule.js';

export const certExpired: FileRule = {
  id: 'cert-expired',
  checkFile(observation, { now }) {
    return observation.certificates.flatMap((cert, index) => {
      const verdict = checkExpired(cert, now);
      if (!verdict) return [];
      return [{
        message: `${observation.systemPath}: ${describeFileCertificate(observation, index)} expired on ${verdict.notAfter}. Issue a new one, install it in place of this file, and restart whatever uses it.`,
        evidence: { notAfter: verdict.notAfter, checkedAt: verdict.checkedAt, subject: cert.subject },
      }];
    });
  },
};
