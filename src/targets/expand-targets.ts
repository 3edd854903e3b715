import { UsageError } from '../usage-error.js';
import { bigIntToIpv6, numberToIpv4 } from './ip-address.js';
import type { TargetSource, TargetSpec } from './target-spec.js';

/** One host:port to probe. */
export interface Probe {
  host: string;
  port: number;
  /** Named targets are always reported; swept ones only when something answered. */
  named: boolean;
  source: TargetSource | null;
}

/** Ranges above this many addresses need --allow-large: a /16 is the largest by default. */
export const LARGE_RANGE_ADDRESSES = 1n << 16n;

export function checkRangeSizes(specs: TargetSpec[], allowLarge: boolean): void {
  if (allowLarge) return;
  for (const spec of specs) {
    if (spec.kind === 'range' && spec.size > LARGE_RANGE_ADDRESSES) {
      throw new UsageError(
        `target "${spec.input}": ${spec.size} addresses is larger than a /16; narrow the range or pass --allow-large`,
      );
    }
  }
}

export function countProbes(specs: TargetSpec[], ports: number[]): bigint {
  let total = 0n;
  for (const spec of specs) {
    if (spec.kind === 'range') total += spec.size * BigInt(spec.port === null ? ports.length : 1);
  }
  return total + BigInt(namedEndpoints(specs, ports).size);
}

/** "host port" of every named endpoint, once: `h` and `h:2375` name 2375 twice. Small: named targets are listed by hand. */
function namedEndpoints(specs: Iterable<TargetSpec>, ports: number[]): Set<string> {
  const named = new Set<string>();
  for (const spec of specs) {
    if (spec.kind === 'host') for (const port of spec.port === null ? ports : [spec.port]) named.add(`${spec.host} ${port}`);
  }
  return named;
}

/**
 * Yields probes one at a time. Ranges are walked by counter, never materialised, so a /8
 * costs the same memory as a /24.
 */
export function* expandProbes(specs: Iterable<TargetSpec>, ports: number[]): Generator<Probe> {
  const namedSeen = new Set<string>();
  for (const spec of specs) {
    const portsForSpec = spec.port === null ? ports : [spec.port];
    if (spec.kind === 'host') {
      for (const port of portsForSpec) {
        const key = `${spec.host} ${port}`;
        if (namedSeen.has(key)) continue;
        namedSeen.add(key);
        yield { host: spec.host, port, named: true, source: spec.source };
      }
      continue;
    }
    for (let offset = 0n; offset < spec.size; offset++) {
      const value = spec.first + offset;
      const host = spec.family === 4 ? numberToIpv4(Number(value)) : bigIntToIpv6(value);
      for (const port of portsForSpec) yield { host, port, named: false, source: spec.source };
    }
  }
}
