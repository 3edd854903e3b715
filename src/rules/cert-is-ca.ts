import { checkLeafIsCa } from '../rule-support/certificate-checks.js';
import { leafOf, ROLE_WORDS } from '../rule-support/file-checks.js';
import type { FileRule } from './rule.js';

/** Role-bound: only a file known to be a server or client certificate should not be a CA. */
export const certIsCa: FileRule = {
  id: 'cert-is-ca',
  needsRoleOf: ['certificate'],
  checkFile(observation) {
    const leaf = leafOf(observation, 'server-cert', 'client-cert');
    const verdict = leaf && checkLeafIsCa(leaf);
    if (!leaf || !verdict) return [];
    return [{
      message: `${observation.systemPath} is ${ROLE_WORDS[observation.role]} but says CA:TRUE: whoever holds its key can sign further certificates that peers trusting the same CA would accept. Reissue it with \`basicConstraints = CA:FALSE\` in the extfile.`,
      evidence: { subject: leaf.subject, basicConstraintsCA: verdict.basicConstraintsCA, role: observation.role },
    }];
  },
};
