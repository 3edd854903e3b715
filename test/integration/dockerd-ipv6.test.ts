import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import t from 'tap';
import { dockerdUnavailableReason, startDockerd, type Daemon } from '../helpers/dockerd.js';
import { createNetns, netnsUnavailableReason, type Netns } from '../helpers/netns.js';
import { issueServerCert, makePki } from '../helpers/pki.js';

/**
 * IPv6 end to end: real dockerd on [::1], scanned by the built CLI. Both run inside a network
 * namespace made for this test, whose ::1 is its own, so nothing leaves the namespace.
 */
const unavailable = dockerdUnavailableReason() ?? netnsUnavailableReason();

function runInside(exec: string[], args: string[]): Promise<CliRun> {
  return runCli(args, { prefix: exec, timeoutMs: 60_000 });
}

interface ReportShape {
  endpoints: { target: string; state: string; service: string; accessGrantedBy: string[] }[];
  findings: { ruleId: string; target: string }[];
}

if (unavailable && process.env.CI) {
  t.fail(`CI must run the IPv6 dockerd test, but: ${unavailable}`);
} else if (unavailable) {
  t.plan(0, unavailable);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-v6-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const pki = makePki(join(dir, 'pki'));
  const server = issueServerCert(pki, { name: 'server', sanIp: ['::1'] });
  let netns: Netns;
  const daemons: Daemon[] = [];
  t.teardown(async () => {
    await Promise.all(daemons.map((daemon) => daemon.stop()));
    netns?.remove();
  });

  t.before(async () => {
    netns = createNetns('v6');
    daemons.push(
      ...(await Promise.all([
        startDockerd({ name: 'v6-plain', netns: netns.exec, listeners: ['tcp://[::1]:2375'] }),
        startDockerd({ name: 'v6-tls', netns: netns.exec, listeners: ['tcp://[::1]:2376'], tls: { mode: 'tls-no-verify', cert: server.certPath, key: server.keyPath } }),
      ])),
    );
  });

  t.test('[::1] is scanned, reported as "[::1]:port", and its IP SAN matches', async (t) => {
    const run = await runInside(netns.exec, ['scan', '[::1]', '-f', 'json', '--tlscacert', pki.ca.certPath]);
    t.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as ReportShape;
    t.match(report.endpoints, [
      { target: '[::1]:2375', state: 'open', service: 'docker-api', accessGrantedBy: ['plaintext'] },
      { target: '[::1]:2376', state: 'open', service: 'docker-api', accessGrantedBy: ['tls-no-client-cert'] },
    ]);
    const rules = (target: string) => report.findings.filter((f) => f.target === target).map((f) => f.ruleId).sort();
    t.same(rules('[::1]:2375'), ['api-engine-eol', 'api-no-authz-plugin', 'api-unauthenticated']);
    t.same(rules('[::1]:2376'), ['api-engine-eol', 'api-no-authz-plugin', 'api-tls-no-client-verify'], 'the ::1 IP SAN covers [::1]: no hostname or trust finding');
  });

  t.test('an IPv6 range sweep finds both, and the table names them in brackets', async (t) => {
    const run = await runInside(netns.exec, ['scan', '::1/128', '--tlscacert', pki.ca.certPath, '--fail-on', 'none']);
    t.equal(run.status, 0, run.stderr);
    t.match(run.stdout, /\[::1\]:2375 +│ open/);
    t.match(run.stdout, /\[::1\]:2376 +│ open/);
    t.match(run.stdout, /ROOT FOR ANYONE/);
    t.match(run.stdout, /Scanned 2 endpoint\(s\)/, 'a /128 range: ::1 alone, on both ports');
  });
}
