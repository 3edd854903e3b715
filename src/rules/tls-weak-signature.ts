import type { CertificateFacts } from '../x509/certificate-facts.js';
import { describeCertificate, servedNonRootCertificates } from './applicability.js';
import type { EndpointRule } from './rule.js';

const WEAK_HASHES = new Set(['sha1', 'md5', 'md4', 'md2']);

export function hasWeakSignature(cert: CertificateFacts): boolean {
  return cert.signatureHash !== null && WEAK_HASHES.has(cert.signatureHash);
}

export const tlsWeakSignature: EndpointRule = {
  id: 'tls-weak-signature',
  checkEndpoint(observation) {
    // A self-signed root's own signature is never checked by clients, so only leaf and intermediates count.
    return servedNonRootCertificates(observation).filter(hasWeakSignature).map((cert) => ({
      message: `${observation.target} serves a certificate signed with ${cert.signatureAlgorithm}: ${describeCertificate(cert)}.`,
      evidence: { subject: cert.subject, signatureAlgorithm: cert.signatureAlgorithm },
    }));
  },
};
