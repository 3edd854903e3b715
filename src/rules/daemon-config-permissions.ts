import { octalMode } from '../rule-support/file-checks.js';
import type { ConfigRule } from './rule.js';

/** root-owned and 0644 or stricter: no permission bit outside rw-r--r-- (CIS Docker Benchmark 3.1–3.4, 3.17–3.18). */
const ALLOWED_BITS = 0o644;

export const daemonConfigPermissions: ConfigRule = {
  id: 'daemon-config-permissions',
  checkConfig({ daemon }) {
    return daemon.files.flatMap((file) => {
      const stat = file.stat;
      if (!stat || stat.type !== 'file') return [];
      const extraBits = stat.mode & ~ALLOWED_BITS;
      if (stat.uid === 0 && extraBits === 0) return [];
      const problems = [
        ...(stat.uid !== 0 ? [`owned by uid ${stat.uid}, not root`] : []),
        ...(extraBits !== 0 ? [`at mode ${octalMode(stat.mode)}, more open than 0644`] : []),
      ];
      return [{
        messageId: 'not-root-or-too-open',
        data: { file: file.systemPath, problems: problems.join(' and ') },
        evidence: { mode: octalMode(stat.mode), uid: stat.uid, gid: stat.gid, kind: file.kind },
        location: { path: file.path, systemPath: file.systemPath, line: null },
      }];
    });
  },
};
