import { UsageError } from '../usage-error.js';
import type { Probe } from './expand-targets.js';
import { formatHostPort } from './ip-address.js';

/**
 * One slice of a fleet scan: `--shard K/N` (or a Kubernetes Indexed Job's JOB_COMPLETION_INDEX)
 * makes this run probe only the host:port endpoints whose stable hash falls in slice K of N. The N
 * runs together probe every endpoint exactly once, whatever the targets (ranges, lists, files), and
 * `dockprobe report merge` puts their reports back together (docs/fleet.md).
 *
 * Numbering: `index` is 1-based, 1..count, as people count and as `--shard 1/4` .. `--shard 4/4`
 * and the report's `shard` field write it. Only JOB_COMPLETION_INDEX is 0-based (Kubernetes sets
 * 0..completions-1): pod JOB_COMPLETION_INDEX=0 is shard 1/N.
 */
export interface Shard {
  /** 1-based: 1..count. */
  index: number;
  count: number;
}

/** Kubernetes allows up to 100000 completions for an Indexed Job; more shards than that is a typo. */
export const MAX_SHARDS = 100_000;

export const SHARD_COUNT_ENV = 'DOCKPROBE_SHARD_COUNT';
export const JOB_INDEX_ENV = 'JOB_COMPLETION_INDEX';

const WHOLE_NUMBER = /^\s*\d+\s*$/;

/** "4" -> 4, for a shard count from a flag or the environment; `what` names the input in the message. */
function parseCount(what: string, text: string): number {
  if (!WHOLE_NUMBER.test(text) || Number(text) < 1 || Number(text) > MAX_SHARDS) {
    throw new UsageError(`${what}: the number of shards must be a whole number from 1 to ${MAX_SHARDS}, e.g. 4`);
  }
  return Number(text);
}

/** The environment value, or undefined when unset or empty (an empty variable is an unset one). */
function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * Which shard this run is, from `--shard K/N`, `--shard-count N`, and the environment
 * (JOB_COMPLETION_INDEX, set by a Kubernetes Indexed Job, and DOCKPROBE_SHARD_COUNT); null when
 * the run is not sharded. Every bad or contradictory combination is a one-line UsageError naming
 * the input and what to do:
 *
 * - `--shard K/N`: 1 <= K <= N <= 100000. With JOB_COMPLETION_INDEX also set, K must be
 *   JOB_COMPLETION_INDEX + 1: the args of a Job are the same in every pod, so a --shard there
 *   would make every pod scan the same slice. `--shard-count`, when also given, must be N.
 *   DOCKPROBE_SHARD_COUNT is overridden by the flag, as flags override the environment.
 * - JOB_COMPLETION_INDEX (0-based) with N from `--shard-count`, else DOCKPROBE_SHARD_COUNT;
 *   an index without a count is refused (Kubernetes does not tell a pod the completions).
 * - A count without an index (`--shard-count`, or DOCKPROBE_SHARD_COUNT alone) is refused: each
 *   pod would scan everything.
 */
export function parseShard(flags: { shard?: string; shardCount?: string }, env: NodeJS.ProcessEnv = process.env): Shard | null {
  const flagCount = flags.shardCount === undefined ? undefined : parseCount(`--shard-count "${flags.shardCount}"`, flags.shardCount);
  const envCountText = envValue(env, SHARD_COUNT_ENV);
  const jobIndexText = envValue(env, JOB_INDEX_ENV);
  const jobIndex = jobIndexText === undefined ? undefined : parseJobIndex(jobIndexText);

  if (flags.shard !== undefined) {
    const shard = parseShardFlag(flags.shard);
    if (flagCount !== undefined && flagCount !== shard.count) {
      throw new UsageError(`--shard "${flags.shard}" and --shard-count "${flags.shardCount}" disagree on the number of shards; give --shard K/N alone`);
    }
    if (jobIndex !== undefined && jobIndex + 1 !== shard.index) {
      throw new UsageError(
        `--shard "${flags.shard}" disagrees with ${JOB_INDEX_ENV}=${jobIndexText!.trim()} (a Kubernetes Indexed Job's pod, counted from 0, so shard ${jobIndex + 1}); in an Indexed Job leave --shard out and give --shard-count N or ${SHARD_COUNT_ENV}`,
      );
    }
    return shard;
  }

  if (jobIndex !== undefined) {
    const count = flagCount ?? (envCountText === undefined ? undefined : parseCount(`${SHARD_COUNT_ENV}="${envCountText}"`, envCountText));
    if (count === undefined) {
      throw new UsageError(
        `${JOB_INDEX_ENV}=${jobIndexText!.trim()} is set (a Kubernetes Indexed Job) but the number of shards is not: set ${SHARD_COUNT_ENV} to the Job's completions or pass --shard-count N; to scan every target in this pod, unset ${JOB_INDEX_ENV}`,
      );
    }
    if (jobIndex >= count) {
      const from = flagCount !== undefined ? `--shard-count ${count}` : `${SHARD_COUNT_ENV}=${count}`;
      throw new UsageError(
        `${JOB_INDEX_ENV}=${jobIndexText!.trim()} is out of range for ${count} shard(s) (${from}): pod indexes count from 0 to ${count - 1}; set the shard count to the Job's completions`,
      );
    }
    return { index: jobIndex + 1, count };
  }

  if (flagCount !== undefined) {
    throw new UsageError(`--shard-count "${flags.shardCount}" needs the shard's index: give --shard K/${flagCount} instead (K from 1 to ${flagCount}), or run as a Kubernetes Indexed Job, which sets ${JOB_INDEX_ENV}`);
  }
  if (envCountText !== undefined) {
    throw new UsageError(
      `${SHARD_COUNT_ENV}="${envCountText}" is set but ${JOB_INDEX_ENV} is not: run as a Kubernetes Indexed Job (completionMode: Indexed), give --shard K/N, or unset ${SHARD_COUNT_ENV} to scan every target`,
    );
  }
  return null;
}

/** "2/4" -> shard 2 of 4 (1-based). */
export function parseShardFlag(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) {
    throw new UsageError(`--shard "${text}": write K/N, shard K of N counted from 1, e.g. --shard 1/4 .. --shard 4/4`);
  }
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS) throw new UsageError(`--shard "${text}": the number of shards N must be from 1 to ${MAX_SHARDS}, e.g. --shard 1/4`);
  if (index === 0) {
    throw new UsageError(`--shard "${text}": shards are counted from 1, so use 1/${count} .. ${count}/${count} (only JOB_COMPLETION_INDEX counts from 0)`);
  }
  if (index > count) throw new UsageError(`--shard "${text}": there is no shard ${index} of ${count}; K must be from 1 to ${count}`);
  return { index, count };
}

function parseJobIndex(text: string): number {
  if (!WHOLE_NUMBER.test(text) || Number(text) >= MAX_SHARDS) {
    throw new UsageError(`${JOB_INDEX_ENV}="${text}": not a pod index (a whole number from 0, as a Kubernetes Indexed Job sets it); unset it, or run in an Indexed Job`);
  }
  return Number(text);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/**
 * A stable 32-bit hash of "host:port" (the report's `target` text, IPv6 in brackets): FNV-1a
 * over the UTF-8 bytes, then MurmurHash3's fmix32 finaliser. FNV-1a alone is fast but its low
 * bits only depend on the low bits of each byte, and `% N` reads exactly those; fmix32 spreads
 * every input bit over every output bit. Pure arithmetic: the same text gives the same value in
 * every process, on every machine and Node version. Changing it would move endpoints between
 * shards, so it is part of the interface (docs/fleet.md).
 */
export function shardHash(target: string): number {
  let hash = FNV_OFFSET;
  for (const byte of encoder.encode(target)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** The shard (1-based) a "host:port" target belongs to, out of `count`. */
export function shardOf(target: string, count: number): number {
  return (shardHash(target) % count) + 1;
}

/** Whether this shard probes `target` ("host:port" as EndpointObservation.target writes it). */
export function inShard(shard: Shard, target: string): boolean {
  return shard.count <= 1 || shardOf(target, shard.count) === shard.index;
}

/** The probes of this shard, lazily (a swept /8 stays a counter); all of them when `shard` is null. */
export function* shardProbes(probes: Iterable<Probe>, shard: Shard | null): Generator<Probe> {
  for (const probe of probes) {
    if (shard === null || inShard(shard, formatHostPort(probe.host, probe.port))) yield probe;
  }
}

/** "2/4", as --shard takes it and messages say it. */
export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
