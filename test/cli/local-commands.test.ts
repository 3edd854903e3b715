import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import t from 'tap';
import { issueServerCert, makePki } from '../helpers/pki.js';

/** `dockprobe files`, `config` and the bare machine audit, run as a user runs them. */
const FIXTURES = fileURLToPath(new URL('../../fixtures/config/', import.meta.url));
const ENV = { HOME: '/nonexistent', PATH: process.env.PATH ?? '/usr/bin:/bin' };

function dockprobe(args: string[]): Promise<CliRun> {
  return runCli(args, { env: ENV, timeoutMs: 60_000 });
}

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-local-cli-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test('config --root: findings name the file and line, in the audited system and as read', async (t) => {
  const root = join(FIXTURES, 'flag-forms');
  const run = await dockprobe(['config', '--root', root, '-f', 'json']);
  t.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout);
  const missing = report.findings.find((f: { ruleId: string; line?: number }) => f.ruleId === 'daemon-tls-files-missing' && f.line === 12);
  t.match(missing, { systemPath: '/etc/systemd/system/docker.service.d/10-reset.conf', path: resolve(root, 'etc/systemd/system/docker.service.d/10-reset.conf') });
  t.equal(report.config.root, resolve(root));
  t.same(report.endpoints, [], 'config alone probes nothing');
});

t.test('a machine without Docker: the audit says so, and passes', async (t) => {
  const run = await dockprobe(['--root', join(FIXTURES, 'empty-root'), '--no-scan']);
  t.equal(run.status, 0, run.stderr);
  t.match(run.stdout, /dockerd: not configured here/);
  t.match(run.stdout, /No findings\./);
  t.match(run.stdout, /No endpoint was probed\./);
});

t.test('files: broken files become findings or errors, and the rest is still judged', async (t) => {
  const certs = join(dir, 'certs');
  mkdirSync(certs);
  const pki = makePki(join(dir, 'pki'));
  const server = issueServerCert(pki, { name: 'server', sanIp: ['127.0.0.1'] });
  copyFileSync(server.certPath, join(certs, 'server-cert.pem'));
  copyFileSync(server.keyPath, join(certs, 'server-key.pem'));
  writeFileSync(join(certs, 'ca.pem'), ''); // empty
  writeFileSync(join(certs, 'key.pem'), Buffer.from([0, 1, 2, 255, 254, 0, 7])); // binary junk
  writeFileSync(join(certs, 'truncated.pem'), '-----BEGIN CERTIFICATE-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n');
  mkdirSync(join(certs, 'cert.pem')); // a directory named like a certificate
  symlinkSync('loop-b.pem', join(certs, 'loop-a.pem'));
  symlinkSync('loop-a.pem', join(certs, 'loop-b.pem'));
  writeFileSync(join(certs, 'huge.pem'), '');
  truncateSync(join(certs, 'huge.pem'), 100 * 1024 * 1024); // 100 MB, sparse
  const run = await dockprobe(['files', certs, '-f', 'json', '--fail-on', 'none']);
  t.notMatch(run.stderr, /\n\s+at /, 'no stack trace');
  const report = JSON.parse(run.stdout);
  const seen = (name: string) => report.files.find((f: { path: string }) => f.path === join(certs, name));
  t.match(seen('server-cert.pem'), { kind: 'certificate', role: 'server-cert', pairMatches: true }, 'the good pair is still judged');
  for (const name of ['ca.pem', 'key.pem', 'truncated.pem', 'huge.pem']) {
    const mentioned = report.findings.some((f: { path?: string }) => f.path === join(certs, name)) || report.errors.some((e: { path?: string }) => e.path === join(certs, name));
    t.ok(mentioned, `${name}: a finding or an error says what is wrong with it`);
  }
  t.match(seen('huge.pem'), { readError: /too large/ });
  t.ok(JSON.stringify(report).length < 2_000_000, 'the 100 MB file was not read into the report');
  t.notMatch(run.stdout, /PRIVATE KEY-----/, 'no key material in the report');
});

t.test('files --host: a server certificate must cover every name clients use', async (t) => {
  const pki = makePki(join(dir, 'host-pki'));
  const server = issueServerCert(pki, { name: 'server', sanDns: ['docker1.example'], sanIp: ['127.0.0.1'] });
  const certs = join(dir, 'host-certs');
  mkdirSync(certs);
  copyFileSync(server.certPath, join(certs, 'server-cert.pem'));
  const covered = await dockprobe(['files', certs, '--host', 'docker1.example', '--host', '127.0.0.1', '-f', 'json']);
  t.same(JSON.parse(covered.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'cert-host-not-covered'), []);
  const missing = await dockprobe(['files', certs, '--host', '10.9.9.9', '-f', 'json']);
  t.equal(missing.status, 1);
  t.match(JSON.parse(missing.stdout).findings, [{ ruleId: 'cert-host-not-covered', message: /does not cover 10\.9\.9\.9/ }]);
  const withPort = await dockprobe(['files', certs, '--host', 'docker1.example:2376']);
  t.equal(withPort.status, 2);
  t.match(withPort.stderr, /--host "docker1.example:2376": give a name or an IP address/);
});

t.test('files: what it cannot find is an error entry and exit 4, not a pass', async (t) => {
  const run = await dockprobe(['files', join(dir, 'no-such-folder'), '-f', 'json']);
  t.equal(run.status, 4);
  const report = JSON.parse(run.stdout);
  t.equal(report.complete, false);
  t.match(report.errors, [{ message: /no-such-folder/ }]);
});

t.test('bad input to files, config and audit: one line, exit 2', async (t) => {
  const cases: [string[], RegExp][] = [
    [['files'], /missing required argument/],
    [['files', dir, '--role', 'server'], /--role.*server/],
    [['config', '--root', join(dir, 'nope')], /--root .*nope.*cannot read it/],
    [['audit', '--root', ''], /--root is empty/],
    [['config', '--fail-on', 'severe'], /severe/],
  ];
  for (const [args, message] of cases) {
    const run = await dockprobe(args);
    t.equal(run.status, 2, args.join(' '));
    t.match(run.stderr, message, args.join(' '));
    t.notMatch(run.stderr, /\n\s+at /);
  }
});
