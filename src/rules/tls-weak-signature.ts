import { describeCertificate, servedNonRootCertificates } from '../rule-support/applicability.js';
import { checkWeakSignature } from '../rule-support/certificate-checks.js';
import type { EndpointRule } from './rule.js';

export const tlsWeakSignature: EndpointRule = {
  id: 'tls-weak-signature',
  checkEndpoint(observation) {
    // A self-signed root's own signature is never checked by clients, so only leaf and intermediates count.
    return servedNonRootCertificates(observation).flatMap((cert) => {
      const verdict = checkWeakSignature(cert);
      if (!verdict) return [];
      return [{
        message: `${observation.target} serves a certificate signed with ${verdict.signatureAlgorithm}: ${describeCertificate(cert)}.`,
        evidence: { subject: cert.subject, signatureAlgorithm: verdict.signatureAlgorithm },
      }];
    });
  },
};
