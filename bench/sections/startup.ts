/**
 * Start-up: what dockprobe costs before it does any work, beside what Node itself costs to
 * start (`node -e 0`) and nmap's figure for the same one-port job. Bounds every ratio on small
 * scans. Measured inside a fresh network namespace, where 127.0.0.1:PORT is surely closed (an
 * immediate reset), so the wall of a scan is start-up and one round trip on loopback.
 *
 * The four commands run interleaved, round after round, so that load arriving in the middle
 * of the section skews them all alike; the figures are medians.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DOCKPROBE_ENV, dockprobeArgv } from '../lib/dockprobe.js';
import { assertExit, measure, median, type Measured } from '../lib/measure.js';
import { benchNetns } from '../lib/netns.js';
import type { BenchContext, Row, Section } from '../lib/types.js';

const ROUNDS = 15;
const HOST = '127.0.0.1';
const PORT = 2999;
/** The goal of issue 15: scanning one closed port costs at most twice a bare Node start. */
const GOAL_RATIO = 2;

const ms = (value: number): string => `${value.toFixed(0)} ms`;

interface Contender {
  key: string;
  label: string;
  argv: string[];
  /** Exit codes that mean it did the job. */
  exits: number[];
  /** What its stdout must say, so a fast failure is never timed as a fast start. */
  says: RegExp;
}

export const startup: Section = async (context: BenchContext) => {
  const ns = benchNetns('startup');
  try {
    const emptyRoot = join(context.tmp, 'startup-empty-root');
    mkdirSync(emptyRoot, { recursive: true });
    const contenders: Contender[] = [
      { key: 'node', label: 'node -e 0', argv: [process.execPath, '-e', '0'], exits: [0], says: /^$/ },
      { key: 'scan', label: `dockprobe scan ${HOST}:${PORT}`, argv: dockprobeArgv(context, ['scan', `${HOST}:${PORT}`]), exits: [0], says: /1 closed/ },
      { key: 'config', label: 'dockprobe config --root EMPTY', argv: dockprobeArgv(context, ['config', '--root', emptyRoot]), exits: [0], says: /not configured here/ },
      { key: 'nmap', label: `nmap -sT -T4 -n -Pn -p${PORT} ${HOST}`, argv: ['nmap', '-sT', '-T4', '-n', '-Pn', `-p${PORT}`, HOST], exits: [0], says: new RegExp(`${PORT}/tcp\\s+closed`) },
    ];
    const runs = new Map<string, Measured[]>(contenders.map((c) => [c.key, []]));
    // One unmeasured round first: the page cache holds node, dist/ and nmap for every round after.
    for (let round = 0; round <= ROUNDS; round++) {
      if (round > 0) context.log(`startup: round ${round}/${ROUNDS}`);
      for (const contender of contenders) {
        const run = await measure(contender.argv, { prefix: ns.exec, env: DOCKPROBE_ENV, cwd: context.tmp, timeoutMs: 30_000 });
        assertExit(run, contender.exits, contender.label);
        if (!contender.says.test(run.stdout)) throw new Error(`${contender.label} did not say ${contender.says}: ${run.stdout.slice(0, 500)}${run.stderr.slice(0, 500)}`);
        if (round > 0) runs.get(contender.key)!.push(run);
      }
    }
    const wall = (key: string): number => median(runs.get(key)!.map((run) => run.wallMs));
    const cpu = (key: string): number => median(runs.get(key)!.map((run) => (run.userS + run.sysS) * 1000));
    const node = wall('node');
    const scanRatio = wall('scan') / node;
    const rows: Row[] = [
      {
        figure: `Start-up: scan of one closed port vs a bare node -e 0`,
        dockprobe: ms(wall('scan')),
        anchor: `node -e 0: ${ms(node)} (nmap -sT -T4: ${ms(wall('nmap'))})`,
        ratio: `${scanRatio.toFixed(2)}× node`,
        goal: `≤ ${GOAL_RATIO}× node -e 0`,
        met: scanRatio <= GOAL_RATIO ? 'yes' : 'no',
        note: scanRatio <= GOAL_RATIO
          ? undefined
          : `${ms(wall('scan') - GOAL_RATIO * node)} over ${GOAL_RATIO}× node; CPU: dockprobe ${ms(cpu('scan'))}, node ${ms(cpu('node'))}; where it goes: docs/benchmarks.md, "Start-up" under "Why goals are missed".`,
      },
      {
        figure: 'Start-up: config on an empty --root vs a bare node -e 0',
        dockprobe: ms(wall('config')),
        anchor: `node -e 0: ${ms(node)}`,
        ratio: `${(wall('config') / node).toFixed(2)}× node`,
        goal: 'reported',
        met: 'n/a',
      },
    ];
    const details = [
      `${ROUNDS} rounds after one unmeasured warm-up round; each round runs the four commands one after the other, inside network namespace ${ns.name} (127.0.0.1:${PORT} closed: an immediate reset). Wall by the harness clock, CPU (user + system) by GNU time; medians.`,
      '',
      '| command | wall (median) | CPU (median) | wall, each round |',
      '|---|---:|---:|---|',
      ...contenders.map((c) => `| \`${c.label}\` | ${ms(wall(c.key))} | ${ms(cpu(c.key))} | ${runs.get(c.key)!.map((run) => run.wallMs.toFixed(0)).join(', ')} |`),
    ];
    const raw = Object.fromEntries(contenders.map((c) => [c.key, { command: c.label, wallMs: runs.get(c.key)!.map((run) => Math.round(run.wallMs)), cpuMs: runs.get(c.key)!.map((run) => Math.round((run.userS + run.sysS) * 1000)) }]));
    return { title: 'Start-up: one closed port, an empty config root, beside node -e 0 and nmap', rows, details, raw };
  } finally {
    await ns.remove();
  }
};
