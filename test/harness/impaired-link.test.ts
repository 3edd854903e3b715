/**
 * The impaired link (test/helpers/impaired-link.ts) that the lossy-link benchmark and the
 * adaptive-timeout tests rely on: it must really add the delay it was given, drop about the
 * share of packets it was given, and keep up with a scan's burst of SYNs, or every figure
 * measured over it would be a figure of a different link.
 *
 * Two namespaces joined by a veth pair (test/helpers/veth-pair.ts); the impairment sits on the
 * target's end, so both directions pass through it. Round trips are TCP connects from a Node
 * child in the scanner namespace to a closed port: SYN out, RST back, no listener needed.
 */
import { spawnSync } from 'node:child_process';
import t, { type Test } from 'tap';
import { impairedLinkUnavailableReason, impairLink, type ImpairedLink, type LinkImpairment } from '../helpers/impaired-link.js';
import { netnsUnavailableReason } from '../helpers/netns.js';
import { createVethPair, type VethPair } from '../helpers/veth-pair.js';

/** Nothing listens in the fresh target namespace, so this port answers every SYN with a reset. */
const CLOSED_PORT = 4321;
const CHILD_TIMEOUT_MS = 120_000;

/**
 * Runs connects from the scanner namespace and returns each one's round trip in ms (null: no
 * answer within 5 s). `atOnce`: all started together (a scan's burst), else one after another.
 */
const CONNECTS = `
  const net = require('node:net');
  const [host, port, count, atOnce] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3]), process.argv[4] === 'burst'];
  const one = () => new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const socket = net.connect({ host, port });
    const done = (answered) => { socket.destroy(); resolve(answered ? Number(process.hrtime.bigint() - start) / 1e6 : null); };
    socket.setTimeout(5000, () => done(false));
    socket.on('connect', () => done(true));
    socket.on('error', (error) => done(error.code === 'ECONNREFUSED'));
  });
  (async () => {
    const first = process.hrtime.bigint();
    const times = atOnce ? await Promise.all(Array.from({ length: count }, one)) : [];
    for (let i = 0; !atOnce && i < count; i++) times.push(await one());
    console.log(JSON.stringify({ times, spanMs: Number(process.hrtime.bigint() - first) / 1e6 }));
  })();`;

/** Sends COUNT UDP datagrams to HOST:PORT, one after another, and exits. */
const DATAGRAMS = `
  const socket = require('node:dgram').createSocket('udp4');
  const [host, port, count] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
  (async () => {
    for (let i = 0; i < count; i++) await new Promise((resolve, reject) => socket.send(String(i), port, host, (e) => (e ? reject(e) : resolve())));
    socket.close();
  })();`;

function nodeIn(exec: string[], script: string, args: string[]): string {
  const run = spawnSync(exec[0]!, [...exec.slice(1), process.execPath, '-e', script, ...args], { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS, killSignal: 'SIGKILL' });
  if (run.status !== 0) throw new Error(`node in namespace failed (${run.status ?? run.signal}): ${run.stderr}`);
  return run.stdout;
}

function connectTimes(pair: VethPair, count: number, mode: 'burst' | 'serial'): { times: (number | null)[]; spanMs: number } {
  return JSON.parse(nodeIn(pair.scanner.exec, CONNECTS, [pair.targetAddress, String(CLOSED_PORT), String(count), mode])) as { times: (number | null)[]; spanMs: number };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function answered(times: (number | null)[]): number[] {
  return times.filter((time): time is number => time !== null);
}

/** Packet counter of the first rule in CHAIN of TABLE inside the target namespace. */
function counter(pair: VethPair, table: string, chain: string): number {
  const listing = spawnSync(pair.target.exec[0]!, [...pair.target.exec.slice(1), 'iptables', '-w', '-t', table, '-nvxL', chain], { encoding: 'utf8' }).stdout;
  const row = listing.split('\n')[2]?.trim().split(/\s+/);
  return Number(row?.[0]);
}

/** Packets the target namespace's NFQUEUEs hold right now (/proc/net/netfilter/nfnetlink_queue). */
function queued(pair: VethPair): number {
  const table = spawnSync(pair.target.exec[0]!, [...pair.target.exec.slice(1), 'cat', '/proc/net/netfilter/nfnetlink_queue'], { encoding: 'utf8' }).stdout;
  return table.split('\n').filter(Boolean).reduce((sum, line) => sum + Number(line.trim().split(/\s+/)[2]), 0);
}

async function impaired(t: Test, pair: VethPair, impairment: LinkImpairment): Promise<ImpairedLink> {
  const link = await impairLink(pair.target.exec, pair.targetInterface, impairment);
  t.teardown(() => link.stop());
  return link;
}

const unavailable = netnsUnavailableReason() ?? impairedLinkUnavailableReason();
if (unavailable && process.env.CI) t.fail(`CI must run the impaired-link tests, but: ${unavailable}`);
else if (unavailable) t.plan(0, unavailable);
else {
  const pair = createVethPair('impair');
  t.teardown(() => pair.remove());

  t.test('delay: every round trip takes at least the added delay less the jitter, the median about the delay', async (t) => {
    const bare = answered(connectTimes(pair, 20, 'serial').times);
    t.equal(bare.length, 20, 'the bare link answers every connect');
    const bareMedian = quantile(bare, 0.5);
    t.ok(bareMedian < 20, `bare link: median round trip ${bareMedian.toFixed(2)} ms, far below the 80 ms to add`);

    const link = await impaired(t, pair, { delayMs: 80, jitterMs: 40, lossPercent: 0 });
    const samples = answered(connectTimes(pair, 50, 'serial').times);
    await link.stop();
    t.equal(samples.length, 50, 'no loss configured: every connect is answered');
    const [min, median] = [Math.min(...samples), quantile(samples, 0.5)];
    t.comment(`impaired (${link.method}): min ${min.toFixed(1)} ms, median ${median.toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms`);
    // Each round trip is held 80 ± 40 ms: none can be shorter than 40 ms.
    t.ok(min >= 39, `shortest round trip ${min.toFixed(1)} ms ≥ 80 − 40 ms`);
    // Broad: a busy machine adds its scheduling delay on top, never takes any away.
    t.ok(median >= 60 && median <= 130, `median round trip ${median.toFixed(1)} ms near 80 ms`);
    // The jitter spreads them: some below 75 ms and some above 85 ms (each all but certain in 50).
    t.ok(samples.some((s) => s < 75) && samples.some((s) => s > 85), 'round trips spread over the jitter');
    const after = answered(connectTimes(pair, 10, 'serial').times);
    t.ok(quantile(after, 0.5) < 20, 'stop() gives the bare link back');
  });

  t.test('loss: about the configured share of packets is dropped', async (t) => {
    const sent = 2000;
    const port = 9;
    // Counters on both sides of the emulator: raw PREROUTING runs before the NFQUEUE rule
    // (mangle), filter INPUT after it. What the first saw and the second did not was dropped.
    for (const [table, chain] of [['raw', 'PREROUTING'], ['filter', 'INPUT']] as const) {
      spawnSync(pair.target.exec[0]!, [...pair.target.exec.slice(1), 'iptables', '-w', '-t', table, '-I', chain, '-p', 'udp', '--dport', String(port)]);
      t.teardown(() => {
        spawnSync(pair.target.exec[0]!, [...pair.target.exec.slice(1), 'iptables', '-w', '-t', table, '-D', chain, '-p', 'udp', '--dport', String(port)]);
      });
    }
    const link = await impaired(t, pair, { delayMs: 0, jitterMs: 0, lossPercent: 10 });
    nodeIn(pair.scanner.exec, DATAGRAMS, [pair.targetAddress, String(port), String(sent)]);
    // Bounded wait for a condition, not a timing: every datagram has reached the emulator's
    // queue and the emulator has judged all of them.
    for (let tries = 0; tries < 200 && (counter(pair, 'raw', 'PREROUTING') < sent || queued(pair) > 0); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [arrived, passed] = [counter(pair, 'raw', 'PREROUTING'), counter(pair, 'filter', 'INPUT')];
    await link.stop();
    t.equal(arrived, sent, 'every datagram reached the impaired interface');
    const lost = arrived - passed;
    t.comment(`10 % loss: ${lost} of ${arrived} datagrams dropped; the emulator counted ${link.counts()?.dropped ?? 'n/a'}`);
    // Binomial(2000, 0.1): mean 200, standard deviation 13.4; these bounds are about 5 of them.
    t.ok(lost >= 130 && lost <= 270, `${lost} of ${arrived} dropped, about 10 %`);
  });

  t.test('keeps up with a scan: 1,000 SYNs at once, each answered after the delay and never lost', async (t) => {
    const link = await impaired(t, pair, { delayMs: 80, jitterMs: 40, lossPercent: 0 });
    const { times, spanMs } = connectTimes(pair, 1000, 'burst');
    await link.stop();
    const samples = answered(times);
    const counts = link.counts();
    const packets = counts?.packets ?? 2 * samples.length;
    t.comment(
      `1,000 connects at once over ${link.method}: median ${quantile(samples, 0.5).toFixed(1)} ms, p99 ${quantile(samples, 0.99).toFixed(1)} ms, ` +
        `max ${Math.max(...samples).toFixed(1)} ms, all done in ${spanMs.toFixed(0)} ms (${Math.round(packets / (spanMs / 1000))} packets/s through the emulator); ` +
        `emulator: ${JSON.stringify(counts)}`,
    );
    t.equal(samples.length, 1000, 'every connect answered');
    // A SYN lost or judged too late would be sent again after Linux's initial 1 s retransmission timeout.
    t.ok(Math.max(...samples) < 1000, `slowest round trip ${Math.max(...samples).toFixed(0)} ms: no SYN needed a retransmission`);
    if (counts) {
      t.ok(counts.packets >= 2000, `the emulator judged ${counts.packets} packets (1,000 SYNs and 1,000 resets)`);
      t.equal(counts.kernelQueueFullDrops, 0, 'the kernel dropped nothing for a full queue');
      t.equal(counts.kernelUndeliveredDrops, 0, 'the kernel dropped nothing it could not hand to the emulator');
      t.equal(counts.overflowDropped, 0, 'the emulator held every packet it was given');
    }
  });
}
