import { describeCertificate, servedNonRootCertificates } from '../rule-support/applicability.js';
import { checkCertificateKey } from '../rule-support/certificate-checks.js';
import type { EndpointRule } from './rule.js';

export const tlsWeakKey: EndpointRule = {
  id: 'tls-weak-key',
  checkEndpoint(observation) {
    return servedNonRootCertificates(observation).flatMap((cert) => {
      const verdict = checkCertificateKey(cert);
      if (!verdict) return [];
      return [{
        message: `${observation.target} serves a certificate with a weak ${verdict.reason}: ${describeCertificate(cert)}.`,
        evidence: { subject: cert.subject, keyType: verdict.keyType, keyBits: verdict.keyBits },
      }];
    });
  },
};
