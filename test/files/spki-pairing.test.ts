/**
 * Keys and certificates pair by the SHA-256 of the public key's SPKI DER. The SPKI is written
 * without OpenSSL's encoder (public-key-spki.ts) for RSA, EC on named curves and Edwards keys;
 * what users rely on is that the answer is the one export() gives: a key pairs with its own
 * certificate, not with another key of the same type, and an encrypted key cannot be compared
 * ("could not check", never "no match").
 */
import t from 'tap';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { classifyContent } from '../../src/files/classify-content.js';
import { collectFiles } from '../../src/files/collect-files.js';
import { certKeyMismatch } from '../../src/rules/cert-key-mismatch.js';
import type { RuleContext } from '../../src/rules/rule.js';
import { canonicalCertificateSpki } from '../../src/x509/public-key-spki.js';
import { openssl, tempDir } from './fixtures/guide-tree.js';
import { observationNamed } from './fixtures/observations.js';

const dir = tempDir(t, 'dockprobe-spki-');
const RULE_CONTEXT: RuleContext = { params: {}, now: new Date() };

type KeyKind = 'rsa' | 'ec' | 'ed25519';
const KINDS: KeyKind[] = ['rsa', 'ec', 'ed25519'];

function newKey(kind: KeyKind): KeyObject {
  if (kind === 'rsa') return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  if (kind === 'ec') return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  return generateKeyPairSync('ed25519').privateKey;
}

const pkcs8Pem = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }) as string;
const exportedFingerprint = (key: KeyObject) =>
  createHash('sha256').update(createPublicKey(key).export({ type: 'spki', format: 'der' })).digest('hex');

/** A self-signed certificate on `key`, made by openssl as a user would. */
function certificateFor(key: KeyObject, where: string): string {
  mkdirSync(where, { recursive: true });
  const keyPath = path.join(where, 'signing-key.tmp');
  writeFileSync(keyPath, pkcs8Pem(key));
  openssl(where, ['req', '-x509', '-new', '-key', keyPath, '-subj', '/CN=spki test', '-days', '30', '-out', 'cert.tmp']);
  return readFileSync(path.join(where, 'cert.tmp'), 'utf8');
}

/** Counts SPKI exports of any key object while `run` runs: the cost this module avoids. */
function spkiExportsDuring(run: () => void): number {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const prototypes = new Set([Object.getPrototypeOf(publicKey), Object.getPrototypeOf(privateKey), KeyObject.prototype]);
  const restore: (() => void)[] = [];
  let count = 0;
  for (const prototype of prototypes) {
    if (!Object.prototype.hasOwnProperty.call(prototype, 'export')) continue;
    const original = prototype.export;
    prototype.export = function (this: KeyObject, options?: { type?: string }) {
      if (options?.type === 'spki') count++;
      return original.call(this, options);
    };
    restore.push(() => (prototype.export = original));
  }
  try {
    run();
  } finally {
    for (const undo of restore) undo();
  }
  return count;
}

for (const kind of KINDS) {
  t.test(`${kind}: its own key pairs, another ${kind} key does not, an encrypted one cannot be compared`, async (t) => {
    const key = newKey(kind);
    const other = newKey(kind);
    const cert = certificateFor(key, path.join(dir, `${kind}-make`));

    const matching = path.join(dir, `${kind}-match`);
    const mismatched = path.join(dir, `${kind}-mismatch`);
    const encrypted = path.join(dir, `${kind}-encrypted`);
    for (const folder of [matching, mismatched, encrypted]) {
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, 'server-cert.pem'), cert);
    }
    writeFileSync(path.join(matching, 'server-key.pem'), pkcs8Pem(key));
    writeFileSync(path.join(mismatched, 'server-key.pem'), pkcs8Pem(other));
    writeFileSync(
      path.join(encrypted, 'server-key.pem'),
      key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'not guessed' }) as string,
    );

    const matched = collectFiles([matching], { root: '/' });
    t.match(observationNamed(matched, 'server-cert.pem'), { pairedWith: path.join(matching, 'server-key.pem'), pairMatches: true });
    t.match(observationNamed(matched, 'server-key.pem'), { pairedWith: path.join(matching, 'server-cert.pem'), pairMatches: true });
    t.equal(observationNamed(matched, 'server-key.pem').key?.publicKeyFingerprint, exportedFingerprint(key), 'the reported fingerprint is the SHA-256 of the exported SPKI');

    const notMatched = collectFiles([mismatched], { root: '/' });
    const mismatchedCert = observationNamed(notMatched, 'server-cert.pem');
    t.match(mismatchedCert, { pairedWith: path.join(mismatched, 'server-key.pem'), pairMatches: false });
    t.equal(certKeyMismatch.checkFile(mismatchedCert, RULE_CONTEXT).length, 1, 'cert-key-mismatch reports it');

    const locked = collectFiles([encrypted], { root: '/' });
    const lockedCert = observationNamed(locked, 'server-cert.pem');
    t.match(observationNamed(locked, 'server-key.pem').key, { encrypted: true, publicKeyFingerprint: null });
    t.match(lockedCert, { pairedWith: path.join(encrypted, 'server-key.pem'), pairMatches: null }, 'not compared: could not check');
    t.equal(certKeyMismatch.checkFile(lockedCert, RULE_CONTEXT).length, 0, 'an encrypted key is no mismatch');
  });
}

t.test('the SPKI is written, not exported, for the usual keys and certificates, and is the export byte for byte', async (t) => {
  const keys: [string, KeyObject][] = [
    ['RSA 2048', newKey('rsa')],
    ['RSA 1024, e=3', generateKeyPairSync('rsa', { modulusLength: 1024, publicExponent: 3 }).privateKey],
    ['EC P-256', newKey('ec')],
    ['EC P-384', generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey],
    ['EC P-521', generateKeyPairSync('ec', { namedCurve: 'P-521' }).privateKey],
    ['EC secp256k1', generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey],
    ['Ed25519', newKey('ed25519')],
    ['Ed448', generateKeyPairSync('ed448').privateKey],
  ];
  for (const [name, key] of keys) {
    const files: [string, string | Buffer][] = [['key.pem', pkcs8Pem(key)], ['key.der', key.export({ type: 'pkcs8', format: 'der' }) as Buffer]];
    if (key.asymmetricKeyType === 'ec') files.push(['ec-key.pem', key.export({ type: 'sec1', format: 'pem' }) as string]);
    if (key.asymmetricKeyType === 'rsa') files.push(['rsa-key.pem', key.export({ type: 'pkcs1', format: 'pem' }) as string]);
    for (const [file, content] of files) {
      let fingerprint: string | null | undefined;
      const exports = spkiExportsDuring(() => {
        fingerprint = classifyContent(Buffer.from(content), file).key?.publicKeyFingerprint;
      });
      t.equal(fingerprint, exportedFingerprint(key), `${name}, ${file}: the export's fingerprint`);
      t.equal(exports, 0, `${name}, ${file}: no SPKI export`);
    }
    const cert = certificateFor(key, path.join(dir, `written-${name.replace(/\W+/g, '-')}`));
    let certFingerprint: string | null = null;
    const exports = spkiExportsDuring(() => {
      certFingerprint = classifyContent(Buffer.from(cert), 'cert.pem').leafPublicKeyFingerprint();
    });
    t.equal(certFingerprint, exportedFingerprint(key), `${name}: the certificate's key has the same fingerprint`);
    t.equal(exports, 0, `${name}: the certificate's own SPKI is used, not an export`);
  }
});

t.test('keys whose SPKI OpenSSL writes in another form are exported, and still pair', async (t) => {
  const work = path.join(dir, 'other-forms');
  mkdirSync(work, { recursive: true });
  // A compressed public point: OpenSSL keeps that form and writes it back compressed.
  const ec = newKey('ec');
  writeFileSync(path.join(work, 'plain.pem'), ec.export({ type: 'sec1', format: 'pem' }) as string);
  openssl(work, ['ec', '-in', 'plain.pem', '-conv_form', 'compressed', '-out', 'compressed.pem']);
  const compressedKey = readFileSync(path.join(work, 'compressed.pem'));
  const compressed = createPrivateKey(compressedKey);
  let fingerprint: string | null | undefined;
  const exports = spkiExportsDuring(() => {
    fingerprint = classifyContent(compressedKey, 'compressed.pem').key?.publicKeyFingerprint;
  });
  t.equal(fingerprint, exportedFingerprint(compressed), 'compressed point: the export decides');
  t.ok(exports > 0, 'and it was exported');
  t.not(fingerprint, exportedFingerprint(ec), 'the compressed SPKI is another byte string than the uncompressed one, as before');

  // RSA-PSS keys have parameters in their AlgorithmIdentifier: never written here.
  const pss = generateKeyPairSync('rsa-pss', { modulusLength: 2048 }).privateKey;
  t.equal(classifyContent(Buffer.from(pkcs8Pem(pss)), 'pss.pem').key?.publicKeyFingerprint, exportedFingerprint(pss), 'RSA-PSS: the export');
});

t.test("a certificate's own SPKI is used only in OpenSSL's one encoding", async (t) => {
  const key = newKey('rsa');
  const spki = new X509Certificate(certificateFor(key, path.join(dir, 'canonical'))).publicKey.export({ type: 'spki', format: 'der' }) as Buffer;
  t.same(canonicalCertificateSpki(spki), spki, 'the export itself is canonical');
  // The same SEQUENCE with a long-form length (0x81 0x0d instead of 0x0d) for its AlgorithmIdentifier.
  const algorithm = spki.subarray(4, 4 + 15);
  t.equal(algorithm[0], 0x30);
  const longForm = Buffer.concat([Buffer.from([0x30, 0x82]), Buffer.alloc(2), Buffer.from([0x30, 0x81, 0x0d]), algorithm.subarray(2), spki.subarray(4 + 15)]);
  longForm.writeUInt16BE(longForm.length - 4, 2);
  t.equal(canonicalCertificateSpki(longForm), null, 'a non-minimal length is not canonical');
  const noNull = Buffer.from(spki);
  t.equal(canonicalCertificateSpki(Buffer.concat([noNull, Buffer.from([0x00])])), null, 'trailing bytes are not canonical');
});
