import type { FileObservation } from '../files/file-observation.js';
import { describeCertificate, servedNonRootCertificates } from '../rule-support/applicability.js';
import { checkCertificateKey, checkWeakKey } from '../rule-support/certificate-checks.js';
import { describeFileCertificate } from '../rule-support/file-checks.js';
import type { EndpointRule, FileRule, RuleHit } from './rule.js';

/** One check, two places: the certificates a live endpoint serves, and the certificates and keys in a file. */

export const tlsWeakKey: EndpointRule = {
  id: 'tls-weak-key',
  checkEndpoint(observation) {
    return servedNonRootCertificates(observation).flatMap((cert) => {
      const verdict = checkCertificateKey(cert);
      if (!verdict) return [];
      return [{
        messageId: 'weak-key',
        data: { target: observation.target, reason: verdict.reason, certificate: describeCertificate(cert) },
        evidence: { subject: cert.subject, keyType: verdict.keyType, keyBits: verdict.keyBits },
      }];
    });
  },
};

/**
 * A key file is judged by itself only when no certificate beside it carries the same public
 * key: otherwise that certificate's finding already names the weak key, once.
 */
function weakKeyFile(observation: FileObservation): RuleHit[] {
  const key = observation.key;
  if (!key?.type || observation.pairMatches === true) return [];
  const verdict = checkWeakKey(key.type, key.bits);
  if (!verdict) return [];
  return [{
    messageId: 'weak-key-file',
    data: { file: observation.systemPath, reason: verdict.reason },
    evidence: { subject: null, keyType: verdict.keyType, keyBits: verdict.keyBits },
  }];
}

export const certWeakKey: FileRule = {
  id: 'cert-weak-key',
  checkFile(observation) {
    const certificates = observation.certificates.flatMap((cert, index): RuleHit[] => {
      const verdict = checkCertificateKey(cert);
      if (!verdict) return [];
      return [{
        messageId: 'weak-certificate-key',
        data: { file: observation.systemPath, certificate: describeFileCertificate(observation, index), reason: verdict.reason },
        evidence: { subject: cert.subject, keyType: verdict.keyType, keyBits: verdict.keyBits },
      }];
    });
    return [...certificates, ...weakKeyFile(observation)];
  },
};
