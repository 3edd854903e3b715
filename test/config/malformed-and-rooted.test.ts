import { chmodSync, chownSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import t from 'tap';
import { collectConfig } from '../../src/config/collect-config.js';
import { CONFIG_SIZE_LIMIT } from '../../src/filesystem/config-text.js';
import { CONFIG_FIXTURES, scratchRoot, write } from '../support/scratch-config-root.js';

t.test('broken daemon.json of every kind: one clear error, the unit still read', async (t) => {
  const cases: [string, (root: string) => void, RegExp, boolean][] = [
    ['empty', (root) => write(root, '/etc/docker/daemon.json', ''), /not valid JSON at line 1, column 1: the file is empty/, true],
    ['binary junk', (root) => write(root, '/etc/docker/daemon.json', Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x01])), /binary data/, true],
    ['not UTF-8', (root) => write(root, '/etc/docker/daemon.json', Buffer.from([0x7b, 0xc3, 0x28, 0x7d])), /binary data, not UTF-8/, true],
    ['a directory', (root) => mkdirSync(join(root, 'etc/docker/daemon.json'), { recursive: true }), /is a directory/, false],
    [
      'a symlink loop',
      (root) => {
        mkdirSync(join(root, 'etc/docker'), { recursive: true });
        symlinkSync('loop-b', join(root, 'etc/docker/daemon.json'));
        symlinkSync('daemon.json', join(root, 'etc/docker/loop-b'));
      },
      /ELOOP/,
      false,
    ],
    ['too large', (root) => write(root, '/etc/docker/daemon.json', Buffer.alloc(CONFIG_SIZE_LIMIT + 1, 0x20)), /too large/, false],
  ];
  for (const [name, make, message, isParseError] of cases) {
    const root = scratchRoot(t, 'invalid-json');
    rmSync(join(root, 'etc/docker/daemon.json'));
    make(root);
    const observation = collectConfig({ root, env: {} });
    t.equal(observation.errors.length, 1, `${name}: one error`);
    t.match(observation.errors[0], { path: join(root, 'etc/docker/daemon.json'), message }, name);
    t.equal(observation.daemon.daemonJsonError !== null, isParseError, `${name}: parse error only when it is read and is not JSON`);
    t.equal(observation.daemon.listeners.length, 1, `${name}: the unit's listener is still there`);
    t.equal(observation.daemon.files.find((file) => file.kind === 'daemon-json')?.readError !== null, !isParseError || name !== 'empty', `${name}: recorded as a config file`);
  }
});

t.test('modes and owners come from lstat, as bits', async (t) => {
  const root = scratchRoot(t, 'conflict');
  chmodSync(join(root, 'etc/docker/daemon.json'), 0o666);
  chownSync(join(root, 'etc/docker/daemon.json'), 1000, 1001);
  chmodSync(join(root, 'lib/systemd/system/docker.service'), 0o640);
  const { daemon } = collectConfig({ root, env: {} });
  t.match(daemon.files.find((file) => file.kind === 'daemon-json'), { stat: { type: 'file', mode: 0o666, uid: 1000, gid: 1001 } });
  t.match(daemon.files.find((file) => file.kind === 'systemd-unit'), { stat: { mode: 0o640 } });
});

t.test('the socket: lstat facts, and /var/run -> /run followed inside the root', async (t) => {
  const root = scratchRoot(t, 'conflict');
  mkdirSync(join(root, 'run'));
  mkdirSync(join(root, 'var'));
  symlinkSync('/run', join(root, 'var/run'));
  const server = createServer();
  await new Promise<void>((done) => server.listen(join(root, 'run/docker.sock'), done));
  t.teardown(() => new Promise<void>((done) => server.close(() => done())));
  chmodSync(join(root, 'run/docker.sock'), 0o660);
  chownSync(join(root, 'run/docker.sock'), 0, 999);
  const { daemon } = collectConfig({ root, env: {} });
  t.same(daemon.socket, { path: join(root, 'run/docker.sock'), systemPath: '/var/run/docker.sock', stat: { type: 'other', mode: 0o660, uid: 0, gid: 999, size: 0 } });
});

t.test('under --root, absolute links resolve inside the root, never on the scanning host', async (t) => {
  const root = scratchRoot(t, null);
  write(root, '/srv/docker/real.json', '{\n"hosts": ["tcp://0.0.0.0:2375"]\n}');
  mkdirSync(join(root, 'etc/docker'), { recursive: true });
  symlinkSync('/srv/docker/real.json', join(root, 'etc/docker/daemon.json'));
  // /srv/docker/real.json exists only inside the root: read on the scanning host, it would be ENOENT.
  const observation = collectConfig({ root, env: {} });
  t.same(observation.daemon.listeners.map((listener) => [listener.address, listener.source.line]), [['tcp://0.0.0.0:2375', 2]]);
  t.match(observation.daemon.files, [{ systemPath: '/etc/docker/daemon.json', stat: { type: 'symlink' } }]);
  t.same(observation.errors, []);
});

t.test('a masked unit runs nothing; a missing required EnvironmentFile is named', async (t) => {
  const masked = scratchRoot(t, 'debian-defaults-tcp');
  mkdirSync(join(masked, 'etc/systemd/system'), { recursive: true });
  symlinkSync('/dev/null', join(masked, 'etc/systemd/system/docker.service'));
  const observation = collectConfig({ root: masked, env: {} });
  t.same(observation.daemon.listeners, [], 'neither the unit nor its DOCKER_OPTS');
  t.equal(observation.daemon.present, true);

  const required = scratchRoot(t, 'debian-defaults-tcp');
  write(required, '/lib/systemd/system/docker.service', '[Service]\nEnvironmentFile=/etc/docker/env\nExecStart=/usr/bin/dockerd $OPTS\n');
  const missing = collectConfig({ root: required, env: {} });
  t.match(missing.errors, [{ path: join(required, 'etc/docker/env'), message: /EnvironmentFile=\/etc\/docker\/env \(line 2 of docker.service\) does not exist/ }]);
});

t.test('odd client files: a directory named meta.json, a context without endpoint, a file in /home', async (t) => {
  const root = scratchRoot(t, null);
  mkdirSync(join(root, 'root/.docker/contexts/meta/aa/meta.json'), { recursive: true });
  write(root, '/home/dave/.docker/contexts/meta/bb/meta.json', '{"Name":"x","Endpoints":{}}');
  write(root, '/home/notes.txt', 'not a home');
  mkdirSync(join(root, 'home/erin/.ssh/config'), { recursive: true });
  const observation = collectConfig({ root, env: {} });
  t.same(observation.homes.map((home) => home.systemPath), ['/root', '/home/dave', '/home/erin']);
  t.match(observation.errors, [
    { path: join(root, 'root/.docker/contexts/meta/aa/meta.json'), message: /is a directory/ },
    { path: join(root, 'home/dave/.docker/contexts/meta/bb/meta.json'), message: /no Endpoints.docker.Host/ },
    { path: join(root, 'home/erin/.ssh/config'), message: /is a directory/ },
  ]);
  t.equal(observation.errors.length, 3);
});

t.test('junk in every file never throws', async (t) => {
  const junk = [Buffer.from([0, 1, 2, 255]), '"', '\\', '[Service]\nExecStart=-H "', 'DOCKER_OPTS="-H', '{"hosts": [{}]}', '${', 'Host\nStrictHostKeyChecking'];
  for (const content of junk) {
    const root = scratchRoot(t, null);
    for (const path of ['/etc/docker/daemon.json', '/lib/systemd/system/docker.service', '/etc/systemd/system/docker.service.d/x.conf', '/etc/default/docker', '/etc/sysconfig/docker', '/root/.ssh/config', '/root/.docker/contexts/meta/a/meta.json']) {
      write(root, path, content);
    }
    t.doesNotThrow(() => collectConfig({ root, env: {} }), JSON.stringify(String(content)));
  }
});

t.test("the scanner's environment is read only when auditing /", async (t) => {
  const env = { DOCKER_HOST: 'tcp://10.0.0.1:2375', DOCKER_TLS_VERIFY: '', DOCKER_CERT_PATH: '/certs' };
  t.same(collectConfig({ root: '/', env }).environment, { DOCKER_HOST: 'tcp://10.0.0.1:2375', DOCKER_TLS_VERIFY: null, DOCKER_CERT_PATH: '/certs', DOCKER_TLS: null });
  t.equal(collectConfig({ root: join(CONFIG_FIXTURES, 'empty-root'), env }).environment, null);
});
