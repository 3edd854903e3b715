/**
 * Certificates broken on purpose, made at test time: a well-formed certificate's DER taken apart
 * with our DER reader and put back together with der-writer.ts, one field changed. The signature
 * is left as it was, so it no longer matches: OpenSSL and Go parse a certificate without checking
 * it, and facts do not depend on it.
 */
import { childrenOf, decodeObjectIdentifier, isContext, readSingleElement, sequenceChildren } from '../../src/x509/der-reader.js';
import { encodeExplicit, encodeExtension, encodeSequence } from '../../src/x509/der-writer.js';
import { makeThrowawayClientIdentity } from '../../src/x509/throwaway-ca.js';
import { pemCertificateDers } from '../../src/x509/pem-certificate-bodies.js';

/**
 * A version 3 certificate with an EC P-256 key and the extensions basicConstraints (critical,
 * CA:FALSE), keyUsage (critical, digitalSignature), extendedKeyUsage (clientAuth),
 * subjectKeyIdentifier and authorityKeyIdentifier, in that order.
 */
export function wellFormedCertificate(): Buffer {
  return pemCertificateDers(makeThrowawayClientIdentity(new Date('2026-01-01T00:00:00Z')).certPem)[0]!;
}

/** The certificate with its tbsCertificate's fields (as encoded) replaced by `edit`'s. */
export function editTbs(der: Buffer, edit: (fields: Buffer[]) => Buffer[]): Buffer {
  const [tbs, signatureAlgorithm, signature] = sequenceChildren(readSingleElement(der), 'Certificate');
  const fields = sequenceChildren(tbs, 'tbsCertificate').map((field) => field.encoded);
  return encodeSequence(encodeSequence(...edit(fields)), signatureAlgorithm!.encoded, signature!.encoded);
}

/** Positions in a version 3 tbsCertificate. */
const TBS = { validity: 4, subjectPublicKeyInfo: 6 } as const;

export function withValidity(der: Buffer, notBefore: Buffer, notAfter: Buffer): Buffer {
  return editTbs(der, (fields) => fields.map((field, index) => (index === TBS.validity ? encodeSequence(notBefore, notAfter) : field)));
}

export function withSubjectPublicKeyInfo(der: Buffer, spki: Buffer): Buffer {
  return editTbs(der, (fields) => fields.map((field, index) => (index === TBS.subjectPublicKeyInfo ? spki : field)));
}

/** The certificate with its list of Extension elements (as encoded) replaced by `edit`'s. */
export function withExtensions(der: Buffer, edit: (extensions: Buffer[]) => Buffer[]): Buffer {
  return editTbs(der, (fields) =>
    fields.map((field) => {
      const element = readSingleElement(field);
      if (!isContext(element, 3)) return field;
      const extensions = childrenOf(childrenOf(element)[0]!).map((extension) => extension.encoded);
      return encodeExplicit(3, encodeSequence(...edit(extensions)));
    }),
  );
}

/** The certificate with the extension `oid` replaced by `replacement` in its place, or added last when it has none. */
export function withExtension(der: Buffer, oid: string, replacement: Buffer): Buffer {
  return withExtensions(der, (extensions) => {
    const index = extensions.findIndex((encoded) => extensionOid(encoded) === oid);
    return index < 0 ? [...extensions, replacement] : extensions.map((encoded, position) => (position === index ? replacement : encoded));
  });
}

function extensionOid(encoded: Buffer): string {
  return decodeObjectIdentifier(sequenceChildren(readSingleElement(encoded), 'extension')[0]);
}

/** An Extension element: extnID, critical only when true (DER leaves a FALSE default out), extnValue around `value`. */
export function extension(oid: string, value: Buffer, critical = false): Buffer {
  return encodeExtension(oid, critical, value);
}

export function toPem(der: Buffer): string {
  const body = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}
