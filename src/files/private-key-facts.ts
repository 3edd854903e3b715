/**
 * KeyFacts for a private key: its format, type, size and the fingerprint of its public half.
 * The key is loaded by node:crypto only long enough to derive the public key; no key bytes
 * leave this module. Encrypted keys are recognised by their structure and never handed to
 * createPrivateKey, so no passphrase is asked for or guessed.
 */
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { describePublicKeyObject } from '../x509/key-size.js';
import {
  childrenOf,
  DerError,
  decodeBitString,
  decodeObjectIdentifier,
  decodeOctetString,
  isContext,
  isUniversal,
  readElement,
  readSingleElement,
  sequenceChildren,
  UniversalTag,
  type DerElement,
} from '../x509/der-reader.js';
import { encodeExplicit, encodeSequence } from '../x509/der-writer.js';
import { canonicalCertificateSpki, namedCurveEcSpki, spkiFingerprint, subjectPublicKeyInfo } from '../x509/public-key-spki.js';
import type { KeyFacts, KeyFormat } from './file-observation.js';

/** The encodings createPrivateKey reads from DER, named as node:crypto names them. */
export type DerKeyEncoding = 'pkcs8' | 'pkcs1' | 'sec1';

export function encryptedKeyFacts(format: KeyFormat): KeyFacts {
  return { format, encrypted: true, type: null, bits: null, publicKeyFingerprint: null };
}

/** Throws an Error in words when node:crypto cannot load the key. */
export function plainKeyFacts(der: Buffer, encoding: DerKeyEncoding, format: KeyFormat): KeyFacts {
  let key: KeyObject | null = encoding === 'pkcs8' ? loadPlainPkcs8Directly(der) : null;
  if (key === null) {
    try {
      key = createPrivateKey({ key: der, format: 'der', type: encoding });
    } catch (error) {
      // OpenSSL's decoder messages name the routine, never key bytes.
      throw new Error(`${encoding.toUpperCase()} private key that cannot be loaded: ${(error as Error).message}`);
    }
  }
  return describeKey(key, format, () => ecSpkiFromKeyFile(der, encoding));
}

const RSA_ENCRYPTION_OID = '1.2.840.113549.1.1.1';
const EC_PUBLIC_KEY_OID = '1.2.840.10045.2.1';
const PKCS8_DIRECT_ALGORITHMS = new Set([RSA_ENCRYPTION_OID, EC_PUBLIC_KEY_OID]);

/**
 * A plain PKCS#8 RSA or EC key, loaded from the key it wraps: OpenSSL 3 reads PrivateKeyInfo
 * through its decoder framework (about 300 µs a key, a third of a files audit of Docker TLS
 * folders), PKCS#1 and SEC1 in a third of that. OpenSSL's PKCS#8 reader does the same in the
 * end: for rsaEncryption it reads the PKCS#1 RSAPrivateKey in the OCTET STRING; for
 * ecPublicKey the SEC1 ECPrivateKey there, on the curve the AlgorithmIdentifier names (written
 * into the SEC1 [0] here, where OpenSSL would set it before reading).
 *
 * Only the plainest shape is taken this way: version 0, no attributes or public key after the
 * OCTET STRING, rsaEncryption with NULL parameters or ecPublicKey with a named curve, exactly one
 * element inside, and SEC1 without its own [0]. Anything else, and any key this way does not
 * load, goes to createPrivateKey as PKCS#8, so what is accepted and every reason stay OpenSSL's
 * PKCS#8 answers. null then. The SEC1 written here holds the private scalar: it is zeroed after use.
 */
function loadPlainPkcs8Directly(der: Buffer): KeyObject | null {
  let written: Buffer | null = null;
  try {
    const fields = sequenceChildren(readSingleElement(der), 'PrivateKeyInfo');
    if (fields.length !== 3) return null;
    const [version, algorithm, privateKey] = fields as [DerElement, DerElement, DerElement];
    if (!isUniversal(version, UniversalTag.integer) || version.contents.length !== 1 || version.contents[0] !== 0) return null;
    const [oid, parameters, extra] = sequenceChildren(algorithm, 'privateKeyAlgorithm');
    if (!oid || !parameters || extra) return null;
    const algorithmOid = decodeObjectIdentifier(oid);
    if (!PKCS8_DIRECT_ALGORITHMS.has(algorithmOid)) return null;
    const inner = decodeOctetString(privateKey);
    const innerKey = readSingleElement(inner);
    if (algorithmOid === RSA_ENCRYPTION_OID) {
      if (!isUniversal(parameters, UniversalTag.null) || parameters.contents.length !== 0) return null;
      return createPrivateKey({ key: inner, format: 'der', type: 'pkcs1' });
    }
    if (!isUniversal(parameters, UniversalTag.objectIdentifier)) return null;
    const sec1Fields = sequenceChildren(innerKey, 'ECPrivateKey');
    const [ecVersion, scalar, ...optional] = sec1Fields;
    if (!ecVersion || !scalar || optional.some((field) => !isContext(field, 1)) || optional.length > 1) return null;
    const curve = encodeExplicit(0, parameters.encoded);
    written = encodeSequence(ecVersion.encoded, scalar.encoded, curve, ...optional.map((field) => field.encoded));
    return createPrivateKey({ key: written, format: 'der', type: 'sec1' });
  } catch {
    // Not this shape, or OpenSSL refuses the inner key: the PKCS#8 reader says why, in its words.
    return null;
  } finally {
    written?.fill(0);
  }
}

/** For PEM keys node:crypto reads only from text (e.g. "DSA PRIVATE KEY"). */
export function plainKeyFactsFromPem(pem: string, format: KeyFormat): KeyFacts {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new Error(`private key that cannot be loaded: ${(error as Error).message}`);
  }
  return describeKey(key, format, () => null);
}

function describeKey(key: KeyObject, format: KeyFormat, ecSpki: () => Buffer | null): KeyFacts {
  // Described through its public half: see describePublicKeyObject for why not key.asymmetricKeyDetails.
  // The public half is derived once and its SPKI written once (public-key-spki.ts): the private
  // key itself is never exported.
  const publicKey = createPublicKey(key);
  const spki = subjectPublicKeyInfo(publicKey, { ecSpkiFromKeyFile: ecSpki });
  const { type, bits } = describePublicKeyObject(publicKey, spki);
  return { format, encrypted: false, type: type ?? 'unknown', bits, publicKeyFingerprint: spkiFingerprint(spki) };
}

/**
 * The same fingerprint for a certificate's key, so keys and certificates pair; null if OpenSSL
 * cannot load it. `spki` is the certificate's own (CertificateReading.loadedSubjectPublicKeyInfo):
 * when it has OpenSSL's one encoding it is hashed as it is; otherwise (rare: an odd encoding
 * OpenSSL would write differently) the certificate is parsed again and its key exported.
 */
export function certificatePublicKeyFingerprint(certificateDer: Buffer, spki: Buffer | null): string | null {
  if (spki === null) return null;
  const canonical = canonicalCertificateSpki(spki);
  if (canonical) return spkiFingerprint(canonical);
  try {
    return spkiFingerprint(new X509Certificate(certificateDer).publicKey.export({ type: 'spki', format: 'der' }));
  } catch {
    return null;
  }
}

/**
 * The SPKI of an EC private key from its own bytes: the curve named by OID (PKCS#8 parameters,
 * SEC1 [0]; both must agree when both are there) and the public point SEC1 carries in [1].
 * OpenSSL takes that point as it is when it loads the key, and export() writes it back in the
 * form it was read; namedCurveEcSpki accepts only the uncompressed form with canonical
 * coordinates. null (the caller exports) when the key has no point, explicit curve parameters,
 * or anything our reader does not follow.
 */
function ecSpkiFromKeyFile(der: Buffer, encoding: DerKeyEncoding): Buffer | null {
  try {
    let curveOid: string | undefined;
    let sec1 = der;
    if (encoding === 'pkcs8') {
      const [, algorithm, privateKey] = sequenceChildren(readSingleElement(der), 'PrivateKeyInfo');
      const [, parameters] = sequenceChildren(algorithm, 'privateKeyAlgorithm');
      if (!parameters || !isUniversal(parameters, UniversalTag.objectIdentifier)) return null;
      curveOid = decodeObjectIdentifier(parameters);
      sec1 = decodeOctetString(privateKey);
    } else if (encoding !== 'sec1') {
      return null;
    }
    let point: Buffer | undefined;
    const [, , ...optional] = sequenceChildren(readSingleElement(sec1), 'ECPrivateKey');
    for (const field of optional) {
      if (isContext(field, 0)) {
        const [parameters] = childrenOf(field);
        if (!parameters || !isUniversal(parameters, UniversalTag.objectIdentifier)) return null;
        const named = decodeObjectIdentifier(parameters);
        if (curveOid !== undefined && named !== curveOid) return null;
        curveOid = named;
      } else if (isContext(field, 1)) {
        const bits = decodeBitString(childrenOf(field)[0]);
        if (bits.unusedBits !== 0) return null;
        point = bits.bytes;
      }
    }
    return curveOid !== undefined && point !== undefined ? namedCurveEcSpki(curveOid, point) : null;
  } catch (error) {
    if (error instanceof DerError) return null;
    throw error;
  }
}

/** PBES1/PBES2 (1.2.840.113549.1.5.x) and PKCS#12 PBE (1.2.840.113549.1.12.1.x) algorithm OIDs. */
const PASSWORD_BASED_ENCRYPTION = /^1\.2\.840\.113549\.1\.(5|12\.1)\./;

/**
 * EncryptedPrivateKeyInfo (RFC 5958): SEQUENCE { SEQUENCE { OID of a password-based scheme, ... },
 * OCTET STRING }. Told apart by structure, so the key is never offered to a decryptor.
 */
export function isEncryptedPkcs8(der: Buffer): boolean {
  try {
    const [algorithm, data] = sequenceChildren(readElement(der), 'EncryptedPrivateKeyInfo');
    if (!algorithm || !data || !isUniversal(data, UniversalTag.octetString)) return false;
    const [oid] = sequenceChildren(algorithm, 'encryptionAlgorithm');
    return PASSWORD_BASED_ENCRYPTION.test(decodeObjectIdentifier(oid));
  } catch (error) {
    if (error instanceof DerError) return false;
    throw error;
  }
}

/**
 * CertificationRequest (RFC 2986): SEQUENCE { info SEQUENCE { INTEGER, Name, SPKI, [0] attributes },
 * SEQUENCE algorithm, BIT STRING }. A certificate's TBS has at least six fields, so they do not mix.
 */
export function isDerCertificateRequest(der: Buffer): boolean {
  try {
    const [info, algorithm, signature] = sequenceChildren(readElement(der), 'CertificationRequest');
    if (!info || !algorithm || !signature || !isUniversal(signature, UniversalTag.bitString)) return false;
    const fields = sequenceChildren(info, 'certificationRequestInfo');
    return fields.length === 4 && isUniversal(fields[0]!, UniversalTag.integer) && fields[3]!.tagClass === 'context';
  } catch (error) {
    if (error instanceof DerError) return false;
    throw error;
  }
}

/** openssh-key-v1: magic, then the cipher name ("none" when the key is not encrypted). */
export function opensshKeyIsEncrypted(der: Buffer): boolean | null {
  const magic = Buffer.from('openssh-key-v1\0', 'latin1');
  if (der.length < magic.length + 4 || !der.subarray(0, magic.length).equals(magic)) return null;
  const nameLength = der.readUInt32BE(magic.length);
  const cipher = der.subarray(magic.length + 4, magic.length + 4 + nameLength).toString('latin1');
  return cipher !== 'none';
}
