import t from 'tap';
import { chownSync, copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { collectFiles } from '../../src/files/collect-files.js';
import type { FileRoleHint, NamedBy } from '../../src/files/file-observation.js';
import { makeDockerDocsTree, tempDir } from './fixtures/guide-tree.js';
import { observationNamed } from './fixtures/observations.js';

const dir = tempDir(t);
const guide = path.join(dir, 'guide');
makeDockerDocsTree(guide);
const copyInto = (target: string, names: Record<string, string>) => {
  mkdirSync(target, { recursive: true });
  for (const [from, to] of Object.entries(names)) copyFileSync(path.join(guide, from), path.join(target, to));
};
const namedBy = (what: string, systemPath = '/etc/docker/daemon.json'): NamedBy => ({ path: systemPath, systemPath, line: 3, what });

t.test('roles from the guides file names', async (t) => {
  const result = collectFiles([guide], { root: '/' });
  const expected: Record<string, string> = {
    'ca.pem': 'ca-cert',
    'ca-key.pem': 'ca-key',
    'server-cert.pem': 'server-cert',
    'server-key.pem': 'server-key',
    'cert.pem': 'unknown',
    'key.pem': 'unknown',
    'server.csr': 'unknown',
  };
  for (const [name, role] of Object.entries(expected)) {
    t.equal(observationNamed(result, name).role, role, `${name} outside a client directory`);
    t.equal(observationNamed(result, name).roleSource, role === 'unknown' ? 'none' : 'file-name');
  }
});

t.test('cert.pem and key.pem are a client\'s in a client directory', async (t) => {
  const dotDocker = path.join(dir, 'home-a', '.docker');
  const context = path.join(dir, 'home-b', '.docker', 'contexts', 'tls', 'f1e2d3', 'docker');
  const certPath = path.join(dir, 'cert-path');
  for (const target of [dotDocker, context, certPath]) copyInto(target, { 'cert.pem': 'cert.pem', 'key.pem': 'key.pem', 'ca.pem': 'ca.pem' });
  for (const target of [dotDocker, context, certPath]) {
    const result = collectFiles([target], { root: '/', clientDirectories: [certPath] });
    t.equal(observationNamed(result, 'cert.pem').role, 'client-cert', target);
    t.equal(observationNamed(result, 'key.pem').role, 'client-key', target);
    t.equal(observationNamed(result, 'key.pem').besideClientCert, true);
  }
  const notClient = collectFiles([certPath], { root: '/' });
  t.equal(observationNamed(notClient, 'cert.pem').role, 'unknown', 'the same directory, not declared a client directory');
});

t.test('a config hint wins over --role, and --role over the file name', async (t) => {
  const ssl = path.join(dir, 'etc-docker-ssl');
  copyInto(ssl, { 'server-cert.pem': 'cert.pem', 'server-key.pem': 'key.pem', 'ca.pem': 'ca.pem' });
  const hints: FileRoleHint[] = [
    { systemPath: path.join(ssl, 'cert.pem'), role: 'server-cert', namedBy: namedBy('tlscert in daemon.json'), caSystemPath: path.join(ssl, 'ca.pem'), keySystemPath: path.join(ssl, 'key.pem') },
    { systemPath: path.join(ssl, 'key.pem'), role: 'server-key', namedBy: namedBy('tlskey in daemon.json') },
  ];
  const hinted = collectFiles([ssl], { root: '/', hints, roleOverride: 'client-cert' });
  t.match(observationNamed(hinted, 'cert.pem'), { role: 'server-cert', roleSource: 'config', namedBy: { what: 'tlscert in daemon.json', line: 3 } });
  t.match(observationNamed(hinted, 'key.pem'), { role: 'server-key', roleSource: 'config' });
  t.match(observationNamed(hinted, 'ca.pem'), { role: 'client-cert', roleSource: 'flag', namedBy: null }, '--role comes before the file name');
  const plain = collectFiles([ssl], { root: '/' });
  t.match(observationNamed(plain, 'cert.pem'), { role: 'unknown', roleSource: 'none' }, 'without the hint, /etc/docker/ssl/cert.pem says nothing by its name');
});

t.test('--role fits what each file is', async (t) => {
  const result = collectFiles([guide], { root: '/', roleOverride: 'server-cert' });
  t.match(observationNamed(result, 'cert.pem'), { role: 'server-cert', roleSource: 'flag' });
  t.match(observationNamed(result, 'key.pem'), { role: 'server-key', roleSource: 'flag' }, 'a key gets the matching key role');
  t.match(observationNamed(result, 'server.csr'), { role: 'unknown', roleSource: 'none' }, 'a CSR gets no role');
  const keyRole = collectFiles([path.join(guide, 'cert.pem')], { root: '/', roleOverride: 'client-key' });
  t.match(observationNamed(keyRole, 'cert.pem'), { role: 'client-cert', roleSource: 'flag' });
});

t.test('expected owners: root for a daemon, the home owner for a user', async (t) => {
  const root = path.join(dir, 'image');
  const alice = path.join(root, 'home', 'alice');
  copyInto(path.join(alice, '.docker'), { 'cert.pem': 'cert.pem', 'key.pem': 'key.pem', 'ca.pem': 'ca.pem' });
  copyInto(path.join(alice, 'certs'), { 'server-cert.pem': 'server-cert.pem' });
  chownSync(alice, 1000, 1000);
  copyInto(path.join(root, 'root', '.docker'), { 'key.pem': 'key.pem' });
  copyInto(path.join(root, 'etc', 'docker', 'ssl'), { 'server-cert.pem': 'cert.pem', 'server-key.pem': 'key.pem', 'ca.pem': 'ca.pem' });
  copyInto(path.join(root, 'srv', 'tls'), { 'server-key.pem': 'server-key.pem', 'key.pem': 'key.pem', 'ca.pem': 'ca.pem' });
  copyInto(path.join(root, 'opt', 'pki'), { 'ca.pem': 'daemon-ca.pem' });
  const hints: FileRoleHint[] = [
    { systemPath: '/opt/pki/daemon-ca.pem', role: 'ca-cert', namedBy: namedBy('tlscacert in daemon.json') },
    { systemPath: '/srv/tls/ca.pem', role: 'ca-cert', namedBy: namedBy('context prod TLS folder', '/home/alice/.docker/contexts/meta/x/meta.json') },
  ];
  const result = collectFiles(['/home', '/root', '/etc/docker', '/srv', '/opt'], { root, hints });
  t.same(result.errors, []);
  const owner = (systemPath: string) => result.files.find((file) => file.systemPath === systemPath)?.expectedOwnerUid;
  t.equal(owner('/home/alice/.docker/key.pem'), 1000, "a client key in alice's home is alice's");
  t.equal(owner('/home/alice/.docker/ca.pem'), 1000);
  t.equal(owner('/home/alice/certs/server-cert.pem'), 1000, 'a server cert only named so, in a home, is still being made there');
  t.equal(owner('/root/.docker/key.pem'), 0);
  t.equal(owner('/etc/docker/ssl/cert.pem'), 0, 'anything under /etc/docker is the daemon\'s');
  t.equal(owner('/srv/tls/server-key.pem'), 0, 'a server key outside any home');
  t.equal(owner('/srv/tls/key.pem'), null, 'nobody can say');
  t.equal(owner('/opt/pki/daemon-ca.pem'), 0, "a CA a daemon's config names");
  t.equal(owner('/srv/tls/ca.pem'), null, "a CA a user's context names, outside any home");
  const consumer = collectFiles(['/srv/tls/ca.pem'], { root, hints: [{ ...hints[1]!, consumer: 'daemon' }] });
  t.equal(consumer.files[0]?.expectedOwnerUid, 0, 'an explicit consumer wins over where the naming file sits');
});

t.test('--root: paths as the audited system sees them, links resolved inside the root', async (t) => {
  const root = path.join(dir, 'mounted');
  copyInto(path.join(root, 'etc', 'pki', 'docker'), { 'server-cert.pem': 'server.crt', 'ca.pem': 'ca.pem' });
  mkdirSync(path.join(root, 'etc', 'docker', 'ssl'), { recursive: true });
  // An absolute link, as on the audited system: it must land in the image, not on this host.
  symlinkSync('/etc/pki/docker/server.crt', path.join(root, 'etc', 'docker', 'ssl', 'cert.pem'));
  const hints: FileRoleHint[] = [
    { systemPath: '/etc/docker/ssl/cert.pem', role: 'server-cert', namedBy: namedBy('--tlscert in docker.service ExecStart'), caSystemPath: '/etc/pki/docker/ca.pem' },
  ];
  for (const argument of ['/etc/docker/ssl/cert.pem', path.join(root, 'etc', 'docker', 'ssl', 'cert.pem')]) {
    const result = collectFiles([argument], { root, hints });
    t.same(result.errors, [], argument);
    const certificate = observationNamed(result, 'cert.pem');
    t.match(certificate, {
      path: path.join(root, 'etc/docker/ssl/cert.pem'),
      systemPath: '/etc/docker/ssl/cert.pem',
      symlinkTarget: { path: path.join(root, 'etc/pki/docker/server.crt'), systemPath: '/etc/pki/docker/server.crt' },
      kind: 'certificate',
      role: 'server-cert',
      roleSource: 'config',
      caPath: path.join(root, 'etc/pki/docker/ca.pem'),
      chainVerified: true,
    }, argument);
  }
  const walked = collectFiles(['/etc/pki'], { root });
  t.same(walked.files.map((file) => file.systemPath).sort(), ['/etc/pki/docker/ca.pem', '/etc/pki/docker/server.crt']);
  t.ok(walked.files.every((file) => file.path === path.join(root, file.systemPath)));
});
