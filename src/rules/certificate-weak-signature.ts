import { describeCertificate, servedNonRootCertificates } from '../rule-support/applicability.js';
import { checkWeakSignature } from '../rule-support/certificate-checks.js';
import { describeFileCertificate } from '../rule-support/file-checks.js';
import type { EndpointRule, FileRule } from './rule.js';

/**
 * One check, two places. A self-signed certificate's own signature is never checked by clients
 * (it is trusted as is), so only leaf and intermediates count.
 */

export const tlsWeakSignature: EndpointRule = {
  id: 'tls-weak-signature',
  checkEndpoint(observation) {
    return servedNonRootCertificates(observation).flatMap((cert) => {
      const verdict = checkWeakSignature(cert);
      if (!verdict) return [];
      return [{
        messageId: 'weak-signature',
        data: { target: observation.target, signatureAlgorithm: verdict.signatureAlgorithm, certificate: describeCertificate(cert) },
        evidence: { subject: cert.subject, signatureAlgorithm: verdict.signatureAlgorithm },
      }];
    });
  },
};

export const certWeakSignature: FileRule = {
  id: 'cert-weak-signature',
  checkFile(observation) {
    return observation.certificates.flatMap((cert, index) => {
      const verdict = cert.selfSigned ? null : checkWeakSignature(cert);
      if (!verdict) return [];
      return [{
        messageId: 'weak-signature',
        data: { file: observation.systemPath, certificate: describeFileCertificate(observation, index), signatureAlgorithm: verdict.signatureAlgorithm },
        evidence: { subject: cert.subject, signatureAlgorithm: verdict.signatureAlgorithm },
      }];
    });
  },
};
