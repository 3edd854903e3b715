import { serverLeaf } from '../rule-support/applicability.js';
import { checkExpired } from '../rule-support/certificate-checks.js';
import { datesMatter, describeFileCertificate } from '../rule-support/file-checks.js';
import type { EndpointRule, FileRule } from './rule.js';

/** One check, two places: the certificate a live endpoint serves, and every certificate in a file. */

export const tlsCertExpired: EndpointRule = {
  id: 'tls-cert-expired',
  checkEndpoint(observation, { now }) {
    const leaf = serverLeaf(observation);
    const verdict = leaf && checkExpired(leaf, now);
    if (!leaf || !verdict) return [];
    return [{
      messageId: 'expired',
      data: { target: observation.target, notAfter: verdict.notAfter },
      evidence: { notAfter: verdict.notAfter, checkedAt: verdict.checkedAt, subject: leaf.subject },
    }];
  },
};

export const certExpired: FileRule = {
  id: 'cert-expired',
  checkFile(observation, { now }) {
    return observation.certificates.flatMap((cert, index) => {
      if (!datesMatter(observation, index)) return [];
      const verdict = checkExpired(cert, now);
      if (!verdict) return [];
      return [{
        messageId: 'expired',
        data: { file: observation.systemPath, certificate: describeFileCertificate(observation, index), notAfter: verdict.notAfter },
        evidence: { notAfter: verdict.notAfter, checkedAt: verdict.checkedAt, subject: cert.subject },
      }];
    });
  },
};
