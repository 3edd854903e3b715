import t from 'tap';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { collectFiles } from '../../src/files/collect-files.js';
import type { FileRoleHint } from '../../src/files/file-observation.js';
import { makeDockerDocsTree, makeOtherCa, openssl, tempDir } from './fixtures/guide-tree.js';
import { observationNamed } from './fixtures/observations.js';

const dir = tempDir(t);
const guide = path.join(dir, 'guide');
makeDockerDocsTree(guide);
const otherCa = path.join(dir, 'other-ca');
makeOtherCa(otherCa);
const copyInto = (target: string, names: Record<string, string>, from = guide) => {
  mkdirSync(target, { recursive: true });
  for (const [source, name] of Object.entries(names)) copyFileSync(path.join(from, source), path.join(target, name));
};

t.test('a guide tree pairs and chains', async (t) => {
  const result = collectFiles([guide], { root: '/' });
  const server = observationNamed(result, 'server-cert.pem');
  t.match(server, { pairedWith: path.join(guide, 'server-key.pem'), pairMatches: true, caPath: path.join(guide, 'ca.pem'), chainVerified: true, chainError: null });
  t.match(observationNamed(result, 'server-key.pem'), { pairedWith: path.join(guide, 'server-cert.pem'), pairMatches: true });
  t.match(observationNamed(result, 'cert.pem'), { pairedWith: path.join(guide, 'key.pem'), pairMatches: true, chainVerified: true });
  t.match(observationNamed(result, 'key.pem'), { pairedWith: path.join(guide, 'cert.pem'), pairMatches: true });
  t.match(observationNamed(result, 'ca.pem'), { pairedWith: path.join(guide, 'ca-key.pem'), pairMatches: null, caPath: null, chainVerified: null }, 'the CA key is encrypted: no verdict');
});

t.test('a key that does not go with its certificate', async (t) => {
  const mixed = path.join(dir, 'mismatch');
  copyInto(mixed, { 'server-cert.pem': 'server-cert.pem', 'key.pem': 'server-key.pem', 'ca.pem': 'ca.pem' });
  const result = collectFiles([mixed], { root: '/' });
  t.match(observationNamed(result, 'server-cert.pem'), { pairedWith: path.join(mixed, 'server-key.pem'), pairMatches: false });
  t.match(observationNamed(result, 'server-key.pem'), { pairedWith: path.join(mixed, 'server-cert.pem'), pairMatches: false });
});

t.test('pairing by public key when the names say nothing', async (t) => {
  const odd = path.join(dir, 'odd-names');
  copyInto(odd, { 'server-cert.pem': 'docker-daemon.pem', 'server-key.pem': 'daemon-secret.pem', 'key.pem': 'unrelated.pem' });
  const result = collectFiles([odd], { root: '/' });
  t.match(observationNamed(result, 'docker-daemon.pem'), { pairedWith: path.join(odd, 'daemon-secret.pem'), pairMatches: true });
  t.match(observationNamed(result, 'daemon-secret.pem'), { pairedWith: path.join(odd, 'docker-daemon.pem'), pairMatches: true });
  t.match(observationNamed(result, 'unrelated.pem'), { pairedWith: null, pairMatches: null }, 'a search by key finds only matches');
});

t.test('the key and CA a config names are used, wherever they are', async (t) => {
  const certs = path.join(dir, 'named', 'certs');
  const keys = path.join(dir, 'named', 'private');
  copyInto(certs, { 'server-cert.pem': 'cert.pem', 'key.pem': 'key.pem' });
  copyInto(keys, { 'server-key.pem': 'docker.key', 'ca.pem': 'docker-ca.pem' });
  const hints: FileRoleHint[] = [
    {
      systemPath: path.join(certs, 'cert.pem'),
      role: 'server-cert',
      namedBy: { path: '/etc/docker/daemon.json', systemPath: '/etc/docker/daemon.json', line: 4, what: 'tlscert in daemon.json' },
      keySystemPath: path.join(keys, 'docker.key'),
      caSystemPath: path.join(keys, 'docker-ca.pem'),
    },
  ];
  const result = collectFiles([path.join(certs, 'cert.pem'), path.join(keys, 'docker.key')], { root: '/', hints });
  t.match(observationNamed(result, 'cert.pem'), {
    pairedWith: path.join(keys, 'docker.key'),
    pairMatches: true,
    caPath: path.join(keys, 'docker-ca.pem'),
    chainVerified: true,
  }, 'not key.pem beside it: the config says docker.key');
  t.match(observationNamed(result, 'docker.key'), { pairedWith: path.join(certs, 'cert.pem'), pairMatches: true });
});

t.test('a certificate checked against the wrong CA', async (t) => {
  const wrong = path.join(dir, 'wrong-ca');
  copyInto(wrong, { 'server-cert.pem': 'server-cert.pem', 'server-key.pem': 'server-key.pem' });
  copyInto(wrong, { 'ca.pem': 'ca.pem' }, otherCa);
  const result = collectFiles([path.join(wrong, 'server-cert.pem')], { root: '/' });
  t.match(observationNamed(result, 'server-cert.pem'), {
    caPath: path.join(wrong, 'ca.pem'),
    chainVerified: false,
    chainFailure: { reason: 'unknown-authority' },
    goVerdict: { verified: false, failure: { reason: 'unknown-authority' } },
    pairMatches: true,
  });
});

t.test('a CA file that cannot be used gives no verdict, and says why', async (t) => {
  const broken = path.join(dir, 'broken-ca');
  copyInto(broken, { 'server-cert.pem': 'server-cert.pem', 'key.pem': 'ca.pem' });
  const result = collectFiles([path.join(broken, 'server-cert.pem')], { root: '/' });
  t.match(observationNamed(result, 'server-cert.pem'), { caPath: path.join(broken, 'ca.pem'), chainVerified: null, chainError: 'CA file cannot be used: it holds no certificate' });
  const none = path.join(dir, 'no-ca');
  copyInto(none, { 'server-cert.pem': 'server-cert.pem' });
  const alone = collectFiles([none], { root: '/' });
  t.match(observationNamed(alone, 'server-cert.pem'), { caPath: null, chainVerified: null, chainError: null, pairedWith: null, pairMatches: null });
});

t.test('a bundle with its intermediate chains to the root beside it', async (t) => {
  const chain = path.join(dir, 'intermediate');
  mkdirSync(chain);
  copyFileSync(path.join(otherCa, 'ca.pem'), path.join(chain, 'ca.pem'));
  const run = (args: string[]) => openssl(chain, args);
  writeFileSync(path.join(chain, 'int.ext'), 'basicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\n');
  writeFileSync(path.join(chain, 'leaf.ext'), 'subjectAltName = DNS:docker.example\nextendedKeyUsage = serverAuth\n');
  run(['genrsa', '-out', 'int-key.pem', '2048']);
  run(['req', '-new', '-key', 'int-key.pem', '-subj', '/CN=intermediate', '-out', 'int.csr']);
  run(['x509', '-req', '-in', 'int.csr', '-CA', 'ca.pem', '-CAkey', path.join(otherCa, 'ca-key.pem'), '-CAcreateserial', '-days', '30', '-extfile', 'int.ext', '-out', 'int.pem']);
  run(['genrsa', '-out', 'leaf-key.pem', '2048']);
  run(['req', '-new', '-key', 'leaf-key.pem', '-subj', '/CN=docker.example', '-out', 'leaf.csr']);
  run(['x509', '-req', '-in', 'leaf.csr', '-CA', 'int.pem', '-CAkey', 'int-key.pem', '-CAcreateserial', '-days', '30', '-extfile', 'leaf.ext', '-out', 'leaf-cert.pem']);
  writeFileSync(path.join(chain, 'bundle.pem'), readFileSync(path.join(chain, 'leaf-cert.pem'), 'utf8') + readFileSync(path.join(chain, 'int.pem'), 'utf8'));
  const result = collectFiles([path.join(chain, 'bundle.pem'), path.join(chain, 'leaf-cert.pem')], { root: '/' });
  t.match(observationNamed(result, 'bundle.pem'), { caPath: path.join(chain, 'ca.pem'), chainVerified: true, pairedWith: path.join(chain, 'leaf-key.pem'), pairMatches: true });
  t.match(observationNamed(result, 'leaf-cert.pem'), { chainVerified: false, chainFailure: { reason: 'unknown-authority' } }, 'without the intermediate it does not chain');
});

t.test('what lies beside each file', async (t) => {
  const result = collectFiles([guide], { root: '/' });
  t.match(observationNamed(result, 'ca-key.pem'), { besideServerCert: true, besideClientCert: true, besidePrivateKey: true }, "the guide's one folder holds the daemon's pair and the client's");
  t.match(observationNamed(result, 'server.csr'), { besidePrivateKey: true });
  t.match(observationNamed(result, 'server-cert.pem'), { besideServerCert: false }, 'a file is not beside itself');

  const home = path.join(dir, 'home', 'bob', '.docker');
  copyInto(home, { 'cert.pem': 'cert.pem', 'key.pem': 'key.pem', 'ca.pem': 'ca.pem', 'ca-key.pem': 'ca-key.pem', 'ca.srl': 'ca.srl' });
  const client = collectFiles([path.join(home, 'ca-key.pem')], { root: '/' });
  t.match(observationNamed(client, 'ca-key.pem'), { role: 'ca-key', besideClientCert: true, besideServerCert: false, besidePrivateKey: true }, 'neighbours are looked at even when not named');

  const tidy = path.join(dir, 'tidy');
  copyInto(tidy, { 'ca.pem': 'ca.pem', 'server-cert.pem': 'server-cert.pem' });
  const tidied = collectFiles([tidy], { root: '/' });
  t.match(observationNamed(tidied, 'ca.pem'), { besideServerCert: true, besidePrivateKey: false });
});
