import type { CertificateFacts } from '../x509/certificate-facts.js';
import { describeCertificate, servedNonRootCertificates } from './applicability.js';
import type { EndpointRule } from './rule.js';

const MINIMUM_BITS: Partial<Record<CertificateFacts['publicKeyType'], number>> = { rsa: 2048, 'rsa-pss': 2048, ec: 256 };

export function weakKeyReason(cert: CertificateFacts): string | null {
  if (cert.publicKeyType === 'dsa') return `DSA key${cert.publicKeyBits ? ` (${cert.publicKeyBits} bits)` : ''}`;
  const minimum = MINIMUM_BITS[cert.publicKeyType];
  if (minimum && cert.publicKeyBits !== null && cert.publicKeyBits < minimum) {
    return `${cert.publicKeyType.toUpperCase()} key of ${cert.publicKeyBits} bits (minimum ${minimum})`;
  }
  return null;
}

export const tlsWeakKey: EndpointRule = {
  id: 'tls-weak-key',
  checkEndpoint(observation) {
    return servedNonRootCertificates(observation).flatMap((cert) => {
      const reason = weakKeyReason(cert);
      if (!reason) return [];
      return [{
        message: `${observation.target} serves a certificate with a weak ${reason}: ${describeCertificate(cert)}.`,
        evidence: { subject: cert.subject, keyType: cert.publicKeyType, keyBits: cert.publicKeyBits },
      }];
    });
  },
};
