import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { loadCredentials } from '../../src/network/load-credentials.js';
import { issueClientCert, makePki } from '../helpers/pki.js';

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-creds-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const pki = makePki(join(dir, 'pki'));
const client = issueClientCert(pki, { name: 'client' });
const other = issueClientCert(pki, { name: 'other' });

/** A docker client folder as the guides lay it out: ca.pem, cert.pem, key.pem. */
function certFolder(name: string): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  copyFileSync(pki.ca.certPath, join(folder, 'ca.pem'));
  copyFileSync(client.certPath, join(folder, 'cert.pem'));
  copyFileSync(client.keyPath, join(folder, 'key.pem'));
  return folder;
}

t.test('found the way the docker CLI finds them', async (t) => {
  const home = join(dir, 'home');
  certFolder(join('home', '.docker'));
  const envFolder = certFolder('env-certs');
  const flagFolder = certFolder('flag-certs');

  const fromHome = loadCredentials({}, { HOME: home });
  t.match(fromHome.user?.origin, /~\/\.docker\/cert\.pem/);
  t.ok(fromHome.caPem?.includes('BEGIN CERTIFICATE'));

  const fromEnv = loadCredentials({}, { HOME: home, DOCKER_CERT_PATH: envFolder });
  t.match(fromEnv.user?.origin, /^DOCKER_CERT_PATH\/cert\.pem/, 'DOCKER_CERT_PATH wins over ~/.docker');

  const fromFlag = loadCredentials({ certPath: flagFolder }, { HOME: home, DOCKER_CERT_PATH: envFolder });
  t.match(fromFlag.user?.origin, /^--cert-path\/cert\.pem/, '--cert-path wins over DOCKER_CERT_PATH');

  const explicit = loadCredentials({ tlscert: other.certPath, tlskey: other.keyPath }, { HOME: home });
  t.match(explicit.user?.origin, /^--tlscert /, 'explicit files win over any folder');
  t.ok(explicit.caPem, 'the CA still comes from the folder when --tlscacert is not given');

  const nothing = loadCredentials({}, { HOME: join(dir, 'empty-home') });
  t.same(nothing, { caPem: null, caOrigin: null, user: null, warnings: [] }, 'no folder, no flags: scan without client material');
});

t.test('unusable client material is refused before any traffic, in one line', async (t) => {
  const home = join(dir, 'nowhere');
  t.throws(() => loadCredentials({ tlscert: client.certPath, tlskey: other.keyPath }, { HOME: home }), /do not pair/);
  t.throws(() => loadCredentials({ tlscert: client.certPath }, { HOME: home }), /has no key/);
  t.throws(() => loadCredentials({ tlscert: '/nonexistent/cert.pem' }, { HOME: home }), /--tlscert "\/nonexistent\/cert.pem": cannot read it \(ENOENT\)/, 'a mistyped path is named before the missing key');
  t.throws(() => loadCredentials({ tlskey: client.keyPath }, { HOME: home }), /has no certificate/);
  t.throws(() => loadCredentials({ tlscacert: join(dir, 'missing.pem') }, { HOME: home }), /--tlscacert .*cannot read it \(ENOENT\)/);
  const junk = join(dir, 'junk.pem');
  writeFileSync(junk, 'not a certificate');
  t.throws(() => loadCredentials({ tlscacert: junk }, { HOME: home }), /not a PEM certificate/);
  t.throws(() => loadCredentials({ tlscert: junk, tlskey: client.keyPath }, { HOME: home }), /not a PEM certificate/);
  const encrypted = join(dir, 'encrypted-key.pem');
  writeFileSync(encrypted, '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n');
  t.throws(() => loadCredentials({ tlscert: client.certPath, tlskey: encrypted }, { HOME: home }), /encrypted; dockprobe never asks for passphrases/);
  t.throws(() => loadCredentials({}, { HOME: home, DOCKER_CERT_PATH: join(dir, 'no-such') }), /DOCKER_CERT_PATH .* is not a directory/);
  const empty = join(dir, 'empty-folder');
  mkdirSync(empty);
  t.throws(() => loadCredentials({ certPath: empty }, { HOME: home }), /holds none of ca\.pem, cert\.pem, key\.pem/);
});

t.test('broken material merely found in ~/.docker is a warning, not a stop', async (t) => {
  const home = join(dir, 'stray-home');
  mkdirSync(join(home, '.docker'), { recursive: true });
  writeFileSync(join(home, '.docker', 'cert.pem'), readFileSync(client.certPath));
  writeFileSync(join(home, '.docker', 'ca.pem'), 'not a certificate');
  const found = loadCredentials({}, { HOME: home });
  t.equal(found.user, null);
  t.equal(found.caPem, null);
  t.match(found.warnings, [/~\/\.docker\/ca\.pem .*not a PEM certificate.*skipped/, /~\/\.docker\/cert\.pem .*has no key.*skipped/]);
  t.throws(() => loadCredentials({ certPath: join(home, '.docker') }, { HOME: '/nonexistent' }), /not a PEM certificate/, 'the same folder, named with --cert-path, stops the scan');
  t.throws(() => loadCredentials({ tlscert: join(home, '.docker', 'cert.pem') }, { HOME: home }), /has no key/, 'a named certificate without its key stops the scan');
});

t.test('a client certificate outside its validity period is a warning before any traffic, by the injected clock', async (t) => {
  const home = join(dir, 'nowhere');
  const flags = { tlscert: client.certPath, tlskey: client.keyPath };
  t.same(loadCredentials(flags, { HOME: home }, undefined, new Date()).warnings, [], 'valid today: nothing to say');
  const later = loadCredentials(flags, { HOME: home }, undefined, new Date('2199-01-01T00:00:00Z'));
  t.match(later.warnings, [/^--tlscert ".*cert\.pem" expired on \d{4}-\d{2}-\d{2} \(\d+ day\(s\) ago\): daemons will refuse it, so attempt \(b\) can only show that; renew it$/]);
  t.ok(later.user, 'still used: what the daemon does with it is worth seeing');
  const earlier = loadCredentials(flags, { HOME: home }, undefined, new Date('2000-01-01T00:00:00Z'));
  t.match(earlier.warnings, [/^--tlscert ".*cert\.pem" is not valid until \d{4}-\d{2}-\d{2}: daemons will refuse it until then/]);
});

t.test('a huge file named as TLS material is refused by its size, before it is read', async (t) => {
  const huge = join(dir, 'huge-ca.pem');
  writeFileSync(huge, '');
  truncateSync(huge, 64 * 1024 * 1024); // sparse: costs no disk
  t.throws(() => loadCredentials({ tlscacert: huge }, { HOME: join(dir, 'nowhere') }), /--tlscacert ".*huge-ca\.pem" is 64 MiB, too large for a certificate or key \(limit 4 MiB\)/);
});

t.test('a CA bundle of thousands of BEGIN lines without END is read in linear time', async (t) => {
  const bundle = join(dir, 'begins.pem');
  writeFileSync(bundle, `${readFileSync(pki.ca.certPath, 'utf8')}${'-----BEGIN CERTIFICATE-----\nAAAA\n'.repeat(100_000)}`);
  const began = Date.now();
  const credentials = loadCredentials({ tlscacert: bundle }, { HOME: join(dir, 'nowhere') });
  const { verifyChain } = await import('../../src/x509/path/verify-chain.js');
  const { X509Certificate } = await import('node:crypto');
  const verdict = verifyChain([new X509Certificate(client.certPem).raw], credentials.caPem, { now: new Date(), purpose: 'clientAuth' });
  // The lazy regex it replaced was quadratic: 3.8 s for 20,000 such lines, five times fewer.
  t.ok(Date.now() - began < 2000, `took ${Date.now() - began} ms`);
  t.equal(verdict.verified, true, 'the real CA in front of the junk still anchors the chain');
});
