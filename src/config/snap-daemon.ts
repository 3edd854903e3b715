import { emptyStartup, type DaemonStartup } from './daemon-startup.js';
import { lstatFacts } from '../filesystem/file-stat.js';
import { rooted } from '../filesystem/audited-root.js';

/** Where the Docker snap keeps its daemon.json: $SNAP_DATA/config/daemon.json. */
export const SNAP_DAEMON_JSON = '/var/snap/docker/current/config/daemon.json';

/**
 * The Docker snap's dockerd: snapd starts snap.docker.dockerd, whose wrapper runs
 * `dockerd --config-file=$SNAP_DATA/config/daemon.json` (and no -H of its own), so that file is
 * where its listeners and TLS are set. null when the snap is not installed.
 */
export function readSnapDaemon(root: string): DaemonStartup | null {
  const installed = ['/snap/docker', '/var/snap/docker'].some((path) => lstatFacts(rooted(root, path).path) !== null);
  if (!installed) return null;
  const startup = emptyStartup('the Docker snap (snap.docker.dockerd, --config-file /var/snap/docker/current/config/daemon.json)', SNAP_DAEMON_JSON);
  startup.present = true;
  return startup;
}
