import { lstatFacts } from '../filesystem/file-stat.js';
import { rooted } from '../filesystem/audited-root.js';

/**
 * Signs that dockerd is installed and meant to run here, whatever starts it. When one is found
 * but no start-up dockprobe reads explains how dockerd runs, the report must say "could not
 * tell", never "not configured": a runit service or a hand-written script may open TCP too.
 */
const SIGNS = [
  '/usr/bin/dockerd',
  '/usr/sbin/dockerd',
  '/usr/local/bin/dockerd',
  '/usr/local/sbin/dockerd',
  '/bin/dockerd',
  '/etc/init.d/docker',
  '/etc/rc.d/init.d/docker',
  '/etc/init/docker.conf',
  '/etc/sv/docker',
  '/etc/service/docker',
  '/etc/s6-overlay/s6-rc.d/docker',
  '/etc/supervisor/conf.d/docker.conf',
];

/** The paths that show dockerd is installed, as the audited system names them. */
export function dockerdInstallSigns(root: string): string[] {
  return SIGNS.filter((systemPath) => lstatFacts(rooted(root, systemPath).path) !== null);
}
