/**
 * The CIS Docker Benchmark section 3 objects (protectedFiles): each found with its owner and mode,
 * absent (the control does not apply), or could not be looked for ("could not check", never
 * absent). And the registry certificates reach the files collector with their roles.
 */
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { executeAudit } from '../../src/cli/audit-command.js';
import { collectConfig } from '../../src/config/collect-config.js';
import type { DaemonConfig } from '../../src/config/config-observation.js';
import { runCliAsNobody } from '../helpers/run-cli.js';
import { issueClientCert, makePki } from '../helpers/pki.js';
import { assertValidReport } from '../helpers/report-validation.js';
import { scratchRoot, write } from '../support/scratch-config-root.js';

const collect = (root: string) => collectConfig({ root, env: {} });
const found = (daemon: DaemonConfig) =>
  daemon.protectedFiles.map((file) => [file.object, file.systemPath, file.stat?.type, file.stat ? (file.stat.mode & 0o7777).toString(8) : null, file.stat ? `${file.stat.uid}:${file.stat.gid}` : null]);

/** A unix socket at `path`, listening until the test ends (lstat sees a socket only while it is bound). */
async function socketAt(t: Test, path: string): Promise<void> {
  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(path, done));
  t.teardown(() => new Promise<void>((done) => server.close(() => done())));
}

t.test('every section 3 object present: each with its lstat owner and mode, and nothing absent', async (t) => {
  const root = scratchRoot(t, null);
  write(root, '/lib/systemd/system/docker.service', '[Service]\nType=notify\nExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/docker/containerd/containerd.sock\n');
  write(root, '/lib/systemd/system/docker.socket', '[Socket]\nListenStream=/run/docker.sock\nSocketGroup=docker\n');
  // An override in /etc hides the packaged unit: that is the one systemd loads, and the one CIS 3.1 means.
  write(root, '/etc/systemd/system/docker.service', '[Service]\nType=notify\nExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/docker/containerd/containerd.sock\n');
  chmodSync(join(root, 'etc/systemd/system/docker.service'), 0o640);
  write(root, '/etc/docker/daemon.json', '{\n  "tlsverify": true,\n  "tlscacert": "/etc/docker/tls/ca.pem",\n  "tlscert": "/etc/docker/tls/cert.pem",\n  "tlskey": "/etc/docker/tls/key.pem"\n}\n');
  chmodSync(join(root, 'etc/docker'), 0o755);
  for (const name of ['ca.pem', 'cert.pem', 'key.pem']) write(root, `/etc/docker/tls/${name}`, 'x');
  chmodSync(join(root, 'etc/docker/tls/key.pem'), 0o400);
  write(root, '/etc/docker/certs.d/registry.local:5000/ca.crt', 'x');
  write(root, '/etc/docker/certs.d/registry.local:5000/client.cert', 'x');
  write(root, '/etc/docker/certs.d/registry.local:5000/client.key', 'x');
  write(root, '/etc/docker/certs.d/registry.local:5000/README', 'not read by dockerd');
  chownSync(join(root, 'etc/docker/certs.d/registry.local:5000/client.key'), 1000, 1000);
  chmodSync(join(root, 'etc/docker/certs.d/registry.local:5000/client.key'), 0o644);
  write(root, '/etc/default/docker', 'DOCKER_OPTS=""\n');
  write(root, '/etc/sysconfig/docker', 'OPTIONS=""\n');
  mkdirSync(join(root, 'run/containerd'), { recursive: true });
  mkdirSync(join(root, 'run/docker/containerd'), { recursive: true });
  mkdirSync(join(root, 'var'), { recursive: true });
  symlinkSync('/run', join(root, 'var/run'));
  await socketAt(t, join(root, 'run/docker.sock'));
  await socketAt(t, join(root, 'run/containerd/containerd.sock'));
  await socketAt(t, join(root, 'run/docker/containerd/containerd.sock'));
  chmodSync(join(root, 'run/docker.sock'), 0o660);
  chownSync(join(root, 'run/docker.sock'), 0, 999);

  const { daemon, errors, fileHints } = collect(root);
  const uid = `${process.getuid!()}:${process.getgid!()}`;
  t.same(found(daemon), [
    ['docker.service', '/etc/systemd/system/docker.service', 'file', '640', uid],
    ['docker.socket', '/lib/systemd/system/docker.socket', 'file', '644', uid],
    ['etc-docker', '/etc/docker', 'directory', '755', uid],
    ['registry-certificate', '/etc/docker/certs.d/registry.local:5000/ca.crt', 'file', '644', uid],
    ['registry-certificate', '/etc/docker/certs.d/registry.local:5000/client.cert', 'file', '644', uid],
    ['registry-certificate', '/etc/docker/certs.d/registry.local:5000/client.key', 'file', '644', '1000:1000'],
    ['etc-default-docker', '/etc/default/docker', 'file', '644', uid],
    ['etc-sysconfig-docker', '/etc/sysconfig/docker', 'file', '644', uid],
    // The one docker.socket names (ListenStream=), handed to dockerd's -H fd://; lstat describes the socket itself.
    ['docker-sock', '/run/docker.sock', 'other', '660', '0:999'],
    ['containerd-sock', '/run/containerd/containerd.sock', 'other', (0o777 & ~process.umask()).toString(8), uid],
    ['containerd-sock', '/run/docker/containerd/containerd.sock', 'other', (0o777 & ~process.umask()).toString(8), uid],
    ['daemon.json', '/etc/docker/daemon.json', 'file', '644', uid],
    ['tls-ca', '/etc/docker/tls/ca.pem', 'file', '644', uid],
    ['tls-cert', '/etc/docker/tls/cert.pem', 'file', '644', uid],
    ['tls-key', '/etc/docker/tls/key.pem', 'file', '400', uid],
  ]);
  t.ok(daemon.protectedFiles.every((file) => file.path === join(root, file.systemPath) && file.problem === null), 'path is inside the root, systemPath the audited system\'s');
  t.same(daemon.protectedObjectsAbsent, []);
  t.same(daemon.protectedObjectsUnknown, []);
  t.same(errors, []);
  t.same(
    fileHints.filter((hint) => hint.systemPath.startsWith('/etc/docker/certs.d/')).map((hint) => [hint.systemPath, hint.role, hint.consumer, hint.keySystemPath ?? null]),
    [
      ['/etc/docker/certs.d/registry.local:5000/ca.crt', 'ca-cert', 'daemon', null],
      ['/etc/docker/certs.d/registry.local:5000/client.cert', 'client-cert', 'daemon', '/etc/docker/certs.d/registry.local:5000/client.key'],
      ['/etc/docker/certs.d/registry.local:5000/client.key', 'client-key', 'daemon', null],
    ],
    'registry certificates are handed to the files collector with the roles dockerd gives them',
  );
});

t.test('the default docker.sock, found through /var/run -> /run inside the root', async (t) => {
  const root = scratchRoot(t, null);
  write(root, '/etc/docker/daemon.json', '{}\n');
  mkdirSync(join(root, 'run'), { recursive: true });
  mkdirSync(join(root, 'var'), { recursive: true });
  symlinkSync('/run', join(root, 'var/run'));
  await socketAt(t, join(root, 'run/docker.sock'));
  const { daemon } = collect(root);
  t.same(daemon.protectedFiles.filter((file) => file.object === 'docker-sock').map((file) => [file.systemPath, file.path, file.stat?.type]), [['/var/run/docker.sock', join(root, 'run/docker.sock'), 'other']]);
});

t.test('a host without Docker: every object absent (not applicable), none unknown', async (t) => {
  const { daemon, errors } = collect(scratchRoot(t, null));
  t.same(daemon.protectedFiles, []);
  t.same(daemon.protectedObjectsAbsent.sort(), [
    'containerd-sock', 'daemon.json', 'docker-sock', 'docker.service', 'docker.socket', 'etc-default-docker', 'etc-docker', 'etc-sysconfig-docker', 'registry-certificate', 'tls-ca', 'tls-cert', 'tls-key',
  ]);
  t.same(daemon.protectedObjectsUnknown, []);
  t.same(errors, []);
});

t.test('TLS on by a flag without paths: the flag defaults under /root/.docker are the TLS objects', async (t) => {
  const root = scratchRoot(t, null);
  write(root, '/lib/systemd/system/docker.service', '[Service]\nType=notify\nExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2376 --tlsverify\n');
  write(root, '/root/.docker/ca.pem', 'x');
  write(root, '/root/.docker/cert.pem', 'x');
  const { daemon } = collect(root);
  t.same(found(daemon).filter(([object]) => String(object).startsWith('tls-')).map(([object, systemPath]) => [object, systemPath]), [
    ['tls-ca', '/root/.docker/ca.pem'],
    ['tls-cert', '/root/.docker/cert.pem'],
  ]);
  t.ok(daemon.protectedObjectsAbsent.includes('tls-key'), 'key.pem is not there: dockerd resets a missing default, so it is absent');
});

t.test('an empty tlscacert, tlscert or tlskey names no file: the objects are absent, not "/"', async (t) => {
  const root = scratchRoot(t, null);
  write(root, '/etc/docker/daemon.json', '{\n  "tlsverify": true,\n  "tlscacert": "",\n  "tlscert": "",\n  "tlskey": ""\n}\n');
  const { daemon } = collect(root);
  t.same(daemon.protectedFiles.filter((file) => file.object.startsWith('tls-')), []);
  t.ok(['tls-ca', 'tls-cert', 'tls-key'].every((object) => daemon.protectedObjectsAbsent.includes(object as 'tls-ca')));
});

t.test('a link loop where /etc/docker should be: could not check, never absent, and an error entry each', async (t) => {
  const root = scratchRoot(t, null);
  mkdirSync(join(root, 'etc'));
  symlinkSync('docker-b', join(root, 'etc/docker'));
  symlinkSync('docker', join(root, 'etc/docker-b'));
  const { daemon, errors } = collect(root);
  const unknown = daemon.protectedObjectsUnknown.map((entry) => entry.object).sort();
  t.same(unknown, ['daemon.json', 'registry-certificate'], "lstat of /etc/docker itself sees the link; what lies behind it cannot be looked at");
  t.match(daemon.protectedObjectsUnknown, [{ why: /ELOOP|symbolic links/ }, { why: /ELOOP|symbolic links/ }]);
  t.notOk(daemon.protectedObjectsAbsent.includes('daemon.json'), 'never absent');
  t.notOk(daemon.protectedObjectsAbsent.includes('registry-certificate'), 'never absent');
  t.same(found(daemon).map(([object, , type]) => [object, type]), [['etc-docker', 'symlink']]);
  t.equal(errors.filter((error) => /CIS Docker Benchmark section 3\) could not be checked/.test(error.message)).length, 2);
});

t.test('folders closed to the scanner (run as nobody): those objects are could not check, the rest read', async (t) => {
  const root = scratchRoot(t, null);
  chmodSync(root, 0o755);
  write(root, '/lib/systemd/system/docker.service', '[Service]\nType=notify\nExecStart=/usr/bin/dockerd -H fd://\n');
  write(root, '/etc/systemd/system/docker.service.d/override.conf', '[Service]\n');
  chmodSync(join(root, 'etc/systemd/system'), 0o700);
  write(root, '/etc/docker/daemon.json', '{}\n');
  write(root, '/etc/docker/certs.d/registry.local/ca.crt', 'x');
  chmodSync(join(root, 'etc/docker/certs.d'), 0o700);
  const run = runCliAsNobody(['config', '--root', root, '-f', 'json', '--fail-on', 'none']);
  t.equal(run.stderr, '', 'no stack trace');
  const report = assertValidReport(t, run.stdout);
  const daemon = report.config!.daemon;
  t.same(daemon.protectedObjectsUnknown.map((entry) => entry.object).sort(), ['docker.service', 'docker.socket', 'registry-certificate'], '/etc/systemd/system may hold the unit systemd loads: not the one in /lib, and not absent');
  t.match(daemon.protectedObjectsUnknown.find((entry) => entry.object === 'registry-certificate'), { why: /permission denied \(EACCES\).*run dockprobe as root/ });
  t.same(daemon.protectedFiles.map((file) => file.object).sort(), ['daemon.json', 'etc-docker']);
  t.ok(report.errors.some((error) => /registry-certificate \(CIS Docker Benchmark section 3\) could not be checked/.test(error.message)), 'said where people look');
  t.equal(run.status, 4, 'incomplete, not a pass');
});

t.test('audit: registry certificates are judged by the files checks, with the roles dockerd gives them', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-registry-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const pki = makePki(join(dir, 'pki'));
  const client = issueClientCert(pki, { name: 'client' });
  const root = join(dir, 'rootfs');
  const registry = join(root, 'etc/docker/certs.d/registry.local:5000');
  mkdirSync(registry, { recursive: true });
  copyFileSync(pki.ca.certPath, join(registry, 'ca.crt'));
  copyFileSync(client.certPath, join(registry, 'client.cert'));
  copyFileSync(client.keyPath, join(registry, 'client.key'));
  chmodSync(join(registry, 'client.key'), 0o644);
  const run = await executeAudit({ format: 'json', failOn: 'none', root, timeout: '2000', scan: false }, { HOME: '/nonexistent' }, () => {});
  const report = assertValidReport(t, run.rendered, 'audit --root');
  const files = report.files.filter((file) => file.systemPath.startsWith('/etc/docker/certs.d/'));
  t.same(files.map((file) => [file.systemPath, file.role, file.roleSource, file.expectedOwnerUid]).sort(), [
    ['/etc/docker/certs.d/registry.local:5000/ca.crt', 'ca-cert', 'config', 0],
    ['/etc/docker/certs.d/registry.local:5000/client.cert', 'client-cert', 'config', 0],
    ['/etc/docker/certs.d/registry.local:5000/client.key', 'client-key', 'config', 0],
  ]);
  t.equal(files.find((file) => file.role === 'client-cert')?.pairMatches, true, 'the client certificate is paired with its key');
  t.ok(report.findings.some((finding) => finding.systemPath === '/etc/docker/certs.d/registry.local:5000/client.key' && /^file-/.test(finding.ruleId)), 'a world-readable registry client key is a file finding');
});
