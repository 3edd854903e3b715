/**
 * The fields of an X.509 certificate as its DER lays them out (RFC 5280 §4.1), read by our own
 * DER reader: what Node 20's X509Certificate does not expose (raw names, critical flags, the
 * extensions' encoded values, validity read with RFC 5280's year rules). Extension values are
 * left encoded: each reader decodes the ones it needs, so one malformed extension costs only
 * the facts that come from it.
 */
import {
  childrenOf,
  decodeBitString,
  decodeBoolean,
  decodeObjectIdentifier,
  decodeOctetString,
  expectUniversal,
  isContext,
  isUniversal,
  readElement,
  sequenceChildren,
  UniversalTag,
  type DerElement,
} from './der-reader.js';
import { decodeTime } from './der-time.js';

export interface CertificateExtension {
  oid: string;
  critical: boolean;
  /** extnValue's contents: the extension's own DER. */
  value: Buffer;
  /** The whole Extension element as encoded, for checks of its encoding (go-extension-refusal.ts). */
  encoded: Buffer;
}

export interface CertificateStructure {
  /** 1, 2 or 3 (the encoded value plus one). */
  version: number;
  /** The serial's INTEGER contents, as encoded. */
  serialNumber: Buffer;
  /** The whole tbsCertificate element: what the signature covers. */
  tbsCertificate: Buffer;
  signatureAlgorithmOid: string;
  signatureAlgorithmParameters: DerElement | undefined;
  /** The outer signatureAlgorithm and the tbsCertificate's signature field, as encoded: RFC 5280 wants them equal, and Go refuses a certificate where they are not. */
  outerSignatureAlgorithm: Buffer;
  innerSignatureAlgorithm: Buffer;
  /** The signature bits (a BIT STRING's bytes). */
  signatureValue: Buffer;
  /** The issuer and subject Name elements as encoded; Go matches issuer to subject on these bytes. */
  rawIssuer: Buffer;
  rawSubject: Buffer;
  notBefore: Date;
  notAfter: Date;
  publicKeyAlgorithmOid: string;
  /** The SubjectPublicKeyInfo's AlgorithmIdentifier parameters (an EC curve's OID or explicit parameters). */
  publicKeyAlgorithmParameters: DerElement | undefined;
  /** The whole SubjectPublicKeyInfo element, as encoded in the certificate (a view into its DER). */
  subjectPublicKeyInfo: Buffer;
  /** In certificate order; a (broken) certificate that repeats an extension keeps every copy here. */
  extensions: CertificateExtension[];
}

/** Throws a DerError for a structure that does not decode; extension values are not decoded here. */
export function readCertificateStructure(der: Buffer): CertificateStructure {
  const [tbsCertificate, signatureAlgorithm, signatureValue] = sequenceChildren(readElement(der), 'Certificate');
  const signatureBits = decodeBitString(signatureValue);
  const tbsFields = sequenceChildren(tbsCertificate, 'tbsCertificate');
  // The version is an optional [0] EXPLICIT INTEGER; everything after it is positional up to the key.
  const hasVersion = tbsFields[0] !== undefined && isContext(tbsFields[0], 0);
  const version = hasVersion ? versionNumber(tbsFields[0]!) : 1;
  const first = hasVersion ? 1 : 0;
  const serial = expectUniversal(tbsFields[first], UniversalTag.integer, 'serialNumber');
  const issuer = expectUniversal(tbsFields[first + 2], UniversalTag.sequence, 'issuer');
  const [notBefore, notAfter] = sequenceChildren(tbsFields[first + 3], 'validity');
  const subject = expectUniversal(tbsFields[first + 4], UniversalTag.sequence, 'subject');
  const subjectPublicKeyInfo = tbsFields[first + 5];
  const [publicKeyAlgorithm] = sequenceChildren(subjectPublicKeyInfo, 'subjectPublicKeyInfo');
  const [publicKeyOid, publicKeyParameters] = sequenceChildren(publicKeyAlgorithm, 'algorithm');
  const [signatureOid, signatureParameters] = sequenceChildren(signatureAlgorithm, 'signatureAlgorithm');

  return {
    version,
    serialNumber: serial.contents,
    tbsCertificate: tbsCertificate!.encoded,
    signatureAlgorithmOid: decodeObjectIdentifier(signatureOid),
    signatureAlgorithmParameters: signatureParameters,
    outerSignatureAlgorithm: signatureAlgorithm!.encoded,
    innerSignatureAlgorithm: expectUniversal(tbsFields[first + 1], UniversalTag.sequence, 'signature').encoded,
    signatureValue: signatureBits.bytes,
    rawIssuer: issuer.encoded,
    rawSubject: subject.encoded,
    notBefore: decodeTime(notBefore, 'notBefore'),
    notAfter: decodeTime(notAfter, 'notAfter'),
    publicKeyAlgorithmOid: decodeObjectIdentifier(publicKeyOid),
    publicKeyAlgorithmParameters: publicKeyParameters,
    subjectPublicKeyInfo: subjectPublicKeyInfo!.encoded,
    extensions: readExtensions(tbsFields.slice(first + 6)),
  };
}

function versionNumber(field: DerElement): number {
  const [integer] = childrenOf(field);
  const bytes = expectUniversal(integer, UniversalTag.integer, 'version').contents;
  return bytes.length === 1 ? bytes[0]! + 1 : 0;
}

function readExtensions(trailingFields: DerElement[]): CertificateExtension[] {
  const extensionsField = trailingFields.find((field) => isContext(field, 3));
  if (extensionsField === undefined) return [];
  const [extensionList] = childrenOf(extensionsField);
  return sequenceChildren(extensionList, 'extensions').map((extension) => {
    const [oid, criticalOrValue, valueAfterCritical] = sequenceChildren(extension, 'extension');
    const hasCriticalFlag = criticalOrValue !== undefined && isUniversal(criticalOrValue, UniversalTag.boolean);
    return {
      oid: decodeObjectIdentifier(oid),
      critical: hasCriticalFlag ? decodeBoolean(criticalOrValue) : false,
      value: decodeOctetString(hasCriticalFlag ? valueAfterCritical : criticalOrValue),
      encoded: extension!.encoded,
    };
  });
}

/** The first extension with this OID, as OpenSSL and Go read a certificate that repeats one. */
export function findExtension(structure: CertificateStructure, oid: string): CertificateExtension | undefined {
  return structure.extensions.find((extension) => extension.oid === oid);
}
