/**
 * Builds X.509 certificates at test time with node:crypto and our DER writer: any extension,
 * any validity, any signer, without an openssl process per certificate (a chain-verifier table
 * makes hundreds). EC P-256 keys by default; a few keys are made once and reused, since only
 * the certificates differ between rows.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import {
  encodeBitString,
  encodeBoolean,
  encodeElement,
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
  encodeExtension,
} from '../../src/x509/der-writer.js';
import { toPem } from '../support/certificate-der-edit.js';

export interface KeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

export interface NameConstraintsSpec {
  permittedDns?: string[];
  excludedDns?: string[];
  /** CIDR, e.g. "127.0.0.0/8". */
  permittedIp?: string[];
  excludedIp?: string[];
  critical?: boolean;
}

export interface CertificateSpec {
  commonName: string;
  /** The signer; absent: self-signed. */
  issuer?: BuiltCertificate;
  key?: KeyPair;
  /** true/false: basicConstraints cA; null: no basicConstraints extension. Default: false for leaves (no issuer given → true). */
  ca?: boolean | null;
  pathLength?: number;
  /** Bit names; null: no keyUsage extension. */
  keyUsage?: string[] | null;
  /** Purposes by name or OID; null: no extendedKeyUsage extension. */
  extendedKeyUsage?: string[] | null;
  sanDns?: string[];
  sanIp?: string[];
  nameConstraints?: NameConstraintsSpec;
  notBefore?: Date;
  notAfter?: Date;
  hash?: 'sha256' | 'sha1';
  /** Default: 16 random bytes, positive. */
  serial?: bigint;
  /** Leaves the key identifiers out (Go then orders candidate issuers differently). */
  omitKeyIdentifiers?: boolean;
  extraExtensions?: { oid: string; critical: boolean; value: Buffer }[];
}

export interface BuiltCertificate {
  der: Buffer;
  pem: string;
  name: Buffer;
  key: KeyPair;
  keyId: Buffer;
}

const KEY_USAGE_BITS = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign'];
const PURPOSES: Readonly<Record<string, string>> = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  anyExtendedKeyUsage: '2.5.29.37.0',
};
const DAY_MS = 86_400_000;

export function newKey(): KeyPair {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' });
}

export function buildCertificate(spec: CertificateSpec): BuiltCertificate {
  const key = spec.key ?? newKey();
  const name = encodeSequence(encodeSet(encodeSequence(encodeObjectIdentifier('2.5.4.3'), encodeUtf8String(spec.commonName))));
  const keyId = createHash('sha1').update(key.publicKey.export({ type: 'spki', format: 'der' })).digest();
  const signer = spec.issuer ?? { name, key, keyId };
  const isCa = spec.ca === undefined ? spec.issuer === undefined : spec.ca;
  const hash = spec.hash ?? 'sha256';
  const signatureAlgorithm = encodeSequence(encodeObjectIdentifier(hash === 'sha1' ? '1.2.840.10045.4.1' : '1.2.840.10045.4.3.2'));
  const now = Date.now();
  const tbs = encodeSequence(
    encodeExplicit(0, encodeInteger(2n)),
    encodeInteger(spec.serial ?? BigInt('0x01' + randomBytes(15).toString('hex'))),
    signatureAlgorithm,
    signer.name,
    encodeSequence(encodeTime(spec.notBefore ?? new Date(now - DAY_MS)), encodeTime(spec.notAfter ?? new Date(now + 30 * DAY_MS))),
    name,
    key.publicKey.export({ type: 'spki', format: 'der' }),
    encodeExplicit(3, encodeSequence(...extensions(spec, isCa, keyId, signer.keyId))),
  );
  const der = encodeSequence(tbs, signatureAlgorithm, encodeBitString(sign(hash, tbs, signer.key.privateKey)));
  return { der, pem: toPem(der), name, key, keyId };
}

function extensions(spec: CertificateSpec, isCa: boolean | null, keyId: Buffer, issuerKeyId: Buffer): Buffer[] {
  const list: Buffer[] = [];
  if (isCa !== null) {
    const fields = isCa ? [encodeBoolean(true)] : [];
    if (spec.pathLength !== undefined) fields.push(encodeInteger(BigInt(spec.pathLength)));
    list.push(encodeExtension('2.5.29.19', true, encodeSequence(...fields)));
  }
  const keyUsage = spec.keyUsage === undefined ? (isCa ? ['keyCertSign', 'cRLSign'] : ['digitalSignature']) : spec.keyUsage;
  if (keyUsage !== null) list.push(encodeExtension('2.5.29.15', true, encodeNamedBits(keyUsage.map((bit) => KEY_USAGE_BITS.indexOf(bit)))));
  if (spec.extendedKeyUsage) list.push(encodeExtension('2.5.29.37', false, encodeSequence(...spec.extendedKeyUsage.map((purpose) => encodeObjectIdentifier(PURPOSES[purpose] ?? purpose)))));
  if (spec.sanDns !== undefined || spec.sanIp !== undefined) {
    const names = [...(spec.sanDns ?? []).map((dns) => encodeImplicitPrimitive(2, Buffer.from(dns, 'latin1'))), ...(spec.sanIp ?? []).map((ip) => encodeImplicitPrimitive(7, ipBytes(ip)))];
    list.push(encodeExtension('2.5.29.17', false, encodeSequence(...names)));
  }
  if (spec.nameConstraints) list.push(encodeExtension('2.5.29.30', spec.nameConstraints.critical ?? true, nameConstraints(spec.nameConstraints)));
  if (!spec.omitKeyIdentifiers) {
    list.push(encodeExtension('2.5.29.14', false, encodeOctetString(keyId)));
    list.push(encodeExtension('2.5.29.35', false, encodeSequence(encodeImplicitPrimitive(0, issuerKeyId))));
  }
  for (const extra of spec.extraExtensions ?? []) list.push(encodeExtension(extra.oid, extra.critical, extra.value));
  return list;
}

function nameConstraints(spec: NameConstraintsSpec): Buffer {
  const subtrees = (dns: string[] = [], ip: string[] = []) => [
    ...dns.map((domain) => encodeSequence(encodeImplicitPrimitive(2, Buffer.from(domain, 'latin1')))),
    ...ip.map((cidr) => encodeSequence(encodeImplicitPrimitive(7, cidrBytes(cidr)))),
  ];
  const fields: Buffer[] = [];
  const permitted = subtrees(spec.permittedDns, spec.permittedIp);
  const excluded = subtrees(spec.excludedDns, spec.excludedIp);
  // [0]/[1] IMPLICIT GeneralSubtrees: constructed context tags (0xa0, 0xa1).
  if (permitted.length > 0) fields.push(encodeElement(0xa0, Buffer.concat(permitted)));
  if (excluded.length > 0) fields.push(encodeElement(0xa1, Buffer.concat(excluded)));
  return encodeSequence(...fields);
}

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  const halves = ip.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const all = [...head, ...Array(8 - head.length - tail.length).fill('0'), ...tail];
  return Buffer.from(all.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff]));
}

function cidrBytes(cidr: string): Buffer {
  const [address, prefixText] = cidr.split('/');
  const addressBytes = ipBytes(address!);
  const prefix = Number(prefixText);
  const mask = Buffer.alloc(addressBytes.length);
  for (let bit = 0; bit < prefix; bit++) mask[bit >> 3]! |= 0x80 >> (bit & 7);
  return Buffer.concat([addressBytes, mask]);
}

