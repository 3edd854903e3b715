import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import t from 'tap';
import { issueClientCert, issueServerCert, makePki } from '../helpers/pki.js';

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

/**
 * docs.docker.com's guide makes ca.pem, server-cert.pem, server-key.pem, cert.pem and key.pem in
 * one folder; there cert.pem is the client's and must carry clientAuth, or the daemon refuses it.
 */
function guideFolder(name: string, clientEku: ('serverAuth' | 'clientAuth')[]): string {
  const pki = makePki(join(dir, `${name}-pki`));
  const server = issueServerCert(pki, { name: 'server' });
  const client = issueClientCert(pki, { name: 'client', eku: clientEku });
  const folder = join(dir, name);
  mkdirSync(folder);
  copyFileSync(pki.ca.certPath, join(folder, 'ca.pem'));
  copyFileSync(server.certPath, join(folder, 'server-cert.pem'));
  copyFileSync(server.keyPath, join(folder, 'server-key.pem'));
  copyFileSync(client.certPath, join(folder, 'cert.pem'));
  copyFileSync(client.keyPath, join(folder, 'key.pem'));
  chmodSync(join(folder, 'server-key.pem'), 0o400);
  chmodSync(join(folder, 'key.pem'), 0o400);
  return folder;
}

type JsonFinding = { ruleId: string; path?: string };
type JsonFile = { path: string; role: string; checksWithoutRole: string[] };

t.test("files on the guide's one folder: cert.pem is the client's, and a serverAuth-only cert.pem is an EKU finding", async (t) => {
  const wrong = guideFolder('guide-wrong-eku', ['serverAuth']);
  const run = await dockprobe(['files', wrong, '-f', 'json']);
  t.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout);
  t.match(report.findings.filter((f: JsonFinding) => f.ruleId === 'cert-eku-mismatch'), [{ path: join(wrong, 'cert.pem'), message: /is a client certificate but its extendedKeyUsage \(serverAuth\) lacks clientAuth/ }]);
  const role = (name: string) => report.files.find((f: JsonFile) => f.path === join(wrong, name))?.role;
  t.same(['ca.pem', 'server-cert.pem', 'cert.pem', 'key.pem'].map(role), ['ca-cert', 'server-cert', 'client-cert', 'client-key'], 'ca.pem keeps its CA role');

  const right = guideFolder('guide-right-eku', ['clientAuth']);
  const clean = await dockprobe(['files', right, '-f', 'json']);
  const cleanReport = JSON.parse(clean.stdout);
  t.same(cleanReport.findings.filter((f: JsonFinding) => f.ruleId === 'cert-eku-mismatch'), [], 'a clientAuth client certificate is no finding');
  t.same(cleanReport.files.flatMap((f: JsonFile) => f.checksWithoutRole), [], 'every file of the guide has its role: no check waited');
});

t.test('files --role with a folder: the certificates whose names say nothing take it, ca.pem stays the CA, the folder is no certificate', async (t) => {
  const pki = makePki(join(dir, 'role-folder-pki'));
  const client = issueClientCert(pki, { name: 'client', eku: ['serverAuth'] });
  const folder = join(dir, 'role-folder');
  mkdirSync(join(folder, 'nested'), { recursive: true });
  copyFileSync(pki.ca.certPath, join(folder, 'ca.pem'));
  copyFileSync(client.certPath, join(folder, 'laptop.pem'));
  const run = await dockprobe(['files', folder, '--role', 'client-cert', '-f', 'json']);
  const report = JSON.parse(run.stdout);
  const seen = (name: string) => report.files.find((f: JsonFile) => f.path === join(folder, name));
  t.match(seen('laptop.pem'), { role: 'client-cert', roleSource: 'flag' });
  t.match(seen('ca.pem'), { role: 'ca-cert', roleSource: 'file-name' }, 'the CA is not judged as a leaf');
  t.notOk(report.files.some((f: JsonFile) => f.path === folder || f.path === join(folder, 'nested')), 'directories get no role');
  t.notMatch(run.stdout, /is a directory/);
  t.same(report.findings.filter((f: JsonFinding) => f.path === join(folder, 'ca.pem') && f.ruleId.startsWith('cert-')), [], 'no leaf finding on the CA');
  t.match(report.findings, [{ ruleId: 'cert-eku-mismatch', path: join(folder, 'laptop.pem') }]);
  t.equal(report.complete, true);

  const unfit = await dockprobe(['files', folder, '--role', 'server-key']);
  t.match(unfit.stdout, new RegExp(`--role server-key applied to no file in ${folder}: it describes private keys`));
  const twice = await dockprobe(['files', folder, '--role', 'server-cert', '--role', 'client-cert']);
  t.equal(twice.status, 2);
  t.match(twice.stderr, /--role server-cert and --role client-cert: both describe certificates/);
});

t.test('files: a certificate of unknown role says which checks did not run and how to give its role', async (t) => {
  const pki = makePki(join(dir, 'unknown-role-pki'));
  const client = issueClientCert(pki, { name: 'client', eku: ['serverAuth'] });
  const folder = join(dir, 'unknown-role');
  mkdirSync(folder);
  copyFileSync(client.certPath, join(folder, 'docker.crt'));
  const json = JSON.parse((await dockprobe(['files', folder, '-f', 'json'])).stdout);
  const file = json.files.find((f: JsonFile) => f.path === join(folder, 'docker.crt'));
  t.equal(file.role, 'unknown');
  t.ok(file.checksWithoutRole.includes('cert-eku-mismatch'), 'the usage check is listed as not run');
  const table = await dockprobe(['files', folder]);
  t.match(table.stdout, /Role unknown, so some checks did not run:/);
  t.match(table.stdout, new RegExp(`${join(folder, 'docker.crt')}: cert-dual-use, cert-eku-mismatch, .* did not run; give its role with --role \\(server-cert, client-cert or ca-cert\\), or name it in the daemon's config`));
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
