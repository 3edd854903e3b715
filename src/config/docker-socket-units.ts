import type { ConfigFile, ConfigSource, Listener } from './config-observation.js';
import type { ConfigError } from './network-settings.js';
import { splitHostPort } from './listener-address.js';
import { listDirective, loadUnit } from './systemd-units.js';

/**
 * The sockets docker.socket hands to dockerd when it runs with `-H fd://`. A
 * `ListenStream=2375` there is a TCP listener as real as `-H tcp://0.0.0.0:2375`, though no
 * dockerd flag or daemon.json key says so.
 */
export function readDockerSocketUnit(root: string): { files: ConfigFile[]; listeners: Listener[]; found: boolean; errors: ConfigError[] } {
  const unit = loadUnit(root, 'docker.socket');
  const listeners: Listener[] = [];
  if (!unit.masked) {
    for (const entry of listDirective(unit.entries, 'Socket', 'ListenStream')) {
      const source: ConfigSource = { ...entry.file, line: entry.line, form: `ListenStream=${entry.value} in ${entry.fileLabel}` };
      listeners.push({ address: entry.value, ...listenStreamAddress(entry.value), source, origin: 'flag' });
    }
  }
  return { files: unit.files, listeners, found: unit.unitFile !== null && !unit.masked, errors: unit.errors };
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
