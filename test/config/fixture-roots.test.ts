import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { collectConfig } from '../../src/config/collect-config.js';
import type { ConfigObservation, ConfigSource } from '../../src/config/config-observation.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/config');
const collect = (name: string) => collectConfig({ root: join(fixtures, name), env: { DOCKER_HOST: 'tcp://scanner-env:2375' } });
const where = (source: ConfigSource) => `${source.systemPath}:${source.line}`;
const listeners = (observation: ConfigObservation) =>
  observation.daemon.listeners.map((listener) => [listener.address, listener.scheme, listener.host, listener.port, listener.origin, where(listener.source)]);

t.test('every fixture root is tested here and described in the README', async (t) => {
  const tested = ['clients', 'conflict', 'debian-defaults-tcp', 'empty-root', 'flag-forms', 'invalid-json', 'sysconfig-init', 'tls-no-verify', 'unit-override'];
  const roots = readdirSync(fixtures, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  t.same(roots, tested, 'a new fixture root needs its test below');
});

t.test('flag-forms: every flag form, an ExecStart reset, a variable, --config-file', async (t) => {
  const observation = collect('flag-forms');
  const { daemon } = observation;
  const dropIn = '/etc/systemd/system/docker.service.d/10-reset.conf';
  t.same(listeners(observation), [
    ['unix:///var/run/docker.sock', 'unix', null, null, 'flag', `${dropIn}:5`],
    ['tcp://127.0.0.1:2377', 'tcp', '127.0.0.1', 2377, 'flag', `${dropIn}:6`],
    // --tls is on, so a port-less tcp:// gets 2376.
    ['tcp://10.0.0.5', 'tcp', '10.0.0.5', 2376, 'flag', `${dropIn}:7`],
    ['tcp://[::]:2378', 'tcp', '::', 2378, 'flag', `${dropIn}:8`],
    [':2379', 'tcp', '', 2379, 'flag', `${dropIn}:9`],
    // From ${EXTRA}: the finding points at the Environment= line that sets it.
    ['tcp://0.0.0.0:2380', 'tcp', '0.0.0.0', 2380, 'flag', '/etc/systemd/system/docker.service.d/20-more.conf:2'],
  ]);
  t.notOk(daemon.listeners.some((listener) => listener.address === 'fd://'), 'the packaged -H fd:// was reset by the empty ExecStart=');
  t.notOk(daemon.listeners.some((listener) => listener.address.includes('192.0.2.10')), 'the syslog address is not a listener');
  t.same(daemon.tls.map((s) => [s.value, s.origin, where(s.source)]), [[true, 'flag', `${dropIn}:10`]]);
  t.same(daemon.tlsverify.map((s) => [s.value, where(s.source)]), [[false, `${dropIn}:11`], [true, '/etc/systemd/system/docker.service.d/20-more.conf:2']]);
  t.same(daemon.tlscacert.map((s) => [s.value, where(s.source)]), [['/etc/docker/ssl/ca.pem', `${dropIn}:12`]]);
  t.same(daemon.tlscert.map((s) => [s.value, where(s.source)]), [['/etc/docker/ssl/cert.pem', `${dropIn}:13`]]);
  t.same(daemon.tlskey.map((s) => [s.value, where(s.source)]), [['/etc/docker/ssl/key.pem', `${dropIn}:14`]]);
  t.match(daemon.tlscert[0]!.source.form, /--tlscert=\/etc\/docker\/ssl\/cert.pem in ExecStart/);
  t.equal(daemon.daemonJsonPath, join(fixtures, 'flag-forms/etc/docker/custom.json'), '--config-file moves daemon.json');
  t.same(daemon.conflicts, []);
  t.same(daemon.files.map((file) => [file.systemPath, file.kind]), [
    ['/lib/systemd/system/docker.service', 'systemd-unit'],
    ['/etc/systemd/system/docker.service.d/10-reset.conf', 'systemd-drop-in'],
    ['/etc/systemd/system/docker.service.d/20-more.conf', 'systemd-drop-in'],
    ['/etc/docker/custom.json', 'daemon-json'],
  ]);
  t.ok(daemon.files.every((file) => file.stat?.type === 'file' && file.readError === null));
  t.equal(daemon.present, true);
  // 20-more.conf adds a second ExecStart without resetting the list: systemd would refuse the
  // unit (Type=notify), and dockprobe says so rather than pretend both commands run.
  t.match(observation.errors, [{ path: /20-more\.conf$/, message: /2 ExecStart= lines .*line 3 of 20-more\.conf.*systemd refuses/ }]);
  t.equal(observation.errors.length, 1);
  t.same(
    observation.fileHints.map((hint) => [hint.systemPath, hint.role, hint.caSystemPath ?? null, hint.keySystemPath ?? null, hint.namedBy.line]),
    [
      ['/etc/docker/ssl/ca.pem', 'ca-cert', null, null, 12],
      ['/etc/docker/ssl/cert.pem', 'server-cert', '/etc/docker/ssl/ca.pem', '/etc/docker/ssl/key.pem', 13],
      ['/etc/docker/ssl/key.pem', 'server-key', null, null, 14],
    ],
  );
  t.equal(observation.fileHints[0]!.namedBy.systemPath, dropIn);
});

t.test('conflict: hosts in daemon.json and -H fd:// in the unit', async (t) => {
  const observation = collect('conflict');
  const { daemon } = observation;
  t.same(listeners(observation), [
    ['unix:///var/run/docker.sock', 'unix', null, null, 'json', '/etc/docker/daemon.json:4'],
    ['tcp://0.0.0.0:2376', 'tcp', '0.0.0.0', 2376, 'json', '/etc/docker/daemon.json:5'],
    ['fd://', 'fd', null, null, 'flag', '/lib/systemd/system/docker.service:2'],
  ]);
  t.same(daemon.conflicts.map((c) => [c.directive, where(c.json), where(c.flag)]), [['hosts', '/etc/docker/daemon.json:3', '/lib/systemd/system/docker.service:2']]);
  t.same(daemon.tls.map((s) => [s.value, s.origin, s.source.line]), [[true, 'json', 7]]);
  t.same(daemon.tlsverify.map((s) => [s.value, s.origin, s.source.line]), [[true, 'json', 8]]);
  t.equal(daemon.daemonJsonError, null);
  t.same(
    observation.fileHints.map((hint) => [hint.systemPath, hint.role, hint.namedBy.what, hint.namedBy.line]),
    [
      ['/etc/docker/tls/ca.pem', 'ca-cert', 'tlscacert in daemon.json', 9],
      ['/etc/docker/tls/server-cert.pem', 'server-cert', 'tlscert in daemon.json', 10],
      ['/etc/docker/tls/server-key.pem', 'server-key', 'tlskey in daemon.json', 11],
    ],
  );
});

t.test('debian-defaults-tcp: $DOCKER_OPTS from /etc/default/docker through EnvironmentFile=-', async (t) => {
  const observation = collect('debian-defaults-tcp');
  t.same(listeners(observation), [
    ['fd://', 'fd', null, null, 'flag', '/lib/systemd/system/docker.service:8'],
    ['tcp://0.0.0.0:2375', 'tcp', '0.0.0.0', 2375, 'flag', '/etc/default/docker:4'],
    // -H fd:// takes its sockets from docker.socket.
    ['/run/docker.sock', 'unix', null, null, 'flag', '/lib/systemd/system/docker.socket:5'],
  ]);
  t.match(observation.daemon.listeners[1]!.source.form, /-H tcp:\/\/0.0.0.0:2375 in DOCKER_OPTS \(\/etc\/default\/docker\)/);
  t.same(observation.daemon.files.map((file) => [file.systemPath, file.kind]), [
    ['/lib/systemd/system/docker.service', 'systemd-unit'],
    ['/etc/default/docker', 'docker-default'],
    ['/lib/systemd/system/docker.socket', 'systemd-unit'],
  ]);
  t.same(observation.daemon.tls, []);
  t.equal(observation.daemon.daemonJsonPath, null);
  t.same(observation.errors, []);
});

t.test('invalid-json: daemon.json is named with line and column, and the unit is still read', async (t) => {
  const observation = collect('invalid-json');
  t.match(observation.daemon.daemonJsonError, { line: 4, column: 1, message: /trailing comma/ });
  t.match(observation.errors, [{ path: join(fixtures, 'invalid-json/etc/docker/daemon.json'), message: /line 4, column 1/ }]);
  t.equal(observation.errors.length, 1);
  t.same(listeners(observation), [['tcp://127.0.0.1', 'tcp', '127.0.0.1', 2376, 'flag', '/usr/lib/systemd/system/docker.service:2']]);
  t.same(observation.daemon.tls, [], 'nothing is taken from a daemon.json dockerd would refuse');
});

t.test('tls-no-verify: TLS on, verification off, every interface, port from TLS', async (t) => {
  const observation = collect('tls-no-verify');
  t.same(listeners(observation), [['tcp://0.0.0.0', 'tcp', '0.0.0.0', 2376, 'json', '/etc/docker/daemon.json:2']]);
  t.same(observation.daemon.tlsverify.map((s) => [s.value, s.source.line]), [[false, 4]]);
  t.same(observation.daemon.tlscacert, []);
  t.same(observation.fileHints.map((hint) => [hint.role, hint.caSystemPath ?? null, hint.keySystemPath ?? null]), [
    ['server-cert', null, '/etc/docker/ssl/key.pem'],
    ['server-key', null, null],
  ]);
});

t.test('sysconfig-init: no unit, so the init script variables are the flags', async (t) => {
  const observation = collect('sysconfig-init');
  t.same(listeners(observation), [['tcp://0.0.0.0:4243', 'tcp', '0.0.0.0', 4243, 'flag', '/etc/sysconfig/docker:2']]);
  t.equal(observation.daemon.present, true);
  t.same(observation.daemon.files.map((file) => file.kind), ['docker-default']);
});

t.test('unit-override: /etc wins over /lib, same-named drop-ins hide, lexical order', async (t) => {
  const observation = collect('unit-override');
  t.same(listeners(observation), [['tcp://127.0.0.1:2376', 'tcp', '127.0.0.1', 2376, 'flag', '/lib/systemd/system/docker.service.d/60-tls.conf:4']]);
  t.same(observation.daemon.files.map((file) => file.systemPath), [
    '/etc/systemd/system/docker.service',
    '/etc/systemd/system/docker.service.d/50-debug.conf',
    '/lib/systemd/system/docker.service.d/60-tls.conf',
  ]);
  t.same(observation.daemon.tlscert.map((s) => [s.value, where(s.source)]), [['/etc/docker/server.pem', '/lib/systemd/system/docker.service.d/60-tls.conf:2']]);
});

t.test('clients: contexts, TLS folders, ssh options, a broken context', async (t) => {
  const observation = collect('clients');
  t.equal(observation.daemon.present, false);
  t.equal(observation.daemon.socket, null);
  t.equal(observation.environment, null, 'under --root the scanner environment is not the audited one');
  t.same(observation.homes.map((home) => [home.systemPath, home.dockerDir, home.contexts.map((c) => c.name)]), [
    ['/root', '/root/.docker', ['build']],
    ['/home/alice', '/home/alice/.docker', ['prod']],
    ['/home/bob', '/home/bob/.docker', []],
    ['/home/carol', '/home/carol/.docker', ['lab']],
  ]);
  const alice = observation.homes[1]!;
  t.match(alice.contexts[0], { host: 'tcp://prod.example.org:2376', skipTlsVerify: true, tlsFolder: '/home/alice/.docker/contexts/tls/9d2e4f5c/docker', source: { line: 7, systemPath: '/home/alice/.docker/contexts/meta/9d2e4f5c/meta.json' } });
  t.equal(alice.path, join(fixtures, 'clients/home/alice'));
  t.type(alice.ownerUid, 'number');
  t.match(observation.homes[3]!.contexts[0], { host: 'tcp://10.0.0.9:2375', skipTlsVerify: false, tlsFolder: null });
  t.same(observation.homes[0]!.sshOptions.map((o) => [o.hostPattern, o.option, o.value, o.source.line]), [
    ['*', 'StrictHostKeyChecking', 'ask', 2],
    ['build.example.org build', 'StrictHostKeyChecking', 'no', 6],
    ['build.example.org build', 'UserKnownHostsFile', '/dev/null', 7],
    ['Match host *.internal', 'StrictHostKeyChecking', 'accept-new', 10],
  ]);
  t.same(observation.fileHints.map((hint) => [hint.systemPath, hint.role]), [
    ['/home/alice/.docker/contexts/tls/9d2e4f5c/docker/ca.pem', 'ca-cert'],
    ['/home/alice/.docker/contexts/tls/9d2e4f5c/docker/cert.pem', 'client-cert'],
    ['/home/alice/.docker/contexts/tls/9d2e4f5c/docker/key.pem', 'client-key'],
  ]);
  t.match(observation.fileHints[1], { caSystemPath: '/home/alice/.docker/contexts/tls/9d2e4f5c/docker/ca.pem', keySystemPath: '/home/alice/.docker/contexts/tls/9d2e4f5c/docker/key.pem', namedBy: { what: 'context prod TLS folder' } });
  t.match(observation.errors, [{ path: join(fixtures, 'clients/home/bob/.docker/contexts/meta/broken/meta.json'), message: /not valid JSON/ }]);
  t.equal(observation.errors.length, 1);
});

t.test('empty-root: no Docker at all is an observation, not an error', async (t) => {
  const observation = collect('empty-root');
  t.same(observation.daemon.listeners, []);
  t.equal(observation.daemon.present, false);
  t.same(observation.homes, []);
  t.same(observation.errors, []);
  t.equal(observation.root, join(fixtures, 'empty-root'));
});

t.test('TLS on with no paths: dockerd serves /root/.docker/{ca,cert,key}.pem, so those are the server pair', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'dockprobe-default-tls-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'etc/docker'), { recursive: true });
  writeFileSync(join(root, 'etc/docker/daemon.json'), '{\n  "hosts": ["tcp://10.0.0.5:2376"],\n  "tlsverify": true\n}\n');
  const observation = collectConfig({ root, env: {} });
  t.same(observation.fileHints.map((hint) => [hint.systemPath, hint.role, hint.namedBy.line]), [
    ['/root/.docker/ca.pem', 'ca-cert', 3],
    ['/root/.docker/cert.pem', 'server-cert', 3],
    ['/root/.docker/key.pem', 'server-key', 3],
  ]);
});
