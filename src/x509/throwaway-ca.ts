/**
 * A client identity that no daemon can trust: a fresh CA, made for one scan and then
 * forgotten, and a client certificate it signed. Presenting it tells us whether a daemon
 * checks who signed a client certificate or merely that there is one. Built without
 * openssl so scans need nothing but Node.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { decodeBitString, readSingleElement, sequenceChildren } from './der-reader.js';
import {
  encodeBitString,
  encodeExtension,
  encodeBoolean,
  encodeExplicit,
  encodeImplicitPrimitive,
  encodeInteger,
  encodeNamedBits,
  encodeObjectIdentifier,
  encodeOctetString,
  encodeSequence,
  encodeSet,
  encodeTime,
  encodeUtf8String,
} from './der-writer.js';

export interface ThrowawayClientIdentity {
  caCertPem: string;
  certPem: string;
  /** PKCS#8 private key of the client certificate. */
  keyPem: string;
}

export const THROWAWAY_CLIENT_COMMON_NAME = 'dockprobe-untrusted-client';
export const THROWAWAY_CA_COMMON_NAME_PREFIX = 'dockprobe throwaway CA ';

const Oid = {
  commonName: '2.5.4.3',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extendedKeyUsage: '2.5.29.37',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

const KeyUsageBit = { digitalSignature: 0, keyCertSign: 5, cRLSign: 6 } as const;

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export function makeThrowawayClientIdentity(now = new Date()): ThrowawayClientIdentity {
  // An hour of slack before `now` so a daemon whose clock runs behind still sees a valid
  // certificate and rejects it for the reason under test: the unknown CA.
  const notBefore = new Date(now.getTime() - HOUR_MS);
  const notAfter = new Date(now.getTime() + DAY_MS);

  const caKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caName = nameWithCommonName(THROWAWAY_CA_COMMON_NAME_PREFIX + randomBytes(8).toString('hex'));
  const caKeyId = keyIdentifier(caKeys.publicKey);
  const caCert = signCertificate({
    subject: caName,
    issuer: caName,
    subjectPublicKey: caKeys.publicKey,
    issuerPrivateKey: caKeys.privateKey,
    notBefore,
    notAfter,
    extensions: [
      encodeExtension(Oid.basicConstraints, true, encodeSequence(encodeBoolean(true))),
      encodeExtension(Oid.keyUsage, true, encodeNamedBits([KeyUsageBit.keyCertSign, KeyUsageBit.cRLSign])),
      encodeExtension(Oid.subjectKeyIdentifier, false, encodeOctetString(caKeyId)),
    ],
  });

  const clientKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const clientCert = signCertificate({
    subject: nameWithCommonName(THROWAWAY_CLIENT_COMMON_NAME),
    issuer: caName,
    subjectPublicKey: clientKeys.publicKey,
    issuerPrivateKey: caKeys.privateKey,
    notBefore,
    notAfter,
    extensions: [
      // CA:FALSE is the DEFAULT, and DER forbids encoding defaults: an empty SEQUENCE.
      encodeExtension(Oid.basicConstraints, true, encodeSequence()),
      encodeExtension(Oid.keyUsage, true, encodeNamedBits([KeyUsageBit.digitalSignature])),
      encodeExtension(Oid.extendedKeyUsage, false, encodeSequence(encodeObjectIdentifier(Oid.clientAuth))),
      encodeExtension(Oid.subjectKeyIdentifier, false, encodeOctetString(keyIdentifier(clientKeys.publicKey))),
      encodeExtension(Oid.authorityKeyIdentifier, false, encodeSequence(encodeImplicitPrimitive(0, caKeyId))),
    ],
  });

  return {
    caCertPem: toPem('CERTIFICATE', caCert),
    certPem: toPem('CERTIFICATE', clientCert),
    keyPem: clientKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

interface CertificateToSign {
  subject: Buffer;
  issuer: Buffer;
  subjectPublicKey: KeyObject;
  issuerPrivateKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  extensions: Buffer[];
}

function signCertificate(certificate: CertificateToSign): Buffer {
  const signatureAlgorithm = encodeSequence(encodeObjectIdentifier(Oid.ecdsaWithSha256));
  const tbsCertificate = encodeSequence(
    encodeExplicit(0, encodeInteger(2n)), // v3, needed for extensions
    encodeInteger(randomSerialNumber()),
    signatureAlgorithm,
    certificate.issuer,
    encodeSequence(encodeTime(certificate.notBefore), encodeTime(certificate.notAfter)),
    certificate.subject,
    certificate.subjectPublicKey.export({ type: 'spki', format: 'der' }),
    encodeExplicit(3, encodeSequence(...certificate.extensions)),
  );
  // Node signs ECDSA as a DER SEQUENCE { r, s }, which is what X.509 carries.
  const signature = sign('sha256', tbsCertificate, certificate.issuerPrivateKey);
  return encodeSequence(tbsCertificate, signatureAlgorithm, encodeBitString(signature));
}

/** 16 random bytes as a positive INTEGER (RFC 5280 allows up to 20 octets). */
function randomSerialNumber(): bigint {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f || 0x01;
  return BigInt('0x' + bytes.toString('hex'));
}

function nameWithCommonName(commonName: string): Buffer {
  const attribute = encodeSequence(encodeObjectIdentifier(Oid.commonName), encodeUtf8String(commonName));
  return encodeSequence(encodeSet(attribute));
}

/** RFC 5280 section 4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = readSingleElement(publicKey.export({ type: 'spki', format: 'der' }));
  const [, subjectPublicKey] = sequenceChildren(spki, 'SubjectPublicKeyInfo');
  return createHash('sha1').update(decodeBitString(subjectPublicKey).bytes).digest();
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
