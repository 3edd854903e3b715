import t from 'tap';
import { startRedirector, startRedirectTarget, type LookalikeServer } from '../helpers/lookalikes.js';
import { runCli } from '../helpers/run-cli.js';
import type { ScanReport } from '../../src/report/scan-report.js';

/**
 * Proxies and load balancers in front of a daemon answer 30x. dockprobe reports the redirect
 * and never follows it, whatever the status asks of a client: the place a redirect points at
 * is not a target the user named. The target here is a Docker API, so following would pay off.
 */
const REDIRECTOR_HOST = '127.0.0.171';
const TARGET_HOST = '127.0.0.172';

const servers: LookalikeServer[] = [];
t.teardown(() => Promise.all(servers.map((server) => server.close())));

t.test('every redirect status, absolute or relative, is reported and not followed', async (t) => {
  const target = await startRedirectTarget({ host: TARGET_HOST, port: 0 });
  servers.push(target);
  const elsewhere = `http://${TARGET_HOST}:${target.port}/_ping`;
  const cases = [
    { status: 301, location: elsewhere },
    { status: 302, location: elsewhere },
    { status: 303, location: elsewhere },
    { status: 307, location: elsewhere },
    { status: 308, location: elsewhere },
    // Same server, another path: following it would show up as a second request here.
    { status: 307, location: '/v1.41/info' },
  ] as const;
  const redirectors = [];
  for (const { status, location } of cases) {
    const redirector = await startRedirector({ host: REDIRECTOR_HOST, port: 0, status, location });
    servers.push(redirector);
    redirectors.push({ status, location, redirector });
  }

  const run = await runCli(['scan', '-f', 'json', '--timeout', '3000', ...redirectors.map(({ redirector }) => `${REDIRECTOR_HOST}:${redirector.port}`)]);
  t.equal(run.status, 0, `no finding, nothing unchecked: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as ScanReport;

  for (const { status, location, redirector } of redirectors) {
    const name = `${REDIRECTOR_HOST}:${redirector.port}`;
    const endpoint = report.endpoints.find((candidate) => candidate.target === name);
    t.match(endpoint, { service: 'http', dockerApi: 'not-docker' }, `${status} to ${location}`);
    t.match(
      endpoint?.attempts.find((attempt) => attempt.name === 'plaintext'),
      { outcome: 'not-docker', httpStatus: status, detail: `HTTP ${status} redirect to ${location}; not followed` },
      `${name}: the attempt says where it pointed, and that it was not followed`,
    );
    t.same(redirector.requests.map((request) => `${request.method} ${request.url}`), ['GET /_ping'], `${name} got GET /_ping once, nothing after`);
  }
  t.same(target.requests, [], 'the server the redirects point at never got a request');
  t.equal(target.connections, 0, 'not even a connection');
});
