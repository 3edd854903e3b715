import type { HostTarget } from '../target-spec.js';
import { canonicalIp } from '../ip-address.js';
import { openPortTarget } from './open-port-target.js';
import { quoteFromFile, TargetsFormatError } from './targets-format.js';

/** zmap's CSV header: its output field names, among them saddr (the address that answered). */
export const ZMAP_HEADER = /^[a-z][a-z0-9_]*(?:,[a-z][a-z0-9_]*)*$/;

export function isZmapHeader(line: string): boolean {
  return ZMAP_HEADER.test(line) && line.split(',').includes('saddr');
}

/**
 * zmap's CSV output (`-O csv`): a header line of field names, then one row per response.
 * zmap writes only successful responses unless told otherwise; when the row says (a `success`
 * of 0, a `classification` of "rst") that the port was closed, the row is skipped.
 *
 * The port is the `sport` field, the port the answer came from. Without it (zmap's default
 * fields are just saddr) the row does not say which port answered: the host is taken without
 * a port, and every --ports port is tried on it. Add `-f saddr,sport` to keep the port.
 */
export function readZmapCsv(lines: string[], file: string): HostTarget[] {
  const targets: HostTarget[] = [];
  let header: string[] | null = null;
  let headerLine = 0;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const text = raw.replace(/\r$/, '').trim();
    if (text === '' || text.startsWith('#')) return;
    if (!header) {
      if (!isZmapHeader(text)) throw new TargetsFormatError(line, `${quoteFromFile(text)} is not zmap's header of field names with saddr`);
      header = text.split(',');
      headerLine = line;
      return;
    }
    const values = text.split(',').map((value) => value.replace(/^"(.*)"$/, '$1'));
    if (values.length !== header.length) throw new TargetsFormatError(line, `${values.length} fields where the header on line ${headerLine} names ${header.length}`);
    const row = new Map(header.map((name, i) => [name, values[i]!]));
    const success = row.get('success');
    if (success === '0' || success === 'false' || row.get('classification') === 'rst') return;
    const address = row.get('saddr')!;
    const sport = row.get('sport');
    if (sport !== undefined) {
      targets.push(openPortTarget(address, sport, file, line));
      return;
    }
    const host = canonicalIp(address);
    if (!host) throw new TargetsFormatError(line, `${quoteFromFile(address)} is not an IPv4 or IPv6 address`);
    targets.push({ kind: 'host', input: host, host, port: null, source: { file, line } });
  });
  return targets;
}
