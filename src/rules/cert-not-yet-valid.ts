import { checkNotYetValid } from '../rule-support/certificate-checks.js';
import { describeFileCertificate } from '../rule-support/file-checks.js';
import type { FileRule } from './rule.js';

export const certNotYetValid: FileRule = {
  id: 'cert-not-yet-valid',
  checkFile(observation, { now }) {
    return observation.certificates.flatMap((cert, index) => {
      const verdict = checkNotYetValid(cert, now);
      if (!verdict) return [];
      return [{
        message: `${observation.systemPath}: ${describeFileCertificate(observation, index)} is not valid until ${verdict.notBefore}. Check the clocks (NTP) of the signing machine and this host, then reissue it.`,
        evidence: { notBefore: verdict.notBefore, checkedAt: verdict.checkedAt, subject: cert.subject },
      }];
    });
  },
};
