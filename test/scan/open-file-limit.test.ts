import t from 'tap';
import { capConcurrency, openFileLimit, RESERVED_DESCRIPTORS } from '../../src/scan/open-file-limit.js';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            1024                 1048576              files
`;

t.test('the soft open-file limit is read from /proc/self/limits', async (t) => {
  t.equal(openFileLimit(() => LIMITS), 1024);
  t.equal(openFileLimit(() => LIMITS.replace('1024   ', 'unlimited')), null, 'unlimited: no cap');
  t.equal(openFileLimit(() => { throw new Error('ENOENT'); }), null, 'no /proc: no cap');
  t.ok((openFileLimit() ?? Infinity) > 0, 'this machine');
});

t.test('concurrency is capped below the limit, with a reserve, and only when needed', async (t) => {
  t.same(capConcurrency(64, 1024), { concurrency: 64, warning: null });
  t.same(capConcurrency(64, null), { concurrency: 64, warning: null });
  const capped = capConcurrency(4096, 1024);
  t.equal(capped.concurrency, 1024 - RESERVED_DESCRIPTORS);
  t.match(capped.warning, /^--concurrency 4096 lowered to 960: the open-file limit \(ulimit -n\) is 1024/);
  t.equal(capConcurrency(8, 32).concurrency, 1, 'never below one');
});
