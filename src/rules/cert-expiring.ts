import { checkExpiring } from '../rule-support/certificate-checks.js';
import { describeFileCertificate } from '../rule-support/file-checks.js';
import type { FileRule } from './rule.js';

export const certExpiring: FileRule = {
  id: 'cert-expiring',
  checkFile(observation, { now, params }) {
    return observation.certificates.flatMap((cert, index) => {
      const verdict = checkExpiring(cert, now, Number(params.days));
      if (!verdict) return [];
      return [{
        message: `${observation.systemPath}: ${describeFileCertificate(observation, index)} expires in ${verdict.daysLeft} day(s), on ${verdict.notAfter}. Issue and install its replacement before then.`,
        evidence: { notAfter: verdict.notAfter, daysLeft: verdict.daysLeft, thresholdDays: verdict.thresholdDays, subject: cert.subject },
      }];
    });
  },
};
