import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { issueClientCert, issueServerCert, makePki, selfSignedCert, type IssuedCert } from '../helpers/pki.js';

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-pki-test-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const pki = makePki(join(dir, 'pki'), { caCommonName: 'Harness Test CA' });

/** SAN and EKU exactly as `openssl x509 -noout -ext` prints them. */
function sanAndEku(cert: IssuedCert): string {
  return execFileSync('openssl', ['x509', '-in', cert.certPath, '-noout', '-ext', 'subjectAltName,extendedKeyUsage'], { encoding: 'utf8' });
}

function certText(cert: IssuedCert): string {
  return execFileSync('openssl', ['x509', '-in', cert.certPath, '-noout', '-text'], { encoding: 'utf8' });
}

function verify(caPath: string, cert: IssuedCert, ...extra: string[]): { ok: boolean; output: string } {
  const result = spawnSync('openssl', ['verify', '-CAfile', caPath, ...extra, cert.certPath], { encoding: 'utf8' });
  return { ok: result.status === 0, output: result.stdout + result.stderr };
}

function dateOf(cert: IssuedCert, field: 'startdate' | 'enddate'): Date {
  const line = execFileSync('openssl', ['x509', '-in', cert.certPath, '-noout', `-${field}`], { encoding: 'utf8' });
  return new Date(line.split('=')[1]!.trim());
}

t.test('CA is a self-signed CA certificate with the configured CN and a 0400 key', async (t) => {
  const text = certText(pki.ca);
  t.match(text, /Subject: CN ?= ?Harness Test CA/);
  t.match(text, /Issuer: CN ?= ?Harness Test CA/);
  t.match(text, /Basic Constraints: critical\s+CA:TRUE/);
  t.equal(statSync(pki.ca.keyPath).mode & 0o777, 0o400);
  t.match(pki.ca.certPem, /^-----BEGIN CERTIFICATE-----/);
  t.match(pki.ca.keyPem, /-----BEGIN PRIVATE KEY-----/);
});

t.test('server certificate: default SAN and serverAuth EKU, verifies as an SSL server', async (t) => {
  const cert = issueServerCert(pki, { name: 'server-default' });
  const ext = sanAndEku(cert);
  t.match(ext, /DNS:localhost, IP Address:127\.0\.0\.1\n/);
  t.match(ext, /Extended Key Usage:\s+TLS Web Server Authentication\n/);
  t.notMatch(ext, /Client Authentication/);
  t.ok(verify(pki.ca.certPath, cert, '-purpose', 'sslserver').ok);
  t.match(certText(cert), /Subject: CN ?= ?server-default/);
  t.equal(statSync(cert.keyPath).mode & 0o777, 0o400);
});

t.test('server certificate: only the SAN entries given', async (t) => {
  const cert = issueServerCert(pki, { name: 'server-custom', sanDns: ['docker.test', '*.docker.test'], sanIp: ['127.0.0.22'] });
  t.match(sanAndEku(cert), /DNS:docker\.test, DNS:\*\.docker\.test, IP Address:127\.0\.0\.22\n/);
  const ipOnly = issueServerCert(pki, { name: 'server-ip-only', sanIp: ['127.0.0.23'] });
  t.match(sanAndEku(ipOnly), /Subject Alternative Name:\s+IP Address:127\.0\.0\.23\n/);
});

t.test('client certificate: clientAuth EKU and no SAN, verifies as client but not as server', async (t) => {
  const cert = issueClientCert(pki, { name: 'client' });
  const ext = sanAndEku(cert);
  t.match(ext, /Extended Key Usage:\s+TLS Web Client Authentication\n/);
  t.notMatch(ext, /Subject Alternative Name/);
  t.ok(verify(pki.ca.certPath, cert, '-purpose', 'sslclient').ok);
  const asServer = verify(pki.ca.certPath, cert, '-purpose', 'sslserver');
  t.notOk(asServer.ok);
  t.match(asServer.output, /unsuitable certificate purpose/);
});

t.test('EKU list, no EKU, and no SAN', async (t) => {
  const both = issueServerCert(pki, { name: 'both-ekus', eku: ['serverAuth', 'clientAuth'] });
  t.match(sanAndEku(both), /TLS Web Server Authentication, TLS Web Client Authentication/);
  const bare = issueServerCert(pki, { name: 'bare', noSan: true, eku: null });
  const ext = sanAndEku(bare);
  t.notMatch(ext, /Subject Alternative Name/);
  t.notMatch(ext, /Extended Key Usage/);
  t.ok(verify(pki.ca.certPath, bare).ok, 'still chains to the CA');
});

t.test('weak key, SHA-1 signature and leaf marked as CA', async (t) => {
  const cert = issueServerCert(pki, { name: 'weak', keyType: 'rsa1024', md: 'sha1', isCA: true });
  const text = certText(cert);
  t.match(text, /Public-Key: \(1024 bit\)/);
  t.match(text, /Signature Algorithm: sha1WithRSAEncryption/);
  t.match(text, /Basic Constraints: critical\s+CA:TRUE/);
  // OpenSSL 3 rejects SHA-1 signatures from security level 1 up; LEGACY_TLS_CIPHERS exists for this.
  const strict = verify(pki.ca.certPath, cert, '-auth_level', '1');
  t.notOk(strict.ok);
  t.match(strict.output, /digest algorithm too weak/);
  t.ok(verify(pki.ca.certPath, cert, '-auth_level', '0').ok);
});

t.test('EC P-256 key', async (t) => {
  const cert = issueClientCert(pki, { name: 'ec-client', keyType: 'ec256' });
  const text = certText(cert);
  t.match(text, /id-ecPublicKey/);
  t.match(text, /NIST CURVE: P-256/);
  t.match(text, /Signature Algorithm: sha256WithRSAEncryption/, 'signed by the RSA CA');
  t.match(cert.keyPem, /-----BEGIN PRIVATE KEY-----/);
});

t.test('validity: days, negative days, explicit window', async (t) => {
  const now = Date.now();
  const day = 86_400_000;
  const short = issueServerCert(pki, { name: 'short', days: 2 });
  t.ok(Math.abs(dateOf(short, 'enddate').getTime() - (now + 2 * day)) < 120_000);

  const expired = issueServerCert(pki, { name: 'expired', days: -3 });
  t.ok(Math.abs(dateOf(expired, 'enddate').getTime() - (now - 3 * day)) < 120_000, 'notAfter three days ago');
  t.ok(dateOf(expired, 'startdate') < dateOf(expired, 'enddate'), 'notBefore before notAfter');
  const result = verify(pki.ca.certPath, expired);
  t.notOk(result.ok);
  t.match(result.output, /certificate has expired/);
  t.match(sanAndEku(expired), /DNS:localhost, IP Address:127\.0\.0\.1\n[\s\S]*TLS Web Server Authentication/, 'extensions survive the openssl ca path');

  const future = issueClientCert(pki, { name: 'not-yet', notBefore: new Date('2099-01-01T00:00:00Z'), notAfter: new Date('2100-01-01T00:00:00Z') });
  t.equal(dateOf(future, 'startdate').toISOString(), '2099-01-01T00:00:00.000Z');
  t.equal(dateOf(future, 'enddate').toISOString(), '2100-01-01T00:00:00.000Z');
  t.match(verify(pki.ca.certPath, future).output, /certificate is not yet valid/);
});

t.test('self-signed certificate from no CA', async (t) => {
  const cert = selfSignedCert(join(dir, 'self'), { name: 'self', sanIp: ['127.0.0.30'] });
  const text = certText(cert);
  t.match(text, /Subject: CN ?= ?self\n/);
  t.match(text, /Issuer: CN ?= ?self\n/);
  t.match(sanAndEku(cert), /IP Address:127\.0\.0\.30\n[\s\S]*TLS Web Server Authentication/);
  t.ok(verify(cert.certPath, cert).ok, 'verifies against itself');
  t.notOk(verify(pki.ca.certPath, cert).ok, 'not against the PKI CA');

  const old = selfSignedCert(join(dir, 'self'), { name: 'self-old', notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2021-01-01T00:00:00Z') });
  t.match(certText(old), /Issuer: CN ?= ?self-old\n/);
  t.equal(dateOf(old, 'enddate').toISOString(), '2021-01-01T00:00:00.000Z');
});

t.test('CN may differ from the file name and contain RDN separators', async (t) => {
  const cert = issueClientCert(pki, { name: 'odd-cn', commonName: 'ops/team+1' });
  // Node escapes '+' when printing; one CN attribute holding the whole string is what matters.
  t.equal(new X509Certificate(cert.certPem).subject, 'CN=ops/team\\+1');
});

t.test('refuses input that could inject into openssl arguments or extension files', async (t) => {
  t.throws(() => issueServerCert(pki, { name: '../escape' }), /plain file stem/);
  t.throws(() => issueServerCert(pki, { name: 'x', sanDns: ['a,IP:1.2.3.4'] }), /unsafe DNS/);
  t.throws(() => issueServerCert(pki, { name: 'x', sanDns: ['a\nextendedKeyUsage = clientAuth'] }), /unsafe DNS/);
  t.throws(() => issueServerCert(pki, { name: 'x', sanDns: ['$ENV::HOME'] }), /unsafe DNS/);
  t.throws(() => issueServerCert(pki, { name: 'x', sanIp: ['not-an-ip'] }), /not an IP/);
});
