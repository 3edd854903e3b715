/**
 * EC keys and the keys Go refuses, one row per property, each with a key Go takes and one it
 * does not (or reads otherwise), put into a real certificate as its SubjectPublicKeyInfo. The
 * size is held against what `openssl x509 -text` prints ("Public-Key: (N bit)"), and every
 * refusal Go makes when parsing is held against Go itself, through the real docker CLI.
 */
import { execFileSync } from 'node:child_process';
import { ECDH, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { classifyContent } from '../../src/files/classify-content.js';
import type { CertificateFacts } from '../../src/x509/certificate-facts.js';
import { readSingleElement, sequenceChildren, decodeBitString } from '../../src/x509/der-reader.js';
import { encodeBitString, encodeObjectIdentifier, encodeSequence } from '../../src/x509/der-writer.js';
import { certificateFacts } from '../../src/x509/read-certificate.js';
import { toPem, wellFormedCertificate, withSubjectPublicKeyInfo } from '../support/certificate-der-edit.js';
import { canRunDockerCliTests, goParsesCertificate } from '../helpers/go-parse-verdict.js';

type KeyFacts = Pick<CertificateFacts, 'publicKeyType' | 'publicKeyBits' | 'publicKeyCurve' | 'publicKeyCurveName' | 'goRefusesKey'>;

interface Key {
  spki: Buffer;
  facts: KeyFacts;
}

interface Row {
  property: string;
  taken: Key;
  other: Key;
}

const EC_PUBLIC_KEY = '1.2.840.10045.2.1';

const ecSpki = (namedCurve: string, paramEncoding: 'named' | 'explicit' = 'named'): Buffer =>
  generateKeyPairSync('ec', { namedCurve, paramEncoding }).publicKey.export({ type: 'spki', format: 'der' });
const rsaSpki = (modulusLength: number): Buffer => generateKeyPairSync('rsa', { modulusLength }).publicKey.export({ type: 'spki', format: 'der' });

/** The same P-256 key with its point compressed (0x02/0x03 ‖ X): OpenSSL loads it, Go's elliptic.Unmarshal does not. */
function compressedP256(): Buffer {
  const [, key] = sequenceChildren(readSingleElement(ecSpki('prime256v1')), 'SubjectPublicKeyInfo');
  const point = decodeBitString(key).bytes;
  const compressed = ECDH.convertKey(point, 'prime256v1', undefined, undefined, 'compressed') as Buffer;
  return encodeSequence(encodeSequence(encodeObjectIdentifier(EC_PUBLIC_KEY), encodeObjectIdentifier('1.2.840.10045.3.1.7')), encodeBitString(compressed));
}

/** An RSA key whose AlgorithmIdentifier leaves out the NULL RFC 3279 requires: OpenSSL loads it, Go does not. */
function rsaWithoutNull(): Buffer {
  const [, key] = sequenceChildren(readSingleElement(rsaSpki(2048)), 'SubjectPublicKeyInfo');
  return encodeSequence(encodeSequence(encodeObjectIdentifier('1.2.840.113549.1.1.1')), key!.encoded);
}

const named = (publicKeyBits: number, name: string, goRefusesKey: CertificateFacts['goRefusesKey'] = null): KeyFacts => ({ publicKeyType: 'ec', publicKeyBits, publicKeyCurve: 'named', publicKeyCurveName: name, goRefusesKey });
const explicit = (publicKeyBits: number): KeyFacts => ({ publicKeyType: 'ec', publicKeyBits, publicKeyCurve: 'explicit', publicKeyCurveName: null, goRefusesKey: 'explicit-curve' });
const rsa = (publicKeyBits: number, goRefusesKey: CertificateFacts['goRefusesKey'] = null): KeyFacts => ({ publicKeyType: 'rsa', publicKeyBits, publicKeyCurve: null, publicKeyCurveName: null, goRefusesKey });

const rows: Row[] = [
  { property: 'P-256: named, or spelled out (explicit parameters, sized by the order)', taken: { spki: ecSpki('prime256v1'), facts: named(256, 'prime256v1') }, other: { spki: ecSpki('prime256v1', 'explicit'), facts: explicit(256) } },
  { property: 'P-384: named, or spelled out', taken: { spki: ecSpki('secp384r1'), facts: named(384, 'secp384r1') }, other: { spki: ecSpki('secp384r1', 'explicit'), facts: explicit(384) } },
  { property: 'P-521: named, or spelled out (521 bits, not 528)', taken: { spki: ecSpki('secp521r1'), facts: named(521, 'secp521r1') }, other: { spki: ecSpki('secp521r1', 'explicit'), facts: explicit(521) } },
  { property: 'Go implements P-224 but not secp256k1', taken: { spki: ecSpki('secp224r1'), facts: named(224, 'secp224r1') }, other: { spki: ecSpki('secp256k1'), facts: named(256, 'secp256k1', 'unsupported-curve') } },
  { property: 'Go implements P-256 but not brainpoolP256r1', taken: { spki: ecSpki('prime256v1'), facts: named(256, 'prime256v1') }, other: { spki: ecSpki('brainpoolP256r1'), facts: named(256, 'brainpoolP256r1', 'unsupported-curve') } },
  { property: 'Go reads uncompressed EC points only', taken: { spki: ecSpki('prime256v1'), facts: named(256, 'prime256v1') }, other: { spki: compressedP256(), facts: named(256, 'prime256v1', 'malformed-key') } },
  { property: 'Go wants RSA parameters to be NULL', taken: { spki: rsaSpki(2048), facts: rsa(2048) }, other: { spki: rsaWithoutNull(), facts: rsa(2048, 'malformed-key') } },
  { property: 'Go 1.24 uses RSA keys of 1024 bits and more', taken: { spki: rsaSpki(1024), facts: rsa(1024) }, other: { spki: rsaSpki(512), facts: rsa(512, 'rsa-under-1024') } },
];

const REFUSED_AT_PARSE: readonly (CertificateFacts['goRefusesKey'])[] = ['explicit-curve', 'unsupported-curve', 'malformed-key'];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockprobe-key-'));
t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

function opensslKeyBits(pem: string): number | null {
  const certPath = path.join(dir, 'cert.pem');
  fs.writeFileSync(certPath, pem);
  const text = execFileSync('openssl', ['x509', '-in', certPath, '-noout', '-text'], { encoding: 'utf8' });
  const bits = /Public-Key: \((\d+) bit\)/.exec(text)?.[1];
  return bits === undefined ? null : Number(bits);
}

const certificateWith = (key: Key): Buffer => withSubjectPublicKeyInfo(wellFormedCertificate(), key.spki);

for (const row of rows) {
  t.test(row.property, async (t) => {
    for (const key of [row.taken, row.other]) {
      const der = certificateWith(key);
      const facts = certificateFacts(der);
      const what = `${key.facts.publicKeyCurveName ?? key.facts.publicKeyCurve ?? key.facts.publicKeyType} ${key.facts.goRefusesKey ?? 'taken'}`;
      t.same(
        { publicKeyType: facts.publicKeyType, publicKeyBits: facts.publicKeyBits, publicKeyCurve: facts.publicKeyCurve, publicKeyCurveName: facts.publicKeyCurveName, goRefusesKey: facts.goRefusesKey },
        key.facts,
        `${what}: the key's facts`,
      );
      t.same(facts.malformedExtensions, [], `${what}: nothing else is wrong with the certificate`);
      const printed = opensslKeyBits(toPem(der));
      if (printed !== null) t.equal(facts.publicKeyBits, printed, `${what}: the size openssl prints`);
      else t.comment(`${what}: this openssl prints no key size`);
    }
  });
}

t.test('a private key file with explicit curve parameters is sized by its order too', async (t) => {
  const keyPem = (paramEncoding: 'named' | 'explicit') =>
    Buffer.from(generateKeyPairSync('ec', { namedCurve: 'secp384r1', paramEncoding }).privateKey.export({ type: 'sec1', format: 'pem' }) as string);
  t.match(classifyContent(keyPem('named'), 'key.pem').key, { type: 'ec', bits: 384 });
  t.match(classifyContent(keyPem('explicit'), 'key.pem').key, { type: 'ec', bits: 384 });
});

t.test("the keys Go refuses when parsing are the ones Go refuses (the real docker CLI loading each certificate as its CA)", async (t) => {
  if (!canRunDockerCliTests(t)) return;
  for (const key of rows.flatMap((row) => [row.taken, row.other])) {
    const refusedAtParse = REFUSED_AT_PARSE.includes(key.facts.goRefusesKey);
    const verdict = goParsesCertificate(toPem(certificateWith(key)));
    t.equal(!verdict.parses, refusedAtParse, `${key.facts.publicKeyCurveName ?? key.facts.publicKeyCurve ?? key.facts.publicKeyType} ${key.facts.publicKeyBits} (${key.facts.goRefusesKey ?? 'taken'}): Go ${verdict.parses ? 'parses' : 'refuses'} it`);
  }
});
