import { readFileSync } from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';
import { UsageError } from '../usage-error.js';
import { ipv4ToNumber, ipv6ToBigInt } from './ip-address.js';
import { parseTarget } from './parse-target.js';
import type { TargetSource } from './target-spec.js';

/**
 * Hosts and ranges never to probe (--exclude, --exclude-file): the printers, the SCADA
 * subnet, the hosts another team owns. Checked per probe before any packet, so an excluded
 * address gets nothing, not even a SYN.
 */
export interface Exclusions {
  /** Probes skipped so far, for the summary line. */
  skipped: number;
  has(host: string): boolean;
  /** Each host or range as given, so a report can record what it left out (report scope). */
  readonly inputs: string[];
}

interface Block {
  family: 4 | 6;
  first: bigint;
  last: bigint;
}

function fromSpec(text: string, source: TargetSource | null, flag: string): { block?: Block; name?: string } {
  let spec;
  try {
    spec = parseTarget(text, source);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(`${flag}: ${error.message.replace(/^target /, '')}`);
  }
  if (spec.port !== null) {
    const where = source ? ` (${source.file}:${source.line})` : '';
    throw new UsageError(`${flag} "${spec.input}"${where}: give a host or a CIDR range without a port; exclusions cover every port`);
  }
  if (spec.kind === 'range') return { block: { family: spec.family, first: spec.first, last: spec.first + spec.size - 1n } };
  if (isIPv4(spec.host)) return { block: { family: 4, first: BigInt(ipv4ToNumber(spec.host)), last: BigInt(ipv4ToNumber(spec.host)) } };
  if (isIPv6(spec.host)) return { block: { family: 6, first: ipv6ToBigInt(spec.host), last: ipv6ToBigInt(spec.host) } };
  return { name: spec.host.toLowerCase() };
}

/** --exclude values (each may hold several, comma-separated) and --exclude-file lines (# comments). */
export function parseExclusions(values: readonly string[], file?: string): Exclusions | null {
  const blocks: Block[] = [];
  const names = new Set<string>();
  const inputs: string[] = [];
  const add = (text: string, source: TargetSource | null, flag: string): void => {
    inputs.push(text);
    const { block, name } = fromSpec(text, source, flag);
    if (block) blocks.push(block);
    if (name) names.add(name);
  };
  for (const value of values) for (const item of value.split(',').map((part) => part.trim()).filter(Boolean)) add(item, null, '--exclude');
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`--exclude-file "${file}": cannot read it (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); check the path and its permissions`);
    }
    text.split(/\r?\n/).forEach((line, index) => {
      const content = line.replace(/#.*$/, '').trim();
      if (content) add(content, { file, line: index + 1 }, '--exclude-file');
    });
  }
  if (blocks.length === 0 && names.size === 0) return null;
  const v4 = blocks.filter((block) => block.family === 4);
  const v6 = blocks.filter((block) => block.family === 6);
  return {
    skipped: 0,
    inputs,
    has(host: string): boolean {
      if (isIPv4(host)) {
        const value = BigInt(ipv4ToNumber(host));
        return v4.some((block) => value >= block.first && value <= block.last);
      }
      if (isIPv6(host)) {
        const value = ipv6ToBigInt(host);
        return v6.some((block) => value >= block.first && value <= block.last);
      }
      return names.has(host.toLowerCase());
    },
  };
}
