/**
 * Plain PKCS#8 RSA and EC keys are loaded from the PKCS#1 or SEC1 key they wrap (a third of the
 * cost of OpenSSL's PKCS#8 reader). What users rely on: the same facts as OpenSSL's PKCS#8
 * reader gives, the same keys accepted, and the same reason for a key that does not load.
 */
import t, { type Test } from 'tap';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { classifyContent } from '../../src/files/classify-content.js';
import { readSingleElement, sequenceChildren } from '../../src/x509/der-reader.js';
import { encodeExplicit, encodeInteger, encodeOctetString, encodeSequence, encodeSet } from '../../src/x509/der-writer.js';

const armor = (label: string, der: Buffer) =>
  Buffer.from(`-----BEGIN ${label}-----\n${(der.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`);
const fingerprint = (key: KeyObject) => createHash('sha256').update(createPublicKey(key).export({ type: 'spki', format: 'der' })).digest('hex');
const pkcs8 = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'der' }) as Buffer;

/** What OpenSSL's own PKCS#8 reader says of `der`: the key it loads, or its reason. */
function openSslPkcs8(der: Buffer): KeyObject | string {
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch (error) {
    return `PKCS8 private key that cannot be loaded: ${(error as Error).message}`;
  }
}

function sameAsOpenSsl(t: Test, name: string, der: Buffer): void {
  const expected = openSslPkcs8(der);
  for (const [file, content] of [['key.pem', armor('PRIVATE KEY', der)], ['key.der', der]] as const) {
    const facts = classifyContent(content, file);
    if (typeof expected === 'string') {
      t.equal(facts.kind, 'unparseable', `${name}, ${file}: not loaded`);
      if (file === 'key.pem') t.equal(facts.parseError, expected, `${name}: OpenSSL's PKCS#8 reason, word for word`);
    } else {
      t.equal(facts.kind, 'private-key', `${name}, ${file}: loaded`);
      t.match(facts.key, { format: file === 'key.pem' ? 'pkcs8' : 'der', encrypted: false, publicKeyFingerprint: fingerprint(expected) }, `${name}, ${file}: its facts`);
    }
  }
}

t.test("RSA and EC keys in PKCS#8 give the facts OpenSSL's PKCS#8 reader gives", async (t) => {
  const keys: [string, KeyObject, number][] = [
    ['RSA 2048', generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, 2048],
    ['EC P-256', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, 256],
    ['EC P-384', generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey, 384],
    ['EC secp256k1', generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey, 256],
  ];
  for (const [name, key, bits] of keys) {
    sameAsOpenSsl(t, name, pkcs8(key));
    const facts = classifyContent(armor('PRIVATE KEY', pkcs8(key)), 'key.pem').key;
    t.equal(facts?.type, key.asymmetricKeyType, `${name}: type`);
    t.equal(facts?.bits, bits, `${name}: size`);
  }
});

t.test("PKCS#8 keys of other shapes, and broken ones, get OpenSSL's PKCS#8 answer", async (t) => {
  const rsa = pkcs8(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey);
  const ec = pkcs8(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
  const [version, algorithm, privateKey] = sequenceChildren(readSingleElement(rsa), 'PrivateKeyInfo').map((field) => field.encoded) as [Buffer, Buffer, Buffer];
  const [ecVersion, ecAlgorithm, ecPrivateKey] = sequenceChildren(readSingleElement(ec), 'PrivateKeyInfo').map((field) => field.encoded) as [Buffer, Buffer, Buffer];
  const innerRsa = sequenceChildren(readSingleElement(rsa), 'PrivateKeyInfo')[2]!.contents;

  sameAsOpenSsl(t, 'with attributes', encodeSequence(version, algorithm, privateKey, encodeExplicit(0, encodeSet())));
  sameAsOpenSsl(t, 'version 1', encodeSequence(encodeInteger(1n), algorithm, privateKey));
  sameAsOpenSsl(t, 'RSA key cut short inside the OCTET STRING', encodeSequence(version, algorithm, encodeOctetString(innerRsa.subarray(0, innerRsa.length - 40))));
  sameAsOpenSsl(t, 'RSA key with trailing bytes inside the OCTET STRING', encodeSequence(version, algorithm, encodeOctetString(Buffer.concat([innerRsa, Buffer.from([0, 0])]))));
  sameAsOpenSsl(t, 'RSA algorithm around an EC key', encodeSequence(version, algorithm, ecPrivateKey));
  sameAsOpenSsl(t, 'EC algorithm around an RSA key', encodeSequence(ecVersion, ecAlgorithm, privateKey));
  sameAsOpenSsl(t, 'garbage in the OCTET STRING', encodeSequence(version, algorithm, encodeOctetString(Buffer.from('not a key at all'))));
});
