import type { DaemonConfig, Listener } from './config-observation.js';
import { lstatFacts } from '../filesystem/file-stat.js';
import { resolveInsideRoot } from '../filesystem/audited-root.js';

const DEFAULT_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock'];

/**
 * The unix socket dockerd serves, with lstat facts for the permission rules: the one a unix://
 * listener names, else the default. /var/run is usually a link to /run; under --root that link
 * is followed inside the root.
 */
export function daemonSocket(root: string, listeners: readonly Listener[], present: boolean): DaemonConfig['socket'] {
  const named = unixSocketPaths(listeners);
  const candidates = named.length > 0 ? named : DEFAULT_SOCKETS;
  for (const systemPath of candidates) {
    const resolution = resolveInsideRoot(root, systemPath, false);
    if ('error' in resolution) continue;
    const stat = lstatFacts(resolution.resolved.path);
    if (stat) return { path: resolution.resolved.path, systemPath, stat };
  }
  if (!present) return null;
  const fallback = resolveInsideRoot(root, candidates[0]!, false);
  const path = 'resolved' in fallback ? fallback.resolved.path : candidates[0]!;
  return { path, systemPath: candidates[0]!, stat: null };
}

/**
 * Every unix socket the listeners name (unix:// flags and daemon.json hosts, docker.socket's
 * ListenStream= paths), in order, each once: dockerd serves the API on all of them.
 */
export function unixSocketPaths(listeners: readonly Listener[]): string[] {
  const paths = listeners
    .filter((listener) => listener.scheme === 'unix')
    .map((listener) => listener.address.replace(/^unix:\/\//, ''))
    .filter((path) => path.startsWith('/'));
  return [...new Set(paths)];
}
