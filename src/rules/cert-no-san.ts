import { leafOf } from '../rule-support/file-checks.js';
import type { FileRule } from './rule.js';

/** Go (the docker CLI) ignores the Common Name since 1.15: a server certificate names its host in SANs or not at all. */
export const certNoSan: FileRule = {
  id: 'cert-no-san',
  needsRoleOf: ['certificate'],
  checkFile(observation) {
    const leaf = leafOf(observation, 'server-cert');
    if (!leaf || leaf.sanDns.length > 0 || leaf.sanIp.length > 0) return [];
    const what = leaf.hasSan ? 'has a subjectAltName with no DNS name or IP address in it' : 'has no subjectAltName';
    return [{
      message: `${observation.systemPath}: the daemon's server certificate ${leaf.subject || '(empty subject)'} ${what}; the docker CLI ignores the Common Name and refuses it. Reissue it with \`subjectAltName = DNS:<host>,IP:<address>\` in the extfile.`,
      evidence: { subject: leaf.subject, hasSan: leaf.hasSan },
    }];
  },
};
