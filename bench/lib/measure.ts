/**
 * Runs one command the way a user would and measures it from outside: wall time by the
 * harness clock, peak RSS, user and system CPU by GNU time (`/usr/bin/time`, wait4 rusage of
 * the command itself, so a wrapper such as nsenter adds nothing: it execs in place).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup, spawnTracked } from './cleanup.js';

export interface Measured {
  command: string;
  wallMs: number;
  maxRssKb: number;
  userS: number;
  sysS: number;
  status: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

export interface MeasureOptions {
  /** argv prefix, e.g. ['nsenter', '--net=/run/netns/X', '--']. */
  prefix?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
}

export const GNU_TIME = '/usr/bin/time';

/** A short display form of a command line, for tables and logs. */
export function displayCommand(argv: string[]): string {
  return argv.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export async function measure(argv: string[], options: MeasureOptions = {}): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'dpbench-time-'));
  const removeDir = onCleanup(`temp dir ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  const timeFile = join(dir, 'time.txt');
  const full = [...(options.prefix ?? []), GNU_TIME, '-f', '%e %M %U %S', '-o', timeFile, '--', ...argv];
  const started = process.hrtime.bigint();
  const tracked = spawnTracked(full[0]!, full.slice(1), { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  tracked.child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
  tracked.child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
  let timedOut = false;
  const timer = options.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        void tracked.stop(1_000);
      }, options.timeoutMs)
    : null;
  const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    tracked.child.once('close', (code, sig) => resolve([code, sig]));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (timer) clearTimeout(timer);
  await tracked.stop();
  let maxRssKb = NaN;
  let userS = NaN;
  let sysS = NaN;
  try {
    // GNU time writes "Command exited with non-zero status N" first when the status is not 0.
    const line = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
    const [, rss, user, sys] = line.split(' ').map(Number);
    maxRssKb = rss ?? NaN;
    userS = user ?? NaN;
    sysS = sys ?? NaN;
  } catch {
    // killed before GNU time wrote anything
  }
  await removeDir();
  return {
    command: displayCommand(argv),
    wallMs,
    maxRssKb,
    userS,
    sysS,
    status,
    signal,
    timedOut,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
export const mib = (kb: number): string => `${(kb / 1024).toFixed(0)} MiB`;

export function assertExit(run: Measured, allowed: number[], what: string): void {
  if (run.timedOut) throw new Error(`${what} timed out after ${seconds(run.wallMs)}: ${run.command}\n${run.stderr.slice(-2000)}`);
  if (run.status === null || !allowed.includes(run.status)) {
    throw new Error(`${what} exited ${run.status ?? run.signal} (expected ${allowed.join('/')}): ${run.command}\n${run.stderr.slice(-2000)}`);
  }
}

/** "3.8× faster" or "4.0× slower": how `ours` compares with `theirs`, both durations. */
export function speed(ours: number, theirs: number): string {
  return ours <= theirs ? `${(theirs / ours).toFixed(1)}× faster` : `${(ours / theirs).toFixed(1)}× slower`;
}
