import t from 'tap';
import type { ConnectAnswer, ConnectResult } from '../../src/network/tcp-connect.js';
import { AdaptiveConnects } from '../../src/scan/adaptive-connects.js';
import { connectSchedule } from '../../src/scan/connect-timing.js';
import { RoundTripEstimator } from '../../src/scan/round-trip-estimator.js';

interface FakeSocket {
  answer: (a: ConnectAnswer) => void;
  cancelled: boolean;
}

/** A clock the test moves, connects the test answers, and a ticker the test runs. */
function harness(ceilingMs = 3000) {
  // Not on a tick boundary: deadlines fall inside a tick, as on a real clock.
  let now = 1_000_000.7;
  /** Every socket started to address:port, in order (one per try). */
  const sockets = new Map<string, FakeSocket[]>();
  const estimator = new RoundTripEstimator(ceilingMs);
  const connects = new AdaptiveConnects(estimator, ceilingMs, {
    now: () => now,
    setTimer: () => {},
    afterIo: (expire) => expire(),
    startConnect: (address, port, answered, sent) => {
      const socket = { answer: answered, cancelled: false };
      const key = `${address}:${port}`;
      sockets.set(key, [...(sockets.get(key) ?? []), socket]);
      sent?.();
      return () => (socket.cancelled = true);
    },
  });
  const results = new Map<string, ConnectResult>();
  const start = (address: string, port: number, stop?: AbortSignal): void => {
    void connects.connect(address, port, ceilingMs, stop).then((r) => results.set(`${address}:${port}`, r));
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
  /** Moves the clock at once, with one tick: our event loop was busy for `ms`. */
  const jump = async (ms: number): Promise<void> => {
    now += ms;
    connects.tick();
    await new Promise((resolve) => setImmediate(resolve));
  };
  /** Answers try number `attempt` (1 = the first) of address:port. */
  const answer = async (key: string, a: ConnectAnswer, attempt = 1): Promise<void> => {
    sockets.get(key)![attempt - 1]!.answer(a);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { connects, estimator, sockets, results, start, advance, jump, answer };
}

const RESET: ConnectAnswer = { state: 'closed', detail: 'connection refused', fromNetwork: true };
const OPEN: ConnectAnswer = { state: 'open', detail: null, fromNetwork: true };
const TRIES = /^no answer to TCP connect within (\d+) ms \(adaptive; 3 overlapping tries at 0, (\d+), (\d+) ms\)$/;

t.test('the schedule: 3 tries one estimate apart, a deadline of 4 estimates, capped at --timeout with the tries spread over it', async (t) => {
  t.same(connectSchedule(50, 3000), { intervalMs: 50, deadlineMs: 200 });
  t.same(connectSchedule(500, 3000), { intervalMs: 500, deadlineMs: 2000 }, 'nothing answered yet (the initial 500 ms): tries at 0, 500, 1000 ms, 2 s');
  t.same(connectSchedule(1000, 3000), { intervalMs: 750, deadlineMs: 3000 }, 'past --timeout: one --timeout, tries at 0, 750, 1500 ms');
  t.same(connectSchedule(400, 400), { intervalMs: 100, deadlineMs: 400 });
});

t.test('resets shorten the wait of probes already in flight; every try of a silent port stays open to the deadline', async (t) => {
  const h = harness();
  for (let port = 1; port <= 1000; port++) h.start('10.0.0.9', port);
  await h.advance(5);
  for (let port = 801; port <= 1000; port++) await h.answer(`10.0.0.9:${port}`, RESET);
  t.equal(h.estimator.timeoutMs('10.0.0.9'), 50, 'the resets taught the floor');
  await h.advance(180);
  t.equal(h.results.size, 200, 'no silent port given up on before 4 × 50 ms');
  t.ok([...h.sockets].slice(0, 800).every(([, tries]) => tries.length === 3 && tries.every((s) => !s.cancelled)), 'each silent port: 3 tries, all still open');
  await h.advance(30);
  t.equal(h.connects.pending, 0, 'every probe ended');
  const silent = [...h.results].filter(([, r]) => r.state === 'filtered');
  t.equal(silent.length, 800);
  const unlike = silent.filter(([, r]) => {
    const m = TRIES.exec(r.detail ?? '');
    return !m || m[1] !== '200' || Number(m[2]) < 50 || Number(m[2]) >= 70 || Number(m[3]) < 100 || Number(m[3]) >= 120;
  });
  t.same(unlike, [], `each: within 200 ms, tries at 0, ~50, ~100 ms, e.g. ${silent[0]![1].detail}`);
  t.ok([...h.sockets].slice(0, 800).every(([, tries]) => tries.every((s) => s.cancelled)), 'their sockets were closed');
  t.match(h.results.get('10.0.0.9:900'), { state: 'closed', detail: 'connection refused' });
  t.equal(h.sockets.get('10.0.0.9:900')!.length, 1, 'an answered port got one try');
});

t.test('a late answer to the first try counts after later tries were sent, and closes them', async (t) => {
  const h = harness();
  h.estimator.sample('10.0.0.9', 1); // the floor: tries at 0, 50, 100, deadline 200
  h.start('10.0.0.9', 2375);
  await h.advance(150);
  t.equal(h.sockets.get('10.0.0.9:2375')!.length, 3);
  await h.answer('10.0.0.9:2375', OPEN, 1);
  t.same(h.results.get('10.0.0.9:2375'), { state: 'open', detail: null });
  t.ok(h.sockets.get('10.0.0.9:2375')!.every((s) => s.cancelled), 'the other tries were closed at once');
  t.equal(h.connects.pending, 0);
});

t.test('an answer to a later try decides too (the first SYN was lost)', async (t) => {
  const h = harness();
  h.estimator.sample('10.0.0.9', 1);
  h.start('10.0.0.9', 1);
  await h.advance(60);
  await h.answer('10.0.0.9:1', RESET, 2);
  t.same(h.results.get('10.0.0.9:1'), { state: 'closed', detail: 'connection refused' });
  t.ok(h.sockets.get('10.0.0.9:1')![0]!.cancelled);
});

t.test('an extra try this machine could not make (EMFILE) does not decide: the earlier one still waits', async (t) => {
  const h = harness();
  h.estimator.sample('10.0.0.9', 1);
  h.start('10.0.0.9', 1);
  await h.advance(60);
  await h.answer('10.0.0.9:1', { state: 'error', detail: 'EMFILE: too many open files', fromNetwork: false }, 2);
  t.notOk(h.results.has('10.0.0.9:1'));
  await h.answer('10.0.0.9:1', OPEN, 1);
  t.same(h.results.get('10.0.0.9:1'), { state: 'open', detail: null });
});

t.test('when our event loop was late, the tries that are due go together, and the last still gets one interval', async (t) => {
  const h = harness();
  h.estimator.sample('10.0.0.9', 1); // tries at 0, 50, 100, deadline 200
  h.start('10.0.0.9', 1);
  await h.jump(180);
  t.equal(h.sockets.get('10.0.0.9:1')!.length, 3, 'both late tries sent at once');
  await h.jump(40);
  t.notOk(h.results.has('10.0.0.9:1'), 'not given up on at 200 ms: the last try went out at 180');
  await h.jump(20);
  t.same(h.results.get('10.0.0.9:1'), { state: 'filtered', detail: 'no answer to TCP connect within 230 ms (adaptive; 3 overlapping tries at 0, 180, 180 ms)' });
  const onTime = harness();
  onTime.estimator.sample('10.0.0.9', 1);
  onTime.start('10.0.0.9', 1);
  await onTime.jump(120);
  await onTime.jump(90);
  t.match(onTime.results.get('10.0.0.9:1'), { detail: 'no answer to TCP connect within 200 ms (adaptive; 3 overlapping tries at 0, 120, 120 ms)' }, 'a last try an interval before the deadline: no longer');
});

t.test('without any answer, a probe waits 4 × the initial 500 ms, with tries at 0, 500, 1000 ms', async (t) => {
  const h = harness();
  h.start('10.0.0.9', 1);
  await h.advance(1990);
  t.equal(h.results.size, 0, 'still waiting before 2 s');
  await h.advance(20);
  const m = TRIES.exec(h.results.get('10.0.0.9:1')?.detail ?? '');
  t.ok(m && m[1] === '2000' && Number(m[2]) >= 500 && Number(m[2]) < 520 && Number(m[3]) >= 1000 && Number(m[3]) < 1020, String(h.results.get('10.0.0.9:1')?.detail));
});

t.test('without any answer and a short --timeout, the probe waits --timeout, with its tries spread over it', async (t) => {
  const h = harness(1000);
  h.start('10.0.0.9', 1);
  await h.advance(990);
  t.equal(h.results.size, 0);
  await h.advance(20);
  const m = TRIES.exec(h.results.get('10.0.0.9:1')?.detail ?? '');
  t.ok(m && m[1] === '1000' && Number(m[2]) >= 250 && Number(m[2]) < 270 && Number(m[3]) >= 500 && Number(m[3]) < 520, String(h.results.get('10.0.0.9:1')?.detail));
});

t.test('a tick in the deadline\'s bucket but just before the deadline does not lose the probe', async (t) => {
  const h = harness();
  h.start('10.0.0.9', 1);
  await h.advance(1999.5); // the clock started at …000.7: now …2000.2, in the bucket of the deadline …2000.7
  t.equal(h.results.size, 0);
  await h.advance(30);
  t.match(h.results.get('10.0.0.9:1'), { state: 'filtered', detail: /^no answer to TCP connect within 2000 ms / });
  t.equal(h.connects.pending, 0);
});

t.test('a slow first answer lengthens the wait of probes in flight', async (t) => {
  const h = harness(10_000);
  h.start('10.0.0.9', 1);
  h.start('10.0.0.9', 2);
  await h.advance(700);
  await h.answer('10.0.0.9:2', OPEN); // 700 ms: estimate 2100, deadline 8400
  await h.advance(4000);
  t.notOk(h.results.has('10.0.0.9:1'), 'no deadline at 4 × the initial 500 ms any more');
  await h.advance(3800);
  t.match(h.results.get('10.0.0.9:1'), { state: 'filtered', detail: /^no answer to TCP connect within 8400 ms \(adaptive; 3 overlapping tries at 0, / });
});

t.test('answers that did not come from the network teach nothing', async (t) => {
  const h = harness();
  h.start('10.0.0.9', 1);
  h.start('10.0.0.9', 2);
  await h.advance(1);
  await h.answer('10.0.0.9:2', { state: 'error', detail: 'EMFILE: too many open files', fromNetwork: false });
  t.same(h.results.get('10.0.0.9:2'), { state: 'error', detail: 'EMFILE: too many open files' }, 'a first try that could not be made is the answer');
  await h.advance(500);
  t.notOk(h.results.has('10.0.0.9:1'), 'still on the initial value');
  t.equal(h.estimator.timeoutMs('10.0.0.9'), 500);
});

t.test('an interrupt ends a probe at once, as an error, and closes every try', async (t) => {
  const h = harness();
  h.estimator.sample('10.0.0.9', 1);
  const stop = new AbortController();
  h.start('10.0.0.9', 1, stop.signal);
  await h.advance(60);
  stop.abort('interrupted by SIGINT');
  await h.advance(1);
  t.same(h.results.get('10.0.0.9:1'), { state: 'error', detail: 'interrupted by SIGINT before TCP connect finished' });
  t.equal(h.connects.pending, 0);
  t.equal(h.sockets.get('10.0.0.9:1')!.length, 2);
  t.ok(h.sockets.get('10.0.0.9:1')!.every((s) => s.cancelled));
});

t.test('a real connect refused on loopback is answered, and the ticker stops when idle', async (t) => {
  const connects = new AdaptiveConnects(new RoundTripEstimator(3000), 3000);
  t.same(await connects.connect('127.0.0.1', 1), { state: 'closed', detail: 'connection refused' });
  t.equal(connects.pending, 0);
});
