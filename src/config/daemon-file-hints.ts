import { posix } from 'node:path';
import type { FileRole, FileRoleHint } from '../files/file-observation.js';
import type { DaemonConfig, Setting } from './config-observation.js';
import type { PathDirective } from './network-settings.js';

const ROLE_OF: Record<PathDirective, FileRole> = { tlscacert: 'ca-cert', tlscert: 'server-cert', tlskey: 'server-key' };

/**
 * What the daemon's config names each TLS file as. A daemon's `tlscert` is a server
 * certificate whatever it is called (`/etc/docker/ssl/cert.pem` included), which file names
 * alone would get wrong.
 */
export function daemonFileHints(daemon: DaemonConfig): FileRoleHint[] {
  const hints: FileRoleHint[] = [];
  const seen = new Set<string>();
  const ca = pick(daemon.tlscacert);
  const key = pick(daemon.tlskey);
  for (const directive of ['tlscacert', 'tlscert', 'tlskey'] as const) {
    for (const setting of daemon[directive]) {
      // dockerd runs from / under systemd, so a relative path is relative to /.
      const systemPath = posix.resolve('/', setting.value);
      const role = ROLE_OF[directive];
      if (seen.has(`${role} ${systemPath}`)) continue;
      seen.add(`${role} ${systemPath}`);
      const where = setting.origin === 'json' ? 'in daemon.json' : `flag (${setting.source.form})`;
      hints.push({
        systemPath,
        role,
        namedBy: { path: setting.source.path, systemPath: setting.source.systemPath, line: setting.source.line, what: `${directive} ${where}` },
        ...(directive === 'tlscert' && ca ? { caSystemPath: ca } : {}),
        ...(directive === 'tlscert' && key ? { keySystemPath: key } : {}),
      });
    }
  }
  return hints;
}

function pick(settings: readonly Setting<string>[]): string | undefined {
  const chosen = settings.filter((setting) => setting.origin === 'flag').at(-1) ?? settings.at(-1);
  return chosen ? posix.resolve('/', chosen.value) : undefined;
}
