import t from 'tap';
import { FLOOR_MS, INITIAL_MS } from '../../src/scan/connect-timing.js';
import { RoundTripEstimator } from '../../src/scan/round-trip-estimator.js';

t.test('before any answer, every host gets the initial value, under the ceiling', async (t) => {
  t.equal(new RoundTripEstimator(3000).timeoutMs('10.0.0.1'), INITIAL_MS);
  t.equal(new RoundTripEstimator(400).timeoutMs('10.0.0.1'), 400, 'a --timeout below the initial value caps it');
});

t.test('a fast LAN answer brings the timeout down to the floor, never below', async (t) => {
  const estimator = new RoundTripEstimator(3000);
  estimator.sample('10.0.0.1', 0.3);
  t.equal(estimator.timeoutMs('10.0.0.1'), FLOOR_MS);
  t.equal(new RoundTripEstimator(30).timeoutMs('x'), 30, 'a --timeout below the floor wins: it is the ceiling');
});

t.test('SRTT + 4 × RTTVAR as RFC 6298 computes them', async (t) => {
  const estimator = new RoundTripEstimator(3000, 1, 1000);
  estimator.sample('h', 200); // SRTT 200, RTTVAR 100
  t.equal(estimator.timeoutMs('h'), 600);
  estimator.sample('h', 200); // RTTVAR 75, SRTT 200
  t.equal(estimator.timeoutMs('h'), 500);
  estimator.sample('h', 400); // RTTVAR 0.75·75 + 0.25·200 = 106.25, SRTT 225
  t.equal(estimator.timeoutMs('h'), 650);
});

t.test('variance widens the timeout: jittery answers wait longer than steady ones of the same mean', async (t) => {
  const steady = new RoundTripEstimator(3000);
  const jittery = new RoundTripEstimator(3000);
  for (let i = 0; i < 50; i++) {
    steady.sample('h', 200);
    jittery.sample('h', i % 2 === 0 ? 100 : 300);
  }
  t.ok(steady.timeoutMs('h') < 230, `steady: ${steady.timeoutMs('h')} ms, close to the round trip`);
  t.ok(jittery.timeoutMs('h') >= 500, `jittery: ${jittery.timeoutMs('h')} ms, well above its slowest answers`);
});

t.test('a slow answer never takes the timeout above the ceiling', async (t) => {
  const estimator = new RoundTripEstimator(3000);
  estimator.sample('h', 2900);
  t.equal(estimator.timeoutMs('h'), 3000);
});

t.test('per host, with the scan-wide estimate for hosts that have not answered', async (t) => {
  const estimator = new RoundTripEstimator(3000, 1, 1000);
  estimator.sample('near', 10);
  t.equal(estimator.timeoutMs('near'), 30);
  t.equal(estimator.timeoutMs('silent'), 30, 'a host with no answer yet: what the scan has learnt, not the initial value');
  estimator.sample('far', 300);
  t.equal(estimator.timeoutMs('far'), 900, 'a slow host is judged by its own answers');
  t.equal(estimator.timeoutMs('near'), 30, 'and does not slow the fast one');
  t.ok(estimator.timeoutMs('silent') > 30, 'the scan-wide estimate takes in every host');
});
