import type { HostTarget } from '../target-spec.js';
import { openPortTarget } from './open-port-target.js';
import { quoteFromFile, TargetsFormatError } from './targets-format.js';

/**
 * nmap's grepable output (-oG): `# ...` comment lines, and per host a `Host: ADDR (NAME)` line
 * of tab-separated fields. Only lines with a `Ports:` field name ports; each entry in it is
 * `port/state/protocol/owner/service/rpc/version/`, entries separated by ", ".
 * Taken: TCP entries whose state is exactly "open", on the address (the name in parentheses is
 * ignored: no DNS), with the `Host:` line that listed them.
 */
export function readNmapGrepable(lines: string[], file: string): HostTarget[] {
  const targets: HostTarget[] = [];
  lines.forEach((raw, index) => {
    const line = index + 1;
    const text = raw.replace(/\r$/, '');
    if (text.trim() === '' || text.startsWith('#')) return;
    const host = /^Host: (\S+) \([^\t]*\)(\t.*)?$/.exec(text);
    if (!host) throw new TargetsFormatError(line, `${quoteFromFile(text)} is neither a "Host: " line nor a # comment`);
    const portsField = (host[2] ?? '').split('\t').find((field) => field.startsWith('Ports: '));
    // "Status: Up/Down" lines, and hosts without a port table, name no ports.
    if (portsField === undefined) return;
    for (const entry of portEntries(portsField.slice('Ports: '.length), line)) {
      if (entry.protocol === 'tcp' && entry.state === 'open') targets.push(openPortTarget(host[1]!, entry.port, file, line));
    }
  });
  return targets;
}

// port/state/protocol/ at the start of the field or after ", ". The fields after protocol
// (service, version) are nmap's free text, with its own "/" turned into "|", so they are skipped
// up to the next entry start rather than split on commas.
const ENTRY = /(?:^|, )(\d+)\/([^/]*)\/([^/]*)\//g;

function portEntries(field: string, line: number): { port: string; state: string; protocol: string }[] {
  const entries = [...field.matchAll(ENTRY)].map((match) => ({ port: match[1]!, state: match[2]!, protocol: match[3]! }));
  if (field.trim() !== '' && (entries.length === 0 || !/^\d+\//.test(field))) {
    throw new TargetsFormatError(line, `the Ports field ${quoteFromFile(field)} is not nmap's port/state/protocol/... list`);
  }
  return entries;
}
