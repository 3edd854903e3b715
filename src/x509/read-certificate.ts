/**
 * Turns an X.509 certificate into CertificateFacts. Node's X509Certificate (OpenSSL
 * underneath) parses the certificate and provides names, serial, key and fingerprint; the
 * DER reader (certificate-structure.ts) fills in what Node 20 does not expose or gets wrong:
 * validity (Node's printed dates lose the years 1–99), the signature algorithm, the extensions
 * (certificate-extensions.ts), an EC key's curve, and whether Go would refuse the certificate.
 *
 * A malformed extension is a fact of its own (malformedExtensions), never a reason to drop the
 * certificate, and never read as an absent one: an absent extendedKeyUsage means "any purpose"
 * and an absent basicConstraints "not a CA", so a rule that took a malformed one for absent would
 * pass a certificate nobody can vouch for. Its derived fact keeps the type it always had, at the
 * value "absent" gives (sanDns and sanIp empty, isCA false, keyUsage and extendedKeyUsage null;
 * hasSan stays true, the extension being there), and every rule that reads one of those facts
 * asks malformedExtensions first and says nothing, not "pass", when its extension is listed
 * (src/rule-support/malformed-extension.ts). The finding is cert-malformed-extension's, or
 * cert-refused-by-go's when Go refuses it.
 */
import { X509Certificate } from 'node:crypto';
import { pemCertificateDers } from './pem-certificate-bodies.js';
import { describePublicKeyObject, keyTypeAndSize } from './key-size.js';
import type { CertificateFacts, PublicKeyType } from './certificate-facts.js';
import {
  DerError,
  childrenOf,
  decodeObjectIdentifier,
  isContext,
  isUniversal,
  readSingleElement,
  sequenceChildren,
  UniversalTag,
  validateTree,
  type DerElement,
} from './der-reader.js';
import { readCertificateStructure } from './certificate-structure.js';
import { readExtensions } from './certificate-extensions.js';
import { ecCurveOfParameters, type EcCurve } from './ec-curve.js';
import { goKeyRefusal } from './go-key-refusal.js';

export function certificateFacts(der: Buffer): CertificateFacts {
  return readCertificate(parseCertificate(der)).facts;
}

/** Node's parse of a certificate; throws an Error in words ("not a certificate Node can parse: ...") when it refuses. */
export function parseCertificate(der: Buffer): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch (error) {
    throw new Error(`not a certificate Node can parse: ${whyNodeRefused(der, error)}`, { cause: error });
  }
}

/** A parsed certificate's facts, and what pairing it with a key needs. */
export interface CertificateReading {
  facts: CertificateFacts;
  /**
   * The SubjectPublicKeyInfo bytes as the certificate holds them (a copy, so the certificate
   * itself need not stay in memory); null when OpenSSL cannot load the key they describe.
   */
  loadedSubjectPublicKeyInfo: Buffer | null;
}

/** Throws an Error in words ("malformed certificate: ...") for a structure or signature parameter that does not decode; a malformed extension is a fact, not an error. */
export function readCertificate(certificate: X509Certificate): CertificateReading {
  try {
    return readParsedCertificate(certificate);
  } catch (error) {
    // Node accepted it, so OpenSSL parsed the outer structure; what failed is a field or
    // parameter OpenSSL only decodes on demand.
    if (error instanceof DerError) {
      throw new Error(`malformed certificate: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/**
 * Node tries PEM before DER and reports the PEM failure ("PEM routines::no start line") for
 * any DER it cannot read, which tells nobody what is wrong with the DER. Our reader can say
 * where the encoding breaks; well-formed DER that OpenSSL still refuses is another structure.
 */
function whyNodeRefused(der: Buffer, error: unknown): string {
  const pemFailure = (error as { code?: unknown } | null)?.code === 'ERR_OSSL_PEM_NO_START_LINE';
  if (!pemFailure || der.length === 0 || der.includes('-----BEGIN')) return errorMessage(error);
  try {
    validateTree(readSingleElement(der));
  } catch (derError) {
    if (derError instanceof DerError) return `malformed DER: ${derError.message}`;
    throw derError;
  }
  return 'DER that is not an X.509 certificate';
}

/** Facts for every CERTIFICATE block in a PEM bundle, in order; other blocks are ignored. */
export function certificateFactsFromPem(pem: string): CertificateFacts[] {
  return pemCertificateDers(pem).map(certificateFacts);
}

function readParsedCertificate(certificate: X509Certificate): CertificateReading {
  const structure = readCertificateStructure(certificate.raw);
  const publicKey = describePublicKey(certificate, structure.publicKeyAlgorithmOid, structure.subjectPublicKeyInfo);
  const curve = publicKey.type === 'ec' ? ecCurveOf(structure.publicKeyAlgorithmParameters) : null;
  const signature = describeSignatureAlgorithm(structure.signatureAlgorithmOid, structure.signatureAlgorithmParameters);
  const extensions = readExtensions(structure);

  const facts: CertificateFacts = {
    subject: oneLineName(certificate.subject),
    issuer: oneLineName(certificate.issuer),
    serialNumber: certificate.serialNumber,
    notBefore: structure.notBefore.toISOString(),
    notAfter: structure.notAfter.toISOString(),
    sanDns: extensions.subjectAltName?.dns ?? [],
    sanIp: extensions.subjectAltName?.ip ?? [],
    hasSan: structure.extensions.some((extension) => extension.oid === SUBJECT_ALT_NAME_OID),
    publicKeyType: publicKey.type,
    // Node leaves an EC key it cannot load unsized; its parameters still say how large it is.
    publicKeyBits: publicKey.bits ?? curve?.bits ?? null,
    publicKeyCurve: curve?.kind ?? null,
    publicKeyCurveName: curve?.kind === 'named' ? curve.name : null,
    goRefusesKey: goKeyRefusal(structure.subjectPublicKeyInfo, publicKey.loaded),
    signatureAlgorithm: signature.name,
    signatureAlgorithmOid: structure.signatureAlgorithmOid,
    signatureHash: signature.hash,
    isCA: extensions.basicConstraints?.ca ?? false,
    keyUsage: extensions.keyUsage,
    extendedKeyUsage: extensions.extendedKeyUsage,
    malformedExtensions: extensions.malformed,
    selfSigned: isSelfSigned(certificate),
    fingerprint256: certificate.fingerprint256,
  };
  return { facts, loadedSubjectPublicKeyInfo: publicKey.loaded ? Buffer.from(structure.subjectPublicKeyInfo) : null };
}

const SUBJECT_ALT_NAME_OID = '2.5.29.17';

/** A curve OID that does not decode is the key's problem (goRefusesKey says so), not a reason to drop the certificate. */
function ecCurveOf(parameters: DerElement | undefined): EcCurve | null {
  if (parameters === undefined) return null;
  try {
    return ecCurveOfParameters(parameters);
  } catch (error) {
    if (error instanceof DerError) return null;
    throw error;
  }
}

interface SignatureAlgorithm {
  name: string;
  hash: string | null;
}

const RSASSA_PSS_OID = '1.2.840.113549.1.1.10';

/** Names as OpenSSL prints them (`openssl x509 -text`), so reports match what admins see there. */
const SIGNATURE_ALGORITHMS: Readonly<Record<string, SignatureAlgorithm>> = {
  '1.2.840.113549.1.1.2': { name: 'md2WithRSAEncryption', hash: 'md2' },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', hash: 'md5' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', hash: 'sha1' },
  '1.3.14.3.2.29': { name: 'sha1WithRSA', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', hash: 'sha512' },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { name: 'ecdsa-with-SHA224', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', hash: 'sha512' },
  '1.2.840.10040.4.3': { name: 'dsaWithSHA1', hash: 'sha1' },
  '2.16.840.1.101.3.4.3.1': { name: 'dsa_with_SHA224', hash: 'sha224' },
  '2.16.840.1.101.3.4.3.2': { name: 'dsa_with_SHA256', hash: 'sha256' },
  '1.3.101.112': { name: 'ED25519', hash: null },
  '1.3.101.113': { name: 'ED448', hash: null },
};

const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  '1.2.840.113549.2.5': 'md5',
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '2.16.840.1.101.3.4.2.5': 'sha512-224',
  '2.16.840.1.101.3.4.2.6': 'sha512-256',
};

function describeSignatureAlgorithm(oid: string, parameters: DerElement | undefined): SignatureAlgorithm {
  if (oid === RSASSA_PSS_OID) {
    return { name: 'rsassaPss', hash: rsassaPssHash(parameters) };
  }
  return SIGNATURE_ALGORITHMS[oid] ?? { name: oid, hash: null };
}

/** RSASSA-PSS-params (RFC 4055): hashAlgorithm is [0] EXPLICIT and defaults to SHA-1. */
function rsassaPssHash(parameters: DerElement | undefined): string | null {
  if (parameters === undefined || isUniversal(parameters, UniversalTag.null)) return 'sha1';
  const hashField = sequenceChildren(parameters, 'RSASSA-PSS-params').find((field) => isContext(field, 0));
  if (hashField === undefined) return 'sha1';
  const [hashAlgorithm] = childrenOf(hashField);
  const hashOid = decodeObjectIdentifier(sequenceChildren(hashAlgorithm, 'hashAlgorithm')[0]);
  return HASH_ALGORITHMS[hashOid] ?? null;
}

/** For keys Node cannot load: the type, at least, is in the SubjectPublicKeyInfo. */
const PUBLIC_KEY_TYPES_BY_OID: Readonly<Record<string, PublicKeyType>> = {
  '1.2.840.113549.1.1.1': 'rsa',
  '1.2.840.113549.1.1.10': 'rsa-pss',
  '1.2.840.10045.2.1': 'ec',
  '1.2.840.10040.4.1': 'dsa',
  '1.3.101.112': 'ed25519',
  '1.3.101.113': 'ed448',
};

function describePublicKey(
  certificate: X509Certificate,
  algorithmOid: string,
  subjectPublicKeyInfo: Buffer,
): { type: PublicKeyType; bits: number | null; loaded: boolean } {
  let described: { type: PublicKeyType | undefined; bits: number | null } = { type: undefined, bits: null };
  let loaded = false;
  try {
    const publicKey = certificate.publicKey;
    loaded = true;
    described = describePublicKeyObject(publicKey, subjectPublicKeyInfo);
  } catch {
    // Key type OpenSSL cannot load (e.g. an exotic curve); fall back to the OID.
  }
  const type = described.type ?? PUBLIC_KEY_TYPES_BY_OID[algorithmOid] ?? 'unknown';
  // An Edwards key Node could not load still has its curve's conventional size.
  const bits = described.bits ?? keyTypeAndSize(type, undefined).bits;
  return { type, bits, loaded };
}

/**
 * Issuer equals subject and the certificate's own key verifies its signature. Not
 * checkIssued(): that also demands keyCertSign when keyUsage is present, which plain
 * self-signed server certificates (digitalSignature, keyEncipherment) do not have.
 */
function isSelfSigned(certificate: X509Certificate): boolean {
  if (certificate.subject !== certificate.issuer) return false;
  try {
    return certificate.verify(certificate.publicKey);
  } catch {
    // Signature algorithm or key this OpenSSL cannot check: the names are all we have.
    return true;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Node prints a name one attribute per line ("O=x\nCN=y"); reports and tables want one line.
 * An empty name (RFC 5280 allows an empty subject when subjectAltName says who it is) comes
 * back from Node as undefined, not "".
 */
function oneLineName(name: string | undefined): string {
  return (name ?? '').split('\n').filter(Boolean).join(', ');
}
