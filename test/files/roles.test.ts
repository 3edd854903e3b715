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

t.test("roles from the guides' file names, in the one folder docs.docker.com's guide makes them in", async (t) => {
  const result = collectFiles([guide], { root: '/' });
  const expected: Record<string, string> = {
    'ca.pem': 'ca-cert',
    'ca-key.pem': 'ca-key',
    'server-cert.pem': 'server-cert',
    'server-key.pem': 'server-key',
    'cert.pem': 'client-cert',
    'key.pem': 'client-key',
    'server.csr': 'unknown',
  };
  for (const [name, role] of Object.entries(expected)) {
    t.equal(observationNamed(result, name).role, role, `${name} beside server-cert.pem and server-key.pem`);
    t.equal(observationNamed(result, name).roleSource, role === 'unknown' ? 'none' : 'file-name');
  }
  t.equal(observationNamed(result, 'key.pem').besideClientCert, true);
});

t.test('cert.pem and key.pem say nothing by name beside only half of the server pair, or none of it', async (t) => {
  for (const [folder, serverFile] of [['half-pair', 'server-cert.pem'], ['no-pair', null]] as const) {
    const target = path.join(dir, folder);
    copyInto(target, { 'cert.pem': 'cert.pem', 'key.pem': 'key.pem', 'ca.pem': 'ca.pem', ...(serverFile ? { [serverFile]: serverFile } : {}) });
    const result = collectFiles([target], { root: '/' });
    t.match(observationNamed(result, 'cert.pem'), { role: 'unknown', roleSource: 'none' }, folder);
    t.match(observationNamed(result, 'key.pem'), { role: 'unknown', roleSource: 'none' }, folder);
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

t.test('a config hint wins over --role; in a folder --role fills in what names leave unknown, and the CA stays the CA', async (t) => {
  const ssl = path.join(dir, 'etc-docker-ssl');
  copyInto(ssl, { 'server-cert.pem': 'cert.pem', 'server-key.pem': 'key.pem', 'ca.pem': 'ca.pem' });
  const hints: FileRoleHint[] = [
    { systemPath: path.join(ssl, 'cert.pem'), role: 'server-cert', namedBy: namedBy('tlscert in daemon.json'), caSystemPath: path.join(ssl, 'ca.pem'), keySystemPath: path.join(ssl, 'key.pem') },
    { systemPath: path.join(ssl, 'key.pem'), role: 'server-key', namedBy: namedBy('tlskey in daemon.json') },
  ];
  const hinted = collectFiles([ssl], { root: '/', hints, roleOverrides: ['client-cert'] });
  t.match(observationNamed(hinted, 'cert.pem'), { role: 'server-cert', roleSource: 'config', namedBy: { what: 'tlscert in daemon.json', line: 3 } });
  t.match(observationNamed(hinted, 'key.pem'), { role: 'server-key', roleSource: 'config' });
  t.match(observationNamed(hinted, 'ca.pem'), { role: 'ca-cert', roleSource: 'file-name', namedBy: null }, 'a CA certificate in the folder keeps its CA role');
  const unhinted = collectFiles([ssl], { root: '/', roleOverrides: ['client-cert'] });
  t.match(observationNamed(unhinted, 'cert.pem'), { role: 'client-cert', roleSource: 'flag' }, 'a certificate whose name says nothing takes --role');
  t.match(observationNamed(unhinted, 'ca.pem'), { role: 'ca-cert', roleSource: 'file-name' });
  const named = collectFiles([path.join(ssl, 'ca.pem')], { root: '/', roleOverrides: ['client-cert'] });
  t.match(observationNamed(named, 'ca.pem'), { role: 'client-cert', roleSource: 'flag' }, 'a file named on its own takes --role over its name: the user said what it is');
  const plain = collectFiles([ssl], { root: '/' });
  t.match(observationNamed(plain, 'cert.pem'), { role: 'unknown', roleSource: 'none' }, 'without the hint, /etc/docker/ssl/cert.pem says nothing by its name');
});

t.test('--role describes certificates (*-cert) or keys (*-key), never a CA as a leaf, never a directory', async (t) => {
  const pki = path.join(dir, 'srv-pki');
  copyInto(pki, { 'server-cert.pem': 'docker1.pem', 'server-key.pem': 'docker1-key.pem', 'ca.pem': 'docker-ca.crt', 'server.csr': 'docker1.csr' });
  mkdirSync(path.join(pki, 'archive'));
  mkdirSync(path.join(pki, 'old.pem'));
  const serverCert = collectFiles([pki], { root: '/', roleOverrides: ['server-cert'] });
  t.match(observationNamed(serverCert, 'docker1.pem'), { role: 'server-cert', roleSource: 'flag' });
  t.match(observationNamed(serverCert, 'docker1-key.pem'), { role: 'unknown', roleSource: 'none' }, 'a certificate role does not describe a key');
  t.match(observationNamed(serverCert, 'docker-ca.crt'), { role: 'unknown', roleSource: 'none' }, 'a CA certificate, by content, is not made a leaf');
  t.match(observationNamed(serverCert, 'docker1.csr'), { role: 'unknown', roleSource: 'none' }, 'a CSR gets no role');
  t.same(serverCert.warnings, []);
  const directories = serverCert.files.filter((file) => file.stat?.type === 'directory');
  t.same(directories.map((file) => path.basename(file.systemPath)), ['old.pem'], 'a directory is observed only when named like a certificate, not because of --role');
  t.match(directories[0], { role: 'unknown', roleSource: 'none', readError: 'is a directory' }, 'and --role never describes it');
  t.notOk(serverCert.files.some((file) => file.systemPath === pki), 'the folder given is not itself a file with a role');
  t.same(serverCert.errors, []);

  const both = collectFiles([pki], { root: '/', roleOverrides: ['server-cert', 'server-key'] });
  t.match(observationNamed(both, 'docker1.pem'), { role: 'server-cert', roleSource: 'flag' });
  t.match(observationNamed(both, 'docker1-key.pem'), { role: 'server-key', roleSource: 'flag' });
  const ca = collectFiles([pki], { root: '/', roleOverrides: ['ca-cert'] });
  t.match(observationNamed(ca, 'docker-ca.crt'), { role: 'ca-cert', roleSource: 'flag' });
  t.match(observationNamed(ca, 'docker1.pem'), { role: 'unknown', roleSource: 'none' }, 'nor a leaf made a CA');

  const mismatched = collectFiles([path.join(pki, 'docker1.pem')], { root: '/', roleOverrides: ['client-key'] });
  t.match(observationNamed(mismatched, 'docker1.pem'), { role: 'unknown', roleSource: 'none' }, 'a key role does not describe a certificate');
  t.match(mismatched.warnings, [new RegExp(`^--role client-key does not fit ${path.join(pki, 'docker1.pem')}: it describes private keys, and that file is a certificate; give a \\*-cert role`)]);
});

t.test('a --role that fits no file given says so, in one line naming the input', async (t) => {
  const certsOnly = path.join(dir, 'certs-only');
  copyInto(certsOnly, { 'server-cert.pem': 'docker1.pem', 'ca.pem': 'ca.pem' });
  const result = collectFiles([certsOnly], { root: '/', roleOverrides: ['client-key'] });
  t.equal(result.warnings.length, 1);
  t.match(result.warnings[0], `--role client-key applied to no file in ${certsOnly}: it describes private keys`);
  t.notMatch(result.warnings[0], /\n/);
  const named = collectFiles([guide], { root: '/', roleOverrides: ['client-cert'] });
  t.match(named.warnings, [/^--role client-cert applied to no file in .*: it describes certificates that are not CAs, and there is none there whose role its name or a config does not already give/], "every certificate in the guide's folder has its role by name");
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
