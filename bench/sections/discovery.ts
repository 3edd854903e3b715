/**
 * 1. Discovery, CPU-bound: 127.1.0.0/16 × {2375, 2376} = 131,072 TCP connects on loopback, all
 * answered at once (RST or SYN-ACK), so the sweep costs CPU only. Inside a namespace of our
 * own, so nothing else listens in the range and the host's firewall plays no part; three
 * listeners are planted so "found the same open ports" can be checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTargets, profileDockprobe, runDockprobe, scanDefaults } from '../lib/dockprobe.js';
import { assertExit, measure, median, mib, seconds, type Measured } from '../lib/measure.js';
import { benchNetns, startListeners } from '../lib/netns.js';
import { nmapOpenPorts, sameSet } from '../lib/nmap.js';
import { profileMarkdown } from '../lib/profile.js';
import type { BenchContext, Row, Section } from '../lib/types.js';

const RANGE = '127.1.0.0/16';
const PORTS = '2375,2376';
const PROBES = 65_536 * 2;
const LISTENERS = ['127.1.3.7:2375', '127.1.100.200:2376', '127.1.255.254:2375'];
const REPS = 3;
/** Median runs at these -c values, plus dockprobe's own default (read from its --help). */
const CONCURRENCY = [64, 256, 1024];
/** The brief's bare Node anchor runs at 64; it is also run at dockprobe's default when that differs. */
const SWEEP_CONCURRENCY = 64;
const SWEEP = fileURLToPath(new URL('../tools/connect-sweep.mjs', import.meta.url));
const TCPWRAP_SWEEP = fileURLToPath(new URL('../tools/tcpwrap-sweep.cjs', import.meta.url));

interface Series {
  label: string;
  runs: Measured[];
  open: string[][];
}

const wallMedian = (series: Series): number => median(series.runs.map((run) => run.wallMs));
const rssMedian = (series: Series): number => median(series.runs.map((run) => run.maxRssKb));

export const discovery: Section = async (context: BenchContext) => {
  const ns = benchNetns('benchdisc');
  try {
    ns.run(['ip', 'link', 'set', 'lo', 'up']);
    const listeners = await startListeners(LISTENERS, ns.exec);
    try {
      return await measureAll(context, ns.exec);
    } finally {
      await listeners.stop();
    }
  } finally {
    await ns.remove();
  }
};

async function measureAll(context: BenchContext, prefix: string[]) {
  const expected = [...LISTENERS].sort();
  const defaultC = scanDefaults(context).concurrency;
  const levels = [...new Set([...CONCURRENCY, defaultC])].sort((a, b) => a - b);
  const sweepLevels = [...new Set([SWEEP_CONCURRENCY, defaultC])].sort((a, b) => a - b);
  const nmap: Series = { label: 'nmap -sT', runs: [], open: [] };
  const sweeps = new Map<number, Series>(sweepLevels.map((c) => [c, { label: `bare Node net.connect sweep -c ${c}`, runs: [], open: [] }]));
  const tcpwrap: Series = { label: `Node internal TCP handle sweep -c ${defaultC} (experimental)`, runs: [], open: [] };
  const dockprobe = new Map<number, Series>(levels.map((c) => [c, { label: `dockprobe -c ${c}${c === defaultC ? ' (its default)' : ''}`, runs: [], open: [] }]));
  const gnmap = join(context.tmp, 'discovery.gnmap');

  // Interleaved repetitions, so a slow minute of the machine hits every tool alike.
  for (let rep = 1; rep <= REPS; rep++) {
    context.log(`discovery: round ${rep}/${REPS}`);
    const n = await measure(['nmap', '-sT', '-n', '-Pn', `-p${PORTS}`, '--open', '-oG', gnmap, RANGE], { prefix, timeoutMs: 300_000 });
    assertExit(n, [0], 'nmap');
    nmap.runs.push(n);
    nmap.open.push(nmapOpenPorts(readFileSync(gnmap, 'utf8')));

    for (const [c, series] of dockprobe) {
      const { run, report } = await runDockprobe(context, ['scan', RANGE, '-p', PORTS, '-c', String(c), '-f', 'json', '--fail-on', 'none'], { prefix, timeoutMs: 300_000 });
      if (report.summary.probes !== PROBES) throw new Error(`dockprobe reported ${report.summary.probes} probes, expected ${PROBES}`);
      series.runs.push(run);
      series.open.push(openTargets(report));
    }

    for (const [c, sweep] of sweeps) {
      const s = await measure([process.execPath, SWEEP, '--targets', RANGE, '--ports', PORTS, '-c', String(c), '--timeout', '3000'], { prefix, timeoutMs: 300_000 });
      assertExit(s, [0], 'connect sweep');
      sweep.runs.push(s);
      sweep.open.push((JSON.parse(s.stdout) as { open: string[] }).open);
    }

    const t = await measure([process.execPath, TCPWRAP_SWEEP, '--targets', RANGE, '--ports', PORTS, '-c', String(defaultC)], { prefix, timeoutMs: 300_000 });
    assertExit(t, [0], 'tcp_wrap sweep');
    tcpwrap.runs.push(t);
    tcpwrap.open.push((JSON.parse(t.stdout) as { open: string[] }).open);
  }

  context.log(`discovery: profiling one dockprobe run (-c ${defaultC})`);
  const profiled = await profileDockprobe(context, 'discovery', ['scan', RANGE, '-p', PORTS, '-c', String(defaultC), '-f', 'json', '--fail-on', 'none'], { prefix, timeoutMs: 300_000 });

  const allSame = (series: Series) => series.open.every((found) => sameSet(found, expected));
  const nmapWall = wallMedian(nmap);
  const sweep = sweeps.get(SWEEP_CONCURRENCY)!;
  const sweepAtDefault = sweeps.get(defaultC)!;
  const byDefault = dockprobe.get(defaultC)!;
  const best = [...dockprobe.entries()].sort((a, b) => wallMedian(a[1]) - wallMedian(b[1]))[0]!;
  const everything = [nmap, ...sweeps.values(), tcpwrap, ...dockprobe.values()];
  const sameFound = everything.every(allSame);
  const openNote = sameFound
    ? `all tools found exactly the ${expected.length} planted listeners in every run`
    : `open ports differ: expected ${expected.join(' ')}; ${everything.map((s) => `${s.label}: ${s.open.map((o) => o.join(' ') || 'none').join(' / ')}`).join('; ')}`;

  const ratioDefault = wallMedian(byDefault) / nmapWall;
  const ratioBest = wallMedian(best[1]) / nmapWall;
  const rows: Row[] = [
    {
      figure: `Discovery, CPU-bound: ${RANGE} × 2 ports (131,072 probes), wall, dockprobe at its default -c ${defaultC}`,
      dockprobe: seconds(wallMedian(byDefault)),
      anchor: `nmap -sT -n -Pn: ${seconds(nmapWall)}`,
      ratio: `${ratioDefault.toFixed(2)}× nmap`,
      goal: '≤ 1.0× nmap, same open ports',
      met: ratioDefault <= 1 && allSame(byDefault) && allSame(nmap) ? 'yes' : 'no',
      note: ratioDefault <= 1 ? openNote : `${((ratioDefault - 1) * 100).toFixed(0)}% slower than nmap; ${openNote}`,
    },
    {
      figure: `… best dockprobe -c of ${levels.join('/')} (-c ${best[0]})`,
      dockprobe: seconds(wallMedian(best[1])),
      anchor: `nmap -sT -n -Pn: ${seconds(nmapWall)}`,
      ratio: `${ratioBest.toFixed(2)}× nmap`,
      goal: '≤ 1.0× nmap, same open ports',
      met: ratioBest <= 1 && allSame(best[1]) ? 'yes' : 'no',
    },
    {
      figure: `Discovery: peak RSS (same runs, dockprobe -c ${defaultC})`,
      dockprobe: mib(rssMedian(byDefault)),
      anchor: `nmap: ${mib(rssMedian(nmap))}`,
      ratio: `${(rssMedian(byDefault) / rssMedian(nmap)).toFixed(1)}× nmap`,
      goal: 'reported',
      met: 'n/a',
    },
    {
      figure: `Discovery: dockprobe -c ${defaultC} vs a bare one-thread Node net.connect sweep (bench/tools/connect-sweep.mjs)`,
      dockprobe: seconds(wallMedian(byDefault)),
      anchor: [...sweeps].map(([c, s]) => `-c ${c}: ${seconds(wallMedian(s))}, ${mib(rssMedian(s))}`).join('; '),
      ratio: `${(wallMedian(byDefault) / wallMedian(sweep)).toFixed(2)}× the sweep at -c ${SWEEP_CONCURRENCY}${sweepAtDefault !== sweep ? `, ${(wallMedian(byDefault) / wallMedian(sweepAtDefault)).toFixed(2)}× at -c ${defaultC}` : ''}`,
      goal: 'reported (framework overhead)',
      met: 'n/a',
    },
    {
      figure: 'Discovery: how close Node can get: one thread on the internal TCP handle (bench/tools/tcpwrap-sweep.cjs, no net.Socket)',
      dockprobe: seconds(wallMedian(byDefault)),
      anchor: `tcp_wrap sweep: ${seconds(wallMedian(tcpwrap))}, CPU ${median(tcpwrap.runs.map((r) => r.userS + r.sysS)).toFixed(2)} s (nmap ${median(nmap.runs.map((r) => r.userS + r.sysS)).toFixed(2)} s)`,
      ratio: `${(wallMedian(tcpwrap) / nmapWall).toFixed(2)}× nmap on one thread`,
      goal: 'reported (what a lighter connect path buys)',
      met: 'n/a',
    },
  ];

  const line = (series: Series) => {
    const walls = series.runs.map((run) => (run.wallMs / 1000).toFixed(2)).join(', ');
    const cpu = median(series.runs.map((run) => run.userS + run.sysS));
    return `| ${series.label} | ${seconds(wallMedian(series))} | ${walls} | ${cpu.toFixed(2)} s | ${((cpu * 1e6) / PROBES).toFixed(1)} µs | ${mib(rssMedian(series))} | ${(PROBES / (wallMedian(series) / 1000)).toFixed(0)} |`;
  };
  const details = [
    `Namespace with only \`lo\`; listeners (bench/tools/listeners.mjs, plain HTTP, not Docker) on ${LISTENERS.join(', ')}. ${REPS} interleaved rounds, medians. Commands:`,
    '',
    '```',
    `nmap -sT -n -Pn -p${PORTS} --open -oG FILE ${RANGE}`,
    `node dist/cli.js scan ${RANGE} -p ${PORTS} -c C -f json --fail-on none      # C = ${levels.join(', ')}`,
    `node bench/tools/connect-sweep.mjs --targets ${RANGE} --ports ${PORTS} -c C --timeout 3000   # C = ${sweepLevels.join(', ')}`,
    `node bench/tools/tcpwrap-sweep.cjs --targets ${RANGE} --ports ${PORTS} -c ${defaultC}`,
    '```',
    '',
    'CPU per probe (user+sys ÷ 131,072, kernel work included) decides the race on a 2-core machine.',
    '',
    '| run | wall (median) | walls | CPU user+sys | CPU per probe | peak RSS | probes/s |',
    '|---|---:|---|---:|---:|---:|---:|',
    line(nmap),
    ...[...dockprobe.values()].map(line),
    ...[...sweeps.values()].map(line),
    line(tcpwrap),
    '',
    openNote.charAt(0).toUpperCase() + openNote.slice(1) + '.',
    '',
    ...profileMarkdown(`Where dockprobe -c ${defaultC} spends its time`, profiled.profiles),
  ];
  return {
    title: '1. Discovery, CPU-bound',
    rows,
    details,
    raw: {
      expectedOpen: expected,
      nmap: nmap.runs.map(strip),
      sweep: Object.fromEntries([...sweeps].map(([c, s]) => [c, s.runs.map(strip)])),
      tcpwrapSweep: tcpwrap.runs.map(strip),
      dockprobe: Object.fromEntries([...dockprobe].map(([c, s]) => [c, s.runs.map(strip)])),
      defaultConcurrency: defaultC,
      profiles: profiled.profiles,
    },
  };
}

function strip(run: Measured) {
  return { wallMs: Math.round(run.wallMs), maxRssKb: run.maxRssKb, userS: run.userS, sysS: run.sysS };
}
