/**
 * A certificate seen again in the same scan is not parsed again, and every endpoint still gets
 * facts of its own: equal to a fresh reading, never the same object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { CertificateReadings } from '../../src/network/certificate-readings.js';
import { certificateFacts } from '../../src/x509/read-certificate.js';
import { issueServerCert, makePki } from '../helpers/pki.js';

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-readings-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const pki = makePki(join(dir, 'pki'));
const leaf = new X509Certificate(issueServerCert(pki, { name: 'server' }).certPem).raw;

t.test('read once, handed out as copies', async (t) => {
  const readings = new CertificateReadings();
  const first = readings.read(leaf);
  t.same(first, certificateFacts(leaf), 'the same facts as a fresh reading');
  first.sanIp.push('192.0.2.1');
  const second = readings.read(Buffer.from(leaf));
  t.same(second, certificateFacts(leaf), 'a change to one copy does not reach the next');
  t.not(second, first);
});

t.test('bytes that are not a certificate throw, each time', async (t) => {
  const readings = new CertificateReadings();
  t.throws(() => readings.read(Buffer.from('not a certificate')));
  t.throws(() => readings.read(Buffer.from('not a certificate')));
});
