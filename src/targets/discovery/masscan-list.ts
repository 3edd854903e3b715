import type { HostTarget } from '../target-spec.js';
import { openPortTarget } from './open-port-target.js';
import { quoteFromFile, TargetsFormatError } from './targets-format.js';

/**
 * masscan's list output (-oL): `#masscan` and `# end` comment lines, one
 * `STATE PROTOCOL PORT ADDRESS TIMESTAMP` line per result, and `banner ...` lines when banners
 * were grabbed (those repeat a port already listed as open). Taken: "open tcp" lines.
 */
export function readMasscanList(lines: string[], file: string): HostTarget[] {
  const targets: HostTarget[] = [];
  lines.forEach((raw, index) => {
    const line = index + 1;
    const text = raw.replace(/\r$/, '').trim();
    if (text === '' || text.startsWith('#') || text.startsWith('banner ')) return;
    const result = /^(\S+) (\S+) (\d+) (\S+) (\d+)$/.exec(text);
    if (!result) throw new TargetsFormatError(line, `${quoteFromFile(text)} is not masscan's "STATE PROTOCOL PORT ADDRESS TIMESTAMP" line`);
    const [, state, protocol, port, address] = result;
    if (state === 'open' && protocol === 'tcp') targets.push(openPortTarget(address!, port!, file, line));
  });
  return targets;
}
