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
  // With TLS on and a path left out, dockerd (run as root) takes it from /root/.docker: there,
  // cert.pem and key.pem are the daemon's server pair, not a client's.
  const tlsOn = daemon.tls.some((setting) => setting.value) || daemon.tlsverify.length > 0;
  const declaredBy = daemon.tlsverify[0]?.source ?? daemon.tls[0]?.source;
  if (tlsOn && declaredBy) {
    const defaults: Record<PathDirective, string> = { tlscacert: '/root/.docker/ca.pem', tlscert: '/root/.docker/cert.pem', tlskey: '/root/.docker/key.pem' };
    // The default CA matters only when clients are verified.
    const verifying = daemon.tlsverify.at(-1)?.value === true;
    for (const directive of ['tlscacert', 'tlscert', 'tlskey'] as const) {
      if (daemon[directive].length > 0 || (directive === 'tlscacert' && !verifying)) continue;
      hints.push({
        systemPath: defaults[directive],
        role: ROLE_OF[directive],
        namedBy: { path: declaredBy.path, systemPath: declaredBy.systemPath, line: declaredBy.line, what: `dockerd's default ${directive} (TLS on, no ${directive} given)` },
        ...(directive === 'tlscert' ? { ...(ca || verifying ? { caSystemPath: ca ?? defaults.tlscacert } : {}), keySystemPath: key ?? defaults.tlskey } : {}),
      });
    }
  }
  return hints;
}

function pick(settings: readonly Setting<string>[]): string | undefined {
  const chosen = settings.filter((setting) => setting.origin === 'flag').at(-1) ?? settings.at(-1);
  return chosen ? posix.resolve('/', chosen.value) : undefined;
}
