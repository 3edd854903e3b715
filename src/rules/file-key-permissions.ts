import { describeGroupOtherAccess, describePath, GROUP_OTHER_ANY, isPrivateKey, octalMode, regularFileStat, shellPath } from '../rule-support/file-checks.js';
import type { FileRule } from './rule.js';

export const fileKeyPermissions: FileRule = {
  id: 'file-key-permissions',
  checkFile(observation) {
    const stat = regularFileStat(observation);
    if (!stat || !isPrivateKey(observation) || (stat.mode & GROUP_OTHER_ANY) === 0) return [];
    const mode = octalMode(stat.mode);
    return [{
      messageId: 'readable-by-others',
      data: { file: describePath(observation), mode, access: describeGroupOtherAccess(stat.mode), fileWord: shellPath(observation.systemPath) },
      evidence: { mode, uid: stat.uid, gid: stat.gid, role: observation.role },
    }];
  },
};
