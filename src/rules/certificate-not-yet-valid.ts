import { serverLeaf } from '../rule-support/applicability.js';
import { checkNotYetValid } from '../rule-support/certificate-checks.js';
import { datesMatter, describeFileCertificate } from '../rule-support/file-checks.js';
import type { EndpointRule, FileRule } from './rule.js';

/** One check, two places: the certificate a live endpoint serves, and every certificate in a file. */

export const tlsCertNotYetValid: EndpointRule = {
  id: 'tls-cert-not-yet-valid',
  checkEndpoint(observation, { now }) {
    const leaf = serverLeaf(observation);
    const verdict = leaf && checkNotYetValid(leaf, now);
    if (!leaf || !verdict) return [];
    return [{
      messageId: 'not-yet-valid',
      data: { target: observation.target, notBefore: verdict.notBefore },
      evidence: { notBefore: verdict.notBefore, checkedAt: verdict.checkedAt, subject: leaf.subject },
    }];
  },
};

export const certNotYetValid: FileRule = {
  id: 'cert-not-yet-valid',
  checkFile(observation, { now }) {
    return observation.certificates.flatMap((cert, index) => {
      if (!datesMatter(observation, index)) return [];
      const verdict = checkNotYetValid(cert, now);
      if (!verdict) return [];
      return [{
        messageId: 'not-yet-valid',
        data: { file: observation.systemPath, certificate: describeFileCertificate(observation, index), notBefore: verdict.notBefore },
        evidence: { notBefore: verdict.notBefore, checkedAt: verdict.checkedAt, subject: cert.subject },
      }];
    });
  },
};
