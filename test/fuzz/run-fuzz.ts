/**
 * npm run fuzz -- [--cases 100000] [--seed 1] [--from 0] [--replay <case>] [--out <dir>]
 *
 * Seeded mutation fuzzer for the PEM reader, the DER reader and the certificate and key
 * readers behind the cert-unparseable finding. Deterministic: a seed and a case index make the
 * same input on any machine, so every failure it prints can be replayed with --replay.
 * Exits 1 when any case broke a promise (see check-case.ts), 2 on a usage error.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkCase, SLOW_CASE_MS, type Violation } from './check-case.js';
import { MAX_KEPT_FAILURES, runCampaign, type CampaignSummary, type FailedCase } from './fuzz-campaign.js';
import { makeCase, type FuzzCase } from './fuzz-case.js';
import { HangWatchdog } from './hang-watchdog.js';

const DEFAULT_SEED = 1;
const DEFAULT_CASES = 100_000;
/** Far past SLOW_CASE_MS: a case this slow is not slow, it is stuck. */
const HANG_MS = 60_000;
const INLINE_INPUT_BYTES = 2048;

function usage(message: string): never {
  process.stderr.write(`fuzz: ${message}\nusage: npm run fuzz -- [--cases N] [--seed S] [--from K] [--replay K] [--out DIR]\n`);
  process.exit(2);
}

function wholeNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) usage(`--${name} must be a whole number, not "${value}"`);
  return Number(value);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The input as files (the raw bytes can be fed to `dockprobe files`) and, when small, inline. */
function writeInput(out: string, fuzzCase: FuzzCase): string {
  mkdirSync(out, { recursive: true });
  const stem = path.join(out, `seed-${fuzzCase.seed}-case-${fuzzCase.index}`);
  writeFileSync(`${stem}-${fuzzCase.fileName}`, fuzzCase.file);
  writeFileSync(`${stem}.der`, fuzzCase.der);
  return `input: ${stem}-${fuzzCase.fileName} (${fuzzCase.file.length} bytes), DER: ${stem}.der (${fuzzCase.der.length} bytes)`;
}

function recordFailure(out: string, fuzzCase: FuzzCase, violations: readonly Violation[]): void {
  const lines = [
    `fuzz: FAILED case ${fuzzCase.index} of seed ${fuzzCase.seed}: ${fuzzCase.origin} as ${fuzzCase.fileName} after ${fuzzCase.mutations.join(', ')}`,
    ...violations.map((violation) => `  ${violation.target}: ${violation.kind}: ${violation.detail.split('\n').slice(0, 4).join('\n    ')}`),
    `  ${writeInput(out, fuzzCase)}`,
  ];
  if (fuzzCase.file.length <= INLINE_INPUT_BYTES) lines.push(`  file base64: ${fuzzCase.file.toString('base64')}`);
  if (fuzzCase.der.length <= INLINE_INPUT_BYTES) lines.push(`  der hex: ${fuzzCase.der.toString('hex')}`);
  lines.push(`  replay: npm run fuzz -- --seed ${fuzzCase.seed} --replay ${fuzzCase.index}`);
  process.stderr.write(`${lines.join('\n')}\n`);
}

function finalLine(summary: CampaignSummary): string {
  const distinct = summary.fileReasons.size;
  return (
    `fuzz: seed ${summary.seed}: ${summary.cases} cases, ${summary.failureCount} failures, ${seconds(summary.elapsedMs)} ` +
    `(files: ${summary.acceptedFiles} accepted, ${summary.rejectedFiles} rejected for ${distinct} distinct reasons; ` +
    `DER certificates: ${summary.certificatesAccepted} accepted; slowest case ${summary.slowestCase}: ${Math.round(summary.slowestMs)} ms)`
  );
}

function replay(seed: number, index: number, out: string): number {
  const fuzzCase = makeCase(seed, index);
  // Written before the case runs: a case that aborts the process leaves its input behind.
  const written = writeInput(out, fuzzCase);
  process.stderr.write(`fuzz: case ${index} of seed ${seed}: ${written}\n`);
  const outcome = checkCase(fuzzCase);
  process.stdout.write(
    `${JSON.stringify(
      {
        seed,
        case: index,
        origin: fuzzCase.origin,
        fileName: fuzzCase.fileName,
        mutations: fuzzCase.mutations,
        fileBytes: fuzzCase.file.length,
        derBytes: fuzzCase.der.length,
        fileKind: outcome.fileKind,
        fileReason: outcome.fileReason,
        derReaderReason: outcome.derReaderReason,
        certificateReason: outcome.certificateReason,
        slowestMs: Math.round(outcome.slowestMs),
        violations: outcome.violations,
      },
      null,
      2,
    )}\n`,
  );
  return outcome.violations.length === 0 ? 0 : 1;
}

/**
 * The case now running, in a file: node:crypto can abort the whole process from native code
 * (an assertion in OpenSSL glue), and then no handler runs. The next run finds the file and
 * says which case it was.
 */
class RunningCaseMarker {
  private readonly path: string;
  private readonly fd: number;

  constructor(
    out: string,
    private readonly seed: number,
  ) {
    mkdirSync(out, { recursive: true });
    this.path = path.join(out, 'running-case');
    if (existsSync(this.path)) {
      const [deadSeed, deadCase] = readFileSync(this.path, 'latin1').trim().split(/\s+/);
      process.stderr.write(
        `fuzz: CRASH: the last run died inside case ${deadCase} of seed ${deadSeed} (killed, or a native abort). ` +
          `Replay it: npm run fuzz -- --seed ${deadSeed} --replay ${deadCase}\n`,
      );
    }
    this.fd = openSync(this.path, 'w');
  }

  caseStarted(index: number): void {
    // Fixed width, written in place: no truncate, no reopen, a few microseconds a case.
    writeSync(this.fd, `${this.seed} ${index}`.padEnd(32), 0);
  }

  finished(): void {
    closeSync(this.fd);
    rmSync(this.path, { force: true });
  }
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        cases: { type: 'string' },
        seed: { type: 'string' },
        from: { type: 'string' },
        replay: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
    });
  } catch (error) {
    usage((error as Error).message);
  }
  const { values } = parsed;
  const seed = wholeNumber(values.seed, 'seed', DEFAULT_SEED);
  const out = values.out ?? path.join(os.tmpdir(), 'dockprobe-fuzz');
  if (values.replay !== undefined) return replay(seed, wholeNumber(values.replay, 'replay', 0), out);

  const count = wholeNumber(values.cases, 'cases', DEFAULT_CASES);
  const from = wholeNumber(values.from, 'from', 0);
  process.stderr.write(`fuzz: seed ${seed}, cases ${from}..${from + count - 1}; a case slower than ${SLOW_CASE_MS} ms fails; failures go to ${out}\n`);
  const watchdog = new HangWatchdog(seed, HANG_MS);
  const marker = new RunningCaseMarker(out, seed);
  let recorded = 0;
  const summary = runCampaign({
    seed,
    count,
    from,
    progressEvery: Math.max(1, Math.min(5000, Math.ceil(count / 20))),
    onCaseStart: (index) => {
      marker.caseStarted(index);
      watchdog.caseStarted(index);
    },
    onProgress: (done, so) => process.stderr.write(`fuzz: ${done}/${count} cases, ${so.failureCount} failures, ${seconds(so.elapsedMs)}\n`),
    onFailure: (failure: FailedCase) => {
      if (++recorded <= MAX_KEPT_FAILURES) recordFailure(out, failure.fuzzCase, failure.violations);
    },
  });
  await watchdog.stop();
  marker.finished();
  for (const [group, { count: times, smallestCase, smallestBytes }] of summary.failureGroups) {
    process.stderr.write(`fuzz: ${times} x ${group} (smallest: case ${smallestCase}, ${smallestBytes} bytes)\n`);
  }
  process.stdout.write(`${finalLine(summary)}\n`);
  return summary.failureCount > 0 ? 1 : 0;
}

process.exitCode = await main();
