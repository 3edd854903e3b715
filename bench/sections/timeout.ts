/**
 * 2. Discovery, timeout-bound: 1,000 firewalled ports on one host, across a veth link between
 * two namespaces of our own (scanner 10.77.0.1, host 10.77.0.9). iptables in the host's
 * namespace DROPs most ports, answers some with a TCP reset, and lets the planted ones through
 * to listeners. Three layouts:
 *   mixed:    797 DROP, 200 REJECT --reject-with tcp-reset, 3 open (what issue 15 describes)
 *   all-drop: 997 DROP, 3 open (no resets, so nmap gets almost no round-trip samples)
 *   lossy:    the mixed layout with 10 open ports spread over both ranges, on a link that
 *             behaves like a real one: 80 ms ± 40 ms added round trip and 3 % loss each way
 *             (test/helpers/impaired-link.ts on the host's end of the veth)
 * Each is scanned with dockprobe's defaults (no -c, no --timeout: what users run), with the
 * hand-tuned `--timeout 500 -c 1000` (clean link only), and with `nmap -sT -T4`, interleaved.
 * The goals are ratios of the defaults to nmap in the same run; on the lossy link the goal is
 * recall (no open port nmap finds is missed), and each tool's misses and its filtered and
 * closed counts against the truth are figures, not assertions. Start-up has its own section.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { impairedLinkUnavailableReason, impairLink, type ImpairedLink, type LinkImpairment } from '../../test/helpers/impaired-link.js';
import { onCleanup } from '../lib/cleanup.js';
import { openTargets, runDockprobe, scanDefaults, type DockprobeDefaults } from '../lib/dockprobe.js';
import { assertExit, measure, median, seconds, speed, type Measured } from '../lib/measure.js';
import { benchNetns, startListeners, type BenchNetns } from '../lib/netns.js';
import { nmapOpenPorts, nmapStateCounts } from '../lib/nmap.js';
import type { BenchContext, Row, Section } from '../lib/types.js';

const SCANNER = '10.77.0.1';
const HOST = '10.77.0.9';
const HOST_INTERFACE = 'bhost0';
const PORTS = '2000-2999';
const DROP_RANGE = [2000, 2799] as const;
const REJECT_RANGE = [2800, 2999] as const;
const OPEN_PORTS = [2310, 2650, 2777];
/** The lossy layout's: more open ports, so that each run counts 10 chances to miss one. 7 in the DROP range, 3 in the reset range. */
const LOSSY_OPEN_PORTS = [2041, 2133, 2310, 2402, 2528, 2650, 2777, 2815, 2893, 2962];
const IMPAIRMENT: LinkImpairment = { delayMs: 80, jitterMs: 40, lossPercent: 3 };
/** The hand-tuned run: one round (concurrency ≥ probes) and a timeout of nmap -T4's --initial-rtt-timeout. */
const TUNED = { concurrency: 1000, timeoutMs: 500 };
const SWEEP = fileURLToPath(new URL('../tools/connect-sweep.mjs', import.meta.url));

interface Layout {
  name: 'mixed' | 'all-drop' | 'lossy';
  describe: string;
  open: number[];
  rules: string[][];
  /** What an ideal scanner reports: the firewall's layout. */
  truth: { open: number; filtered: number; closed: number };
  impaired: boolean;
  /** Defaults vs nmap: how many times faster (null: recall is the goal, the wall is reported). */
  speedGoal: number | null;
  reps: { nmap: number; defaults: number; tuned: number };
}

function layout(name: Layout['name'], open: number[], withResets: boolean, speedGoal: number | null, reps: Layout['reps'], impaired = false): Layout {
  const inRange = ([low, high]: readonly [number, number]) => open.filter((port) => port >= low && port <= high).length;
  const accept = open.map((port) => ['-A', 'INPUT', '-p', 'tcp', '-d', HOST, '--dport', String(port), '-j', 'ACCEPT']);
  const range = ([low, high]: readonly [number, number]) => `${low}:${high}`;
  const rules = withResets
    ? [...accept, ['-A', 'INPUT', '-p', 'tcp', '--dport', range(DROP_RANGE), '-j', 'DROP'], ['-A', 'INPUT', '-p', 'tcp', '--dport', range(REJECT_RANGE), '-j', 'REJECT', '--reject-with', 'tcp-reset']]
    : [...accept, ['-A', 'INPUT', '-p', 'tcp', '--dport', `${DROP_RANGE[0]}:${REJECT_RANGE[1]}`, '-j', 'DROP']];
  const dropSize = DROP_RANGE[1] - DROP_RANGE[0] + 1;
  const rejectSize = REJECT_RANGE[1] - REJECT_RANGE[0] + 1;
  const truth = withResets
    ? { open: open.length, filtered: dropSize - inRange(DROP_RANGE), closed: rejectSize - inRange(REJECT_RANGE) }
    : { open: open.length, filtered: dropSize + rejectSize - open.length, closed: 0 };
  const describe = `${truth.filtered} DROP, ${withResets ? `${truth.closed} REJECT tcp-reset, ` : ''}${truth.open} open${impaired ? `; link +${IMPAIRMENT.delayMs} ms ± ${IMPAIRMENT.jitterMs} ms, ${IMPAIRMENT.lossPercent} % loss each way` : ''}`;
  return { name, describe, open, rules, truth, impaired, speedGoal, reps };
}

/**
 * Repetitions: the clean layouts are deterministic apart from timing, so two of each; the lossy
 * one is where misses are counted, so three of each tool (30 open-port chances each). nmap -T4
 * on the clean all-drop layout takes 10–60 s a run; on the lossy link about 10–20 s.
 */
const LAYOUTS: Layout[] = [
  layout('mixed', OPEN_PORTS, true, 10, { nmap: 2, defaults: 2, tuned: 3 }),
  layout('all-drop', OPEN_PORTS, false, 20, { nmap: 2, defaults: 2, tuned: 3 }),
  layout('lossy', LOSSY_OPEN_PORTS, true, null, { nmap: 3, defaults: 3, tuned: 0 }, true),
];

export const timeout: Section = async (context: BenchContext) => {
  const scanner = benchNetns('benchscan');
  try {
    const hosts = benchNetns('benchhosts');
    try {
      wire(scanner, hosts);
      const allOpen = [...new Set([...OPEN_PORTS, ...LOSSY_OPEN_PORTS])];
      const listeners = await startListeners(allOpen.map((port) => `${HOST}:${port}`), hosts.exec);
      try {
        return await measureAll(context, scanner, hosts);
      } finally {
        await listeners.stop();
      }
    } finally {
      await hosts.remove();
    }
  } finally {
    await scanner.remove();
  }
};

function wire(scanner: BenchNetns, hosts: BenchNetns): void {
  scanner.run(['ip', 'link', 'set', 'lo', 'up']);
  hosts.run(['ip', 'link', 'set', 'lo', 'up']);
  // Both ends are created inside our namespaces: nothing is added to the host's interfaces.
  scanner.run(['ip', 'link', 'add', 'bscan0', 'type', 'veth', 'peer', 'name', HOST_INTERFACE, 'netns', hosts.name]);
  scanner.run(['ip', 'addr', 'add', `${SCANNER}/24`, 'dev', 'bscan0']);
  scanner.run(['ip', 'link', 'set', 'bscan0', 'up']);
  hosts.run(['ip', 'addr', 'add', `${HOST}/24`, 'dev', HOST_INTERFACE]);
  hosts.run(['ip', 'link', 'set', HOST_INTERFACE, 'up']);
}

/** One scan's outcome: its wall, the open ports it named, its port counts per state. */
interface Scan {
  run: Measured;
  open: string[];
  states: Record<string, number>;
}

interface LayoutResult {
  layout: Layout;
  nmap: Scan[];
  defaults: Scan[];
  tuned: Scan[];
  sweep: Scan | null;
  emulator: ReturnType<ImpairedLink['counts']>;
  method: ImpairedLink['method'] | null;
}

async function measureAll(context: BenchContext, scanner: BenchNetns, hosts: BenchNetns) {
  const prefix = scanner.exec;
  const DEFAULTS = scanDefaults(context);
  const gnmap = join(context.tmp, 'timeout.gnmap');
  const xml = join(context.tmp, 'timeout.xml');
  const results: LayoutResult[] = [];
  const skipped: string[] = [];

  const nmapScan = async (): Promise<Scan> => {
    const run = await measure(['nmap', '-sT', '-T4', '-n', '-Pn', `-p${PORTS}`, '-oG', gnmap, '-oX', xml, HOST], { prefix, timeoutMs: 600_000 });
    assertExit(run, [0], 'nmap');
    return { run, open: nmapOpenPorts(readFileSync(gnmap, 'utf8')), states: nmapStateCounts(readFileSync(xml, 'utf8')) };
  };
  const dockprobeScan = async (flags: string[]): Promise<Scan> => {
    const { run, report } = await runDockprobe(context, ['scan', HOST, '-p', PORTS, ...flags, '-f', 'json', '--fail-on', 'none'], { prefix, timeoutMs: 300_000 });
    if (report.summary.probes !== 1000) throw new Error(`dockprobe reported ${report.summary.probes} probes, expected 1000`);
    return { run, open: openTargets(report), states: report.summary.byState };
  };

  for (const layout of LAYOUTS) {
    if (layout.impaired) {
      const unavailable = impairedLinkUnavailableReason();
      if (unavailable) {
        skipped.push(`${layout.name}: ${unavailable}`);
        context.log(`timeout/${layout.name}: skipped, ${unavailable}`);
        continue;
      }
    }
    hosts.run(['iptables', '-F', 'INPUT']);
    for (const rule of layout.rules) hosts.run(['iptables', ...rule]);
    const result: LayoutResult = { layout, nmap: [], defaults: [], tuned: [], sweep: null, emulator: null, method: null };
    let link: ImpairedLink | null = null;
    const stopLink = layout.impaired ? onCleanup(`impaired link ${layout.name}`, () => {}, () => link?.stop()) : null;
    try {
      if (layout.impaired) {
        link = await impairLink(hosts.exec, HOST_INTERFACE, IMPAIRMENT);
        result.method = link.method;
      }
      // Interleaved, so a slow minute of the machine hits every tool alike.
      const rounds = Math.max(layout.reps.nmap, layout.reps.defaults, layout.reps.tuned);
      for (let rep = 1; rep <= rounds; rep++) {
        if (rep <= layout.reps.nmap) {
          context.log(`timeout/${layout.name}: nmap -sT -T4 (${rep}/${layout.reps.nmap})`);
          result.nmap.push(await nmapScan());
        }
        if (rep <= layout.reps.defaults) {
          context.log(`timeout/${layout.name}: dockprobe with its defaults (${describeDefaults(DEFAULTS)}) (${rep}/${layout.reps.defaults})`);
          result.defaults.push(await dockprobeScan([]));
        }
        if (rep <= layout.reps.tuned) {
          context.log(`timeout/${layout.name}: dockprobe --timeout ${TUNED.timeoutMs} -c ${TUNED.concurrency} (${rep}/${layout.reps.tuned})`);
          result.tuned.push(await dockprobeScan(['--timeout', String(TUNED.timeoutMs), '-c', String(TUNED.concurrency), ...(DEFAULTS.adaptive ? ['--fixed-timeout'] : [])]));
        }
      }
      if (!layout.impaired) {
        const run = await measure([process.execPath, SWEEP, '--targets', HOST, '--ports', PORTS, '-c', String(TUNED.concurrency), '--timeout', String(TUNED.timeoutMs)], { prefix, timeoutMs: 120_000 });
        assertExit(run, [0], 'connect sweep');
        result.sweep = { run, open: (JSON.parse(run.stdout) as { open: string[] }).open.sort(), states: {} };
      }
    } finally {
      await stopLink?.();
      result.emulator = link?.counts() ?? null;
    }
    results.push(result);
  }
  return report(context, DEFAULTS, results, skipped);
}

/** The emulator's own account: a verdict sent late is delay the link was not asked to add. */
function emulatorText(counts: ReturnType<ImpairedLink['counts']>): string {
  if (!counts) return '';
  const share = counts.packets ? ((100 * counts.dropped) / counts.packets).toFixed(1) : '0';
  return `The emulator judged ${counts.packets} packets and dropped ${counts.dropped} (${share} %); ${counts.lateOver10ms} verdicts were sent more than 10 ms late (the latest by ${counts.maxLateMs} ms: a busy machine adds that delay); the kernel dropped ${(counts.kernelQueueFullDrops ?? 0) + (counts.kernelUndeliveredDrops ?? 0)} for a full queue or an undelivered packet.`;
}

function describeDefaults(defaults: DockprobeDefaults): string {
  return defaults.adaptive
    ? `-c ${defaults.concurrency}, adaptive timeouts up to --timeout ${defaults.timeoutMs}`
    : `-c ${defaults.concurrency}, fixed --timeout ${defaults.timeoutMs}`;
}

const expectedOpen = (layout: Layout): string[] => layout.open.map((port) => `${HOST}:${port}`).sort();
const wall = (scans: Scan[]): number => median(scans.map((scan) => scan.run.wallMs));
const walls = (scans: Scan[]): string => scans.map((scan) => (scan.run.wallMs / 1000).toFixed(2)).join(', ');
const missed = (scan: Scan, expected: string[]): string[] => expected.filter((target) => !scan.open.includes(target));
const sameOpen = (scans: Scan[], expected: string[]): boolean => scans.every((scan) => scan.open.length === expected.length && missed(scan, expected).length === 0);
/** "open 10, filtered 793, closed 197" (and any other state the tool named). */
const statesText = (states: Record<string, number>): string =>
  Object.entries(states)
    .filter(([state, n]) => n > 0 || ['open', 'filtered', 'closed'].includes(state))
    .map(([state, n]) => `${state} ${n}`)
    .join(', ');

function report(context: BenchContext, DEFAULTS: DockprobeDefaults, results: LayoutResult[], skipped: string[]) {
  const limit = context.machine.openFileLimit;
  const rows: Row[] = [];
  const details: string[] = [
    `Scanner namespace ${SCANNER} ↔ veth ↔ host namespace ${HOST} (round trip ≈ 0.05 ms when not impaired). Ports ${PORTS} (1,000 probes); iptables INPUT in the host namespace; listeners (bench/tools/listeners.mjs) behind the ACCEPTed ports. Open-file limit (\`ulimit -n\`): ${limit}. dockprobe's defaults in this build: ${describeDefaults(DEFAULTS)}.`,
    '',
    'The lossy link: test/helpers/impaired-link.ts on the host namespace\'s end of the veth (this kernel has no netem: an NFQUEUE emulator, test/helpers/nfqueue-link.py, holds each packet coming into the host namespace for the round trip, 80 ms ± 40 ms uniform, and drops 3 % of the packets in each direction).',
    '',
    '```',
    `nmap -sT -T4 -n -Pn -p${PORTS} -oG FILE -oX FILE ${HOST}`,
    `node dist/cli.js scan ${HOST} -p ${PORTS} -f json --fail-on none                     # defaults`,
    `node dist/cli.js scan ${HOST} -p ${PORTS} --timeout ${TUNED.timeoutMs} -c ${TUNED.concurrency}${DEFAULTS.adaptive ? ' --fixed-timeout' : ''} -f json --fail-on none   # hand-tuned`,
    `node bench/tools/connect-sweep.mjs --targets ${HOST} --ports ${PORTS} -c ${TUNED.concurrency} --timeout ${TUNED.timeoutMs}`,
    '```',
    '',
    '| layout | run | wall (median) | walls | open ports found | states (per run) |',
    '|---|---|---:|---|---|---|',
  ];
  const notes: string[] = [];

  for (const r of results) {
    const expected = expectedOpen(r.layout);
    const nmapWall = wall(r.nmap);
    const defaultsWall = wall(r.defaults);
    const openText = (scans: Scan[]) => [...new Set(scans.map((scan) => scan.open.map((target) => target.split(':')[1]).join(' ') || 'none'))].join(' / ');
    const row = (label: string, scans: Scan[]) =>
      details.push(`| ${r.layout.name} | ${label} | ${seconds(wall(scans))} | ${walls(scans)} | ${openText(scans)} | ${scans.map((scan) => statesText(scan.states) || '—').join('; ')} |`);
    row('nmap -sT -T4', r.nmap);
    row(`dockprobe defaults (${describeDefaults(DEFAULTS)})`, r.defaults);
    if (r.tuned.length) row(`dockprobe --timeout ${TUNED.timeoutMs} -c ${TUNED.concurrency}${DEFAULTS.adaptive ? ' --fixed-timeout' : ''}`, r.tuned);
    if (r.sweep) row('bare Node sweep, same timeout and -c as hand-tuned', [r.sweep]);

    const defaultsFloor = DEFAULTS.adaptive ? null : Math.ceil((r.layout.truth.filtered) / DEFAULTS.concurrency) * DEFAULTS.timeoutMs;
    const floorText = defaultsFloor === null ? '' : `; floor ⌈${r.layout.truth.filtered}/${DEFAULTS.concurrency}⌉ × ${DEFAULTS.timeoutMs} ms = ${seconds(defaultsFloor)}`;

    if (r.layout.speedGoal !== null) {
      const goal = r.layout.speedGoal;
      const speedup = nmapWall / defaultsWall;
      const same = sameOpen(r.defaults, expected) && sameOpen(r.nmap, expected);
      const figure = `Discovery, timeout-bound, ${r.layout.name} (${r.layout.describe}), 1 host × 1,000 ports, dockprobe defaults`;
      rows.push({
        figure,
        dockprobe: `${seconds(defaultsWall)} (${describeDefaults(DEFAULTS)}${floorText})`,
        anchor: `nmap -sT -T4: ${seconds(nmapWall)}`,
        ratio: speed(defaultsWall, nmapWall),
        goal: `≥ ${goal}× faster, same open ports`,
        met: speedup >= goal && same ? 'yes' : 'no',
        note:
          speedup >= goal && same
            ? undefined
            : [
                speedup < goal ? `needs ${(goal / speedup).toFixed(1)}× more: ${goal}× means finishing in ${seconds(nmapWall / goal)}.` : '',
                defaultsFloor !== null ? `With a fixed ${DEFAULTS.timeoutMs} ms timeout and ${DEFAULTS.concurrency} connects at once, the ${r.layout.truth.filtered} silent ports alone take ${seconds(defaultsFloor)}.` : '',
                r.layout.truth.closed > 0
                  ? 'nmap -T4 learns the round trip from the resets and then waits its 100 ms floor for a silent port.'
                  : 'Nothing answers but the open ports, so nmap has few round-trip samples and backs off: its wall varies a lot between runs.',
                same ? 'Same open ports found.' : `OPEN PORTS DIFFER from the ${expected.length} planted (dockprobe: ${openText(r.defaults)}; nmap: ${openText(r.nmap)}).`,
              ].filter(Boolean).join(' '),
      });
      if (r.tuned.length) {
        const tunedWall = wall(r.tuned);
        rows.push({
          figure: `… same, dockprobe hand-tuned (--timeout ${TUNED.timeoutMs} -c ${TUNED.concurrency}${DEFAULTS.adaptive ? ' --fixed-timeout' : ''})`,
          dockprobe: `${seconds(tunedWall)} (floor ⌈${r.layout.truth.filtered}/${TUNED.concurrency}⌉ × ${TUNED.timeoutMs} ms = ${seconds(Math.ceil(r.layout.truth.filtered / TUNED.concurrency) * TUNED.timeoutMs)}, plus start-up)`,
          anchor: `nmap -sT -T4: ${seconds(nmapWall)}`,
          ratio: speed(tunedWall, nmapWall),
          goal: 'reported (what tuning buys; the goal is for the defaults)',
          met: 'n/a',
          note: sameOpen(r.tuned, expected) ? undefined : `OPEN PORTS DIFFER from the ${expected.length} planted: ${openText(r.tuned)}`,
        });
      }
    } else {
      // Recall on the lossy link: every open port nmap found in any run must be in every dockprobe run.
      const nmapFound = [...new Set(r.nmap.flatMap((scan) => scan.open))].sort();
      const dockprobeMisses = r.defaults.map((scan) => missed(scan, nmapFound));
      const met = dockprobeMisses.every((misses) => misses.length === 0);
      const chances = expected.length;
      const missCount = (scans: Scan[]) => scans.reduce((sum, scan) => sum + missed(scan, expected).length, 0);
      const missText = (scans: Scan[]) => `${missCount(scans)} of ${chances * scans.length}`;
      rows.push({
        figure: `Recall on a lossy link (${r.layout.describe}), 1 host × 1,000 ports, dockprobe defaults`,
        dockprobe: `${seconds(defaultsWall)}; missed ${missText(r.defaults)} open ports over ${r.defaults.length} runs`,
        anchor: `nmap -sT -T4: ${seconds(nmapWall)}; missed ${missText(r.nmap)} over ${r.nmap.length} runs`,
        ratio: speed(defaultsWall, nmapWall),
        goal: 'no open port that nmap finds is missed; wall time reported',
        met: met ? 'yes' : 'no',
        note: met
          ? undefined
          : `dockprobe missed ${dockprobeMisses.map((misses, i) => `run ${i + 1}: ${misses.map((target) => target.split(':')[1]).join(' ') || 'none'}`).join('; ')} of the ports nmap found (${nmapFound.map((target) => target.split(':')[1]).join(' ')})`,
      });
      const avg = (scans: Scan[], state: string) => (scans.reduce((sum, scan) => sum + (scan.states[state] ?? 0), 0) / scans.length).toFixed(1);
      notes.push(
        '',
        `Lossy link (${r.layout.describe}; emulation by ${r.method}): truth open ${r.layout.truth.open}, filtered ${r.layout.truth.filtered}, closed ${r.layout.truth.closed}.`,
        '',
        '| tool | open ports missed (of 10 per run) | mean open | mean filtered | mean closed | wall (median) |',
        '|---|---|---:|---:|---:|---:|',
        ...([['nmap -sT -T4', r.nmap], ['dockprobe defaults', r.defaults]] as const).map(
          ([tool, scans]) => `| ${tool} | ${scans.map((scan) => missed(scan, expected).length).join(', ')} (total ${missText(scans)}) | ${avg(scans, 'open')} | ${avg(scans, 'filtered')} | ${avg(scans, 'closed')} | ${seconds(wall(scans))} |`,
        ),
        '',
        `A closed port whose reset was lost, or whose SYN was lost on every try, reads as filtered: so more filtered than the truth is the link's loss, and a missed open port is a probe that gave up too early. ${emulatorText(r.emulator)}`,
      );
    }
  }
  details.push(...notes);
  details.push('', `The start-up figure (one closed port) is in its own section. Concurrency ${TUNED.concurrency} needs ${TUNED.concurrency} sockets at once; the limit here is ${limit}.`);
  for (const why of skipped) {
    rows.push({ figure: `Recall on a lossy link: not measured`, dockprobe: '—', anchor: '—', ratio: '—', goal: 'no open port that nmap finds is missed', met: 'error', note: why });
  }
  const scanRaw = (scans: Scan[]) => scans.map((scan) => ({ wallMs: Math.round(scan.run.wallMs), open: scan.open, states: scan.states }));
  return {
    title: '2. Discovery, timeout-bound',
    rows,
    details,
    raw: Object.fromEntries(
      results.map((r) => [
        r.layout.name,
        {
          layout: r.layout.describe,
          truth: r.layout.truth,
          nmap: scanRaw(r.nmap),
          defaults: scanRaw(r.defaults),
          tuned: scanRaw(r.tuned),
          sweepWallMs: r.sweep ? Math.round(r.sweep.run.wallMs) : null,
          defaultsFlags: DEFAULTS,
          tunedFlags: TUNED,
          impairment: r.layout.impaired ? { ...IMPAIRMENT, method: r.method, emulator: r.emulator } : null,
          openFileLimit: limit,
        },
      ]),
    ),
  };
}
