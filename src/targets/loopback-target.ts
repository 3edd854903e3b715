import { canonicalIp } from './ip-address.js';

/** "host:port" or "[v6]:port", as EndpointObservation.target writes it. */
const TARGET = /^(?:\[([^\]]+)\]|([^:]+)):\d+$/;

/**
 * Whether a "host:port" target is this machine's own loopback (127.0.0.0/8, ::1, localhost):
 * the same words name a different daemon on every machine that probes them.
 */
export function isLoopbackTarget(target: string): boolean {
  const match = TARGET.exec(target);
  if (!match) return false;
  const host = (match[1] ?? match[2]!).toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const ip = canonicalIp(host);
  if (ip === null) return false;
  if (ip === '::1') return true;
  // IPv4 and IPv4-mapped IPv6 (::ffff:127.0.0.1).
  return /^(?:::ffff:)?127\./.test(ip);
}
