/**
 * Decoders for the values of the certificate extensions dockprobe reads (RFC 5280 §4.2.1),
 * shared by the facts reader (read-certificate.ts) and the chain verifier (path/). Each takes
 * the extension's extnValue contents and throws a DerError when they do not decode, so the
 * caller decides what one malformed extension costs.
 */
import {
  decodeBitString,
  decodeBoolean,
  decodeInteger,
  decodeObjectIdentifier,
  isBitSet,
  isContext,
  isUniversal,
  readSingleElement,
  sequenceChildren,
  UniversalTag,
  DerError,
} from './der-reader.js';

export const ExtensionOid = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  nameConstraints: '2.5.29.30',
  authorityKeyIdentifier: '2.5.29.35',
  extendedKeyUsage: '2.5.29.37',
} as const;

export interface BasicConstraints {
  ca: boolean;
  /** pathLenConstraint; null when absent (no limit). Negative as encoded: RFC 5280 forbids it, Go reads it as no limit. */
  pathLength: number | null;
}

export function decodeBasicConstraints(value: Buffer): BasicConstraints {
  const fields = sequenceChildren(readSingleElement(value), 'basicConstraints');
  // cA is an optional BOOLEAN DEFAULT FALSE; without it the first field (if any) is pathLen.
  const hasCaFlag = fields[0] !== undefined && isUniversal(fields[0], UniversalTag.boolean);
  const ca = hasCaFlag && decodeBoolean(fields[0]);
  const pathLengthField = fields[hasCaFlag ? 1 : 0];
  if (pathLengthField === undefined) return { ca, pathLength: null };
  const pathLength = decodeInteger(pathLengthField);
  // Far beyond any real chain either way; keeps the number exact.
  if (pathLength < 0n) return { ca, pathLength: pathLength < -1_000_000n ? -1_000_000 : Number(pathLength) };
  return { ca, pathLength: pathLength > 1_000_000n ? 1_000_000 : Number(pathLength) };
}

const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

export function decodeKeyUsage(value: Buffer): string[] {
  const bits = decodeBitString(readSingleElement(value));
  return KEY_USAGE_BITS.filter((_, bit) => isBitSet(bits, bit));
}

const EXTENDED_KEY_USAGES: Readonly<Record<string, string>> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  '2.5.29.37.0': 'anyExtendedKeyUsage',
};

/** Purposes by name ("serverAuth", …), or the dotted OID when the name is not known. */
export function decodeExtendedKeyUsage(value: Buffer): string[] {
  return sequenceChildren(readSingleElement(value), 'extendedKeyUsage').map((purpose) => {
    const oid = decodeObjectIdentifier(purpose);
    return EXTENDED_KEY_USAGES[oid] ?? oid;
  });
}

export const GeneralNameTag = { rfc822Name: 1, dNSName: 2, directoryName: 4, uniformResourceIdentifier: 6, iPAddress: 7 } as const;

export interface SubjectAltNames {
  dns: string[];
  /** Canonical text (RFC 5952 for IPv6); entries of another length than 4 or 16 are left out. */
  ip: string[];
  /** The IP entries' bytes as encoded, for byte-wise matching against name constraints. */
  ipBytes: Buffer[];
}

/**
 * Read from DER rather than from Node's subjectAltName string: that string quotes entries
 * with commas and prints IPv6 uncompressed, and raw bytes are simpler to get right.
 */
export function decodeSubjectAltName(value: Buffer): SubjectAltNames {
  const names: SubjectAltNames = { dns: [], ip: [], ipBytes: [] };
  for (const generalName of sequenceChildren(readSingleElement(value), 'subjectAltName')) {
    if (generalName.constructed) continue;
    if (isContext(generalName, GeneralNameTag.dNSName)) {
      names.dns.push(generalName.contents.toString('latin1'));
    } else if (isContext(generalName, GeneralNameTag.iPAddress)) {
      names.ipBytes.push(generalName.contents);
      const address = formatIpAddress(generalName.contents);
      // Other lengths are invalid in a SAN; there is no canonical text for them.
      if (address !== null) names.ip.push(address);
    }
  }
  return names;
}

export function formatIpAddress(bytes: Buffer): string | null {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length === 16) return formatIpv6(bytes);
  return null;
}

/** RFC 5952 text: lowercase, no leading zeros, the longest (first on a tie) run of 2+ zero groups as "::". */
function formatIpv6(bytes: Buffer): string {
  const groups = Array.from({ length: 8 }, (_, index) => bytes.readUInt16BE(index * 2));
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > bestLength) {
      bestStart = start;
      bestLength = length;
    }
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** keyIdentifier of a subjectKeyIdentifier (an OCTET STRING). */
export function decodeSubjectKeyIdentifier(value: Buffer): Buffer {
  const element = readSingleElement(value);
  if (!isUniversal(element, UniversalTag.octetString)) throw new DerError('subjectKeyIdentifier: not an OCTET STRING');
  return element.contents;
}

/** keyIdentifier [0] of an authorityKeyIdentifier; null when it names the issuer another way. */
export function decodeAuthorityKeyIdentifier(value: Buffer): Buffer | null {
  const keyIdentifier = sequenceChildren(readSingleElement(value), 'authorityKeyIdentifier').find((field) => isContext(field, 0));
  return keyIdentifier === undefined ? null : keyIdentifier.contents;
}
