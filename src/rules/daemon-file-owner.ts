import { allowedGroups, expectedOwner, fixCommand, judgedProtectedFiles, PROTECTED_OBJECT_POLICY, protectedObjectsDecision } from '../rule-support/protected-object-policy.js';
import type { ConfigRule } from './rule.js';

/**
 * CIS Docker Benchmark 3.1, 3.3, 3.5, 3.7, 3.9, 3.11, 3.13, 3.15, 3.17, 3.19, 3.22, 3.23: each
 * section 3 object owned by root, in the group the benchmark names (rule-support/protected-object-policy.ts).
 * One finding per file, so several registry certificates are several findings.
 */
export const daemonFileOwner: ConfigRule = {
  id: 'daemon-file-owner',
  checkConfig(observation) {
    const { daemon } = observation;
    return judgedProtectedFiles(observation).flatMap((file) => {
      const { uid, gid } = file.stat;
      const groups = allowedGroups(file.object, daemon);
      if (uid === 0 && groups.includes(gid)) return [];
      const policy = PROTECTED_OBJECT_POLICY[file.object];
      const group = policy.group === 'docker'
        ? daemon.dockerGroupGid === null ? 'root (the docker group, accepted too, is not in /etc/group)' : `docker (gid ${daemon.dockerGroupGid}) or root`
        : 'root';
      return [{
        messageId: 'wrong-owner',
        data: { what: policy.label, file: file.systemPath, owner: `${uid}:${gid}`, expected: expectedOwner(file.object), group, stake: policy.stake, fix: fixCommand('chown', file, daemon) },
        evidence: { object: file.object, uid, gid, expectedOwner: expectedOwner(file.object), ...(policy.group === 'docker' ? { dockerGroupGid: daemon.dockerGroupGid } : {}) },
        location: { path: file.path, systemPath: file.systemPath, line: null },
      }];
    });
  },
  decides: protectedObjectsDecision,
};
