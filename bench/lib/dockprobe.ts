/** Running the built CLI (dist/cli.js) the way a user does, and reading its JSON report. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertExit, measure, type Measured, type MeasureOptions } from './measure.js';
import { keepProfiles, type ThreadProfile } from './profile.js';
import type { BenchContext } from './types.js';

/**
 * No ~/.docker and no DOCKER_* variables: what dockprobe is given on the command line is all
 * it uses, whoever runs the benchmark.
 */
export const DOCKPROBE_ENV: NodeJS.ProcessEnv = { HOME: '/nonexistent', PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' };

export interface ScanReport {
  complete: boolean;
  summary: { probes: number; byState: Record<string, number>; dockerApis: number; unlisted: number };
  endpoints: Array<{ target: string; state: string; dockerApi: string; durationMs: number; [key: string]: unknown }>;
  errors: Array<{ message: string }>;
  files?: unknown[];
  findings: Array<{ ruleId: string; severity: string }>;
}

export function dockprobeArgv(context: BenchContext, args: string[], nodeFlags: string[] = []): string[] {
  return [process.execPath, ...nodeFlags, context.cli, ...args];
}

export interface DockprobeRun {
  run: Measured;
  report: ScanReport;
}

/** Exit 0, 1 or 4 are reports; anything else fails the section with dockprobe's stderr. */
export async function runDockprobe(context: BenchContext, args: string[], options: MeasureOptions = {}): Promise<DockprobeRun> {
  const run = await measure(dockprobeArgv(context, args), { env: DOCKPROBE_ENV, cwd: context.tmp, ...options });
  assertExit(run, [0, 1, 4], 'dockprobe');
  let report: ScanReport;
  try {
    report = JSON.parse(run.stdout) as ScanReport;
  } catch {
    throw new Error(`dockprobe printed no JSON report: ${run.command}\n${run.stderr.slice(-2000)}`);
  }
  return { run, report };
}

export interface ProfiledRun extends DockprobeRun {
  /** Main thread first, then worker threads (dockprobe sweeps connect on workers). */
  profiles: ThreadProfile[];
}

/** One more run under `node --cpu-prof` (slower than the measured ones; used only for where the time goes). */
export async function profileDockprobe(context: BenchContext, name: string, args: string[], options: MeasureOptions = {}): Promise<ProfiledRun> {
  const dir = mkdtempSync(join(context.tmp, 'prof-'));
  const run = await measure(dockprobeArgv(context, args, ['--cpu-prof', `--cpu-prof-dir=${dir}`]), { env: DOCKPROBE_ENV, cwd: context.tmp, ...options });
  assertExit(run, [0, 1, 4], 'dockprobe (profiled)');
  const profiles = keepProfiles(dir, join(context.root, 'bench', 'results', 'profiles'), name, (path) => relative(context.root, path));
  rmSync(dir, { recursive: true, force: true });
  return { run, report: JSON.parse(run.stdout) as ScanReport, profiles };
}

/** The open endpoints of a report, as sorted "host:port". */
export function openTargets(report: ScanReport): string[] {
  return report.endpoints.filter((endpoint) => endpoint.state === 'open').map((endpoint) => endpoint.target).sort();
}

export interface DockprobeDefaults {
  concurrency: number;
  /** The connect timeout: fixed, or with adaptive timeouts the most a connect waits. */
  timeoutMs: number;
  /** Adaptive connect timeouts (the build has --fixed-timeout to turn them off). */
  adaptive: boolean;
}

let defaults: DockprobeDefaults | null = null;

/** The scan defaults of the dist/ being measured, read from its --help (they change as dockprobe is tuned). */
export function scanDefaults(context: BenchContext): DockprobeDefaults {
  if (defaults) return defaults;
  const help = execFileSync(process.execPath, [context.cli, 'scan', '--help'], { encoding: 'utf8', env: DOCKPROBE_ENV }).replace(/\s+/g, ' ');
  const read = (option: string): number => {
    const match = new RegExp(`${option} <[^>]+>.*?\\(default: "(\\d+)"\\)`).exec(help);
    if (!match) throw new Error(`cannot read the default of ${option} from dockprobe scan --help`);
    return Number(match[1]);
  };
  defaults = { concurrency: read('--concurrency'), timeoutMs: read('--timeout'), adaptive: help.includes('--fixed-timeout') };
  return defaults;
}

const COUNT_PRELOAD = fileURLToPath(new URL('../tools/count-crypto.cjs', import.meta.url));

export type CallCounts = Record<string, number>;

/** One more run with bench/tools/count-crypto.cjs preloaded: how often it parses, exports, verifies, builds TLS contexts. */
export async function countCalls(context: BenchContext, args: string[], options: MeasureOptions = {}): Promise<CallCounts> {
  const run = await measure(dockprobeArgv(context, args, ['--require', COUNT_PRELOAD]), { env: DOCKPROBE_ENV, cwd: context.tmp, ...options });
  assertExit(run, [0, 1, 4], 'dockprobe (counting calls)');
  const line = run.stderr.split('\n').find((l) => l.startsWith('BENCH_CRYPTO_COUNTS '));
  if (!line) throw new Error(`the call-counting preload printed nothing: ${run.stderr.slice(-1000)}`);
  return JSON.parse(line.slice('BENCH_CRYPTO_COUNTS '.length)) as CallCounts;
}

export function callCountsMarkdown(counts: CallCounts, per: Array<[string, number]>): string[] {
  return [
    `| call | count | ${per.map(([name]) => `per ${name}`).join(' | ')} |`,
    `|---|---:|${per.map(() => '---:').join('|')}|`,
    ...Object.entries(counts).filter(([, n]) => n > 0).map(([call, n]) => `| \`${call}\` | ${n} | ${per.map(([, d]) => (n / d).toFixed(2)).join(' | ')} |`),
  ];
}
