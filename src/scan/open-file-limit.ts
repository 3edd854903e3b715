import { readFileSync } from 'node:fs';
import { TRIES } from './connect-timing.js';

/** Descriptors kept free for Node itself, the modules it loads, the report files and the TLS material. */
export const RESERVED_DESCRIPTORS = 64;

/**
 * The soft limit on open files (`ulimit -n`), from /proc on Linux; null where it cannot be
 * read. Node has no getrlimit. A probe in flight holds up to TRIES sockets under adaptive
 * timeouts (its overlapping tries, connect-timing.ts), one under --fixed-timeout.
 */
export function openFileLimit(read: () => string = () => readFileSync('/proc/self/limits', 'utf8')): number | null {
  try {
    const line = read().split('\n').find((entry) => entry.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    if (soft === undefined || soft === 'unlimited') return null;
    const value = Number(soft);
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

/**
 * Probes in flight by default (without -c), whatever the open-file limit allows. Measured on
 * the CPU-bound loopback sweep (/16 × 2 ports, every port answering at once, on the connect
 * threads): -c 4096 took ~20 % more CPU and ~20 % more time than -c 1024, for no gain, since
 * answers come faster than more probes in flight can use. 1024 still puts the 1,000 ports of one
 * host in a single round, which is what matters when silent ports cost a deadline each.
 */
export const MAX_DEFAULT_CONCURRENCY = 1024;
/** Without -c where the limit cannot be read: the old fixed default. */
export const FALLBACK_CONCURRENCY = 256;

/** Sockets a probe may hold at once: its overlapping tries, or one connect under --fixed-timeout. */
export function socketsPerProbe(fixedTimeout: boolean): number {
  return fixedTimeout ? 1 : TRIES;
}

/**
 * --concurrency when the user gives none: as many probes as the open-file limit allows with
 * TRIES sockets each, up to MAX_DEFAULT_CONCURRENCY. With adaptive timeouts a silent port costs a
 * fraction of a second, so the number of rounds (ports ÷ concurrency) is what a scan's time is
 * made of; 256 turned 1,000 ports into 4.
 */
export function defaultConcurrency(limit: number | null): number {
  if (limit === null) return FALLBACK_CONCURRENCY;
  return Math.max(1, Math.min(Math.floor((limit - RESERVED_DESCRIPTORS) / TRIES), MAX_DEFAULT_CONCURRENCY));
}

/**
 * Lowers --concurrency to what the open-file limit allows with `sockets` per probe
 * (socketsPerProbe), instead of letting probes fail with EMFILE and turning answers into
 * "could not check". Says so, since the user asked for more.
 */
export function capConcurrency(requested: number, limit: number | null, sockets = 1): { concurrency: number; warning: string | null } {
  if (limit === null) return { concurrency: requested, warning: null };
  const allowed = Math.max(1, Math.floor((limit - RESERVED_DESCRIPTORS) / sockets));
  if (requested <= allowed) return { concurrency: requested, warning: null };
  const each = sockets === 1 ? 'each probe in flight holds a socket' : `each probe in flight holds up to ${sockets} sockets (its overlapping tries)`;
  return {
    concurrency: allowed,
    warning: `--concurrency ${requested} lowered to ${allowed}: the open-file limit (ulimit -n) is ${limit}, and ${each}; raise the limit (ulimit -n) to go faster`,
  };
}
