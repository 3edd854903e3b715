import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { startFakeDockerApi, type LookalikeServer } from '../helpers/lookalikes.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * Politeness on real networks: --exclude and --exclude-file keep every packet off a host,
 * --rate caps how fast probes start, --max-duration ends on time with the report written.
 */
const dir = mkdtempSync(join(tmpdir(), 'dockprobe-polite-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

let api: LookalikeServer;
t.before(async () => {
  api = await startFakeDockerApi({ host: '127.6.0.3', port: 0 });
});
t.teardown(() => api.close());

const sweep = (extra: string[]) => runCli(['scan', '127.6.0.0/29', '--ports', String(api.port), '-f', 'json', '--fail-on', 'none', ...extra], { cwd: dir });

t.test('--exclude: an excluded host gets no packet at all; the report counts what was skipped', async (t) => {
  const found = JSON.parse((await sweep([])).stdout);
  t.same(found.endpoints.map((e: { target: string }) => e.target), [`127.6.0.3:${api.port}`], 'without --exclude the API is found');
  const before = api.connections;
  const run = await sweep(['--exclude', '127.6.0.2,127.6.0.3']);
  t.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout);
  t.same(report.endpoints, []);
  t.equal(report.summary.probes, 6, 'eight addresses, two excluded');
  t.same(report.warnings, ['2 probe(s) skipped: excluded by --exclude/--exclude-file']);
  t.equal(api.connections, before, 'the excluded host never saw a connection');
});

t.test('--exclude-file: ranges and hosts, one per line; a bad line names its file and line', async (t) => {
  writeFileSync(join(dir, 'keep-out.txt'), '# owned by the OT team\n127.6.0.0/30   # includes .3\n\n');
  const run = await sweep(['--exclude-file', 'keep-out.txt']);
  t.equal(run.status, 0, run.stderr);
  t.equal(JSON.parse(run.stdout).summary.probes, 4);
  writeFileSync(join(dir, 'bad.txt'), '127.6.0.1\n127.6.0.0/33\n');
  const bad = await sweep(['--exclude-file', 'bad.txt']);
  t.equal(bad.status, 2);
  t.match(bad.stderr, /--exclude-file: .*127\.6\.0\.0\/33.*bad\.txt:2/);
  const withPort = await sweep(['--exclude', '127.6.0.3:2375']);
  t.equal(withPort.status, 2);
  t.match(withPort.stderr, /--exclude "127\.6\.0\.3:2375": give a host or a CIDR range without a port/);
});

t.test('--rate: probes start no faster than asked, over the whole scan', async (t) => {
  const started = Date.now();
  const run = await runCli(['scan', '127.6.1.0/27', '--ports', '1', '--rate', '40', '-c', '64', '-f', 'json', '--fail-on', 'none'], { cwd: dir });
  const elapsed = Date.now() - started;
  t.equal(run.status, 0, run.stderr);
  t.equal(JSON.parse(run.stdout).summary.probes, 32);
  // 32 probes at 40 per second: the last one cannot start before 31/40 s, however many connections are allowed.
  t.ok(elapsed >= 31_000 / 40, `took ${elapsed} ms, at least 775 ms`);
});

t.test('--max-duration: stops starting probes, writes what it found, and says the report is incomplete', async (t) => {
  const run = await runCli(['scan', '127.6.2.0/24', '--ports', '1', '--rate', '20', '--max-duration', '1s', '-f', 'json', '-o', 'partial.json'], { cwd: dir });
  t.equal(run.status, 4, 'nothing found, but not a pass: exit 4');
  const report = JSON.parse(readFileSync(join(dir, 'partial.json'), 'utf8'));
  t.equal(report.complete, false);
  t.ok(report.summary.probes > 0 && report.summary.probes < 256, `${report.summary.probes} of 256 probed`);
  t.match(report.errors, [{ kind: 'sweep', message: /^stopped by --max-duration 1s after \d+ probe\(s\)/ }]);
  const bad = await runCli(['scan', '127.6.2.1', '--max-duration', '10 minutes'], { cwd: dir });
  t.equal(bad.status, 2);
  t.match(bad.stderr, /--max-duration "10 minutes": give a length of time from 1s to 7 days, e\.g\. 90s, 30m or 2h/);
});
