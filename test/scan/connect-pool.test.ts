import { createServer } from 'node:net';
import t from 'tap';
import { ConnectPool } from '../../src/scan/connect-pool.js';
import { tcpConnect } from '../../src/network/tcp-connect.js';
import { startFakeDockerApi } from '../helpers/lookalikes.js';
import { runCli } from '../helpers/run-cli.js';

t.test('connects on worker threads answer exactly as tcpConnect does', async (t) => {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.51', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as { port: number }).port;
  const pool = new ConnectPool(2);
  t.teardown(() => pool.close());
  // Two hundred at once, spread over both threads in batches; the open one must not get lost among them.
  const targets = Array.from({ length: 200 }, (_, index) => ({ address: `127.0.1.${index % 250}`, port: index === 137 ? port : 1 }));
  targets[137]!.address = '127.0.0.51';
  const pooled = await Promise.all(targets.map((target) => pool.connect(target.address, target.port, 2000)));
  const direct = await Promise.all(targets.map((target) => tcpConnect(target.address, target.port, 2000)));
  t.same(pooled, direct);
  t.same(pooled[137], { state: 'open', detail: null });
  t.equal(pooled.filter((result) => result.state === 'closed').length, 199);
});

t.test('a sweep large enough for threads finds the same endpoints and counts every probe', async (t) => {
  const api = await startFakeDockerApi({ host: '127.7.9.200', port: 0 });
  t.teardown(() => api.close());
  const run = await runCli(['scan', '127.7.0.0/20', '--ports', String(api.port), '-f', 'json', '--fail-on', 'none']);
  t.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout);
  t.same(report.endpoints.map((e: { target: string }) => e.target), [`127.7.9.200:${api.port}`]);
  t.match(report.endpoints[0], { state: 'open', service: 'docker-api', dockerApi: 'confirmed' });
  t.same(report.summary.byState, { open: 1, closed: 4095, filtered: 0, error: 0 });
  t.equal(report.complete, true);
});

t.test('under adaptive timeouts, the threads run whole probes and answer as tcpConnect does', async (t) => {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.52', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as { port: number }).port;
  const pool = new ConnectPool(2, 3000);
  t.teardown(() => pool.close());
  const [open, closed] = await Promise.all([pool.connect('127.0.0.52', port, 3000), pool.connect('127.0.0.52', 1, 3000)]);
  t.same(open, { state: 'open', detail: null });
  t.same(closed, { state: 'closed', detail: 'connection refused' });
});
