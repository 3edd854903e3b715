import { isIPv4, isIPv6 } from 'node:net';
import { UsageError } from '../usage-error.js';
import { canonicalIp, ipv4ToNumber, ipv6ToBigInt } from './ip-address.js';
import { redactUrlCredentials } from '../redact-url-credentials.js';
import type { TargetSource, TargetSpec } from './target-spec.js';

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

export function parsePort(text: string, input: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    throw new UsageError(`target "${input}": port "${text}" is not a port number; use 1-65535`);
  }
  return Number(text);
}

/**
 * Reads one target the way users write them: host, host:port, [v6]:port, bare v6, CIDR (v4 or
 * v6), and the tcp:// or https:// forms of DOCKER_HOST.
 */
export function parseTarget(raw: string, source: TargetSource | null = null): TargetSpec {
  // Error messages quote the input: never with a password in it.
  const input = redactUrlCredentials(raw.trim());
  const where = source ? ` (${source.file}:${source.line})` : '';
  if (input === '') throw new UsageError(`empty target${where}; give a host, host:port or CIDR range`);

  let rest = input;
  const scheme = input.match(/^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//);
  if (scheme) {
    const name = scheme[1]!.toLowerCase();
    if (name === 'unix' || name === 'npipe' || name === 'fd') {
      throw new UsageError(`target "${input}"${where}: ${name}:// is a local socket, not a network endpoint; scan covers tcp:// endpoints`);
    }
    if (name === 'ssh') {
      throw new UsageError(`target "${input}"${where}: ssh:// endpoints are reached through SSH, not a Docker TCP port; scan the daemon's host:port instead`);
    }
    if (name !== 'tcp' && name !== 'http' && name !== 'https') {
      throw new UsageError(`target "${input}"${where}: unknown scheme "${name}://"; use tcp://host:port or host:port`);
    }
    rest = input.slice(scheme[0].length).replace(/\/.*$/, '');
  }

  if (rest.includes('@')) {
    throw new UsageError(`target "${input}"${where}: credentials in a target are never used; the Docker API takes TLS client certificates, so give host:port`);
  }
  if (rest === '') throw new UsageError(`target "${input}"${where}: no host after "${scheme?.[0] ?? ''}"; give tcp://host:port`);

  const slash = rest.indexOf('/');
  if (slash >= 0) return parseRange(rest.slice(0, slash), rest.slice(slash + 1), input, where, source);

  let host = rest;
  let port: number | null = null;
  const bracketed = rest.match(/^\[([^\]]+)\](?::(.*))?$/);
  if (bracketed) {
    host = bracketed[1]!;
    if (!isIPv6(host)) throw new UsageError(`target "${input}"${where}: "${host}" in brackets is not an IPv6 address`);
    if (bracketed[2] !== undefined) port = parsePort(bracketed[2], input);
  } else if (!isIPv6(rest)) {
    const colon = rest.lastIndexOf(':');
    if (colon >= 0) {
      host = rest.slice(0, colon);
      port = parsePort(rest.slice(colon + 1), input);
    }
  }

  if (host === '') throw new UsageError(`target "${input}"${where}: no host before the port; give host:port`);
  const literal = canonicalIp(host);
  if (literal) return { kind: 'host', input, host: literal, port, source };
  if (/^[\d.]+$/.test(host)) throw new UsageError(`target "${input}"${where}: "${host}" is not a valid IPv4 address`);
  if (!HOSTNAME.test(host)) throw new UsageError(`target "${input}"${where}: "${host}" is not a valid hostname or IP address`);
  return { kind: 'host', input, host: host.replace(/\.$/, '').toLowerCase(), port, source };
}

function parseRange(addressText: string, prefixAndPort: string, input: string, where: string, source: TargetSource | null): TargetSpec {
  // A port may follow a v4 range (10.0.0.0/24:2376); v6 ranges take the port list instead.
  let prefixText = prefixAndPort;
  let port: number | null = null;
  const withPort = prefixAndPort.match(/^(\d+):(.+)$/);
  if (withPort) {
    prefixText = withPort[1]!;
    port = parsePort(withPort[2]!, input);
  }
  const family = isIPv4(addressText) ? 4 : isIPv6(addressText) ? 6 : null;
  if (!family) throw new UsageError(`target "${input}"${where}: "${addressText}" is not an IP address, so "/${prefixText}" is not a CIDR range`);
  const bits = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
    throw new UsageError(`target "${input}"${where}: prefix length "/${prefixText}" must be 0-${bits} for IPv${family}`);
  }
  const prefixLength = Number(prefixText);
  const hostBits = BigInt(bits - prefixLength);
  const value = family === 4 ? BigInt(ipv4ToNumber(addressText)) : ipv6ToBigInt(addressText);
  // Like nmap, 10.0.0.7/24 means the /24 that holds 10.0.0.7.
  const first = (value >> hostBits) << hostBits;
  return { kind: 'range', input, family, first, prefixLength, size: 1n << hostBits, port, source };
}
