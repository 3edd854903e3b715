import type { Command } from 'commander';
import { lazyUntrustedIdentity } from '../network/untrusted-identity.js';
import { loadCredentials } from '../network/load-credentials.js';
import { buildScanReport } from '../report/scan-report.js';
import { ENDPOINT_RULES } from '../rules/endpoint-rules.js';
import { loadRuleMetadata } from '../rule-engine/rule-metadata.js';
import { availableParallelism } from 'node:os';
import { tcpConnect } from '../network/tcp-connect.js';
import { ConnectPool } from '../scan/connect-pool.js';
import { AdaptiveConnects } from '../scan/adaptive-connects.js';
import { connectTimingHelp, TRIES } from '../scan/connect-timing.js';
import { capConcurrency, defaultConcurrency, MAX_DEFAULT_CONCURRENCY, openFileLimit, socketsPerProbe } from '../scan/open-file-limit.js';
import { fixedConnect } from '../scan/fixed-connect.js';
import { RoundTripEstimator } from '../scan/round-trip-estimator.js';
import { rateLimiter } from '../scan/rate-limiter.js';
import { runScan } from '../scan/run-scan.js';
import { parseExclusions } from '../targets/exclusions.js';
import { parseShard, shardProbes } from '../targets/shard.js';
import { checkRangeSizes, countProbes, expandProbes } from '../targets/expand-targets.js';
import { parseTarget } from '../targets/parse-target.js';
import { loadTargetsFile } from '../targets/read-targets-file.js';
import { noOpenPortsWarning } from '../targets/discovery/no-open-ports.js';
import type { TargetSpec } from '../targets/target-spec.js';
import { UsageError } from '../usage-error.js';
import { collect, parseBoundedInteger, parseDuration, parsePortList, rejectEmptyValues, REQUEST_TIMEOUT } from './option-parsers.js';
import { parseReportFlags, type ReportFlags } from './report-flags.js';
import { progressLine } from './progress-line.js';
import { parseTargetDeadline } from './target-deadline.js';
import { finishRun, type CommandRun } from './report-output.js';

/** What `scan` takes besides the report options (report-flags.ts); read back as ScanFlags. */
export function withScanOptions(command: Command): Command {
  return command
    .argument('[targets...]', 'hosts, host:port, IP literals, CIDR ranges, tcp:// URLs')
    .option('--targets-file <file>', 'read targets from FILE: a plain list (one per line, # comments), or nmap -oX/-oG, masscan -oJ/-oL or zmap CSV output (open ports only)')
    .option('-p, --ports <list>', 'ports to probe on targets without their own port', '2375,2376')
    .option(
      '-c, --concurrency <n>',
      `endpoints probed at once (sweeps of 4096+ probes connect on every core); without -c: the open-file limit (ulimit -n) less 64 kept for the scanner itself, divided by the ${TRIES} sockets of a probe's overlapping tries, at most ${MAX_DEFAULT_CONCURRENCY} (256 when the limit cannot be read)`,
      String(defaultConcurrency(openFileLimit())),
    )
    .option('--timeout <time>', `limit for each request, and the most a connect waits, e.g. 5s or 500ms (a bare number is milliseconds); ${connectTimingHelp()}`, '3000')
    .option('--fixed-timeout', 'turn adaptive timeouts off: every connect waits the full --timeout, once (no retries)')
    .option('--target-timeout <time>', 'limit for the whole conversation with one endpoint, e.g. 20s (default: 10 × --timeout); an endpoint cut short is reported as not fully checked')
    .option('--tlscacert <file>', 'CA that should have signed the daemon certificates')
    .option('--tlscert <file>', 'your client certificate (attempt b)')
    .option('--tlskey <file>', 'the key of --tlscert')
    .option('--cert-path <dir>', 'directory holding ca.pem, cert.pem and key.pem')
    .option('--allow-large', 'allow ranges larger than a /16')
    .option('--exclude <list>', 'hosts or CIDR ranges never to probe, comma-separated (repeatable)', collect, [])
    .option('--exclude-file <file>', 'hosts or CIDR ranges never to probe, one per line, # starts a comment')
    .option('--rate <n>', 'start at most N probes per second, across all connections (politeness on real networks)')
    .option('--max-duration <time>', 'stop starting probes after this long (e.g. 30m, 2h) and report what was found, marked incomplete')
    .option('--shard <K/N>', 'scan only shard K of N, counted from 1 (1/4 .. 4/4); merge the N reports with `dockprobe report merge`')
    .option('--shard-count <n>', 'N, when the shard index comes from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job, counted from 0); default: $DOCKPROBE_SHARD_COUNT');
}

/** Raw commander options: every value is still text, checked below before any traffic. */
export interface ScanFlags extends ReportFlags {
  targetsFile?: string;
  ports: string;
  concurrency: string;
  timeout: string;
  fixedTimeout?: boolean;
  tlscacert?: string;
  tlscert?: string;
  tlskey?: string;
  certPath?: string;
  allowLarge?: boolean;
  rate?: string;
  exclude?: string[];
  excludeFile?: string;
  maxDuration?: string;
  targetTimeout?: string;
  shard?: string;
  shardCount?: string;
}

/**
 * Targets as given, else DOCKER_HOST when it is tcp://, else this machine. What needs saying
 * about them (a discovery file with no open port) goes to `warnings`.
 */
export function resolveTargets(args: string[], targetsFile: string | undefined, env: NodeJS.ProcessEnv, warnings: string[] = []): TargetSpec[] {
  const specs = args.map((arg) => parseTarget(arg));
  if (targetsFile !== undefined) {
    const fromFile = loadTargetsFile(targetsFile);
    if (fromFile.specs.length === 0 && fromFile.format !== 'plain') {
      // A discovery scan that found nothing open is a result, not a mistake; but scanning this
      // machine instead, or an empty report without a word, would pass for an all-clear.
      warnings.push(noOpenPortsWarning(targetsFile, fromFile.format));
      if (specs.length === 0) return [];
    }
    // An empty inventory is a broken inventory: scanning this machine instead would hide that.
    if (fromFile.format === 'plain' && fromFile.specs.length === 0) throw new UsageError(`--targets-file "${targetsFile}" holds no targets; put one per line (# starts a comment), or give nmap, masscan or zmap output (an empty file is what masscan writes when it found no open port)`);
    specs.push(...fromFile.specs);
  }
  if (specs.length > 0) return withoutRepeats(specs);
  const dockerHost = env.DOCKER_HOST;
  if (dockerHost && /^tcp:\/\//i.test(dockerHost)) {
    try {
      return [parseTarget(dockerHost)];
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      throw new UsageError(`DOCKER_HOST ${error.message.replace(/^target /, '')}; fix DOCKER_HOST or name a target`);
    }
  }
  return [parseTarget('127.0.0.1')];
}

/**
 * A range given twice is swept once. Named host:port repeats (`h` and `h:2375`) are dropped
 * later, where probes are expanded (expandProbes), since only there are their ports known.
 */
function withoutRepeats(specs: TargetSpec[]): TargetSpec[] {
  const seen = new Set<string>();
  return specs.filter((spec) => {
    if (spec.kind === 'host') return true;
    const key = `${spec.family} ${spec.first} ${spec.prefixLength} ${spec.port}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type ScanRun = CommandRun;

/** Sweeps at least this large connect on worker threads (see connect-pool.ts). */
const THREADED_SWEEP_PROBES = 4096n;

/**
 * Checks every input before the first packet, scans, renders, and decides the exit code
 * (see exit-codes.ts). Usage errors throw UsageError (exit 2).
 * Writing the output is the caller's, so a failed write can still show what was found.
 */
export async function executeScan(
  args: string[],
  flags: ScanFlags,
  env: NodeJS.ProcessEnv = process.env,
  onWarning: (message: string) => void = (message) => process.stderr.write(`dockprobe: warning: ${message}\n`),
  /** SIGINT/SIGTERM (interrupt-signals.ts): ends the scan early; the report is still built. */
  stop?: AbortSignal,
): Promise<ScanRun> {
  rejectEmptyValues({
    '--targets-file': flags.targetsFile,
    '--tlscacert': flags.tlscacert,
    '--tlscert': flags.tlscert,
    '--tlskey': flags.tlskey,
    '--cert-path': flags.certPath,
    '--exclude-file': flags.excludeFile,
  });
  const ports = parsePortList(flags.ports);
  const requestedConcurrency = parseBoundedInteger('--concurrency', flags.concurrency, 1, 4096);
  const timeoutMs = parseDuration('--timeout', flags.timeout, REQUEST_TIMEOUT);
  const targetDeadline = parseTargetDeadline(flags.targetTimeout, timeoutMs);
  const rate = flags.rate === undefined ? null : parseBoundedInteger('--rate', flags.rate, 1, 1_000_000);
  const maxDurationMs = flags.maxDuration === undefined ? null : parseDuration('--max-duration', flags.maxDuration);
  const exclusions = parseExclusions(flags.exclude ?? [], flags.excludeFile);
  const metadata = loadRuleMetadata();
  const settings = parseReportFlags(flags, metadata, env);
  const targetWarnings: string[] = [];
  const specs = resolveTargets(args, flags.targetsFile, env, targetWarnings);
  checkRangeSizes(specs, flags.allowLarge ?? false);
  const shard = parseShard(flags, env);
  const credentials = loadCredentials(flags, env, undefined, settings.at ?? new Date());
  const capped = capConcurrency(requestedConcurrency, openFileLimit(), socketsPerProbe(flags.fixedTimeout === true));
  const concurrency = capped.concurrency;
  const early = [...targetWarnings, ...credentials.warnings, ...(capped.warning ? [capped.warning] : [])];
  // Said now, not after an hour-long sweep, and kept in the report for whoever reads it later.
  early.forEach(onWarning);

  const untrustedIdentity = lazyUntrustedIdentity();

  const startedAt = new Date();
  // With a shard, an estimate: counting it exactly would mean hashing every probe first.
  const total = countProbes(specs, ports);
  const progress = progressLine(shard ? (total + BigInt(shard.count) - 1n) / BigInt(shard.count) : total);
  // Sweeps spend most of their time in connect and close system calls: on threads, they use
  // every core. Small scans and --rate scans gain nothing from threads and skip the start-up.
  const threads = rate === null && total >= THREADED_SWEEP_PROBES ? Math.max(1, availableParallelism()) : 1;
  const fixed = flags.fixedTimeout === true;
  const pool = threads > 1 ? new ConnectPool(threads, fixed ? null : timeoutMs) : null;
  // Only the bare connect adapts: a host that answered is alive, and its API may just be slow,
  // so every request after the connect keeps --timeout. On threads, each thread keeps the
  // estimate of its own connects (connect-worker.ts says why).
  const connect = fixed
    ? fixedConnect(pool ? pool.connect : tcpConnect)
    : (pool ? pool.connect : new AdaptiveConnects(new RoundTripEstimator(timeoutMs), timeoutMs).connect);
  let outcome;
  try {
    outcome = await runScan({
      probes: shardProbes(expandProbes(specs, ports), shard),
      concurrency,
      exclusions,
      ...(rate !== null ? { beforeProbe: rateLimiter(rate) } : {}),
      deadline: maxDurationMs === null ? null : { at: startedAt.getTime() + maxDurationMs, label: `--max-duration ${flags.maxDuration}` },
      stop,
      probeSettings: { timeoutMs, targetDeadline, stop, credentials, untrustedIdentity, connect, now: settings.at ?? undefined },
      rules: ENDPOINT_RULES,
      metadata,
      evaluation: { now: settings.at ?? startedAt, parameters: settings.parameters, benchmark: settings.compliance !== null },
      onProgress: progress.update,
    });
  } finally {
    await pool?.close();
  }
  progress.clear();
  const warnings = [...early];
  if (exclusions && exclusions.skipped > 0) warnings.push(`${exclusions.skipped} probe(s) skipped: excluded by --exclude/--exclude-file`);
  const scope = { kind: 'scan' as const, targets: specs.map((spec) => spec.input), ports, excluded: exclusions?.inputs ?? [], configRoot: null, paths: null };
  const report = buildScanReport({ startedAt, finishedAt: new Date(), ...outcome, warnings, shard, scope, benchmarkRules: settings.compliance !== null });
  return finishRun(report, settings, metadata);
}
