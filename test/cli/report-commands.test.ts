import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeDockerApi, startTarpit } from '../helpers/lookalikes.js';
import { EMPTY_HOME, runCli, type CliRun } from '../helpers/run-cli.js';
import t from 'tap';
import { issueServerCert, makePki } from '../helpers/pki.js';
import { checkMetrics } from '../helpers/promtool.js';
import { assertValidSarif } from '../helpers/sarif-validation.js';
import { closedLoopbackPort, startWebhookReceiver } from '../helpers/webhook-receiver.js';

/**
 * The report features as CI and cron use them, through the real CLI: several outputs at once,
 * --severity, the ignore file, --baseline, `report convert|diff`, --state and --notify.
 * `files` on a folder of openssl-made certificates gives real findings without any daemon.
 */

function dockprobe(args: string[], cwd: string): Promise<CliRun> {
  return runCli(args, { cwd });
}

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-report-cli-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

// A server folder with two classic mistakes: a key anyone can read (high), and the CA key left beside it (high).
const pki = makePki(join(dir, 'pki'));
const server = issueServerCert(pki, { name: 'server' });
const certs = join(dir, 'certs');
mkdirSync(certs);
copyFileSync(pki.ca.certPath, join(certs, 'ca.pem'));
copyFileSync(server.certPath, join(certs, 'server-cert.pem'));
copyFileSync(server.keyPath, join(certs, 'server-key.pem'));
chmodSync(join(certs, 'server-key.pem'), 0o644);
chmodSync(join(certs, 'server-cert.pem'), 0o444);
chmodSync(join(certs, 'ca.pem'), 0o444);

function workdir(name: string): string {
  const path = join(dir, name);
  mkdirSync(path);
  return path;
}

const ruleIds = (report: { findings: { ruleId: string }[] }) => report.findings.map((f) => f.ruleId).sort();

t.test('one run, several formats: table on the terminal, JSON, SARIF and Prometheus to files', async (t) => {
  const cwd = workdir('multi');
  const run = await dockprobe(['files', certs, '--report', 'json:out.json', '--report', 'sarif:out.sarif', '--report', 'prometheus:out.prom', '--sarif-category', 'certs'], cwd);
  t.equal(run.status, 1, run.stderr);
  t.match(run.stdout, /Findings\n/, 'the table went to stdout');
  const report = JSON.parse(readFileSync(join(cwd, 'out.json'), 'utf8'));
  t.same(ruleIds(report), ['file-key-permissions']);
  const sarif = readFileSync(join(cwd, 'out.sarif'), 'utf8');
  await assertValidSarif(t, sarif, 'files SARIF');
  t.equal(JSON.parse(sarif).runs[0].automationDetails.id.split('/')[0], 'certs');
  const prom = readFileSync(join(cwd, 'out.prom'), 'utf8');
  t.same(checkMetrics(prom), [], 'promtool accepts it');
  t.match(prom, /dockprobe_findings\{severity="high"\} 1\n/);
  t.same(readFileSync(join(cwd, 'out.json'), 'utf8').includes('PRIVATE KEY'), false, 'no key material');
});

t.test('bad --report and --severity values: one line, exit 2, nothing written', async (t) => {
  const cwd = workdir('bad-flags');
  const cases: [string[], RegExp][] = [
    [['--report', 'out.json'], /--report "out.json": write FORMAT:FILE/],
    [['--report', 'xml:out.xml'], /--report "xml:out.xml": format "xml": must be one of table, json, sarif, prometheus, html/],
    [['--report', 'json:/nonexistent/dir/out.json'], /--report json "\/nonexistent\/dir\/out.json": cannot write into/],
    [['--severity', 'critical,severe'], /--severity "severe": must be one of critical, high, medium, low, info/],
    [['--ignorefile', 'missing.ignore'], /--ignorefile "missing.ignore": cannot read it \(ENOENT\)/],
    [['--baseline', 'nothing.json'], /--baseline "nothing.json": cannot read it/],
    [['--notify', 'ftp://hooks.example/x'], /--notify/],
    [['--notify-format', 'teams'], /teams/],
    [['--notify', 'http://127.0.0.1:9/hook'], /--notify needs --state FILE/],
    [['-o', 'base.json', '--baseline', 'base.json'], /--baseline "base\.json" is the same file as --output/],
    [['-o', 'last.json', '--state', './last.json'], /--state "\.\/last\.json" is the same file as --output; give each output its own file/],
    [['--report', 'json:a.json', '--report', 'sarif:a.json'], /--report sarif "a\.json" is the same file as --report json/],
  ];
  for (const [flags, message] of cases) {
    const run = await dockprobe(['files', certs, ...flags], cwd);
    t.equal(run.status, 2, flags.join(' '));
    t.match(run.stderr, message, flags.join(' '));
    t.notMatch(run.stderr, /\n\s+at /, 'no stack trace');
  }
});

t.test('--severity lists only what was asked; the rest is counted', async (t) => {
  const cwd = workdir('severity');
  const run = await dockprobe(['files', certs, '-f', 'json', '--severity', 'medium,low'], cwd);
  t.equal(run.status, 0, 'the high finding is not listed, so it cannot fail the run');
  const report = JSON.parse(run.stdout);
  t.same(report.findings, []);
  t.same(report.omitted, { bySeverity: 1, byBaseline: 0 });
  t.match(report.warnings, [/--severity leaves out critical, high, so findings of those severities cannot fail this run \(--fail-on high\)/]);
  const consistent = await dockprobe(['files', certs, '-f', 'json', '--severity', 'critical,high'], cwd);
  t.same(JSON.parse(consistent.stdout).warnings, [], 'no warning when every failing severity is listed');
});

t.test('.dockprobeignore: suppresses with its reason until the expiry date, then the finding is back', async (t) => {
  const cwd = workdir('ignore');
  writeFileSync(join(cwd, '.dockprobeignore'), `# accepted risks\nfile-key-permissions ${certs}/*-key.pem expires: 2026-12-31  # key is on a tmpfs until the HSM arrives, SEC-42\n`);
  const before = await dockprobe(['files', certs, '-f', 'json', '--at', '2026-12-31'], cwd);
  t.equal(before.status, 0, before.stderr);
  const hidden = JSON.parse(before.stdout);
  t.same(hidden.findings, []);
  t.match(hidden.suppressed, [{ ruleId: 'file-key-permissions', suppressedBy: { entry: '.dockprobeignore:2', reason: 'key is on a tmpfs until the HSM arrives, SEC-42', expires: '2026-12-31' } }]);
  const table = await dockprobe(['files', certs, '--at', '2026-12-31'], cwd);
  t.match(table.stdout, /Suppressed by the ignore file \(1\):\n {2}- file-key-permissions at .*server-key\.pem: key is on a tmpfs until the HSM arrives, SEC-42 \(\.dockprobeignore:2 until 2026-12-31\)/);

  const after = await dockprobe(['files', certs, '-f', 'json', '--at', '2027-01-01'], cwd);
  t.equal(after.status, 1, 'the expired entry no longer hides a high finding');
  const back = JSON.parse(after.stdout);
  t.same(ruleIds(back), ['file-key-permissions']);
  t.match(back.warnings, [/^\.dockprobeignore:2: the entry for file-key-permissions .* expired on 2026-12-31/]);

  writeFileSync(join(cwd, 'typo.ignore'), 'file-key-permission # typo\n');
  const typo = await dockprobe(['files', certs, '--ignorefile', 'typo.ignore'], cwd);
  t.equal(typo.status, 2);
  t.match(typo.stderr, /^dockprobe: typo\.ignore:1: "file-key-permission" is not a dockprobe rule id/);
});

t.test('--baseline: only findings new against the old report are listed and fail the run', async (t) => {
  const cwd = workdir('baseline');
  const folder = join(cwd, 'certs');
  mkdirSync(folder);
  for (const name of ['ca.pem', 'server-cert.pem', 'server-key.pem']) copyFileSync(join(certs, name), join(folder, name));
  chmodSync(join(folder, 'server-key.pem'), 0o644);
  const first = await dockprobe(['files', folder, '-f', 'json', '-o', 'baseline.json'], cwd);
  t.equal(first.status, 1);
  const same = await dockprobe(['files', folder, '-f', 'json', '--baseline', 'baseline.json'], cwd);
  t.equal(same.status, 0, 'nothing new');
  t.same(JSON.parse(same.stdout).omitted, { bySeverity: 0, byBaseline: 1 });

  // A new mistake beside the known one: a client key, also readable by everyone.
  copyFileSync(server.keyPath, join(folder, 'key.pem'));
  chmodSync(join(folder, 'key.pem'), 0o666);
  const newer = await dockprobe(['files', folder, '-f', 'json', '--baseline', 'baseline.json'], cwd);
  t.equal(newer.status, 1, 'the new finding fails the run');
  const report = JSON.parse(newer.stdout);
  t.same(report.findings.map((f: { path: string }) => f.path), [join(folder, 'key.pem')]);
  t.same(report.omitted, { bySeverity: 0, byBaseline: 1 });
});

t.test('report convert and report diff work on saved reports', async (t) => {
  const cwd = workdir('saved');
  await dockprobe(['files', certs, '-f', 'json', '-o', 'old.json'], cwd);
  chmodSync(join(certs, 'server-key.pem'), 0o600);
  t.teardown(() => chmodSync(join(certs, 'server-key.pem'), 0o644));
  // The fix resolves one finding; judging a year later (past the certificate's end) adds another.
  await dockprobe(['files', certs, '-f', 'json', '-o', 'new.json', '--at', '2028-01-01', '--fail-on', 'none'], cwd);

  const sarif = await dockprobe(['report', 'convert', 'old.json', '-f', 'sarif'], cwd);
  t.equal(sarif.status, 0, sarif.stderr);
  await assertValidSarif(t, sarif.stdout, 'converted SARIF');
  const prom = await dockprobe(['report', 'convert', 'old.json', '-f', 'prometheus', '-o', 'old.prom'], cwd);
  t.equal(prom.status, 0, prom.stderr);
  t.same(checkMetrics(readFileSync(join(cwd, 'old.prom'), 'utf8')), []);
  const table = await dockprobe(['report', 'convert', 'old.json'], cwd);
  t.match(table.stdout, /file-key-permissions/);

  const diff = await dockprobe(['report', 'diff', 'old.json', 'new.json', '-f', 'json'], cwd);
  t.equal(diff.status, 1, 'a new high finding (the expired certificate) fails the diff');
  const body = JSON.parse(diff.stdout);
  t.same(body.resolved.map((f: { ruleId: string }) => f.ruleId), ['file-key-permissions'], 'the same folder audited again, the key fixed: resolved');
  t.same(body.notChecked, []);
  t.ok(body.added.some((f: { ruleId: string }) => f.ruleId === 'cert-expired'), 'the expired certificate is new');
  t.equal(body.counts.added, body.added.length);
  const reverse = await dockprobe(['report', 'diff', 'new.json', 'old.json'], cwd);
  t.equal(reverse.status, 1, 'the key finding is new in this direction');
  t.match(reverse.stdout, /New \(1\)[\s\S]*file-key-permissions[\s\S]*Resolved \(\d+\)/);
  const quiet = await dockprobe(['report', 'diff', 'old.json', 'old.json'], cwd);
  t.equal(quiet.status, 0);
  t.match(quiet.stdout, /New: none\n\nResolved: none\n\nNot checked this time \([^)]*\): none\n\nUnchanged: 1/);
  t.equal(quiet.stderr, '', 'the same scope: nothing to warn about');

  writeFileSync(join(cwd, 'broken.json'), '{"schemaVersion": "1.3.0", "findi');
  const edited = JSON.parse(readFileSync(join(cwd, 'old.json'), 'utf8'));
  edited.findings[0].severity = 'severe';
  writeFileSync(join(cwd, 'edited.json'), JSON.stringify(edited));
  writeFileSync(join(cwd, 'future.json'), JSON.stringify({ ...edited, schemaVersion: '2.0.0' }));
  for (const [args, message] of [
    [['report', 'convert', 'broken.json'], /report convert "broken.json": not JSON/],
    [['report', 'diff', 'old.json', 'missing.json'], /report diff NEW "missing.json": cannot read it \(ENOENT\)/],
    [['report', 'convert', join(cwd, 'old.prom')], /not JSON/],
    [['report', 'diff', 'edited.json', 'old.json'], /report diff OLD "edited.json": not a valid dockprobe report: \/findings\/0\/severity: must be one of/],
    [['files', certs, '--baseline', 'future.json'], /--baseline "future.json": .*2\.0\.0/],
  ] as [string[], RegExp][]) {
    const run = await dockprobe(args, cwd);
    t.equal(run.status, 2, args.join(' '));
    t.match(run.stderr, message);
  }
});

t.test('--state and --notify: the first run reports everything, an unchanged run posts nothing, a change posts only the change', async (t) => {
  const cwd = workdir('state');
  const hook = await startWebhookReceiver();
  t.teardown(() => hook.close());
  const flags = ['-f', 'json', '-o', 'last.json', '--state', 'state.json', '--notify', hook.url, '--fail-on', 'none'];

  const first = await dockprobe(['files', certs, ...flags], cwd);
  t.equal(first.status, 0, first.stderr);
  t.match(first.stderr, /no previous state; 1 finding\(s\) recorded/);
  t.equal(hook.requests.length, 1);
  t.match(hook.requests[0], { method: 'POST', headers: { 'content-type': /application\/json/ } });
  t.match(JSON.parse(hook.requests[0]!.body), { counts: { added: 1, resolved: 0 }, added: [{ ruleId: 'file-key-permissions' }] });
  t.ok(existsSync(join(cwd, 'state.json')));

  const unchanged = await dockprobe(['files', certs, ...flags], cwd);
  t.equal(unchanged.status, 0);
  t.match(unchanged.stderr, /1 unchanged/);
  t.equal(hook.requests.length, 1, 'nothing changed, nothing posted');

  chmodSync(join(certs, 'server-key.pem'), 0o600);
  t.teardown(() => chmodSync(join(certs, 'server-key.pem'), 0o644));
  const fixed = await dockprobe(['files', certs, ...flags], cwd);
  t.equal(fixed.status, 0);
  t.equal(hook.requests.length, 2);
  t.match(JSON.parse(hook.requests[1]!.body), { counts: { added: 0, resolved: 1 }, resolved: [{ ruleId: 'file-key-permissions' }] });
});

t.test('a notification that cannot be delivered: exit 5, the report is written, and the state waits for the next run', async (t) => {
  const cwd = workdir('notify-fails');
  const port = await closedLoopbackPort();
  const run = await dockprobe(['files', certs, '-f', 'json', '-o', 'last.json', '--state', 'state.json', '--notify', `http://127.0.0.1:${port}/services/T0/B0/SECRET`], cwd);
  t.equal(run.status, 5, run.stderr);
  t.ok(existsSync(join(cwd, 'last.json')), 'the report is written');
  t.notOk(existsSync(join(cwd, 'state.json')), 'the state did not move, so the next run sends this again');
  t.match(run.stderr, /--notify http:\/\/127\.0\.0\.1:\d+\/…: not delivered: .*\(4 attempts\).*the state is kept as it was/);
  t.notMatch(run.stderr, /SECRET/, 'the secret path is never printed');
});

t.test('the webhook URL may come from DOCKPROBE_NOTIFY_URL, off the command line; it still needs --state', async (t) => {
  const cwd = workdir('notify-env');
  const hook = await startWebhookReceiver({ path: '/services/T0/B0/SECRET' });
  t.teardown(() => hook.close());
  const env = { ...EMPTY_HOME, DOCKPROBE_NOTIFY_URL: hook.url };
  const without = await runCli(['files', certs], { cwd, env });
  t.equal(without.status, 2);
  t.match(without.stderr, /DOCKPROBE_NOTIFY_URL needs --state FILE/);
  const run = await runCli(['files', certs, '-f', 'json', '--state', 'state.json'], { cwd, env });
  t.equal(run.status, 1, run.stderr);
  t.equal(hook.requests.length, 1);
  t.equal(hook.requests[0]!.path, '/services/T0/B0/SECRET');
  t.notMatch(run.stderr, /SECRET/);
});

t.test('report convert will not overwrite the report it reads', async (t) => {
  const cwd = workdir('convert-self');
  await dockprobe(['files', certs, '-f', 'json', '-o', 'r.json'], cwd);
  const before = readFileSync(join(cwd, 'r.json'), 'utf8');
  const run = await dockprobe(['report', 'convert', 'r.json', '-f', 'sarif', '-o', './r.json'], cwd);
  t.equal(run.status, 2);
  t.match(run.stderr, /--output "\.\/r\.json" is the report being converted/);
  t.equal(readFileSync(join(cwd, 'r.json'), 'utf8'), before);
});

t.test('a password in DOCKER_HOST reaches no output: JSON, SARIF, table, Prometheus, state, webhook', async (t) => {
  const cwd = workdir('secrets');
  const hook = await startWebhookReceiver();
  t.teardown(() => hook.close());
  const env = { ...EMPTY_HOME, DOCKER_HOST: 'tcp://deploy:s3cr3t-pw@127.0.0.1:2375' };
  const run = await runCli(
    // The environment is read on a live system only (not under --root): this reads this machine's config, read-only.
    ['config', '-o', 'out.txt', '--report', 'json:out.json', '--report', 'sarif:out.sarif', '--report', 'prometheus:out.prom', '--state', 'state.json', '--notify', hook.url, '--fail-on', 'none'],
    { cwd, env },
  );
  t.equal(run.status, 0, run.stderr);
  const report = JSON.parse(readFileSync(join(cwd, 'out.json'), 'utf8'));
  t.ok(report.findings.some((f: { ruleId: string }) => f.ruleId === 'client-context-plaintext'), 'the plain-text DOCKER_HOST is still judged');
  t.equal(report.config.environment.DOCKER_HOST, 'tcp://deploy:redacted@127.0.0.1:2375');
  const everything = [run.stdout, run.stderr, ...['out.txt', 'out.json', 'out.sarif', 'out.prom', 'state.json'].map((name) => readFileSync(join(cwd, name), 'utf8')), ...hook.requests.map((r) => r.body)];
  t.equal(hook.requests.length, 1);
  for (const text of everything) t.notMatch(text, /s3cr3t/);
});

t.test('--state: an endpoint that hangs is "not checked", not "resolved"; once it is gone, its findings resolve', async (t) => {
  const cwd = workdir('unchecked');
  const hook = await startWebhookReceiver();
  t.teardown(() => hook.close());
  const api = await startFakeDockerApi({ host: '127.0.0.44', port: 0 });
  const target = `127.0.0.44:${api.port}`;
  const scan = () => dockprobe(['scan', target, '--timeout', '400', '-f', 'json', '--state', 'state.json', '--notify', hook.url, '--fail-on', 'none'], cwd);

  const first = await scan();
  t.equal(first.status, 0, first.stderr);
  t.equal(hook.requests.length, 1);
  const found = JSON.parse(hook.requests[0]!.body).counts.added as number;
  t.ok(found > 0, 'the open API has findings');

  await api.close();
  const tarpit = await startTarpit({ host: '127.0.0.44', port: api.port });
  const hanging = await scan();
  await tarpit.close();
  t.match(hanging.stderr, new RegExp(`0 new, 0 resolved, 0 unchanged, ${found} not checked this run`));
  t.equal(hook.requests.length, 1, 'nothing posted: nothing is known to have changed');

  const closed = await scan();
  t.equal(hook.requests.length, 2, 'the port is closed now: that is news');
  t.match(JSON.parse(hook.requests[1]!.body), { counts: { added: 0, resolved: found } });
});

// ------------------------------------------------------------------ fleet scale: --shard and report merge

t.test('scan --shard: bad values and contradictions are one line and exit 2, before any traffic', async (t) => {
  const cwd = workdir('shard-flags');
  const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
    [['--shard', '0/4'], {}, /^dockprobe: --shard "0\/4": shards are counted from 1, so use 1\/4 \.\. 4\/4 \(only JOB_COMPLETION_INDEX counts from 0\)\n$/],
    [['--shard', '5/4'], {}, /^dockprobe: --shard "5\/4": there is no shard 5 of 4; K must be from 1 to 4\n$/],
    [['--shard', '1/0'], {}, /^dockprobe: --shard "1\/0": the number of shards N must be from 1 to 100000/],
    [['--shard', 'x'], {}, /^dockprobe: --shard "x": write K\/N, shard K of N counted from 1, e\.g\. --shard 1\/4 \.\. --shard 4\/4\n$/],
    [['--shard-count', '4'], {}, /^dockprobe: --shard-count "4" needs the shard's index: give --shard K\/4 instead/],
    [[], { JOB_COMPLETION_INDEX: '1' }, /^dockprobe: JOB_COMPLETION_INDEX=1 is set \(a Kubernetes Indexed Job\) but the number of shards is not: set DOCKPROBE_SHARD_COUNT/],
    [['--shard', '1/4'], { JOB_COMPLETION_INDEX: '2', DOCKPROBE_SHARD_COUNT: '4' }, /^dockprobe: --shard "1\/4" disagrees with JOB_COMPLETION_INDEX=2 \(a Kubernetes Indexed Job's pod, counted from 0, so shard 3\)/],
    [[], { JOB_COMPLETION_INDEX: '4', DOCKPROBE_SHARD_COUNT: '4' }, /^dockprobe: JOB_COMPLETION_INDEX=4 is out of range for 4 shard\(s\)/],
    [[], { DOCKPROBE_SHARD_COUNT: '4' }, /^dockprobe: DOCKPROBE_SHARD_COUNT="4" is set but JOB_COMPLETION_INDEX is not/],
  ];
  const listener = await startFakeDockerApi({ host: '127.0.0.95', port: 0 });
  t.teardown(() => listener.close());
  for (const [flags, env, message] of cases) {
    const run = await runCli(['scan', `127.0.0.95:${listener.port}`, ...flags], { cwd, env: { ...EMPTY_HOME, ...env } });
    const label = `${flags.join(' ')} ${JSON.stringify(env)}`;
    t.equal(run.status, 2, label);
    t.match(run.stderr, message, label);
    t.equal(run.stderr.split('\n').filter(Boolean).length, 1, `${label}: one line`);
  }
  t.equal(listener.connections, 0, 'nothing was scanned');
});

t.test('a fleet in 4 shards (--shard and the Indexed Job environment), merged by report merge, is one scan; a missing shard is not a pass', async (t) => {
  const cwd = workdir('shards');
  const api = await startFakeDockerApi({ host: '127.0.9.20', port: 0 });
  t.teardown(() => api.close());
  const named = await startFakeDockerApi({ host: '127.0.0.96', port: api.port, authorizationPlugins: ['authz-broker'] });
  t.teardown(() => named.close());
  writeFileSync(join(cwd, 'fleet.txt'), '# the fleet\n127.0.9.16/28\n127.0.0.96\n127.0.0.97\n');
  const scanArgs = ['scan', '--targets-file', 'fleet.txt', '--ports', String(api.port), '--timeout', '1500', '-f', 'json', '--fail-on', 'none'];

  const whole = await runCli([...scanArgs, '-o', 'whole.json'], { cwd });
  t.equal(whole.status, 0, whole.stderr);
  const shardRuns = [
    await runCli([...scanArgs, '--shard', '1/4', '-o', 'shard-1.json'], { cwd }),
    await runCli([...scanArgs, '--shard', '2/4', '--shard-count', '4', '-o', 'shard-2.json'], { cwd }),
    await runCli([...scanArgs, '-o', 'shard-3.json'], { cwd, env: { ...EMPTY_HOME, JOB_COMPLETION_INDEX: '2', DOCKPROBE_SHARD_COUNT: '4' } }),
    await runCli([...scanArgs, '--shard-count', '4', '-o', 'shard-4.json'], { cwd, env: { ...EMPTY_HOME, JOB_COMPLETION_INDEX: '3' } }),
  ];
  shardRuns.forEach((run, i) => t.equal(run.status, 0, `shard ${i + 1}: ${run.stderr}`));
  const read = (name: string) => JSON.parse(readFileSync(join(cwd, name), 'utf8'));
  const shards = [1, 2, 3, 4].map((k) => read(`shard-${k}.json`));
  shards.forEach((report, i) => t.same(report.shard, { index: i + 1, count: 4 }, `shard-${i + 1}.json says it is shard ${i + 1}/4`));
  const reference = read('whole.json');
  t.equal(reference.shard, null);
  t.equal(shards.reduce((sum, report) => sum + report.summary.probes, 0), reference.summary.probes, 'each endpoint probed by one shard');

  // Named in any order: the same merged report.
  const merged = await runCli(['report', 'merge', 'shard-3.json', 'shard-1.json', 'shard-4.json', 'shard-2.json', '-f', 'json'], { cwd });
  t.equal(merged.status, 0, merged.stderr);
  const fleet = JSON.parse(merged.stdout);
  const findings = (report: { findings: { fingerprint: string; ruleId: string; target: string }[] }) => report.findings.map((f) => `${f.fingerprint} ${f.ruleId} ${f.target}`).sort();
  const endpoints = (report: { endpoints: { target: string; state: string; service: string | null; exposure: string }[] }) => report.endpoints.map((e) => `${e.target} ${e.state} ${e.service} ${e.exposure}`).sort();
  t.ok(reference.findings.length > 0, 'the scan found something');
  t.same(findings(fleet), findings(reference), 'the same findings, by fingerprint');
  t.same(endpoints(fleet), endpoints(reference), 'the same endpoints, with state, service and exposure');
  t.same(fleet.summary, reference.summary, 'the same counts');
  t.equal(fleet.complete, true);
  t.equal(fleet.shard, null);
  const again = await runCli(['report', 'merge', 'shard-1.json', 'shard-2.json', 'shard-3.json', 'shard-4.json', '-f', 'json'], { cwd });
  t.equal(again.stdout, merged.stdout, 'input order does not matter');

  // One SARIF for the fleet.
  const sarif = await runCli(['report', 'merge', 'shard-1.json', 'shard-2.json', 'shard-3.json', 'shard-4.json', '-f', 'sarif', '-o', 'fleet.sarif', '--sarif-category', 'fleet'], { cwd });
  t.equal(sarif.status, 0, sarif.stderr);
  const log = readFileSync(join(cwd, 'fleet.sarif'), 'utf8');
  await assertValidSarif(t, log, 'merged SARIF');
  t.equal(JSON.parse(log).runs.length, 1);
  t.equal(JSON.parse(log).runs[0].results.length, reference.findings.length);

  // A pod that never reported: exit 4, said on stderr, in the report and in the SARIF.
  const partial = await runCli(['report', 'merge', 'shard-1.json', 'shard-2.json', 'shard-4.json', '-f', 'sarif', '-o', 'partial.sarif'], { cwd });
  t.equal(partial.status, 4, 'something was not checked');
  t.match(partial.stderr, /^dockprobe: warning: shard 3\/4 is missing: no report of it was given/m);
  const partialLog = JSON.parse(readFileSync(join(cwd, 'partial.sarif'), 'utf8'));
  t.equal(partialLog.runs[0].invocations[0].executionSuccessful, false, 'SARIF: execution not successful');
  t.ok(JSON.stringify(partialLog.runs[0].invocations[0]).includes('shard 3/4 is missing'), 'SARIF: the missing shard is a notification');
  const table = await runCli(['report', 'merge', 'shard-1.json', 'shard-2.json', 'shard-4.json'], { cwd });
  t.match(table.stdout, /Could not check \(these are not passes\):\n {2}- shard 3\/4 is missing/);

  // A shard that ran twice is merged once.
  copyFileSync(join(cwd, 'shard-2.json'), join(cwd, 'shard-2-again.json'));
  const twice = await runCli(['report', 'merge', 'shard-1.json', 'shard-2.json', 'shard-2-again.json', 'shard-3.json', 'shard-4.json', '-f', 'json'], { cwd });
  t.equal(twice.status, 0, twice.stderr);
  t.match(twice.stderr, /dockprobe: warning: shard-2\.json is the same report as shard-2-again\.json; it is merged once\n/);
  t.same(JSON.parse(twice.stdout).summary, reference.summary);

  for (const [args, message] of [
    [['report', 'merge', 'shard-1.json', './shard-1.json'], /^dockprobe: report merge: "\.\/shard-1\.json" is named twice \(also as "shard-1\.json"\); name each report once\n$/],
    [['report', 'merge', 'shard-1.json', 'shard-2.json', '-o', 'shard-2.json'], /^dockprobe: --output "shard-2\.json" is "shard-2\.json", one of the reports being merged/],
    [['report', 'merge', 'shard-1.json', 'fleet.sarif'], /^dockprobe: report merge "fleet\.sarif": not a dockprobe JSON report/],
    [['report', 'merge', 'shard-1.json', 'missing.json'], /^dockprobe: report merge "missing\.json": cannot read it \(ENOENT\)/],
  ] as [string[], RegExp][]) {
    const run = await runCli(args, { cwd });
    t.equal(run.status, 2, args.join(' '));
    t.match(run.stderr, message, args.join(' '));
  }
});
