import type { ConfigSource, Listener } from './config-observation.js';
import { splitShellWords } from './shell-words.js';

/**
 * Ports rootlesskit publishes from the host into a rootless dockerd's network namespace. A
 * rootless dockerd's `-H tcp://0.0.0.0:2376` listens inside that namespace; what the network
 * reaches is what `-p [parentIP:]parentPort:childPort[/proto]` in
 * DOCKERD_ROOTLESS_ROOTLESSKIT_FLAGS publishes on the host, as Docker's rootless guide sets it
 * up for remote access.
 */
export function rootlesskitPublishedPorts(flags: string, source: Omit<ConfigSource, 'form'>): Listener[] {
  const listeners: Listener[] = [];
  const words = splitShellWords(flags).words.map((word) => word.text);
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    let spec: string | undefined;
    if (word === '-p' || word === '--publish') spec = words[++index];
    else if (/^(-p|--publish)=/.test(word)) spec = word.slice(word.indexOf('=') + 1);
    else if (/^-p[^-]/.test(word)) spec = word.slice(2);
    if (spec === undefined) continue;
    const published = parsePortSpec(spec);
    if (!published) continue;
    listeners.push({
      address: `tcp://${published.host.includes(':') ? `[${published.host}]` : published.host}:${published.port}`,
      scheme: 'tcp',
      host: published.host,
      port: published.port,
      source: { ...source, form: `rootlesskit -p ${spec} in DOCKERD_ROOTLESS_ROOTLESSKIT_FLAGS` },
      origin: 'flag',
    });
  }
  return listeners;
}

/** "0.0.0.0:2376:2376/tcp", "[::]:2376:2376", "2376:2376"; null for UDP or what is not a spec. */
function parsePortSpec(spec: string): { host: string; port: number } | null {
  const [body, proto = 'tcp'] = spec.split('/');
  if (proto !== 'tcp' || !body) return null;
  const match = /^(?:(\[[^\]]*\]|[^:]*):)?(\d+):(\d+)$/.exec(body);
  if (!match) return null;
  // With no parent IP rootlesskit binds every interface.
  const host = (match[1] ?? '0.0.0.0').replace(/^\[|\]$/g, '') || '0.0.0.0';
  return { host, port: Number(match[2]) };
}
