/**
 * A certificate as Go's crypto/x509 sees it when it verifies a chain: what ParseCertificate
 * accepts, the extensions it processes, and the ones it leaves unhandled. readPathCertificate
 * refuses what Go's parser refuses (a malformed extension it decodes, a duplicated extension,
 * an EC key off the NIST curves or with explicit parameters, …): a docker client rejects such
 * a certificate before it looks at any chain.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readCertificateStructure, type CertificateStructure } from '../certificate-structure.js';
import { DerError, decodeObjectIdentifier, isUniversal, readSingleElement, sequenceChildren, UniversalTag } from '../der-reader.js';
import { formatDistinguishedName } from '../distinguished-name.js';
import {
  decodeAuthorityKeyIdentifier,
  decodeBasicConstraints,
  decodeExtendedKeyUsage,
  decodeKeyUsage,
  decodeSubjectKeyIdentifier,
  ExtensionOid,
  GeneralNameTag,
  type BasicConstraints,
} from '../extension-values.js';
import { decodeNameConstraints, type ConstrainedName, type NameConstraints } from './name-constraints.js';

/** The key algorithms Go verifies signatures with; 'unknown' keys parse, but Go never uses them as an issuer. */
export type GoKeyAlgorithm = 'rsa' | 'ec' | 'ed25519' | 'dsa' | 'unknown';

export interface PathCertificate {
  der: Buffer;
  structure: CertificateStructure;
  /** One line, for messages. */
  subject: string;
  /** null for DSA (Go parses the key but verifies no signature with it) and for an algorithm Go does not know. */
  publicKey: KeyObject | null;
  /** 'unknown': Go leaves PublicKey nil and never tries the certificate as an issuer. */
  keyAlgorithm: GoKeyAlgorithm;
  subjectKeyId: Buffer | null;
  authorityKeyId: Buffer | null;
  /** null when the extension is absent (Go's BasicConstraintsValid false). */
  basicConstraints: BasicConstraints | null;
  /** Bit names; null when absent. Go reads an empty BIT STRING as no keyUsage at all. */
  keyUsage: string[] | null;
  /** Purposes by name or OID; empty when absent or empty (Go treats both as unrestricted). */
  extendedKeyUsage: string[];
  /** The subjectAltName extension's encoded value, null when there is none (Go compares it byte for byte). */
  subjectAltNameValue: Buffer | null;
  /** The SAN entries name constraints apply to, in certificate order. */
  constrainedNames: ConstrainedName[];
  nameConstraints: NameConstraints | null;
  /** Critical extensions Go does not process, by OID: any one makes Go refuse the certificate in a chain. */
  unhandledCriticalExtensions: string[];
}

/** Go's ParseCertificate refused the certificate; the message says why in Go's terms. */
export class GoParseRefusal extends Error {
  override name = 'GoParseRefusal';
}

const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const ED25519 = '1.3.101.112';
const DSA = '1.2.840.10040.4.1';
/** Go parses EC keys on these curves only (P-224, P-256, P-384, P-521). */
const GO_CURVES = new Set(['1.3.132.0.33', '1.2.840.10045.3.1.7', '1.3.132.0.34', '1.3.132.0.35']);

const AUTHORITY_INFO_ACCESS = '1.3.6.1.5.5.7.1.1';
const MUST_BE_NON_CRITICAL = new Map([
  [ExtensionOid.authorityKeyIdentifier, 'authority key identifier'],
  [ExtensionOid.subjectKeyIdentifier, 'subject key identifier'],
  [AUTHORITY_INFO_ACCESS, 'authority info access'],
]);
/**
 * Extensions Go's processExtensions handles (id-ce 14, 15, 17, 19, 30, 31, 32, 35, 37, and the
 * policy extensions 33, 36, 54 it reads for policy validation), and authorityInfoAccess. A
 * critical extension outside this set is an UnhandledCriticalExtension.
 */
const GO_HANDLED_EXTENSIONS = new Set([
  ...[14, 15, 17, 19, 30, 31, 32, 33, 35, 36, 37, 54].map((arc) => `2.5.29.${arc}`),
  AUTHORITY_INFO_ACCESS,
]);

export function readPathCertificate(der: Buffer): PathCertificate {
  try {
    return readOrThrow(der);
  } catch (error) {
    if (error instanceof DerError) throw new GoParseRefusal(error.message);
    throw error;
  }
}

function readOrThrow(der: Buffer): PathCertificate {
  const structure = readCertificateStructure(der);
  if (structure.version > 3 || structure.version < 1) throw new DerError('invalid version');
  if (!structure.outerSignatureAlgorithm.equals(structure.innerSignatureAlgorithm)) {
    throw new DerError("inner and outer signature algorithm identifiers don't match");
  }
  // A negative serial number is not refused: Go 1.23+ refuses it only under its newer GODEBUG
  // defaults, and the docker CLI 28 (go1.24.3) is built with the older ones (x509negativeserial=1):
  // it accepts such a certificate, as the real-client test shows.
  const seen = new Set<string>();
  for (const { oid, critical } of structure.extensions) {
    if (seen.has(oid)) throw new DerError(`certificate contains duplicate extension ${oid}`);
    seen.add(oid);
    // RFC 5280 says these MUST be non-critical, and Go holds certificates to it.
    if (critical && MUST_BE_NON_CRITICAL.has(oid)) throw new DerError(`${MUST_BE_NON_CRITICAL.get(oid)} incorrectly marked critical`);
  }
  const { publicKey, keyAlgorithm } = readPublicKey(structure);
  const certificate: PathCertificate = {
    der,
    structure,
    subject: subjectLine(structure.rawSubject),
    publicKey,
    keyAlgorithm,
    subjectKeyId: null,
    authorityKeyId: null,
    basicConstraints: null,
    keyUsage: null,
    extendedKeyUsage: [],
    subjectAltNameValue: null,
    constrainedNames: [],
    nameConstraints: null,
    unhandledCriticalExtensions: [],
  };
  for (const extension of structure.extensions) {
    const unhandled = applyExtension(certificate, extension.oid, extension.value);
    if (unhandled && extension.critical) certificate.unhandledCriticalExtensions.push(extension.oid);
  }
  return certificate;
}

/** Decodes one extension into the certificate; true when Go would call it unhandled. */
function applyExtension(certificate: PathCertificate, oid: string, value: Buffer): boolean {
  const named = (what: string, decode: () => void) => {
    try {
      decode();
    } catch (error) {
      if (error instanceof DerError) throw new DerError(`invalid ${what} extension: ${error.message}`);
      throw error;
    }
  };
  switch (oid) {
    case ExtensionOid.subjectKeyIdentifier:
      named('subject key identifier', () => (certificate.subjectKeyId = decodeSubjectKeyIdentifier(value)));
      return false;
    case ExtensionOid.authorityKeyIdentifier:
      named('authority key identifier', () => (certificate.authorityKeyId = decodeAuthorityKeyIdentifier(value)));
      return false;
    case ExtensionOid.basicConstraints:
      named('basic constraints', () => (certificate.basicConstraints = decodeBasicConstraints(value)));
      return false;
    case ExtensionOid.keyUsage:
      named('key usage', () => {
        const names = decodeKeyUsage(value);
        certificate.keyUsage = names.length === 0 ? null : names;
      });
      return false;
    case ExtensionOid.extendedKeyUsage:
      named('extended key usage', () => (certificate.extendedKeyUsage = decodeExtendedKeyUsage(value)));
      return false;
    case ExtensionOid.subjectAltName: {
      certificate.subjectAltNameValue = value;
      let names: ConstrainedName[] = [];
      named('subject alternative name', () => (names = goSubjectAltNames(value)));
      certificate.constrainedNames = names;
      // Go processes a SAN only when it holds a DNS, email, IP or URI name.
      return names.length === 0;
    }
    case ExtensionOid.nameConstraints: {
      let constraints: NameConstraints | null = null;
      named('name constraints', () => (constraints = decodeNameConstraints(value)));
      certificate.nameConstraints = constraints;
      return constraints!.hasUnhandledNameType;
    }
    case AUTHORITY_INFO_ACCESS:
      named('authority info access', () => checkAuthorityInfoAccess(value));
      return false;
    default:
      return !GO_HANDLED_EXTENSIONS.has(oid);
  }
}

/** Go reads AIA's accessMethod OIDs (for OCSP and CA issuers), so a malformed one refuses the certificate. */
function checkAuthorityInfoAccess(value: Buffer): void {
  for (const description of sequenceChildren(readSingleElement(value), 'authorityInfoAccess')) {
    const [method] = sequenceChildren(description, 'AccessDescription');
    decodeObjectIdentifier(method);
  }
}

/** Go's parseSANExtension: IA5 text for names, 4 or 16 bytes for addresses, other types skipped. */
function goSubjectAltNames(value: Buffer): ConstrainedName[] {
  const names: ConstrainedName[] = [];
  for (const generalName of sequenceChildren(readSingleElement(value), 'subjectAltName')) {
    if (generalName.tagClass !== 'context') continue;
    const text = () => {
      if (generalName.contents.some((byte) => byte > 0x7f)) throw new DerError('SAN name is not an IA5String');
      return generalName.contents.toString('latin1');
    };
    switch (generalName.tagNumber) {
      case GeneralNameTag.dNSName:
        names.push({ type: 'dns', value: text() });
        break;
      case GeneralNameTag.rfc822Name:
        names.push({ type: 'email', value: text() });
        break;
      case GeneralNameTag.uniformResourceIdentifier:
        names.push({ type: 'uri', value: text() });
        break;
      case GeneralNameTag.iPAddress:
        if (generalName.contents.length !== 4 && generalName.contents.length !== 16) {
          throw new DerError(`cannot parse IP address of length ${generalName.contents.length}`);
        }
        names.push({ type: 'ip', value: generalName.contents });
        break;
      default:
        break;
    }
  }
  return names;
}

function readPublicKey(structure: CertificateStructure): { publicKey: KeyObject | null; keyAlgorithm: GoKeyAlgorithm } {
  const parameters = structure.publicKeyAlgorithmParameters;
  switch (structure.publicKeyAlgorithmOid) {
    case RSA_ENCRYPTION:
      if (parameters === undefined || !isUniversal(parameters, UniversalTag.null)) throw new DerError('RSA key missing NULL parameters');
      return { publicKey: loadKey(structure, 'RSA'), keyAlgorithm: 'rsa' };
    case EC_PUBLIC_KEY: {
      if (parameters === undefined || !isUniversal(parameters, UniversalTag.objectIdentifier)) throw new DerError('invalid ECDSA parameters (explicit curve parameters are not supported)');
      const curve = decodeObjectIdentifier(parameters);
      if (!GO_CURVES.has(curve)) throw new DerError(`unsupported elliptic curve ${curve}`);
      return { publicKey: loadKey(structure, 'ECDSA'), keyAlgorithm: 'ec' };
    }
    case ED25519:
      if (parameters !== undefined) throw new DerError('Ed25519 key encoded with illegal parameters');
      return { publicKey: loadKey(structure, 'Ed25519'), keyAlgorithm: 'ed25519' };
    case DSA:
      return { publicKey: null, keyAlgorithm: 'dsa' };
    default:
      return { publicKey: null, keyAlgorithm: 'unknown' };
  }
}

function loadKey(structure: CertificateStructure, what: string): KeyObject {
  try {
    return createPublicKey({ key: structure.subjectPublicKeyInfo, format: 'der', type: 'spki' });
  } catch {
    throw new DerError(`failed to parse ${what} public key`);
  }
}

function subjectLine(rawSubject: Buffer): string {
  try {
    return formatDistinguishedName(rawSubject) || '(empty subject)';
  } catch {
    return '(unreadable subject)';
  }
}
