/**
 * 4. Memory: peak RSS after 2^16 and after 2^20 probes of closed loopback ports, and a /8
 * accepted without being expanded (started, watched for a few seconds, stopped). All inside a
 * namespace with only `lo`, so 127.0.0.0/8 there is ours alone, and the namespace's own TCP
 * counters (/proc/PID/net/snmp, ActiveOpens) say how many connects were made.
 */
import { readFileSync, readlinkSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnTracked } from '../lib/cleanup.js';
import { DOCKPROBE_ENV, dockprobeArgv, runDockprobe } from '../lib/dockprobe.js';
import { mib, seconds } from '../lib/measure.js';
import { benchNetns } from '../lib/netns.js';
import type { BenchContext, Row, Section } from '../lib/types.js';

const SMALL = { range: '127.2.0.0/16', probes: 2 ** 16 };
const MEDIUM = { range: '127.16.0.0/14', probes: 2 ** 18 };
const LARGE = { range: '127.16.0.0/12', probes: 2 ** 20 };
const HUGE = '127.0.0.0/8';
/** No one listens on port 9 (discard) in a fresh namespace: every probe is a refused connect. */
const PORT = '9';
const WATCH_MS = 6_000;
const SAMPLE_MS = 250;

interface Sample {
  atMs: number;
  rssKb: number;
  activeOpens: number;
}

/** TCP ActiveOpens of the namespace `ns` lives in, read from inside it. */
function activeOpens(snmpText: string): number {
  const lines = snmpText.split('\n').filter((line) => line.startsWith('Tcp:'));
  const names = lines[0]!.split(/\s+/);
  return Number(lines[1]!.split(/\s+/)[names.indexOf('ActiveOpens')]);
}

/** A sample only once PID is in our namespace: before nsenter's setns and exec it reads the host's counters. */
function readSample(pid: number, startedAt: number, netnsLink: string): Sample | null {
  try {
    if (readlinkSync(`/proc/${pid}/ns/net`) !== netnsLink) return null;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    // /proc/PID/net is the network namespace of PID: our namespace's counters only.
    return { atMs: Date.now() - startedAt, rssKb, activeOpens: activeOpens(readFileSync(`/proc/${pid}/net/snmp`, 'utf8')) };
  } catch {
    return null;
  }
}

export const memory: Section = async (context: BenchContext) => {
  const ns = benchNetns('benchmem');
  try {
    ns.run(['ip', 'link', 'set', 'lo', 'up']);
    return await measureAll(context, ns.exec, `net:[${statSync(`/run/netns/${ns.name}`).ino}]`, () => activeOpens(ns.run(['cat', '/proc/net/snmp'])));
  } finally {
    await ns.remove();
  }
};

async function measureAll(context: BenchContext, prefix: string[], netnsLink: string, opensNow: () => number) {
  context.log(`memory: ${SMALL.range} (2^16 probes)`);
  const small = await runDockprobe(context, ['scan', SMALL.range, '-p', PORT, '-f', 'json', '--fail-on', 'none'], { prefix, timeoutMs: 300_000 });
  context.log(`memory: ${MEDIUM.range} (2^18 probes)`);
  const medium = await runDockprobe(context, ['scan', MEDIUM.range, '-p', PORT, '--allow-large', '-f', 'json', '--fail-on', 'none'], { prefix, timeoutMs: 600_000 });
  context.log(`memory: ${LARGE.range} (2^20 probes)`);
  const large = await runDockprobe(context, ['scan', LARGE.range, '-p', PORT, '--allow-large', '-f', 'json', '--fail-on', 'none'], { prefix, timeoutMs: 600_000 });
  for (const [run, expected] of [[small, SMALL.probes], [medium, MEDIUM.probes], [large, LARGE.probes]] as const) {
    if (run.report.summary.probes !== expected) throw new Error(`dockprobe reported ${run.report.summary.probes} probes, expected ${expected}`);
  }

  context.log(`memory: ${HUGE} --allow-large, watched for ${WATCH_MS / 1000} s then stopped`);
  const argv = [...prefix, ...dockprobeArgv(context, ['scan', HUGE, '-p', PORT, '--allow-large', '--timeout', '50', '-f', 'json', '--fail-on', 'none'])];
  const base = opensNow();
  const startedAt = Date.now();
  // nsenter execs in place, so this pid is node's: its /proc entries are dockprobe's own.
  const huge = spawnTracked(argv[0]!, argv.slice(1), { env: DOCKPROBE_ENV, cwd: context.tmp, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  huge.child.stderr!.on('data', (chunk) => (stderr += chunk));
  let exited: number | null = null;
  huge.child.once('exit', (code) => (exited = code ?? -1));
  const samples: Sample[] = [];
  while (Date.now() - startedAt < WATCH_MS && exited === null) {
    const sample = readSample(huge.child.pid!, startedAt, netnsLink);
    if (sample) samples.push(sample);
    await sleep(SAMPLE_MS);
  }
  const exitedEarly = exited;
  await huge.stop();
  if (exitedEarly !== null) throw new Error(`dockprobe scan ${HUGE} exited (${exitedEarly}) within ${WATCH_MS} ms instead of sweeping: ${stderr.trim()}`);
  if (samples.length < 4) throw new Error(`could not sample dockprobe's /proc entries (${samples.length} samples)`);

  const firstConnect = samples.find((s) => s.activeOpens > base);
  const afterStart = samples.filter((s) => s.atMs >= 1_000);
  const hugePeak = Math.max(...samples.map((s) => s.rssKb));
  const hugeLate = afterStart.map((s) => s.rssKb);
  const last = samples[samples.length - 1]!;
  const first = afterStart[0] ?? samples[0]!;
  const rate = ((last.activeOpens - first.activeOpens) * 1000) / Math.max(1, last.atMs - first.atMs);

  const smallRss = small.run.maxRssKb;
  const largeRss = large.run.maxRssKb;
  const growth = (largeRss - smallRss) / smallRss;
  const flat = (Math.max(...hugeLate) - Math.min(...hugeLate)) / Math.min(...hugeLate);
  const rows: Row[] = [
    {
      figure: 'Memory: peak RSS after 2^20 probes vs after 2^16 (closed loopback ports)',
      dockprobe: `${mib(largeRss)} (2^20) vs ${mib(smallRss)} (2^16)`,
      anchor: 'itself at 2^16',
      ratio: `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%`,
      goal: 'within 20%',
      met: Math.abs(growth) <= 0.2 ? 'yes' : 'no',
      note: Math.abs(growth) <= 0.2
        ? undefined
        : `RSS grows ${(growth * 100).toFixed(0)}% from 2^16 to 2^20 probes; at 2^18 it is ${mib(medium.run.maxRssKb)} (${(((largeRss - medium.run.maxRssKb) / medium.run.maxRssKb) * 100).toFixed(0)}% from 2^18 to 2^20), so ${Math.abs(largeRss - medium.run.maxRssKb) <= 0.1 * medium.run.maxRssKb ? 'it levels off: heaps still growing to their working size at 2^16, not memory kept per probe' : 'it keeps growing: memory kept per probe'}`,
    },
    {
      figure: `Memory: ${HUGE} --allow-large (16.7 M probes) accepted and swept lazily, first ${WATCH_MS / 1000} s`,
      dockprobe: `first connect after ${firstConnect ? seconds(firstConnect.atMs) : 'never'}; ${rate.toFixed(0)} probes/s; RSS ${mib(Math.min(...hugeLate))}–${mib(Math.max(...hugeLate))} from 1 s on`,
      anchor: `the finished 2^20 sweep: ${mib(largeRss)}`,
      ratio: `peak ${(hugePeak / largeRss).toFixed(2)}× the 2^20 peak`,
      goal: 'first connect < 1 s; RSS ≤ 1.2 × the 2^20 peak (an expanded /8 would need GBs)',
      met: firstConnect !== undefined && firstConnect.atMs < 1_000 && hugePeak <= largeRss * 1.2 ? 'yes' : 'no',
      note: `RSS is not flat in the first seconds (${mib(Math.min(...hugeLate))} to ${mib(Math.max(...hugeLate))}, ${(flat * 100).toFixed(0)}% spread): the same heap warm-up as the 2^16 → 2^18 runs, then level`,
    },
  ];
  const details = [
    `A namespace with only \`lo\`; port ${PORT} is closed on every address, so each probe is one refused connect. Peak RSS from GNU time (\`%M\`).`,
    '',
    '```',
    `node dist/cli.js scan ${SMALL.range} -p ${PORT} -f json --fail-on none`,
    `node dist/cli.js scan ${MEDIUM.range} -p ${PORT} --allow-large -f json --fail-on none`,
    `node dist/cli.js scan ${LARGE.range} -p ${PORT} --allow-large -f json --fail-on none`,
    `node dist/cli.js scan ${HUGE} -p ${PORT} --allow-large --timeout 50 -f json --fail-on none   # stopped after ${WATCH_MS / 1000} s`,
    '```',
    '',
    '| run | probes | wall | probes/s | peak RSS | CPU user+sys |',
    '|---|---:|---:|---:|---:|---:|',
    `| ${SMALL.range} | ${small.report.summary.probes} | ${seconds(small.run.wallMs)} | ${(SMALL.probes / (small.run.wallMs / 1000)).toFixed(0)} | ${mib(smallRss)} | ${(small.run.userS + small.run.sysS).toFixed(1)} s |`,
    `| ${MEDIUM.range} | ${medium.report.summary.probes} | ${seconds(medium.run.wallMs)} | ${(MEDIUM.probes / (medium.run.wallMs / 1000)).toFixed(0)} | ${mib(medium.run.maxRssKb)} | ${(medium.run.userS + medium.run.sysS).toFixed(1)} s |`,
    `| ${LARGE.range} | ${large.report.summary.probes} | ${seconds(large.run.wallMs)} | ${(LARGE.probes / (large.run.wallMs / 1000)).toFixed(0)} | ${mib(largeRss)} | ${(large.run.userS + large.run.sysS).toFixed(1)} s |`,
    '',
    `${HUGE}, sampled every ${SAMPLE_MS} ms (RSS from /proc/PID/status, connects from the namespace's Tcp ActiveOpens):`,
    '',
    '| t | RSS | connects so far |',
    '|---:|---:|---:|',
    ...samples.filter((_, i) => i % 4 === 0 || i === samples.length - 1).map((s) => `| ${seconds(s.atMs)} | ${mib(s.rssKb)} | ${s.activeOpens - base} |`),
  ];
  return {
    title: '4. Memory',
    rows,
    details,
    raw: { smallRssKb: smallRss, mediumRssKb: medium.run.maxRssKb, largeRssKb: largeRss, smallWallMs: Math.round(small.run.wallMs), largeWallMs: Math.round(large.run.wallMs), huge: samples },
  };
}
