import type { FileObservation } from '../files/file-observation.js';
import { isCertificateRole, isPrivateKey, ROLE_WORDS, shellPath } from '../rule-support/file-checks.js';
import type { FileRule } from './rule.js';

export const PERMISSION_DENIED = /EACCES|EPERM/;

function howToCheck(observation: FileObservation): string {
  const file = shellPath(observation.systemPath);
  const asCertificate = `\`openssl x509 -noout -text -in ${file}\``;
  const asKey = `\`openssl pkey -noout -in ${file}\``;
  if (isCertificateRole(observation.role)) return asCertificate;
  if (isPrivateKey(observation)) return asKey;
  return `${asCertificate} or ${asKey}`;
}

/**
 * A file that could not be read or parsed was not checked: saying so is the finding, so that
 * "nothing found" is never read into it. The collector only marks as unparseable what looks
 * like certificate or key material; a role-less file of kind 'other' is none of our business.
 */
export const certUnparseable: FileRule = {
  id: 'cert-unparseable',
  checkFile(observation) {
    const role = observation.role === 'unknown' ? 'a certificate or key file' : ROLE_WORDS[observation.role];
    if (observation.kind === 'unreadable') {
      const reason = observation.readError ?? 'unknown reason';
      // Refused to this scanner is not broken: the audit reports it under "could not check".
      if (PERMISSION_DENIED.test(reason)) return [];
      return [{
        messageId: 'unreadable',
        data: { file: observation.systemPath, role, reason },
        evidence: { readError: reason, role: observation.role },
      }];
    }
    if (observation.kind === 'unparseable') {
      const reason = observation.parseError ?? 'unknown reason';
      return [{
        messageId: 'unparseable',
        data: { file: observation.systemPath, role, reason, howToCheck: howToCheck(observation) },
        evidence: { parseError: reason, role: observation.role },
      }];
    }
    return [];
  },
};
