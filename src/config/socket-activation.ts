import { readdirSync } from 'node:fs';
import type { ConfigFile, ConfigSource, Listener, UnreadSetting } from './config-observation.js';
import type { ConfigError } from './network-settings.js';
import { splitHostPort } from './listener-address.js';
import { resolveInsideRoot } from '../filesystem/audited-root.js';
import { listDirective, loadUnit, UNIT_DIRECTORIES } from './systemd-units.js';

/**
 * The sockets systemd hands to dockerd when it runs with `-H fd://`: docker.socket, and any
 * other socket unit whose `Service=` is docker.service. Flatcar and CoreOS document opening the
 * API exactly so (`docker-tcp.socket` with `ListenStream=2375`, `docker-tls-tcp.socket` with
 * 2376): a TCP listener as real as `-H tcp://0.0.0.0:2375`, though no dockerd flag or daemon.json
 * key says so.
 */
export function readDockerSockets(root: string): { files: ConfigFile[]; listeners: Listener[]; found: boolean; errors: ConfigError[]; unreadSettings: UnreadSetting[] } {
  const result = { files: [] as ConfigFile[], listeners: [] as Listener[], found: false, errors: [] as ConfigError[], unreadSettings: [] as UnreadSetting[] };
  for (const name of socketUnitNames(root)) {
    const unit = loadUnit(root, name);
    if (unit.unitFile === null || unit.masked) continue;
    const service = listDirective(unit.entries, 'Socket', 'Service').at(-1)?.value.trim();
    // A socket activates the service of its own name unless Service= says otherwise.
    const activates = service ?? name.replace(/\.socket$/, '.service');
    if (activates !== 'docker.service') continue;
    result.found = true;
    result.files.push(...unit.files);
    result.errors.push(...unit.errors);
    // A drop-in folder we could not list may add a ListenStream= of any kind.
    result.unreadSettings.push(...unit.unreadSettings);
    for (const entry of listDirective(unit.entries, 'Socket', 'ListenStream')) {
      const source: ConfigSource = { ...entry.file, line: entry.line, form: `ListenStream=${entry.value} in ${entry.fileLabel}` };
      result.listeners.push({ address: entry.value, ...listenStreamAddress(entry.value), source, origin: 'flag' });
    }
  }
  return result;
}

/** Every *.socket file name in the unit folders, docker.socket first. */
function socketUnitNames(root: string): string[] {
  const names = new Set<string>(['docker.socket']);
  for (const directory of UNIT_DIRECTORIES) {
    const resolution = resolveInsideRoot(root, directory);
    if ('error' in resolution) continue;
    try {
      for (const name of readdirSync(resolution.resolved.path).sort()) if (name.endsWith('.socket')) names.add(name);
    } catch {
      // A unit folder that is missing holds no sockets; one we may not list is reported by loadUnit's own reads.
    }
  }
  return [...names];
}

function listenStreamAddress(value: string): Pick<Listener, 'scheme' | 'host' | 'port'> {
  if (value.startsWith('/')) return { scheme: 'unix', host: null, port: null };
  // A bare port listens on every interface (systemd binds [::] dual-stack).
  if (/^\d+$/.test(value)) return { scheme: 'tcp', host: '::', port: Number(value) };
  if (/^(\[[^\]]*\]|[^:/@]+):\d+$/.test(value)) {
    const { host, port } = splitHostPort(value);
    return { scheme: 'tcp', host, port };
  }
  return { scheme: 'other', host: null, port: null };
}
