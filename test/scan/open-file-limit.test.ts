import t from 'tap';
import { capConcurrency, defaultConcurrency, openFileLimit, RESERVED_DESCRIPTORS, socketsPerProbe } from '../../src/scan/open-file-limit.js';

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
  t.match(capped.warning, /^--concurrency 4096 lowered to 960: the open-file limit \(ulimit -n\) is 1024, and each probe in flight holds a socket;/);
  t.equal(capConcurrency(8, 32).concurrency, 1, 'never below one');
});

t.test('under adaptive timeouts the cap counts the 3 sockets of a probe\'s overlapping tries', async (t) => {
  t.equal(socketsPerProbe(false), 3);
  t.equal(socketsPerProbe(true), 1, '--fixed-timeout: one connect');
  const capped = capConcurrency(1000, 1024, socketsPerProbe(false));
  t.equal(capped.concurrency, 320, '(1024 - 64) / 3');
  t.match(capped.warning, /^--concurrency 1000 lowered to 320: the open-file limit \(ulimit -n\) is 1024, and each probe in flight holds up to 3 sockets \(its overlapping tries\)/);
  t.same(capConcurrency(320, 1024, 3), { concurrency: 320, warning: null });
});

t.test('without -c, concurrency follows the open-file limit, 3 sockets a probe, up to 1024', async (t) => {
  t.equal(defaultConcurrency(20_000), 1024, 'a high limit: 1024 probes in flight (1,000 ports of a host in one round)');
  t.equal(defaultConcurrency(1024), 320, 'the common 1024: all of it but the reserve, 3 sockets a probe');
  t.equal(defaultConcurrency(null), 256, 'an unreadable limit: the old fixed default');
  t.equal(defaultConcurrency(10), 1, 'never below one');
});
