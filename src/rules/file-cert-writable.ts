import { describeGroupOtherAccess, describePath, GROUP_OTHER_WRITE, isCertificateRole, octalMode, regularFileStat, ROLE_WORDS, shellPath } from '../rule-support/file-checks.js';
import type { FileRule } from './rule.js';

export const fileCertWritable: FileRule = {
  id: 'file-cert-writable',
  needsRoleOf: ['certificate'],
  checkFile(observation) {
    const stat = regularFileStat(observation);
    if (!stat || !isCertificateRole(observation.role) || (stat.mode & GROUP_OTHER_WRITE) === 0) return [];
    const mode = octalMode(stat.mode);
    return [{
      message: `${describePath(observation)} is ${ROLE_WORDS[observation.role]} with mode ${mode} (${describeGroupOtherAccess(stat.mode)}); whoever can write it can swap in a certificate of their own. Run \`chmod 0444 ${shellPath(observation.systemPath)}\`.`,
      evidence: { mode, uid: stat.uid, gid: stat.gid, role: observation.role },
    }];
  },
};
