import type { FileObservation } from '../files/file-observation.js';
import { checkCertificateKey, checkWeakKey, type WeakKeyVerdict } from '../rule-support/certificate-checks.js';
import { describeFileCertificate } from '../rule-support/file-checks.js';
import type { FileRule, RuleHit } from './rule.js';

const FIX = 'Generate a new key of at least RSA 2048 bits or EC P-256 (`openssl genrsa -out key.pem 4096`) and reissue the certificate for it.';

function hit(verdict: WeakKeyVerdict, message: string, subject: string | null): RuleHit {
  return { message, evidence: { subject, keyType: verdict.keyType, keyBits: verdict.keyBits } };
}

/**
 * A key file is judged by itself only when no certificate beside it carries the same public
 * key: otherwise that certificate's finding already names the weak key, once.
 */
function weakKeyFile(observation: FileObservation): RuleHit[] {
  const key = observation.key;
  if (!key?.type || observation.pairMatches === true) return [];
  const verdict = checkWeakKey(key.type, key.bits);
  return verdict ? [hit(verdict, `${observation.systemPath} holds a weak private ${verdict.reason}. ${FIX}`, null)] : [];
}

export const certWeakKey: FileRule = {
  id: 'cert-weak-key',
  checkFile(observation) {
    const certificates = observation.certificates.flatMap((cert, index) => {
      const verdict = checkCertificateKey(cert);
      if (!verdict) return [];
      return [hit(verdict, `${observation.systemPath}: ${describeFileCertificate(observation, index)} has a weak ${verdict.reason}. ${FIX}`, cert.subject)];
    });
    return [...certificates, ...weakKeyFile(observation)];
  },
};
