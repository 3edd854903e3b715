/** Every flag that takes a length of time takes units (ms, s, m, h); --timeout still takes bare milliseconds. */
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { LONG_DURATION, parseDuration, REQUEST_TIMEOUT } from '../../src/cli/option-parsers.js';
import { UsageError } from '../../src/usage-error.js';
import { runCli } from '../helpers/run-cli.js';

const EMPTY_ROOT = fileURLToPath(new URL('../../fixtures/config/empty-root/', import.meta.url));

t.test('--timeout: units, and a bare number in milliseconds as before', async (t) => {
  t.equal(parseDuration('--timeout', '5s', REQUEST_TIMEOUT), 5000);
  t.equal(parseDuration('--timeout', '500ms', REQUEST_TIMEOUT), 500);
  t.equal(parseDuration('--timeout', '1.5s', REQUEST_TIMEOUT), 1500);
  t.equal(parseDuration('--timeout', '2m', REQUEST_TIMEOUT), 120_000);
  t.equal(parseDuration('--timeout', '3000', REQUEST_TIMEOUT), 3000, 'a bare number is milliseconds, as scripts already write it');
  t.equal(parseDuration('--timeout', '5S', REQUEST_TIMEOUT), 5000, 'units in any case');
  for (const bad of ['5x', '', '-5s', '20ms', '11m', '1h', 's']) {
    t.throws(() => parseDuration('--timeout', bad, REQUEST_TIMEOUT), new UsageError(`--timeout "${bad}": give a length of time from 50ms to 10m, e.g. 5s, 500ms or 3000 (a bare number is milliseconds)`), `"${bad}" is refused, naming the flag and an example`);
  }
});

t.test('--target-timeout and --max-duration: units, and a bare number in seconds as before', async (t) => {
  t.equal(parseDuration('--target-timeout', '20s', LONG_DURATION), 20_000);
  t.equal(parseDuration('--target-timeout', '20000ms', LONG_DURATION), 20_000);
  t.equal(parseDuration('--max-duration', '90', LONG_DURATION), 90_000);
  t.equal(parseDuration('--max-duration', '2h', LONG_DURATION), 7_200_000);
  t.throws(() => parseDuration('--max-duration', '500ms', LONG_DURATION), /^--max-duration "500ms": give a length of time from 1s to 7 days, e.g. 90s/);
});

t.test('the CLI takes --timeout 5s in scan and audit, and says what is wrong with --timeout 5x', async (t) => {
  const scan = await runCli(['scan', '127.0.0.42', '--timeout', '5s', '--target-timeout', '20000ms', '--max-duration', '1m', '-f', 'json']);
  t.equal(scan.status, 0, scan.stderr);
  t.same(JSON.parse(scan.stdout).endpoints.map((e: { state: string }) => e.state), ['closed', 'closed']);
  const audit = await runCli(['audit', '--root', EMPTY_ROOT, '--no-scan', '--timeout', '500ms', '-f', 'json']);
  t.equal(audit.status, 0, audit.stderr);
  for (const command of ['scan', 'audit']) {
    const bad = await runCli([command, '--timeout', '5x']);
    t.equal(bad.status, 2);
    t.match(bad.stderr, /^dockprobe: --timeout "5x": give a length of time from 50ms to 10m, e.g. 5s, 500ms or 3000 \(a bare number is milliseconds\)\n$/, `${command}: one line naming the flag`);
    t.equal(bad.stdout, '');
  }
});
