/**
 * Inputs the fuzzer (npm run fuzz) found that broke a promise of the certificate and key
 * readers, each cut down to what still showed the bug. Every one of them is a file a user
 * could have on disk; each must end as facts or as a reason in words, never as a crash.
 */
import t from 'tap';
import { generateKeyPairSync, sign } from 'node:crypto';
import { classifyContent } from '../../src/files/classify-content.js';
import { parsePem } from '../../src/files/pem-blocks.js';
import { certificateFacts, certificateFactsFromPem } from '../../src/x509/read-certificate.js';
import {
  encodeBoolean,
  encodeExplicit,
  encodeInteger,
  encodeObjectIdentifier,
  encodeOctetString,
  encodeSequence,
  encodeTime,
  encodeBitString,
  encodeImplicitPrimitive,
} from '../../src/x509/der-writer.js';
import { armor } from './seed-corpus.js';

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');

t.test('an EC key whose private scalar is longer than the curve order is described, not a process abort', async (t) => {
  // Minimized from a fuzzed ec-key.pem: SEC1 ECPrivateKey { 1, OCTET STRING of 33 bytes, [0] prime256v1 }.
  // node:crypto loads it, and then Node 20's asymmetricKeyDetails fails a native CHECK
  // (GetEcKeyDetail: ec != nullptr) and aborts the process: no exception, the audit just dies.
  const prime256v1 = encodeObjectIdentifier('1.2.840.10045.3.1.7');
  const sec1 = encodeSequence(encodeInteger(1n), encodeOctetString(Buffer.alloc(33, 0x01)), encodeExplicit(0, prime256v1));
  const ecPublicKey = encodeSequence(encodeObjectIdentifier('1.2.840.10045.2.1'), prime256v1);
  const pkcs8 = encodeSequence(encodeInteger(0n), ecPublicKey, encodeOctetString(sec1));
  for (const [name, content] of [
    ['key.pem', Buffer.from(armor('EC PRIVATE KEY', sec1))],
    ['pkcs8.pem', Buffer.from(armor('PRIVATE KEY', pkcs8))],
    ['key.der', sec1],
  ] as const) {
    const facts = classifyContent(content, name);
    t.equal(facts.kind, 'private-key', `${name} is a private key`);
    t.match(facts.key, { encrypted: false, type: 'ec', bits: 256, publicKeyFingerprint: /^[0-9a-f]{64}$/ }, `${name}: the curve comes from the key's SPKI`);
  }
});

/** A self-signed Ed25519 certificate whose issuer and subject are both the empty Name. */
function certificateWithEmptyNames(): Buffer {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const ed25519 = encodeSequence(encodeObjectIdentifier('1.3.101.112'));
  const emptyName = encodeSequence();
  const subjectAltName = encodeSequence(encodeObjectIdentifier('2.5.29.17'), encodeBoolean(true), encodeOctetString(encodeSequence(encodeImplicitPrimitive(2, Buffer.from('empty.example')))));
  const tbs = encodeSequence(
    encodeExplicit(0, encodeInteger(2n)),
    encodeInteger(1n),
    ed25519,
    emptyName,
    encodeSequence(encodeTime(new Date('2024-01-01T00:00:00Z')), encodeTime(new Date('2034-01-01T00:00:00Z'))),
    emptyName,
    publicKey.export({ type: 'spki', format: 'der' }),
    encodeExplicit(3, encodeSequence(subjectAltName)),
  );
  return encodeSequence(tbs, ed25519, encodeBitString(sign(null, tbs, privateKey)));
}

t.test('a certificate with an empty subject and issuer is read, with empty names', async (t) => {
  // RFC 5280 allows an empty subject when a critical subjectAltName names the holder. Node
  // returns undefined for an empty name, and reading it threw a TypeError ("Cannot read
  // properties of undefined (reading 'split')"), which became the file's "reason".
  const der = certificateWithEmptyNames();
  const facts = certificateFacts(der);
  t.equal(facts.subject, '');
  t.equal(facts.issuer, '');
  t.strictSame(facts.sanDns, ['empty.example']);
  t.equal(facts.selfSigned, true, 'same (empty) names and its own key verifies it');
  const classified = classifyContent(Buffer.from(armor('CERTIFICATE', der)), 'cert.pem');
  t.equal(classified.kind, 'certificate');
  t.equal(classified.parseError, null);
});

t.test('a file of BEGIN CERTIFICATE lines without an END is read in linear time', async (t) => {
  // 30,000 BEGIN lines: the lazy regex scanned to the end of the text for each one (15 s for 840 KB).
  const text = '-----BEGIN CERTIFICATE-----\n'.repeat(30_000);
  const started = performance.now();
  t.strictSame(certificateFactsFromPem(text), [], 'no complete block, no certificate');
  t.ok(performance.now() - started < 1000, `took ${Math.round(performance.now() - started)} ms`);
});

t.test('a huge PEM label is shortened in the reason, not copied into the report', async (t) => {
  const label = 'A'.repeat(5000);
  const mismatched = `-----BEGIN ${label}-----\nAAAA\n-----END CERTIFICATE-----\n`;
  const parsed = parsePem(mismatched);
  t.equal(parsed.error, `malformed PEM: BEGIN ${'A'.repeat(30)}... (5000 characters) ends with END CERTIFICATE`);

  const unknownBlocks = Array.from({ length: 8 }, (_, index) => `-----BEGIN ${String.fromCharCode(65 + index).repeat(40)}-----\nAAAA\n-----END ${String.fromCharCode(65 + index).repeat(40)}-----\n`).join('');
  const facts = classifyContent(Buffer.from(unknownBlocks), 'cert.pem');
  t.equal(facts.kind, 'unparseable');
  t.match(facts.parseError, /^PEM holds A{30}\.\.\. \(40 characters\), .* and 3 other labels, not a certificate or private key$/);
  t.ok(facts.parseError!.length < 400, `${facts.parseError!.length} characters`);
});

t.test('DER that OpenSSL refuses is explained by the DER reader, not by a PEM error', async (t) => {
  // Node tries PEM first and reports "PEM routines::no start line" for every DER it cannot read.
  t.throws(() => certificateFacts(hex('30 82 0400')), { message: 'not a certificate Node can parse: malformed DER: element at offset 0 claims 1024 bytes but only 0 remain' });
  t.throws(() => certificateFacts(hex('30 03 020101')), { message: 'not a certificate Node can parse: DER that is not an X.509 certificate' });
  const truncated = classifyContent(Buffer.from(armor('CERTIFICATE', hex('30 82 0400 3003'))), 'cert.pem');
  t.equal(truncated.parseError, 'certificate cannot be parsed: not a certificate Node can parse: malformed DER: element at offset 0 claims 1024 bytes but only 2 remain');
});
