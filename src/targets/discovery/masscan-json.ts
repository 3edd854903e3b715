import type { HostTarget } from '../target-spec.js';
import { openPortTarget } from './open-port-target.js';
import { TargetsFormatError } from './targets-format.js';

/**
 * masscan's JSON output (-oJ): a "[" line, one object per line for each result, "," lines
 * between them (masscan 1.3) or a trailing comma on each object and a last `{finished: 1}`
 * (masscan 1.0, which is not JSON), then a "]" line. Read line by line, not as one document:
 * that keeps each result's line for the report, and reads both versions. A file that starts
 * with "[" must end with "]": masscan writes it on exit, so without it the scan was cut short.
 *
 * Taken: every `ports` entry with proto "tcp" and status "open", on the object's `ip`.
 * Banner entries (a `service` and no `status`) repeat a port already reported open.
 */
export function readMasscanJson(lines: string[], file: string): HostTarget[] {
  const targets: HostTarget[] = [];
  let opened = false;
  let closedOnLine = 0;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trim().replace(/^,\s*/, '').replace(/,$/, '').trim();
    if (text === '') return;
    if (closedOnLine) throw new TargetsFormatError(line, `more after the closing "]" on line ${closedOnLine}`);
    if (text === '[' && !opened && targets.length === 0) {
      opened = true;
      return;
    }
    if (text === ']' && opened) {
      closedOnLine = line;
      return;
    }
    if (/^\{\s*finished\s*:\s*1\s*\}$/.test(text)) return;
    targets.push(...resultTargets(parseObject(text, line), file, line));
  });
  if (opened && !closedOnLine) {
    throw new TargetsFormatError(lines.length, 'the file ends before masscan\'s closing "]": it is cut short, as when masscan is stopped before it finishes');
  }
  return targets;
}

function parseObject(text: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TargetsFormatError(line, `not one JSON object per line as masscan writes it (${(error as Error).message.split('\n')[0]})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TargetsFormatError(line, 'not a JSON object');
  return value as Record<string, unknown>;
}

function resultTargets(result: Record<string, unknown>, file: string, line: number): HostTarget[] {
  const { ip, ports } = result;
  if (typeof ip !== 'string' || !Array.isArray(ports)) throw new TargetsFormatError(line, 'an object without masscan\'s "ip" and "ports"');
  const targets: HostTarget[] = [];
  for (const entry of ports as unknown[]) {
    if (typeof entry !== 'object' || entry === null) throw new TargetsFormatError(line, 'a "ports" entry that is not an object');
    const { port, proto, status } = entry as Record<string, unknown>;
    if (proto === 'tcp' && status === 'open') targets.push(openPortTarget(ip, String(port), file, line));
  }
  return targets;
}
