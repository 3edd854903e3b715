/**
 * Adaptive connect timeouts against a real firewall: one host in a network namespace, across a
 * veth link, DROPs some ports, answers others with a TCP reset, and lets some through to a
 * listener (iptables REDIRECT sends every open port to one listener). The built CLI scans it
 * from the other namespace with its defaults, with --fixed-timeout, and across a delayed and
 * lossy link (test/helpers/impaired-link.ts). What is asserted is what a user relies on: the
 * open ports are found, and the report says which timeout each silent port got and how many
 * tries; never how long anything took.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import t from 'tap';
import { impairedLinkUnavailableReason, impairLink } from '../helpers/impaired-link.js';
import { netnsUnavailableReason } from '../helpers/netns.js';
import { runCli } from '../helpers/run-cli.js';
import { createVethPair, listenInNetns, type NetnsListener, type VethPair } from '../helpers/veth-pair.js';

const DROPPED = [20000, 20099] as const;
const RESET = [20100, 20199] as const;
const OPEN = [20200, 20229] as const;
const PORTS = `${DROPPED[0]}-${OPEN[1]}`;
/** More addresses of the same host, for a scan of 4 × 1,024 named probes: enough for the connect threads. */
const EXTRA_HOSTS = ['198.18.0.11', '198.18.0.12', '198.18.0.13'];
const WIDE_PORTS = [DROPPED[0], DROPPED[0] + 1023] as const;

interface Endpoint {
  port: number;
  state: string;
  error: string | null;
}

const range = ([first, last]: readonly [number, number]): number[] => Array.from({ length: last - first + 1 }, (_, i) => first + i);
const inRange = (port: number, [first, last]: readonly [number, number]): boolean => port >= first && port <= last;

const unavailable = netnsUnavailableReason() ?? (spawnSync('iptables', ['--version']).status === 0 ? null : 'iptables is not installed');
if (unavailable) {
  t.plan(0, `adaptive timeouts against a firewall: ${unavailable}`);
} else {
  let pair: VethPair;
  let listener: NetnsListener;
  t.before(async () => {
    pair = createVethPair('adapt');
    listener = await listenInNetns(pair.target, pair.targetAddress);
    const iptables = (...rule: string[]): void => {
      execFileSync(pair.target.exec[0]!, [...pair.target.exec.slice(1), 'iptables', '-w', ...rule]);
    };
    iptables('-t', 'nat', '-A', 'PREROUTING', '-p', 'tcp', '--dport', OPEN.join(':'), '-j', 'REDIRECT', '--to-ports', String(listener.port));
    iptables('-A', 'INPUT', '-p', 'tcp', '--dport', DROPPED.join(':'), '-j', 'DROP');
    iptables('-A', 'INPUT', '-p', 'tcp', '--dport', RESET.join(':'), '-j', 'REJECT', '--reject-with', 'tcp-reset');
    for (const address of EXTRA_HOSTS) execFileSync('ip', ['-n', pair.target.name, 'addr', 'add', `${address}/24`, 'dev', pair.targetInterface]);
  });
  t.teardown(async () => {
    await listener?.close();
    pair?.remove();
  });

  const scan = async (extra: string[], targets = [pair.targetAddress], ports = PORTS): Promise<Endpoint[]> => {
    const run = await runCli(['scan', ...targets, '-p', ports, '-f', 'json', '--fail-on', 'none', ...extra], { prefix: pair.scanner.exec, timeoutMs: 120_000 });
    // 4: the listener hangs up on every connection, so what listens there stays unknown.
    if (run.status !== 0 && run.status !== 4) throw new Error(`scan failed (${run.status}): ${run.stderr}`);
    return (JSON.parse(run.stdout) as { endpoints: Endpoint[] }).endpoints;
  };

  t.test('defaults: every open port found, dropped ports filtered after 3 overlapping tries under a deadline below --timeout, resets closed', async (t) => {
    const endpoints = await scan([]);
    t.equal(endpoints.length, range([DROPPED[0], OPEN[1]]).length, 'every port reported');
    t.same(endpoints.filter((e) => e.state === 'open').map((e) => e.port), range(OPEN), 'every open port found');
    const reset = endpoints.filter((e) => inRange(e.port, RESET));
    t.same(new Set(reset.map((e) => `${e.state}: ${e.error}`)), new Set(['closed: connection refused']), 'every reset port closed');
    const dropped = endpoints.filter((e) => inRange(e.port, DROPPED));
    t.same(new Set(dropped.map((e) => e.state)), new Set(['filtered']));
    // The resets taught a round trip far below the default 3 s, so the silent ports were given
    // up on well before it, after three tries started one after the other, all before the deadline.
    const unlike = dropped.filter((endpoint) => {
      const detail = /^no answer to TCP connect within (\d+) ms \(adaptive; 3 overlapping tries at 0, (\d+), (\d+) ms\)$/.exec(endpoint.error ?? '');
      if (!detail) return true;
      const [within, second, third] = [detail[1], detail[2], detail[3]].map(Number) as [number, number, number];
      return !(within < 3000 && second > 0 && third >= second && third < within);
    });
    t.same(unlike.map((e) => `${e.port}: ${e.error}`), [], 'every dropped port: 3 tries, a deadline below --timeout');
    t.pass(`dropped ports, e.g.: ${dropped[0]?.error}`);
  });

  t.test('on the connect threads (4,096 probes): the same answers, and the same adaptive timeouts and overlapping tries', async (t) => {
    const hosts = [pair.targetAddress, ...EXTRA_HOSTS];
    const endpoints = await scan([], hosts, WIDE_PORTS.join('-'));
    t.equal(endpoints.length, 4096, 'every probe reported');
    t.same(endpoints.filter((e) => e.state === 'open').length, hosts.length * range(OPEN).length, 'every open port found');
    const dropped = endpoints.filter((e) => inRange(e.port, DROPPED));
    // Each thread learns from its own answers and runs whole probes: every try is made there.
    const details = new Set(dropped.map((e) => `${e.state}: ${e.error?.replace(/\d+/g, 'N')}`));
    t.same(details, new Set(['filtered: no answer to TCP connect within N ms (adaptive; N overlapping tries at N, N, N ms)']), `every dropped port: 3 tries, e.g. ${dropped[0]?.error}`);
    const waits = dropped.map((e) => Number(/within (\d+) ms/.exec(e.error ?? '')?.[1]));
    t.ok(waits.every((wait) => wait < 3000), `each below --timeout: ${[...new Set(waits)].join(', ')} ms`);
    t.same(endpoints.filter((e) => !inRange(e.port, DROPPED) && !inRange(e.port, OPEN) && e.state !== 'closed'), [], 'every other port closed');
  });

  t.test('--fixed-timeout: every dropped port waited the full --timeout, once', async (t) => {
    const endpoints = await scan(['--fixed-timeout', '--timeout', '700ms']);
    t.same(endpoints.filter((e) => e.state === 'open').map((e) => e.port), range(OPEN), 'every open port found');
    const dropped = endpoints.filter((e) => inRange(e.port, DROPPED));
    t.same(new Set(dropped.map((e) => `${e.state}: ${e.error}`)), new Set(['filtered: no answer to TCP connect within 700 ms (fixed; 1 try)']));
  });

  const impaired = impairedLinkUnavailableReason();
  t.test('a delayed, lossy link (80 ± 40 ms, 3 % loss each way): no open port is missed', { skip: impaired ?? false }, async (t) => {
    const link = await impairLink(pair.scanner.exec, pair.scannerInterface, { delayMs: 80, jitterMs: 40, lossPercent: 3 });
    let endpoints: Endpoint[];
    try {
      endpoints = await scan([]);
    } finally {
      await link.stop();
    }
    t.comment(`emulator: ${JSON.stringify(link.counts())}`);
    // Thirty open ports: with a single try, about 6 % of connects lose their SYN or SYN-ACK, so
    // about two would be missed in every run. The overlapping tries are what find them.
    t.same(endpoints.filter((e) => e.state === 'open').map((e) => e.port), range(OPEN), 'every open port found');
    t.same(endpoints.filter((e) => inRange(e.port, DROPPED) && e.state !== 'filtered'), [], 'no dropped port called anything but filtered');
    const reset = endpoints.filter((e) => inRange(e.port, RESET));
    const unanswered = reset.filter((e) => e.state !== 'closed');
    t.same(unanswered.filter((e) => e.state !== 'filtered'), [], 'a reset port is closed, or filtered when every try was lost');
    t.ok(unanswered.length <= 2, `reset ports whose every try was lost: ${unanswered.length} of ${reset.length} (expected about 0.02)`);
    const waits = endpoints.filter((e) => inRange(e.port, DROPPED)).map((e) => Number(/within (\d+) ms/.exec(e.error ?? '')?.[1]));
    // At the floor the deadline would be 200 ms; 4 × the link's 80 ms mean round trip is 320.
    t.ok(waits.every((wait) => wait > 320 && wait < 3000), `the deadline followed the slower round trip: ${[...new Set(waits)].join(', ')} ms`);
  });
}
