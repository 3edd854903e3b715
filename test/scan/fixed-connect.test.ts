import t from 'tap';
import type { TryResult } from '../../src/scan/adaptive-connects.js';
import { fixedConnect, retryingConnect } from '../../src/scan/retrying-connect.js';

const silent = (timeouts: number[]) => {
  const tries: number[] = [];
  const connect = retryingConnect(async (_address, _port, attempt): Promise<TryResult> => {
    tries.push(attempt);
    const timeoutMs = timeouts[attempt - 1]!;
    return { state: 'filtered', detail: `no answer to TCP connect within ${timeoutMs} ms`, timedOut: true, timeoutMs };
  });
  return { connect, tries };
};

t.test('a silent port is tried three times before it is called filtered, and the detail says so', async (t) => {
  const { connect, tries } = silent([100, 200, 400, 800]);
  const result = await connect('10.0.0.9', 2375, 3000);
  t.same(tries, [1, 2, 3]);
  t.same(result, { state: 'filtered', detail: 'no answer to TCP connect within 400 ms (adaptive; 3 tries: 100, 200, 400 ms)' });
});

t.test('no retry would wait the full --timeout', async (t) => {
  const initial = silent([1000, 2000, 3000]);
  t.same(await initial.connect('10.0.0.9', 1, 3000), { state: 'filtered', detail: 'no answer to TCP connect within 2000 ms (adaptive; 2 tries: 1000, 2000 ms)' });
  t.same(initial.tries, [1, 2], 'a scan where nothing answers costs about what the fixed timeout costs');
  const atCeiling = silent([500]);
  t.same(await atCeiling.connect('10.0.0.9', 1, 500), { state: 'filtered', detail: 'no answer to TCP connect within 500 ms (adaptive; 1 try)' });
  t.same(atCeiling.tries, [1]);
});

t.test('an answer on a retry is the answer', async (t) => {
  const tries: number[] = [];
  const connect = retryingConnect(async (_a, _p, attempt): Promise<TryResult> => {
    tries.push(attempt);
    return attempt === 1 ? { state: 'filtered', detail: 'x', timedOut: true, timeoutMs: 100 } : { state: 'open', detail: null, timedOut: false, timeoutMs: 200 };
  });
  t.same(await connect('10.0.0.9', 2375, 3000), { state: 'open', detail: null });
  t.same(tries, [1, 2]);
});

t.test('an interrupted probe is not tried again', async (t) => {
  const stop = new AbortController();
  stop.abort('interrupted');
  const { connect, tries } = silent([100, 200, 400]);
  await connect('10.0.0.9', 1, 3000, stop.signal);
  t.same(tries, [1]);
});

t.test('--fixed-timeout says its timeout and its single try', async (t) => {
  const connect = fixedConnect(async (_a, _p, timeoutMs) => ({ state: 'filtered', detail: `no answer to TCP connect within ${timeoutMs} ms` }));
  t.same(await connect('10.0.0.9', 1, 3000), { state: 'filtered', detail: 'no answer to TCP connect within 3000 ms (fixed; 1 try)' });
  const refused = fixedConnect(async () => ({ state: 'closed', detail: 'connection refused' }));
  t.same(await refused('10.0.0.9', 1, 3000), { state: 'closed', detail: 'connection refused' });
});
