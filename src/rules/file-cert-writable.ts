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
      messageId: 'writable-by-others',
      data: { file: describePath(observation), role: ROLE_WORDS[observation.role], mode, access: describeGroupOtherAccess(stat.mode), fileWord: shellPath(observation.systemPath) },
      evidence: { mode, uid: stat.uid, gid: stat.gid, role: observation.role },
    }];
  },
};
