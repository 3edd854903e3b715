import { checkWeakSignature } from '../rule-support/certificate-checks.js';
import { describeFileCertificate } from '../rule-support/file-checks.js';
import type { FileRule } from './rule.js';

export const certWeakSignature: FileRule = {
  id: 'cert-weak-signature',
  checkFile(observation) {
    return observation.certificates.flatMap((cert, index) => {
      // A self-signed certificate's own signature proves nothing and is never checked: it is trusted as is.
      const verdict = cert.selfSigned ? null : checkWeakSignature(cert);
      if (!verdict) return [];
      return [{
        message: `${observation.systemPath}: ${describeFileCertificate(observation, index)} is signed with ${verdict.signatureAlgorithm}, which can be forged. Reissue it with SHA-256: \`openssl x509 -req -sha256 ...\`.`,
        evidence: { subject: cert.subject, signatureAlgorithm: verdict.signatureAlgorithm },
      }];
    });
  },
};
