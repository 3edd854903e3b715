import { realpathSync } from 'node:fs';
import { lstatFacts } from '../filesystem/file-stat.js';
import { readConfigText } from '../filesystem/config-text.js';
import { resolveInsideRoot, rooted } from '../filesystem/audited-root.js';

/**
 * Which init system boots the audited system, because that decides which file starts dockerd:
 * under systemd, /etc/default/docker and /etc/conf.d/docker are ignored unless a unit names
 * them; under OpenRC or sysvinit, docker.service is just a file the package shipped.
 */
export type InitSystemKind = 'systemd' | 'openrc' | 'sysvinit' | 'upstart' | 'boot2docker' | 'unknown';

export interface InitSystem {
  kind: InitSystemKind;
  /** What told us, for messages: "/sbin/init -> /lib/systemd/systemd". */
  evidence: string;
}

export function detectInitSystem(root: string): InitSystem {
  // boot2docker (Tiny Core) boots with busybox init and starts dockerd from its own script,
  // configured by /var/lib/boot2docker/profile: that folder is the one mark it always has.
  if (exists(root, '/var/lib/boot2docker')) return { kind: 'boot2docker', evidence: '/var/lib/boot2docker exists' };
  // sd_booted(): the live system runs systemd exactly when this folder exists.
  if (root === '/' && exists(root, '/run/systemd/system')) return { kind: 'systemd', evidence: '/run/systemd/system exists (systemd is running)' };
  const target = finalTarget(root, '/sbin/init');
  if (target !== null && target !== '/sbin/init') {
    const evidence = `/sbin/init -> ${target}`;
    if (/\/systemd$/.test(target)) return { kind: 'systemd', evidence };
    if (/\/openrc-init$/.test(target)) return { kind: 'openrc', evidence };
    if (/\/upstart$/.test(target)) return { kind: 'upstart', evidence };
  }
  if (exists(root, '/sbin/openrc') || exists(root, '/sbin/openrc-run') || initScriptIs(root, /openrc-run/)) {
    return { kind: 'openrc', evidence: 'OpenRC is installed (/sbin/openrc or an openrc-run init script)' };
  }
  if (exists(root, '/sbin/initctl') && exists(root, '/etc/init/docker.conf')) return { kind: 'upstart', evidence: '/sbin/initctl and /etc/init/docker.conf exist' };
  if (lstatFacts(rooted(root, '/sbin/init').path)?.type === 'file' && exists(root, '/etc/inittab')) {
    return { kind: 'sysvinit', evidence: '/sbin/init is a program of its own, with /etc/inittab' };
  }
  return { kind: 'unknown', evidence: 'no /sbin/init link to systemd, OpenRC or upstart, and no /etc/inittab' };
}

/** Where a path's links lead on the audited system (inside the root), or null when it does not resolve. */
function finalTarget(root: string, systemPath: string): string | null {
  if (root === '/') {
    try {
      return realpathSync(systemPath);
    } catch {
      return null;
    }
  }
  const resolution = resolveInsideRoot(root, systemPath);
  return 'resolved' in resolution ? resolution.resolved.systemPath : null;
}

function exists(root: string, systemPath: string): boolean {
  return lstatFacts(rooted(root, systemPath).path) !== null;
}

function initScriptIs(root: string, shebang: RegExp): boolean {
  const read = readConfigText(root, rooted(root, '/etc/init.d/docker'));
  return read.found && read.text !== null && shebang.test(read.text.split('\n', 1)[0] ?? '');
}
