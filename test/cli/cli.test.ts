import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, EMPTY_HOME, runCli, type CliRun } from '../helpers/run-cli.js';
import t from 'tap';
import { startFakeDockerApi, type LookalikeServer } from '../helpers/lookalikes.js';
import { issueClientCert, makePki } from '../helpers/pki.js';

/** The built CLI, run the way a user runs it: as a process, judged by stdout, stderr and exit code. */

function dockprobe(args: string[], env: NodeJS.ProcessEnv = EMPTY_HOME): Promise<CliRun> {
  return runCli(args, { env, timeoutMs: 60_000 });
}

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-cli-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const emptyInventory = join(dir, 'empty-inventory.txt');
writeFileSync(emptyInventory, '# nothing here yet\n\n');

// A client certificate and a key that is not its own: refused before any traffic.
const pki = makePki(join(dir, 'pki'));
const pair = issueClientCert(pki, { name: 'client' });
const stranger = issueClientCert(pki, { name: 'stranger' });

let plainApi: LookalikeServer;
t.before(async () => {
  plainApi = await startFakeDockerApi({ host: '127.0.0.41', port: 0 });
});
t.teardown(() => plainApi.close());

t.test('bad input: one line naming the input, exit 2, no stack trace', async (t) => {
  const cases: [string[], RegExp][] = [
    [['scan', 'host:0'], /target "host:0".*1-65535/],
    [['scan', '--ports', '2375,x'], /--ports "2375,x"/],
    [['scan', '10.0.0.0/8'], /--allow-large/],
    [['scan', '--concurrency', '0'], /--concurrency "0"/],
    [['scan', '--format', 'xml'], /xml/],
    [['scan', '--fail-on', 'severe'], /severe/],
    [['scan', '--targets-file', join(dir, 'missing.txt')], /--targets-file .*missing\.txt.*ENOENT/],
    [['scan', '--tlscert', join(dir, 'nope.pem'), '--tlskey', join(dir, 'nope-key.pem')], /--tlscert .*nope\.pem.*cannot read/],
    [['scan', '--cert-path', join(dir, 'no-such-dir')], /--cert-path .*not a directory/],
    [['scan', '--output', join(dir, 'no-such-dir', 'r.json')], /--output .*cannot write/],
    [['scan', '--at', 'yesterday'], /--at "yesterday"/],
    [['scan', '--no-such-flag'], /unknown option/],
    [['scan', '--at', '2026-02-30'], /--at "2026-02-30": there is no such day/],
    [['scan', '--output', ''], /--output is empty/],
    [['scan', '--tlscacert', ''], /--tlscacert is empty/],
    [['scan', '--output', `${dir}/`], /--output .* names a folder/],
    [['scan', '--targets-file', emptyInventory], /--targets-file .*holds no targets/],
    [['scan', 'tcp://'], /target "tcp:\/\/": no host after "tcp:\/\/"/],
    [['scna', '127.0.0.1'], /"scna" is not a command; did you mean "scan"\?/],
    [['hlep'], /did you mean "help"\?/],
    [['scan', '--param', 'tls-cert-expiring.day=3'], /--param "tls-cert-expiring.day=3": tls-cert-expiring has parameters days, not "day"/],
    [['scan', '--param', 'tls-cert-expiring.days=soon'], /whole number/],
    [['scan', '--param', 'no-such-rule.days=3'], /no rule "no-such-rule"/],
    [['scan', '--param', 'tls-cert-expiring.constructor=5'], /tls-cert-expiring has parameters days, not "constructor"/],
    [['scan', ':2375'], /target ":2375": no host before the port/],
    [['scan', 'tcp://admin:hunter2@127.0.0.1:2375'], /target "tcp:\/\/redacted@127\.0\.0\.1:2375": credentials in a target are never used/],
    [['scan', 'host:65536'], /target "host:65536".*1-65535/],
    [['scan', '--ports', '0'], /--ports "0": "0" is not a port/],
    [['scan', '--ports', '65536'], /--ports "65536"/],
    [['scan', '127.0.0.0/33'], /target "127\.0\.0\.0\/33"/],
    [['scan', '127.0.0.300/24'], /target "127\.0\.0\.300\/24"/],
    [['scan', '--target-timeout', '0'], /--target-timeout "0": give a length of time from 1s to 7 days/],
    [['scan', '--target-timeout', 'soon'], /--target-timeout "soon"/],
    [['audit', '--target-timeout', '-5s'], /--target-timeout "-5s"/],
    [['scan', '--tlscert', pair.certPath, '--tlskey', stranger.keyPath], /--tlscert ".*client-cert\.pem" and --tlskey ".*stranger-key\.pem" do not pair: the key is not the certificate's/],
  ];
  for (const [args, message] of cases) {
    const run = await dockprobe(args);
    t.equal(run.status, 2, `${args.join(' ')}: exit 2`);
    t.match(run.stderr, message, `${args.join(' ')}: names the input`);
    t.notMatch(run.stderr, /\n\s+at /, `${args.join(' ')}: no stack trace`);
    t.equal(run.stdout, '', `${args.join(' ')}: nothing scanned, nothing printed`);
    t.notMatch(run.stderr, /hunter2/, `${args.join(' ')}: no password echoed`);
  }
  const badDockerHost = await dockprobe(['scan'], { ...EMPTY_HOME, DOCKER_HOST: 'tcp://' });
  t.equal(badDockerHost.status, 2);
  t.match(badDockerHost.stderr, /^dockprobe: DOCKER_HOST "tcp:\/\/": no host .*fix DOCKER_HOST or name a target\n$/, 'a broken DOCKER_HOST is named as such');
});

t.test('stdout closed early (dockprobe … | head) is not an error', async (t) => {
  const child = spawn(process.execPath, [CLI, 'scan', '127.0.0.40/29', '-f', 'json', '--fail-on', 'none'], { env: EMPTY_HOME });
  child.stdout.destroy(); // the reader went away before the report was written
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  t.equal(status, 0);
  t.equal(stderr, '', 'no EPIPE stack trace');
});

t.test('swept endpoints that could not be checked are reported, never dropped', async (t) => {
  // The scanner itself runs out of sockets: descriptors 10-140 are held open by the shell and
  // inherited, so the concurrency cap (which trusts `ulimit -n`) cannot see them coming. About
  // 115 stay free: enough for Node's module loader, which holds many open while starting (75 were
  // not, once the compliance modules came in), and far fewer than the cap lets the scan open
  // (--fixed-timeout: one socket a probe, so the cap is 192; adaptive tries would make it 64).
  const hold = 'for fd in $(seq 10 140); do eval "exec $fd</dev/null"; done';
  const child = spawn('bash', ['-c', `ulimit -n 256 && ${hold} && exec "${process.execPath}" "${CLI}" scan 127.3.0.0/24 --concurrency 512 --fixed-timeout -f json`], { env: EMPTY_HOME });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const status = await new Promise((resolve) => child.on('close', resolve));
  t.match(stdout, /^\{/, `a JSON report came out (stderr: ${stderr.slice(0, 300)})`);
  const report = JSON.parse(stdout);
  t.equal(status, 4, 'no finding, but not a pass either: exit 4');
  t.ok(report.summary.byState.error > 0, 'some probes failed locally');
  t.equal(report.complete, false, 'the report says it is incomplete');
  t.match(report.errors, [{ kind: 'sweep', message: /swept endpoint\(s\) could not be checked \(EMFILE: too many open files.*lower --concurrency/ }]);
});

t.test('--concurrency above what ulimit -n allows is lowered, and the run says so', async (t) => {
  const child = spawn('bash', ['-c', `ulimit -n 200 && exec "${process.execPath}" "${CLI}" scan 127.3.0.0/24 --concurrency 512 -f json --fail-on none`], { env: EMPTY_HOME });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const status = await new Promise((resolve) => child.on('close', resolve));
  t.equal(status, 0, stderr);
  const report = JSON.parse(stdout);
  t.equal(report.complete, true, 'no probe ran out of sockets');
  t.equal(report.summary.byState.closed, 512);
  // (200 - 64 kept for the scanner) ÷ the 3 sockets of a probe's overlapping tries.
  const said = '--concurrency 512 lowered to 45: the open-file limit (ulimit -n) is 200, and each probe in flight holds up to 3 sockets (its overlapping tries)';
  t.match(stderr, said, 'said on stderr before the scan');
  t.match(report.warnings, [new RegExp(said.replace(/[()]/g, '\\$&'))], 'and kept in the report');
});

t.test('--param changes what a rule judges by', async (t) => {
  const target = `127.0.0.41:${plainApi.port}`;
  const eolFindings = async (extra: string[]) => {
    const run = await dockprobe(['scan', target, '-f', 'json', ...extra]);
    return JSON.parse(run.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'api-engine-eol');
  };
  t.match(await eolFindings([]), [{ evidence: { engineVersion: '20.10.24', minimumVersion: '25.0.0' } }], 'the default flags 20.10');
  t.same(await eolFindings(['--param', 'api-engine-eol.minimumVersion=20.10.0']), [], 'a lower minimum lets it pass');
});

t.test('a stray ~/.docker/cert.pem is a warning, said before the scan and kept in the report', async (t) => {
  const home = join(dir, 'stray-home');
  mkdirSync(join(home, '.docker'), { recursive: true });
  writeFileSync(join(home, '.docker', 'cert.pem'), 'not even a certificate');
  const run = await dockprobe(['scan', '127.0.0.42', '-f', 'json'], { ...EMPTY_HOME, HOME: home });
  t.equal(run.status, 0, 'the scan went on');
  t.match(run.stderr, /^dockprobe: warning: ~\/\.docker\/cert\.pem .* has no key.*skipped/);
  t.match(JSON.parse(run.stdout).warnings, [/~\/\.docker\/cert\.pem .* has no key/]);
});

t.test('a target named twice is scanned once', async (t) => {
  const target = `127.0.0.41:${plainApi.port}`;
  const run = await dockprobe(['scan', target, `tcp://${target}`, target, '127.0.0.41', '--ports', String(plainApi.port), '-f', 'json']);
  const report = JSON.parse(run.stdout);
  t.same(report.endpoints.map((e: { target: string }) => e.target), [target]);
  t.equal(report.findings.filter((f: { ruleId: string }) => f.ruleId === 'api-unauthenticated').length, 1);
});

t.test('--help teaches: targets, attempts, certificates, exit codes, examples', async (t) => {
  const run = await dockprobe(['scan', '--help']);
  t.equal(run.status, 0);
  for (const words of ['CIDR', 'throwaway', 'DOCKER_CERT_PATH', 'Exit codes', 'Examples', '--fail-on', 'read-only']) {
    t.match(run.stdout, words);
  }
  t.equal((await dockprobe(['--version'])).stdout.trim(), JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
});

t.test('the built CLI runs by itself, as npx and npm bin links run it', async (t) => {
  // npx links bin entries once per project path; a rebuilt dist/cli.js must keep its exec bit.
  const child = spawn(CLI, ['--version'], { env: EMPTY_HOME });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const status = await new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(-1));
    child.on('close', resolve);
  });
  t.equal(status, 0, 'executable, with a working #! line');
  t.match(stdout, /^\d+\.\d+\.\d+\n$/);
});

t.test('exit codes follow --fail-on', async (t) => {
  const target = `127.0.0.41:${plainApi.port}`;
  const failing = await dockprobe(['scan', target]);
  t.equal(failing.status, 1, 'a critical finding fails at the default --fail-on high');
  t.match(failing.stdout, /ROOT FOR ANYONE/);
  t.match(failing.stdout, /api-unauthenticated/);
  t.match(failing.stdout, /How to fix/);
  t.equal((await dockprobe(['scan', target, '--fail-on', 'none'])).status, 0);
  t.equal((await dockprobe(['scan', '127.0.0.42'])).status, 0, 'nothing listening: exit 0');
});

t.test('--format json --output writes a parseable report, atomically', async (t) => {
  const output = join(dir, 'report.json');
  writeFileSync(output, 'previous report');
  const run = await dockprobe(['scan', `127.0.0.41:${plainApi.port}`, '127.0.0.42', '--format', 'json', '--output', output]);
  t.equal(run.status, 1);
  t.equal(run.stdout, '', 'the report went to the file, not stdout');
  t.match(run.stderr, /report written to/);
  const report = JSON.parse(readFileSync(output, 'utf8'));
  t.match(report, { schemaVersion: /^\d+\.\d+\.\d+$/, tool: { name: 'dockprobe' }, complete: true });
  t.same(report.endpoints.map((e: { target: string }) => e.target), [`127.0.0.41:${plainApi.port}`, '127.0.0.42:2375', '127.0.0.42:2376'], 'named targets always appear, in order');
  t.same(report.endpoints.map((e: { state: string }) => e.state), ['open', 'closed', 'closed']);
  t.same(readdirSync(dir).filter((name) => name.includes('report')), ['report.json'], 'no temporary file left behind');
});

t.test('with no target: DOCKER_HOST when tcp://, else 127.0.0.1', async (t) => {
  const viaEnv = await dockprobe(['scan', '-f', 'json'], { ...EMPTY_HOME, DOCKER_HOST: `tcp://127.0.0.41:${plainApi.port}` });
  t.same(JSON.parse(viaEnv.stdout).endpoints.map((e: { target: string }) => e.target), [`127.0.0.41:${plainApi.port}`]);
  const unixHost = await dockprobe(['scan', '-f', 'json', '--timeout', '500'], { ...EMPTY_HOME, DOCKER_HOST: 'unix:///var/run/docker.sock' });
  t.same(JSON.parse(unixHost.stdout).endpoints.map((e: { target: string }) => e.target), ['127.0.0.1:2375', '127.0.0.1:2376']);
});

t.test('a swept range lists what answered and counts the rest', async (t) => {
  const run = await dockprobe(['scan', '127.0.0.40/29', '--ports', String(plainApi.port), '-f', 'json']);
  const report = JSON.parse(run.stdout);
  t.same(report.endpoints.map((e: { target: string }) => e.target), [`127.0.0.41:${plainApi.port}`]);
  t.equal(report.summary.probes, 8);
  t.equal(report.summary.unlisted, 7);
});

t.test('an expired client certificate: a warning before any traffic, and kept in the report', async (t) => {
  // --at moves the clock, as it does for every certificate check; the certificate is valid today.
  const run = await dockprobe(['scan', `127.0.0.41:${plainApi.port}`, '--tlscert', pair.certPath, '--tlskey', pair.keyPath, '--at', '2199-01-01', '-f', 'json']);
  t.match(run.stderr, /^dockprobe: warning: --tlscert ".*client-cert\.pem" expired on \d{4}-\d{2}-\d{2} \(\d+ day\(s\) ago\): daemons will refuse it/, 'said first, before the scan');
  t.match(JSON.parse(run.stdout).warnings, [/expired on/]);
});
