import t from 'tap';
import { capConcurrency, defaultConcurrency, openFileLimit, RESERVED_DESCRIPTORS } from '../../src/scan/open-file-limit.js';

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

t.test('without -c, concurrency follows the open-file limit, up to 4096', async (t) => {
  t.equal(defaultConcurrency(20_000), 4096, 'a high limit: 4096 probes in flight');
  t.equal(defaultConcurrency(1024), 1024 - RESERVED_DESCRIPTORS, 'the common 1024: all of it but the reserve');
  t.equal(defaultConcurrency(null), 256, 'an unreadable limit: the old fixed default');
  t.equal(defaultConcurrency(10), 1, 'never below one');
});
