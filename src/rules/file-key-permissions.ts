import { describeGroupOtherAccess, describePath, GROUP_OTHER_ANY, isPrivateKey, octalMode, regularFileStat, shellPath } from '../rule-support/file-checks.js';
import type { FileRule } from './rule.js';

export const fileKeyPermissions: FileRule = {
  id: 'file-key-permissions',
  checkFile(observation) {
    const stat = regularFileStat(observation);
    if (!stat || !isPrivateKey(observation) || (stat.mode & GROUP_OTHER_ANY) === 0) return [];
    const mode = octalMode(stat.mode);
    return [{
      message: `${describePath(observation)} is a private key with mode ${mode} (${describeGroupOtherAccess(stat.mode)}); anyone who can read it can act as its owner. Run \`chmod 0400 ${shellPath(observation.systemPath)}\`.`,
      evidence: { mode, uid: stat.uid, gid: stat.gid, role: observation.role },
    }];
  },
};
