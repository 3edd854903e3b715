import type { Listener } from './config-observation.js';

/** Hosts on which dockerd binds every interface (an omitted host is localhost, not this). */
const ALL_INTERFACES = new Set(['0.0.0.0', '::', '[::]']);

export function bindsAllInterfaces(host: string | null): boolean {
  return ALL_INTERFACES.has(host ?? '');
}

export const PLAIN_PORT = 2375;
export const TLS_PORT = 2376;

/**
 * Reads a `-H`/"hosts" address as dockerd's opts.ParseHost does: spaces trimmed, no scheme
 * means tcp, and a tcp address without a port gets 2376 when TLS is on, 2375 otherwise.
 * An omitted tcp host stays "" here; note that dockerd binds it to "localhost", not to every
 * interface.
 */
export function parseListenerAddress(written: string, tlsOn: boolean): Pick<Listener, 'scheme' | 'host' | 'port'> {
  const address = written.trim();
  const separator = address.indexOf('://');
  const scheme = separator === -1 ? 'tcp' : address.slice(0, separator).toLowerCase();
  const rest = separator === -1 ? address : address.slice(separator + 3);
  switch (scheme) {
    case 'tcp': {
      const { host, port, portWritten } = splitHostPort(rest.split('/')[0]!);
      // A port that is written but not a number stays null: dockerd refuses it, and we do not guess.
      return { scheme: 'tcp', host, port: portWritten ? port : tlsOn ? TLS_PORT : PLAIN_PORT };
    }
    case 'unix':
    case 'fd':
    case 'npipe':
    case 'ssh':
      return { scheme, host: null, port: null };
    default:
      return { scheme: 'other', host: null, port: null };
  }
}

/** "0.0.0.0:2375", "[::]:2376", ":2375", "host" into a host without brackets and a port (null when absent). */
export function splitHostPort(authority: string): { host: string; port: number | null; portWritten: boolean } {
  let host: string;
  let portText: string;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    host = authority.slice(1, close === -1 ? undefined : close);
    portText = close === -1 ? '' : authority.slice(close + 1).replace(/^:/, '');
  } else if (authority.split(':').length > 2) {
    // An unbracketed IPv6 literal: dockerd would reject it; keep it whole rather than guess a port.
    host = authority;
    portText = '';
  } else {
    const colon = authority.lastIndexOf(':');
    host = colon === -1 ? authority : authority.slice(0, colon);
    portText = colon === -1 ? '' : authority.slice(colon + 1);
  }
  const port = /^\d{1,5}$/.test(portText) && Number(portText) <= 65535 ? Number(portText) : null;
  return { host, port, portWritten: portText !== '' };
}
