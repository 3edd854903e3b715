import { octalMode } from '../rule-support/file-checks.js';
import type { ConfigRule } from './rule.js';

/** root:docker 0660 or stricter (CIS Docker Benchmark 3.15–3.16): no bit outside rw-rw----. */
const ALLOWED_BITS = 0o660;

export const daemonSocketPermissions: ConfigRule = {
  id: 'daemon-socket-permissions',
  checkConfig({ daemon }) {
    const socket = daemon.socket;
    if (!socket?.stat) return [];
    const { mode, uid, gid } = socket.stat;
    // Group root is stricter than group docker; any other group hands the daemon to its members.
    const groupOk = gid === 0 || (daemon.dockerGroupGid !== null && gid === daemon.dockerGroupGid);
    const problems = [
      ...(uid !== 0 ? [`owned by uid ${uid}, not root`] : []),
      ...(!groupOk ? [`group ${gid} is neither root nor docker${daemon.dockerGroupGid === null ? ' (no docker group found in /etc/group)' : ` (${daemon.dockerGroupGid})`}`] : []),
      ...((mode & ~ALLOWED_BITS) !== 0 ? [`at mode ${octalMode(mode)}, more open than 0660`] : []),
    ];
    if (problems.length === 0) return [];
    return [{
      messageId: 'not-root-docker-0660',
      data: { socket: socket.systemPath, problems: problems.join(', ') },
      evidence: { mode: octalMode(mode), uid, gid, dockerGroupGid: daemon.dockerGroupGid },
      location: { path: socket.path, systemPath: socket.systemPath, line: null },
    }];
  },
};
