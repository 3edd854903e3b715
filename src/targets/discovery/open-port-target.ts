import { canonicalIp, formatHostPort } from '../ip-address.js';
import type { HostTarget } from '../target-spec.js';
import { quoteFromFile, TargetsFormatError } from './targets-format.js';

/**
 * One open port a discovery engine found, as a target: that address on that port only, and the
 * line of the file that named it, so findings and SARIF annotations point back at the scan
 * result. Addresses only: discovery output also carries names, but a name would mean a DNS
 * lookup, and the address is what was actually seen answering.
 */
export function openPortTarget(address: string, portText: string, file: string, line: number, portLine: number = line): HostTarget {
  const host = canonicalIp(address);
  if (!host) throw new TargetsFormatError(line, `${quoteFromFile(address)} is not an IPv4 or IPv6 address`);
  const port = portNumber(portText, portLine);
  return { kind: 'host', input: formatHostPort(host, port), host, port, source: { file, line } };
}

function portNumber(text: string, line: number): number {
  const value = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(value >= 1 && value <= 65535)) throw new TargetsFormatError(line, `port ${quoteFromFile(text)} is not a port number (1-65535)`);
  return value;
}
