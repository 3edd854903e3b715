import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { canRunDockerdTests, startDockerd, type Daemon } from '../helpers/dockerd.js';
import { issueClientCert, issueServerCert, makePki } from '../helpers/pki.js';
import { checkMetrics } from '../helpers/promtool.js';
import { assertValidReport } from '../helpers/report-validation.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import { assertValidSarif } from '../helpers/sarif-validation.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

/**
 * dockprobe as a cron job runs it: the same command, run after run, against real dockerd,
 * with an inventory file, an ignore file, a state file and a webhook on loopback.
 *
 *   run 1  mutual-TLS daemon (certificate 20 days from expiry) + plain daemon on 2375.
 *          Everything is new; the ignored finding is suppressed, not posted.
 *   (the plain daemon is shut down; the ignore entry's date passes)
 *   run 2  posts exactly the change: the plain daemon's findings resolved, the no-longer
 *          ignored finding new.
 *   run 3  nothing changed: nothing posted.
 */
const MUTUAL_TLS = '127.0.0.31';
const PLAIN = '127.0.0.32';
const DAY_MS = 86_400_000;

/** Set once the certificates exist: a clock earlier than their notBefore would find them not yet valid. */
let start = Date.now();

/** A date (YYYY-MM-DD) for the ignore file, counted from the start of the test. */
function day(offsetDays: number): string {
  return moment(offsetDays).slice(0, 10);
}

/** An instant for --at: the certificates were made moments ago, so midnight would precede them. */
function moment(offsetDays: number): string {
  return new Date(start + offsetDays * DAY_MS).toISOString();
}

function dockprobe(args: string[], cwd: string): Promise<CliRun> {
  return runCli(args, { cwd, timeoutMs: 120_000 });
}

interface Posted {
  counts: { added: number; resolved: number };
  added: { ruleId: string; location: string }[];
  resolved: { ruleId: string; location: string }[];
}
const places = (items: { ruleId: string; location: string }[]) => items.map((item) => `${item.ruleId} ${item.location}`).sort();

if (canRunDockerdTests(t)) {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-cron-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const pki = makePki(join(dir, 'pki'));
  const server = issueServerCert(pki, { name: 'server', sanIp: [MUTUAL_TLS], days: 20 });
  const client = issueClientCert(pki, { name: 'client' });
  // openssl writes notBefore in whole seconds; a second's margin keeps "now" inside the validity.
  start = Date.now() + 1000;

  const daemons: Daemon[] = [];
  t.teardown(async () => {
    await Promise.all(daemons.map((daemon) => daemon.stop()));
  });
  const hookReady = startWebhookReceiver();
  t.teardown(async () => (await hookReady).close());

  // The inventory a fleet team keeps in git: SARIF annotations land on these lines.
  writeFileSync(join(dir, 'inventory.txt'), `# docker hosts\n${MUTUAL_TLS}:2376\n\n${PLAIN}:2375   # legacy build box\n`);
  writeFileSync(join(dir, '.dockprobeignore'), `# accepted risks\napi-no-authz-plugin ${MUTUAL_TLS} expires: ${day(1)}  # mTLS only, authz plugin rollout in SEC-9\n`);

  const cron = (at: string, hookUrl: string) =>
    dockprobe(
      [
        'scan', '--targets-file', 'inventory.txt',
        '--tlscacert', pki.ca.certPath, '--tlscert', client.certPath, '--tlskey', client.keyPath,
        '-f', 'json', '-o', 'last.json',
        '--report', 'sarif:dockprobe.sarif', '--report', 'prometheus:dockprobe.prom',
        '--state', 'state.json', '--notify', hookUrl, '--at', at, '--fail-on', 'none',
      ],
      dir,
    );

  t.before(async () => {
    daemons.push(
      ...(await Promise.all([
        startDockerd({ name: 'cron-mtls', listeners: [`tcp://${MUTUAL_TLS}:2376`], tls: { mode: 'tlsverify', cacert: pki.ca.certPath, cert: server.certPath, key: server.keyPath } }),
        startDockerd({ name: 'cron-plain', listeners: [`tcp://${PLAIN}:2375`] }),
      ])),
    );
  });

  t.test('run 1: every finding is new; the ignored one is suppressed, not posted; SARIF, JSON and metrics validate', async (t) => {
    const hook = await hookReady;
    const run = await cron(moment(0), hook.url);
    t.equal(run.status, 0, run.stderr);
    t.equal(hook.requests.length, 1, 'one POST');
    const posted = JSON.parse(hook.requests[0]!.body) as Posted;
    t.same(places(posted.added), [
      `api-engine-eol ${MUTUAL_TLS}:2376`,
      `api-engine-eol ${PLAIN}:2375`,
      `api-no-authz-plugin ${PLAIN}:2375`,
      `api-unauthenticated ${PLAIN}:2375`,
      `tls-cert-expiring ${MUTUAL_TLS}:2376`,
    ]);
    t.equal(posted.counts.resolved, 0);

    const report = JSON.parse(readFileSync(join(dir, 'last.json'), 'utf8'));
    assertValidReport(t, report);
    t.match(report.suppressed, [{ ruleId: 'api-no-authz-plugin', target: `${MUTUAL_TLS}:2376`, suppressedBy: { entry: '.dockprobeignore:2', expires: day(1) } }]);

    const sarifText = readFileSync(join(dir, 'dockprobe.sarif'), 'utf8');
    await assertValidSarif(t, sarifText, 'real dockerd audit');
    const results = JSON.parse(sarifText).runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; suppressions?: unknown[] }[];
    const unauthenticated = results.find((result) => result.ruleId === 'api-unauthenticated')!;
    t.match(unauthenticated.locations[0]!.physicalLocation, { artifactLocation: { uri: 'inventory.txt' }, region: { startLine: 4 } }, 'the annotation lands on the inventory line');
    const expiring = results.find((result) => result.ruleId === 'tls-cert-expiring')!;
    t.match(expiring.locations[0]!.physicalLocation, { artifactLocation: { uri: 'inventory.txt' }, region: { startLine: 2 } });

    const metrics = readFileSync(join(dir, 'dockprobe.prom'), 'utf8');
    t.same(checkMetrics(metrics), [], 'promtool accepts the textfile');
    const notAfter = Math.floor(Date.parse(new X509Certificate(server.certPem).validTo) / 1000);
    t.match(metrics, new RegExp(`dockprobe_certificate_expiry_timestamp_seconds\\{endpoint="${MUTUAL_TLS.replaceAll('.', '\\.')}:2376",[^}]*position="0"[^}]*\\} ${notAfter}\\n`));
    t.match(metrics, new RegExp(`dockprobe_endpoint_unauthenticated_access\\{endpoint="${PLAIN.replaceAll('.', '\\.')}:2375"\\} 1\\n`));
  });

  t.test('run 2, two days on: only what changed is posted', async (t) => {
    const hook = await hookReady;
    await daemons.find((daemon) => daemon.name === 'cron-plain')!.stop();
    const run = await cron(moment(2), hook.url);
    t.equal(run.status, 0, run.stderr);
    t.match(run.stderr, /since the last run \(.*\): 1 new, 3 resolved, 2 unchanged/);
    t.equal(hook.requests.length, 2, 'a second POST');
    const posted = JSON.parse(hook.requests[1]!.body) as Posted;
    t.same(places(posted.added), [`api-no-authz-plugin ${MUTUAL_TLS}:2376`], 'the lapsed ignore entry brings its finding back');
    t.same(places(posted.resolved), [`api-engine-eol ${PLAIN}:2375`, `api-no-authz-plugin ${PLAIN}:2375`, `api-unauthenticated ${PLAIN}:2375`], 'the plain daemon is gone');
    const report = JSON.parse(readFileSync(join(dir, 'last.json'), 'utf8'));
    t.same(report.suppressed, []);
    t.match(report.warnings, [/\.dockprobeignore:2: the entry for api-no-authz-plugin .* expired on/]);
    await assertValidSarif(t, readFileSync(join(dir, 'dockprobe.sarif'), 'utf8'), 'second run');
  });

  t.test('run 3: nothing changed, nothing posted', async (t) => {
    const hook = await hookReady;
    const run = await cron(moment(2), hook.url);
    t.equal(run.status, 0, run.stderr);
    t.match(run.stderr, /0 new, 0 resolved, 3 unchanged/);
    t.equal(hook.requests.length, 2);
  });
}
