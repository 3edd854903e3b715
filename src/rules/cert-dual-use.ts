import { leafOf } from '../rule-support/file-checks.js';
import { decisionUnlessMalformed, malformedExtension } from '../rule-support/malformed-extension.js';
import { defaultFileDecision } from '../rule-engine/default-decision.js';
import type { FileRule } from './rule.js';

/**
 * One leaf good for both ends (as the CoreOS guide makes them) lets a stolen client key serve
 * as the daemon, and the daemon's key log in as a client. An absent extension is not counted:
 * that is "any purpose" by omission, not a certificate issued for both.
 */
export const certDualUse: FileRule = {
  id: 'cert-dual-use',
  needsRoleOf: ['certificate'],
  checkFile(observation) {
    const leaf = leafOf(observation, 'server-cert', 'client-cert');
    const usages = leaf?.extendedKeyUsage;
    if (!leaf || !usages || malformedExtension(leaf, 'extendedKeyUsage')) return [];
    const both = (usages.includes('serverAuth') && usages.includes('clientAuth')) || usages.includes('anyExtendedKeyUsage');
    if (!both) return [];
    const wanted = observation.role === 'server-cert' ? 'serverAuth' : 'clientAuth';
    return [{
      messageId: 'dual-use',
      data: { file: observation.systemPath, subject: leaf.subject || '(empty subject)', usages: usages.join(', '), wanted },
      evidence: { subject: leaf.subject, extendedKeyUsage: usages, role: observation.role },
    }];
  },
  decides: (observation) => decisionUnlessMalformed(leafOf(observation, 'server-cert', 'client-cert'), 'extendedKeyUsage', () => defaultFileDecision(observation)),
};
