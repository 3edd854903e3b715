/**
 * dockprobe's benchmark suite: each figure is a ratio against an established tool run side by
 * side in the same run, on the same machine (see docs/benchmarks.md).
 *
 *   npm run bench                       # every section
 *   npm run bench -- discovery tls      # some: startup, discovery, timeout, tls, memory, files
 *
 * It runs whatever dist/ holds (it never builds), and says which commit that was. Needs root
 * (network namespaces, iptables inside them, dockerd). Every server, daemon and namespace it
 * starts is stopped and deleted again, also on failure and on Ctrl-C.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanupAll, onCleanup, wasInterrupted } from './lib/cleanup.js';
import { codeVersion, describeCode, machineInfo, otherCpuUse } from './lib/machine.js';
import { loadStored, saveStored, textTable, writeDocs } from './lib/report.js';
import { BUSY_CORES, otherCpu, SECTION_NAMES, type BenchContext, type Row, type Section, type SectionName, type SectionResult } from './lib/types.js';
import { discovery } from './sections/discovery.js';
import { files } from './sections/files.js';
import { memory } from './sections/memory.js';
import { startup } from './sections/startup.js';
import { timeout } from './sections/timeout.js';
import { tls } from './sections/tls.js';

const SECTIONS: Record<SectionName, Section> = { startup, discovery, timeout, tls, memory, files };
const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const RESULTS = join(ROOT, 'bench', 'results', 'latest.json');
const DOCS = join(ROOT, 'docs', 'benchmarks.md');

const REQUIRED_TOOLS: Array<[string, string]> = [
  ['nmap', 'apt-get install -y nmap'],
  ['sslscan', 'apt-get install -y sslscan'],
  ['testssl', 'apt-get install -y testssl.sh'],
  ['/usr/bin/time', 'apt-get install -y time'],
  ['dockerd', 'apt-get install -y docker.io'],
  ['openssl', 'apt-get install -y openssl'],
  ['iptables', 'apt-get install -y iptables'],
  ['nsenter', 'apt-get install -y util-linux'],
  ['ip', 'apt-get install -y iproute2'],
];

function onPath(tool: string): boolean {
  if (tool.startsWith('/')) return existsSync(tool);
  return (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin']).some((dir) => dir && existsSync(join(dir, tool)));
}

function usage(): never {
  process.stderr.write(`usage: npm run bench [-- SECTION...]   sections: ${SECTION_NAMES.join(', ')} (default: all)\n`);
  process.exit(2);
}

function parseSections(args: string[]): SectionName[] {
  if (args.includes('-h') || args.includes('--help')) usage();
  const chosen = args.length === 0 || args.includes('all') ? [...SECTION_NAMES] : args;
  for (const name of chosen) {
    if (!(SECTION_NAMES as readonly string[]).includes(name)) {
      process.stderr.write(`bench: unknown section "${name}"\n`);
      usage();
    }
  }
  return SECTION_NAMES.filter((name) => chosen.includes(name));
}

function preflight(): void {
  const problems: string[] = [];
  if (process.platform !== 'linux') problems.push('Linux is needed (network namespaces)');
  if (process.getuid?.() !== 0) problems.push('root is needed (network namespaces, iptables inside them, dockerd)');
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) problems.push('dist/cli.js is missing: run `npm run build` first (the benchmark never builds)');
  for (const [tool, install] of REQUIRED_TOOLS) if (!onPath(tool)) problems.push(`${tool} is missing: ${install}`);
  if (problems.length) {
    process.stderr.write(`bench: cannot run:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const chosen = parseSections(process.argv.slice(2));
  preflight();
  const started = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), 'dockprobe-bench-'));
  onCleanup('temp dir', () => rmSync(tmp, { recursive: true, force: true }));
  const machine = machineInfo();
  const code = codeVersion(ROOT);
  const log = (message: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
  const context: BenchContext = { root: ROOT, cli: join(ROOT, 'dist', 'cli.js'), tmp, machine, code, log };
  log(`dockprobe ${code.dockprobeVersion}: ${describeCode(code)}`);
  if (code.distStale) log('WARNING: dist/cli.js is older than src/: these numbers are for the last build, not for src/ as it is now');
  log(`machine: ${machine.nproc} × ${machine.cpuModel}, kernel ${machine.kernel}, node ${machine.node}, ulimit -n ${machine.openFileLimit}`);
  log(`sections: ${chosen.join(', ')}`);

  const stored = loadStored(RESULTS) ?? { machine, sections: {} };
  stored.machine = machine;
  const results: SectionResult[] = [];
  for (const name of chosen) {
    if (wasInterrupted()) break;
    const sectionStart = Date.now();
    // dist/ may be rebuilt while the benchmark runs (it never builds itself): say which build each section measured.
    const sectionCode = codeVersion(ROOT);
    if (sectionCode.distBuiltAt !== code.distBuiltAt) log(`WARNING: dist/ was rebuilt during this run (now ${describeCode(sectionCode)}): ${name} measures the new build`);
    const loadAverage = loadavg()[0]!;
    const otherCpuAtStart = await otherCpuUse();
    log(`=== ${name} === (other processes use ${otherCpuAtStart.toFixed(2)} of ${machine.nproc} cores; load average ${loadAverage.toFixed(2)})`);
    if (otherCpuAtStart > BUSY_CORES) log(`WARNING: the machine is busy with other work (${otherCpuAtStart.toFixed(2)} cores): ${name}'s numbers will be off; rerun it when the machine is quiet`);
    let result: SectionResult;
    try {
      const body = await SECTIONS[name](context);
      result = { name, startedAt: new Date(sectionStart).toISOString(), durationS: (Date.now() - sectionStart) / 1000, loadAverage, otherCpuAtStart, code: sectionCode, ...body };
    } catch (error) {
      if (wasInterrupted()) break;
      const message = (error as Error).stack ?? String(error);
      log(`${name} FAILED: ${message}`);
      const failed: Row = { figure: `${name}: section failed`, dockprobe: '—', anchor: '—', ratio: '—', goal: '—', met: 'error', note: message.split('\n')[0] };
      result = { name, title: `${name} (failed)`, startedAt: new Date(sectionStart).toISOString(), durationS: (Date.now() - sectionStart) / 1000, loadAverage, otherCpuAtStart, code: sectionCode, rows: [failed], details: ['```', message, '```'], raw: {} };
    }
    result.otherCpuAtEnd = await otherCpuUse();
    log(`${name}: ${result.durationS.toFixed(0)} s (other processes use ${result.otherCpuAtEnd.toFixed(2)} cores now)`);
    if (result.otherCpuAtEnd > BUSY_CORES) log(`WARNING: other work started while ${name} ran: its numbers are off; rerun it when the machine is quiet`);
    results.push(result);
    stored.sections[name] = result;
    saveStored(RESULTS, stored); // after every section, so an interrupted run keeps what it measured
  }
  await cleanupAll();
  if (results.length === 0) return;

  writeDocs(DOCS, stored);
  const rows = results.flatMap((r) => r.rows);
  const builds = [...new Set(results.map((r) => describeCode(r.code)))];
  process.stdout.write(`\ndockprobe ${code.dockprobeVersion}, ${builds.join('; then ')}${builds.length > 1 ? ' (dist/ REBUILT DURING THE RUN: see the code column in docs/benchmarks.md)' : ''}\n`);
  process.stdout.write(`${machine.nproc} × ${machine.cpuModel}, kernel ${machine.kernel}, node ${machine.node}, ulimit -n ${machine.openFileLimit}\n\n`);
  process.stdout.write(`${textTable(rows)}\n`);
  const busy = results.filter((r) => otherCpu(r) > BUSY_CORES);
  if (busy.length) process.stdout.write(`\nWARNING: other processes were using CPU around these sections: ${busy.map((r) => `${r.name} (${otherCpu(r).toFixed(2)} cores)`).join(', ')}; rerun them on a quiet machine (npm run bench -- ${busy.map((r) => r.name).join(' ')}).\n`);
  const notes = rows.filter((row) => row.note);
  if (notes.length) process.stdout.write(`\n${notes.map((row) => `* ${row.figure}: ${row.note}`).join('\n')}\n`);
  process.stdout.write(`\nDetails: docs/benchmarks.md; raw numbers: bench/results/latest.json. Total ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
  if (rows.some((row) => row.met === 'error')) process.exitCode = 1;
}

await main().catch(async (error) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? error}\n`);
  await cleanupAll();
  process.exitCode = 1;
});
