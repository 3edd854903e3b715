import t from 'tap';
import * as crypto from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { collectFiles, type FilesCollection } from '../../src/files/collect-files.js';
import { makeDockerDocsTree, openssl, tempDir } from './fixtures/guide-tree.js';
import { namesOf, observationNamed } from './fixtures/observations.js';

const dir = tempDir(t);
const guide = path.join(dir, 'guide');
makeDockerDocsTree(guide);
const material = path.join(dir, 'material');
const run = (args: string[]) => openssl(dir, args);
const at = (name: string) => path.join(material, name);

// Keys in every encoding the issue lists.
mkdirSync(material);
run(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', at('rsa-pkcs8.pem')]);
run(['rsa', '-in', at('rsa-pkcs8.pem'), '-traditional', '-out', at('rsa-pkcs1.pem')]);
run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', at('ec-sec1.pem')]);
run(['genpkey', '-algorithm', 'ED25519', '-out', at('ed25519.pem')]);
run(['pkcs8', '-topk8', '-nocrypt', '-in', at('rsa-pkcs8.pem'), '-outform', 'DER', '-out', at('pkcs8.der')]);
run(['rsa', '-in', at('rsa-pkcs8.pem'), '-traditional', '-outform', 'DER', '-out', at('pkcs1.der')]);
run(['pkcs8', '-topk8', '-v2', 'aes256', '-passout', 'pass:secret', '-in', at('rsa-pkcs8.pem'), '-out', at('encrypted-pkcs8.pem')]);
run(['pkcs8', '-topk8', '-v2', 'aes256', '-passout', 'pass:secret', '-in', at('rsa-pkcs8.pem'), '-outform', 'DER', '-out', at('encrypted-pkcs8.der')]);
run(['genrsa', '-aes256', '-passout', 'pass:secret', '-out', at('genrsa-aes256.pem'), '2048']);
run(['rsa', '-in', at('rsa-pkcs8.pem'), '-aes256', '-traditional', '-passout', 'pass:secret', '-out', at('legacy-encrypted.pem')]);
run(['ec', '-in', at('ec-sec1.pem'), '-aes256', '-passout', 'pass:secret', '-out', at('legacy-encrypted-ec.pem')]);
// Certificates: DER, a bundle, a key and certificate in one file.
const serverCertPem = readFileSync(path.join(guide, 'server-cert.pem'), 'utf8');
const caPem = readFileSync(path.join(guide, 'ca.pem'), 'utf8');
run(['x509', '-in', path.join(guide, 'server-cert.pem'), '-outform', 'DER', '-out', at('server-cert.der')]);
writeFileSync(at('bundle.pem'), `${serverCertPem}${caPem}`);
writeFileSync(at('combined.pem'), `${serverCertPem}${readFileSync(at('rsa-pkcs8.pem'), 'utf8')}`);
// CSRs, openssl leftovers.
run(['req', '-new', '-key', at('rsa-pkcs8.pem'), '-subj', '/CN=request', '-out', at('request.csr')]);
run(['req', '-new', '-key', at('rsa-pkcs8.pem'), '-subj', '/CN=request', '-outform', 'DER', '-out', at('request-der.csr')]);
writeFileSync(at('openssl.cnf'), '[req]\ndistinguished_name = dn\n[dn]\n');
writeFileSync(at('client.ext'), 'extendedKeyUsage = clientAuth\n');
writeFileSync(at('ca.srl'), '3A1F\n');
// Broken and unrelated files.
writeFileSync(at('empty.pem'), '');
writeFileSync(at('junk.pem'), crypto.randomBytes(3000));
writeFileSync(at('truncated.pem'), serverCertPem.slice(0, Math.floor(serverCertPem.length / 2)));
writeFileSync(at('bad-base64.pem'), serverCertPem.replace(/\n[A-Za-z0-9+/]{64}\n/, '\n%%% not base64 %%%\n'));
writeFileSync(at('corrupt-cert.pem'), `-----BEGIN CERTIFICATE-----\n${Buffer.from('not a certificate at all').toString('base64')}\n-----END CERTIFICATE-----\n`);
writeFileSync(at('prose.crt'), 'This file used to hold a certificate.\n');
writeFileSync(at('notes.txt'), 'nothing to see\n');

const collection: FilesCollection = collectFiles([material], { root: '/' });
const file = (name: string) => observationNamed(collection, name);

t.test('a directory walk finds every file of interest and no per-path errors', async (t) => {
  t.same(collection.errors, []);
  t.notOk(namesOf(collection).includes('notes.txt'), 'text that promises nothing is left out of a walk');
  const named = collectFiles([at('notes.txt')], { root: '/' });
  t.equal(observationNamed(named, 'notes.txt').kind, 'other', 'but reported as other when named');
});

t.test('private keys in every encoding', async (t) => {
  const cases: [string, string, string, number][] = [
    ['rsa-pkcs8.pem', 'pkcs8', 'rsa', 2048],
    ['rsa-pkcs1.pem', 'pkcs1', 'rsa', 2048],
    ['ec-sec1.pem', 'sec1', 'ec', 256],
    ['ed25519.pem', 'pkcs8', 'ed25519', 256],
    ['pkcs8.der', 'der', 'rsa', 2048],
    ['pkcs1.der', 'der', 'rsa', 2048],
  ];
  for (const [name, format, type, bits] of cases) {
    const observation = file(name);
    t.equal(observation.kind, 'private-key', `${name} is a private key`);
    t.match(observation.key, { format, encrypted: false, type, bits, publicKeyFingerprint: /^[0-9a-f]{64}$/ }, name);
    t.equal(observation.parseError, null, `${name} parses`);
  }
  t.equal(file('pkcs8.der').key?.publicKeyFingerprint, file('rsa-pkcs8.pem').key?.publicKeyFingerprint, 'same key, same fingerprint, whatever the encoding');
});

t.test('encrypted keys are reported as encrypted, with nothing learned from inside', async (t) => {
  const cases: [string, string][] = [
    ['encrypted-pkcs8.pem', 'encrypted-pkcs8'],
    ['encrypted-pkcs8.der', 'encrypted-pkcs8'],
    ['genrsa-aes256.pem', 'encrypted-pkcs8'],
    ['legacy-encrypted.pem', 'legacy-encrypted-pem'],
    ['legacy-encrypted-ec.pem', 'legacy-encrypted-pem'],
  ];
  for (const [name, format] of cases) {
    t.equal(file(name).kind, 'private-key', `${name} is a private key`);
    t.same(file(name).key, { format, encrypted: true, type: null, bits: null, publicKeyFingerprint: null }, name);
  }
});

t.test('encrypted keys never reach createPrivateKey', async (t) => {
  const calls: unknown[] = [];
  const spiedCrypto = {
    ...crypto,
    createPrivateKey: (...args: Parameters<typeof crypto.createPrivateKey>) => {
      calls.push(args[0]);
      return crypto.createPrivateKey(...args);
    },
  };
  // Mocked one import deep at a time: @tapjs/mock replaces the named module's own imports.
  const keyFacts = await t.mockImport<typeof import('../../src/files/private-key-facts.js')>(
    '../../src/files/private-key-facts.js',
    { 'node:crypto': spiedCrypto },
  );
  const { classifyContent } = await t.mockImport<typeof import('../../src/files/classify-content.js')>(
    '../../src/files/classify-content.js',
    { '../../src/files/private-key-facts.js': keyFacts },
  );
  for (const name of ['encrypted-pkcs8.pem', 'encrypted-pkcs8.der', 'genrsa-aes256.pem', 'legacy-encrypted.pem', 'legacy-encrypted-ec.pem']) {
    t.equal(classifyContent(readFileSync(at(name)), name).key?.encrypted, true, name);
  }
  t.equal(calls.length, 0, 'no decryption attempted, with or without a passphrase');
  classifyContent(readFileSync(at('rsa-pkcs8.pem')), 'rsa-pkcs8.pem');
  t.equal(calls.length, 1, 'the spy does see plain keys being loaded');
});

t.test('certificates: PEM, DER, bundles, and a key with its certificate in one file', async (t) => {
  t.equal(file('server-cert.der').kind, 'certificate');
  t.match(file('server-cert.der').certificates, [{ subject: 'CN=docker.example', sanIp: ['10.10.10.20', '127.0.0.1'], extendedKeyUsage: ['serverAuth'] }]);
  t.equal(file('bundle.pem').kind, 'certificate');
  t.match(file('bundle.pem').certificates.map((c) => c.subject), ['CN=docker.example', 'CN=dockprobe guide CA'], 'bundle in file order');
  t.equal(file('combined.pem').kind, 'private-key', 'a file holding a key is as secret as a key');
  t.equal(file('combined.pem').certificates.length, 1);
  t.equal(file('combined.pem').pairedWith, at('combined.pem'));
  t.equal(file('combined.pem').pairMatches, false, 'this certificate is not for this key');
});

t.test('CSRs and openssl leftovers', async (t) => {
  t.equal(file('request.csr').kind, 'csr');
  t.equal(file('request-der.csr').kind, 'csr');
  t.equal(file('openssl.cnf').kind, 'openssl-config');
  t.equal(file('client.ext').kind, 'openssl-config');
  t.equal(file('ca.srl').kind, 'serial');
});

t.test('broken files are unparseable, with the reason in words', async (t) => {
  const cases: [string, RegExp][] = [
    ['empty.pem', /^empty file$/],
    ['junk.pem', /binary data, not PEM or DER/],
    ['truncated.pem', /truncated PEM: BEGIN CERTIFICATE has no END/],
    ['bad-base64.pem', /not base64/],
    ['corrupt-cert.pem', /certificate cannot be parsed/],
    ['prose.crt', /text without a PEM block/],
  ];
  for (const [name, reason] of cases) {
    t.equal(file(name).kind, 'unparseable', `${name} is unparseable`);
    t.match(file(name).parseError, reason, name);
    t.equal(file(name).readError, null, `${name} was read`);
    t.same(file(name).certificates, [], `${name} yields no certificate`);
  }
});

t.test('modes and owners come from lstat, as bits', async (t) => {
  chmodSync(at('rsa-pkcs8.pem'), 0o640);
  chmodSync(at('ca.srl'), 0o4755);
  chownSync(at('ec-sec1.pem'), 1000, 1001);
  const again = collectFiles([at('rsa-pkcs8.pem'), at('ca.srl'), at('ec-sec1.pem')], { root: '/' });
  t.same(observationNamed(again, 'rsa-pkcs8.pem').stat, { type: 'file', mode: 0o640, uid: 0, gid: 0, size: readFileSync(at('rsa-pkcs8.pem')).length });
  t.equal(observationNamed(again, 'ca.srl').stat?.mode, 0o4755, 'setuid kept, file type bits dropped');
  t.match(observationNamed(again, 'ec-sec1.pem').stat, { uid: 1000, gid: 1001 });
});

t.test('no private key material appears in the observations', async (t) => {
  const json = JSON.stringify(collection);
  const keyFiles = ['rsa-pkcs8.pem', 'rsa-pkcs1.pem', 'ec-sec1.pem', 'ed25519.pem', 'encrypted-pkcs8.pem', 'legacy-encrypted.pem', 'combined.pem'];
  let checked = 0;
  for (const name of keyFiles) {
    const text = readFileSync(at(name), 'utf8');
    const keyBlock = /-----BEGIN [A-Z ]*PRIVATE KEY-----([\s\S]*?)-----END/.exec(text)![1]!;
    for (const line of keyBlock.split('\n').filter((l) => /^[A-Za-z0-9+/=]{16,}$/.test(l))) {
      checked++;
      t.notOk(json.includes(line.slice(0, 24)), `no line of ${name}'s key in the JSON`);
    }
  }
  for (const name of ['pkcs8.der', 'pkcs1.der']) {
    const der = readFileSync(at(name));
    const inner = der.subarray(der.length - 64);
    t.notOk(json.includes(inner.toString('hex')) || json.includes(inner.toString('base64')), `no bytes of ${name} in the JSON`);
  }
  t.ok(checked > 40, 'the check looked at the key lines');
  t.notOk(json.includes('PRIVATE KEY'), 'no PEM key label either');
});
