import t from 'tap';
import { fixedConnect } from '../../src/scan/fixed-connect.js';

t.test('--fixed-timeout says its timeout and its single try', async (t) => {
  const connect = fixedConnect(async (_a, _p, timeoutMs) => ({ state: 'filtered', detail: `no answer to TCP connect within ${timeoutMs} ms` }));
  t.same(await connect('10.0.0.9', 1, 3000), { state: 'filtered', detail: 'no answer to TCP connect within 3000 ms (fixed; 1 try)' });
  const refused = fixedConnect(async () => ({ state: 'closed', detail: 'connection refused' }));
  t.same(await refused('10.0.0.9', 1, 3000), { state: 'closed', detail: 'connection refused' });
});
