import t from 'tap';
import type { ConnectAnswer } from '../../src/network/tcp-connect.js';
import { AdaptiveConnects, type TryResult } from '../../src/scan/adaptive-connects.js';
import { RoundTripEstimator } from '../../src/scan/round-trip-estimator.js';

/** A clock the test moves, connects the test answers, and a ticker the test runs. */
function harness(ceilingMs = 3000) {
  // Not on a tick boundary: deadlines fall inside a tick, as on a real clock.
  let now = 1_000_000.7;
  const sockets = new Map<string, { answer: (a: ConnectAnswer) => void; cancelled: boolean }>();
  const estimator = new RoundTripEstimator(ceilingMs);
  const connects = new AdaptiveConnects(estimator, ceilingMs, {
    now: () => now,
    setTimer: () => {},
    afterIo: (expire) => expire(),
    startConnect: (address, port, answered) => {
      const socket = { answer: answered, cancelled: false };
      sockets.set(`${address}:${port}`, socket);
      return () => (socket.cancelled = true);
    },
  });
  const results = new Map<string, TryResult>();
  const start = (address: string, port: number, attempt = 1, stop?: AbortSignal): void => {
    void connects.tryConnect(address, port, attempt, stop).then((r) => results.set(`${address}:${port}`, r));
  };
  /**
   * Moves the clock in ticks, then lets promises settle. Steps of 7 ms, not the ticker's 10: a
   * real ticker is late by odd amounts, and ticks fall before and after deadlines in one bucket.
   */
  const advance = async (ms: number): Promise<void> => {
    for (let passed = 0; passed < ms; passed += 7) {
      now += Math.min(7, ms - passed);
      connects.tick();
    }
    await new Promise((resolve) => setImmediate(resolve));
  };
  const answer = async (key: string, a: ConnectAnswer): Promise<void> => {
    sockets.get(key)!.answer(a);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { connects, estimator, sockets, results, start, advance, answer };
}

const RESET: ConnectAnswer = { state: 'closed', detail: 'connection refused', fromNetwork: true };

t.test('resets shorten the wait of connects already in flight', async (t) => {
  const h = harness();
  for (let port = 1; port <= 1000; port++) h.start('10.0.0.9', port);
  await h.advance(5);
  for (let port = 801; port <= 1000; port++) await h.answer(`10.0.0.9:${port}`, RESET);
  // Nothing waited the initial 1 s: the 800 silent ones end at the floor once checked.
  await h.advance(150);
  t.equal(h.connects.pending, 0, 'every connect ended');
  const silent = [...h.results].filter(([, r]) => r.timedOut);
  t.equal(silent.length, 800);
  t.same(new Set(silent.map(([, r]) => r.timeoutMs)), new Set([100]), 'each under the 100 ms the resets taught');
  t.ok([...h.sockets.values()].slice(0, 800).every((s) => s.cancelled), 'their sockets were closed');
  t.match(silent[0]![1], { state: 'filtered', detail: 'no answer to TCP connect within 100 ms' });
  t.match(h.results.get('10.0.0.9:900'), { state: 'closed', timedOut: false });
});

t.test('without any answer, a connect waits the initial value, then times out', async (t) => {
  const h = harness();
  h.start('10.0.0.9', 1);
  await h.advance(990);
  t.equal(h.results.size, 0, 'still waiting before 1 s');
  await h.advance(20);
  t.match(h.results.get('10.0.0.9:1'), { timedOut: true, timeoutMs: 1000 });
});

t.test('a tick in the deadline\'s bucket but just before the deadline does not lose the connect', async (t) => {
  const h = harness();
  h.start('10.0.0.9', 1);
  await h.advance(999.5); // the clock started at …000.7: now …1000.2, in the bucket of the deadline …1000.7
  t.equal(h.results.size, 0);
  await h.advance(30);
  t.match(h.results.get('10.0.0.9:1'), { timedOut: true, timeoutMs: 1000 });
  t.equal(h.connects.pending, 0);
});

t.test('a slow first answer lengthens the wait of connects in flight', async (t) => {
  const h = harness();
  h.start('10.0.0.9', 1);
  h.start('10.0.0.9', 2);
  await h.advance(700);
  await h.answer('10.0.0.9:2', { state: 'open', detail: null, fromNetwork: true }); // 700 ms: timeout 2100
  await h.advance(400);
  t.notOk(h.results.has('10.0.0.9:1'), 'no timeout at the initial 1 s any more');
  await h.advance(1100);
  t.match(h.results.get('10.0.0.9:1'), { timedOut: true, timeoutMs: 2100 });
});

t.test('a retry waits twice as long, capped at the ceiling', async (t) => {
  const h = harness(1500);
  h.estimator.sample('10.0.0.9', 100); // SRTT 100, RTTVAR 50: 300 ms
  h.start('10.0.0.9', 1, 1);
  h.start('10.0.0.9', 2, 2);
  h.start('10.0.0.9', 3, 3);
  h.start('10.0.0.9', 4, 4);
  await h.advance(1600);
  t.same([1, 2, 3, 4].map((port) => h.results.get(`10.0.0.9:${port}`)!.timeoutMs), [300, 600, 1200, 1500]);
});

t.test('answers that did not come from the network teach nothing', async (t) => {
  const h = harness();
  h.start('10.0.0.9', 1);
  h.start('10.0.0.9', 2);
  await h.advance(1);
  await h.answer('10.0.0.9:2', { state: 'error', detail: 'EMFILE: too many open files', fromNetwork: false });
  await h.advance(500);
  t.notOk(h.results.has('10.0.0.9:1'), 'still on the initial value');
  t.equal(h.estimator.timeoutMs('10.0.0.9'), 1000);
});

t.test('an interrupt ends a connect at once, as an error', async (t) => {
  const h = harness();
  const stop = new AbortController();
  h.start('10.0.0.9', 1, 1, stop.signal);
  stop.abort('interrupted by SIGINT');
  await h.advance(1);
  t.match(h.results.get('10.0.0.9:1'), { state: 'error', detail: 'interrupted by SIGINT before TCP connect finished', timedOut: false });
  t.equal(h.connects.pending, 0);
  t.ok(h.sockets.get('10.0.0.9:1')!.cancelled);
});

t.test('a real connect refused on loopback is answered, and the ticker stops when idle', async (t) => {
  const connects = new AdaptiveConnects(new RoundTripEstimator(3000), 3000);
  const result = await connects.tryConnect('127.0.0.1', 1, 1);
  t.match(result, { state: 'closed', timedOut: false });
  t.equal(connects.pending, 0);
});
