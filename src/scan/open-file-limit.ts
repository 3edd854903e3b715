import { readFileSync } from 'node:fs';

/** Descriptors kept free for Node itself, the modules it loads, the report files and the TLS material. */
export const RESERVED_DESCRIPTORS = 64;

/**
 * The soft limit on open files (`ulimit -n`), from /proc on Linux; null where it cannot be
 * read. Node has no getrlimit, and every probe in flight holds one socket.
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

/** Probes in flight by default (without -c), whatever the open-file limit allows. */
export const MAX_DEFAULT_CONCURRENCY = 4096;
/** Without -c where the limit cannot be read: the old fixed default. */
export const FALLBACK_CONCURRENCY = 256;

/**
 * --concurrency when the user gives none: as many probes as the open-file limit allows, up to
 * 4096. With adaptive timeouts a silent port costs a fraction of a second, so the number of
 * rounds (ports ÷ concurrency) is what a scan's time is made of; 256 turned 1,000 ports into 4.
 */
export function defaultConcurrency(limit: number | null): number {
  if (limit === null) return FALLBACK_CONCURRENCY;
  return Math.max(1, Math.min(limit - RESERVED_DESCRIPTORS, MAX_DEFAULT_CONCURRENCY));
}

/**
 * Lowers --concurrency to what the open-file limit allows, instead of letting probes fail with
 * EMFILE and turning answers into "could not check". Says so, since the user asked for more.
 */
export function capConcurrency(requested: number, limit: number | null): { concurrency: number; warning: string | null } {
  if (limit === null) return { concurrency: requested, warning: null };
  const allowed = Math.max(1, limit - RESERVED_DESCRIPTORS);
  if (requested <= allowed) return { concurrency: requested, warning: null };
  return {
    concurrency: allowed,
    warning: `--concurrency ${requested} lowered to ${allowed}: the open-file limit (ulimit -n) is ${limit}, and each probe in flight holds a socket; raise the limit (ulimit -n) to go faster`,
  };
}
