import { octalMode } from '../rule-support/file-checks.js';
import { expectedMode, fixCommand, judgedProtectedFiles, PROTECTED_OBJECT_POLICY, protectedObjectsDecision } from '../rule-support/protected-object-policy.js';
import type { ConfigRule } from './rule.js';

/**
 * CIS Docker Benchmark 3.2, 3.4, 3.6, 3.8, 3.10, 3.12, 3.14, 3.16, 3.18, 3.20, 3.21, 3.24: no
 * permission bit beyond the most open mode the benchmark allows each section 3 object
 * (rule-support/protected-object-policy.ts). One finding per file.
 */
export const daemonFileMode: ConfigRule = {
  id: 'daemon-file-mode',
  checkConfig(observation) {
    return judgedProtectedFiles(observation).flatMap((file) => {
      const policy = PROTECTED_OBJECT_POLICY[file.object];
      const mode = file.stat.mode & 0o7777;
      const extra = mode & ~policy.maxMode;
      if (extra === 0) return [];
      return [{
        messageId: 'too-open',
        data: { what: policy.label, file: file.systemPath, mode: octalMode(mode), expected: expectedMode(file.object), extra: octalMode(extra), stake: policy.stake, fix: fixCommand('chmod', file, observation.daemon) },
        evidence: { object: file.object, mode: octalMode(mode), maxMode: expectedMode(file.object), extraBits: octalMode(extra), uid: file.stat.uid, gid: file.stat.gid },
        location: { path: file.path, systemPath: file.systemPath, line: null },
      }];
    });
  },
  decides: protectedObjectsDecision,
};
