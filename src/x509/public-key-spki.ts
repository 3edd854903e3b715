/**
 * The SubjectPublicKeyInfo (SPKI) DER of a public key, byte for byte what
 * KeyObject.export({ type: 'spki', format: 'der' }) writes, and its SHA-256: the fingerprint that
 * pairs keys with certificates. That export runs OpenSSL 3's encoder framework, 150–300 µs a
 * call; it was a quarter of a files audit when every key and certificate went through it.
 *
 * Where the encoding leaves OpenSSL no choice, it is written here instead:
 * - RSA: AlgorithmIdentifier { rsaEncryption, NULL } around the key's PKCS#1 RSAPublicKey (a
 *   legacy, fast export that keeps the integers exactly as OpenSSL holds them);
 * - Ed25519, Ed448: AlgorithmIdentifier { OID } around the raw public key from the JWK;
 * - EC on a named curve: { ecPublicKey, curve OID } around the uncompressed point the key file
 *   itself carries (SEC1's publicKey), which OpenSSL takes as it is when it loads the key. Not
 *   from the JWK: on a corrupt EC key (a scalar longer than the curve's order) Node 20's JWK
 *   export fails a native CHECK and aborts the process (test/fuzz/regressions.test.ts).
 * Anything else (RSA-PSS, DSA, explicit curve parameters, compressed points, unknown curves)
 * goes through export(); so does anything our writer cannot vouch for.
 *
 * A certificate already holds its SPKI: when those bytes have the one shape OpenSSL would write
 * (canonicalCertificateSpki), they are the export, and no key object is needed at all.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { childrenOf, DerError, decodeObjectIdentifier, isUniversal, readSingleElement, UniversalTag, type DerElement } from './der-reader.js';
import { encodeBitString, encodeElement, encodeNull, encodeObjectIdentifier, encodeSequence } from './der-writer.js';

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const ED25519 = '1.3.101.112';
const ED448 = '1.3.101.113';

const RSA_ALGORITHM = encodeSequence(encodeObjectIdentifier(RSA_ENCRYPTION), encodeNull());
const EC_ALGORITHM_OID = encodeObjectIdentifier(EC_PUBLIC_KEY);
const EDWARDS_ALGORITHMS: Readonly<Record<string, { algorithm: Buffer; keyBytes: number }>> = {
  ed25519: { algorithm: encodeSequence(encodeObjectIdentifier(ED25519)), keyBytes: 32 },
  ed448: { algorithm: encodeSequence(encodeObjectIdentifier(ED448)), keyBytes: 57 },
};

/**
 * The field prime of the named curves whose point is written here, by curve OID: a coordinate
 * not below it is not what OpenSSL would write back, so such a key takes the export.
 */
const CURVE_PRIMES_BY_OID: Readonly<Record<string, Buffer>> = {
  '1.2.840.10045.3.1.7': Buffer.from('ffffffff00000001000000000000000000000000ffffffffffffffffffffffff', 'hex'),
  '1.3.132.0.34': Buffer.from('fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff', 'hex'),
  '1.3.132.0.35': Buffer.concat([Buffer.from([0x01]), Buffer.alloc(65, 0xff)]),
  '1.3.132.0.10': Buffer.from('fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f', 'hex'),
};

export interface SpkiOptions {
  /**
   * For an EC key: the SPKI written from the bytes the key was read from (ecSpkiFromKeyFile),
   * or null when they do not settle it. Asked only for EC keys.
   */
  ecSpkiFromKeyFile: () => Buffer | null;
}

/** The SPKI DER of `publicKey`, as export({ type: 'spki', format: 'der' }) would give it. */
export function subjectPublicKeyInfo(publicKey: KeyObject, options: SpkiOptions): Buffer {
  return writtenSpki(publicKey, options) ?? (publicKey.export({ type: 'spki', format: 'der' }) as Buffer);
}

export function spkiFingerprint(spki: Buffer): string {
  return createHash('sha256').update(spki).digest('hex');
}

function writtenSpki(publicKey: KeyObject, options: SpkiOptions): Buffer | null {
  const type = publicKey.asymmetricKeyType;
  try {
    if (type === 'rsa') {
      return encodeSequence(RSA_ALGORITHM, encodeBitString(publicKey.export({ type: 'pkcs1', format: 'der' }) as Buffer));
    }
    const edwards = type === undefined ? undefined : EDWARDS_ALGORITHMS[type];
    if (edwards) {
      const raw = Buffer.from(String(publicKey.export({ format: 'jwk' }).x ?? ''), 'base64url');
      return raw.length === edwards.keyBytes ? encodeSequence(edwards.algorithm, encodeBitString(raw)) : null;
    }
  } catch {
    // A key the quick exports refuse: export() decides, and says what is wrong.
    return null;
  }
  if (type === 'ec') return options.ecSpkiFromKeyFile();
  return null;
}

/**
 * The SPKI of an EC key on a named curve whose uncompressed point is `point` (0x04 ‖ X ‖ Y), as
 * OpenSSL writes it for a key read with that point; null for a curve, length or coordinate
 * OpenSSL would not write back byte for byte.
 */
export function namedCurveEcSpki(curveOid: string, point: Buffer): Buffer | null {
  const prime = CURVE_PRIMES_BY_OID[curveOid];
  if (!prime || point.length !== 1 + 2 * prime.length || point[0] !== 0x04) return null;
  const x = point.subarray(1, 1 + prime.length);
  const y = point.subarray(1 + prime.length);
  if (Buffer.compare(x, prime) >= 0 || Buffer.compare(y, prime) >= 0) return null;
  return encodeSequence(encodeSequence(EC_ALGORITHM_OID, encodeObjectIdentifier(curveOid)), encodeBitString(point));
}

/**
 * A certificate's own SPKI bytes when they are exactly what OpenSSL writes for the key they
 * hold, else null. Call it only for a certificate whose key OpenSSL loaded (X509Certificate's
 * publicKey did not throw): then the values are valid for their type, and only their encoding
 * can differ from OpenSSL's. The checks rebuild the DER from the parsed parts and compare, so
 * non-minimal lengths, a missing NULL, stray unused bits or trailing bytes all fall back.
 */
export function canonicalCertificateSpki(spki: Buffer): Buffer | null {
  try {
    const root = readSingleElement(spki);
    if (!isUniversal(root, UniversalTag.sequence)) return null;
    const [algorithm, key, extra] = childrenOf(root);
    if (!algorithm || !key || extra || !isUniversal(algorithm, UniversalTag.sequence) || !isUniversal(key, UniversalTag.bitString) || key.constructed) return null;
    if (key.contents[0] !== 0) return null;
    const keyBytes = key.contents.subarray(1);
    const [oid, parameters, more] = childrenOf(algorithm);
    if (!oid || more) return null;
    const algorithmOid = decodeObjectIdentifier(oid);
    let rebuilt: Buffer | null = null;
    if (algorithmOid === RSA_ENCRYPTION) {
      if (!parameters || !isUniversal(parameters, UniversalTag.null) || parameters.contents.length !== 0) return null;
      if (!isCanonicalRsaPublicKey(keyBytes)) return null;
      rebuilt = encodeSequence(RSA_ALGORITHM, encodeBitString(keyBytes));
    } else if (algorithmOid === EC_PUBLIC_KEY) {
      if (!parameters || !isUniversal(parameters, UniversalTag.objectIdentifier)) return null;
      rebuilt = namedCurveEcSpki(decodeObjectIdentifier(parameters), keyBytes);
    } else if (algorithmOid === ED25519 || algorithmOid === ED448) {
      const edwards = EDWARDS_ALGORITHMS[algorithmOid === ED25519 ? 'ed25519' : 'ed448']!;
      if (parameters || keyBytes.length !== edwards.keyBytes) return null;
      rebuilt = encodeSequence(edwards.algorithm, encodeBitString(keyBytes));
    }
    return rebuilt !== null && rebuilt.equals(spki) ? rebuilt : null;
  } catch (error) {
    if (error instanceof DerError) return null;
    throw error;
  }
}

/** RSAPublicKey { INTEGER n, INTEGER e }, both positive and minimally encoded, nothing after. */
function isCanonicalRsaPublicKey(bytes: Buffer): boolean {
  const root = readSingleElement(bytes);
  if (!isUniversal(root, UniversalTag.sequence)) return false;
  const integers = childrenOf(root);
  if (integers.length !== 2) return false;
  const rebuilt = encodeSequence(...integers.map((integer) => (isMinimalPositiveInteger(integer) ? encodeElement(UniversalTag.integer, integer.contents) : Buffer.alloc(0))));
  return integers.every(isMinimalPositiveInteger) && rebuilt.equals(bytes);
}

function isMinimalPositiveInteger(element: DerElement): boolean {
  const bytes = element.contents;
  if (!isUniversal(element, UniversalTag.integer) || element.constructed || bytes.length === 0) return false;
  if ((bytes[0]! & 0x80) !== 0) return false;
  return !(bytes.length > 1 && bytes[0] === 0 && (bytes[1]! & 0x80) === 0);
}
