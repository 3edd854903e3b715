import { serverLeaf } from '../rule-support/applicability.js';
import { checkExpiring } from '../rule-support/certificate-checks.js';
import { datesMatter, describeFileCertificate } from '../rule-support/file-checks.js';
import type { EndpointRule, FileRule } from './rule.js';

/** One check, two places: the certificate a live endpoint serves, and every certificate in a file. */

export const tlsCertExpiring: EndpointRule = {
  id: 'tls-cert-expiring',
  checkEndpoint(observation, { now, params }) {
    const leaf = serverLeaf(observation);
    const verdict = leaf && checkExpiring(leaf, now, Number(params.days));
    if (!verdict) return [];
    return [{
      messageId: 'expiring',
      data: { target: observation.target, daysLeft: verdict.daysLeft, notAfter: verdict.notAfter },
      evidence: { notAfter: verdict.notAfter, daysLeft: verdict.daysLeft, thresholdDays: verdict.thresholdDays },
    }];
  },
};

export const certExpiring: FileRule = {
  id: 'cert-expiring',
  checkFile(observation, { now, params }) {
    return observation.certificates.flatMap((cert, index) => {
      if (!datesMatter(observation, index)) return [];
      const verdict = checkExpiring(cert, now, Number(params.days));
      if (!verdict) return [];
      return [{
        messageId: 'expiring',
        data: { file: observation.systemPath, certificate: describeFileCertificate(observation, index), daysLeft: verdict.daysLeft, notAfter: verdict.notAfter },
        evidence: { notAfter: verdict.notAfter, daysLeft: verdict.daysLeft, thresholdDays: verdict.thresholdDays, subject: cert.subject },
      }];
    });
  },
};
