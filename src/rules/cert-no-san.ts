import { leafOf } from '../rule-support/file-checks.js';
import type { FileRule } from './rule.js';

/** Go (the docker CLI) ignores the Common Name since 1.15: a server certificate names its host in SANs or not at all. */
export const certNoSan: FileRule = {
  id: 'cert-no-san',
  needsRoleOf: ['certificate'],
  checkFile(observation) {
    const leaf = leafOf(observation, 'server-cert');
    if (!leaf || leaf.sanDns.length > 0 || leaf.sanIp.length > 0) return [];
    return [{
      messageId: leaf.hasSan ? 'san-without-names' : 'no-san',
      data: { file: observation.systemPath, subject: leaf.subject || '(empty subject)' },
      evidence: { subject: leaf.subject, hasSan: leaf.hasSan },
    }];
  },
};
