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
  // Found as seed 2, case 4418: SEC1 ECPrivateKey { 1, OCTET STRING of 33 bytes, [0] prime256v1 }.
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
