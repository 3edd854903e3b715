/**
 * A minimal DER encoder: just enough ASN.1 to write the certificates dockprobe makes for
 * itself. Every function returns the complete encoding (tag, length, contents).
 */
import { UniversalTag } from './der-reader.js';

const CONSTRUCTED = 0x20;
const CONTEXT_SPECIFIC = 0x80;

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let remaining = length; remaining > 0; remaining = Math.floor(remaining / 256)) {
    bytes.unshift(remaining % 256);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** Encodes one element from its identifier byte (tag class, constructed bit and tag number < 31). */
export function encodeElement(identifier: number, contents: Buffer): Buffer {
  return Buffer.concat([Buffer.from([identifier]), encodeLength(contents.length), contents]);
}

export function encodeSequence(...children: Buffer[]): Buffer {
  return encodeElement(CONSTRUCTED | UniversalTag.sequence, Buffer.concat(children));
}

export function encodeSet(...children: Buffer[]): Buffer {
  return encodeElement(CONSTRUCTED | UniversalTag.set, Buffer.concat(children));
}

/** `[tagNumber] EXPLICIT`: wraps a complete element. */
export function encodeExplicit(tagNumber: number, inner: Buffer): Buffer {
  return encodeElement(CONTEXT_SPECIFIC | CONSTRUCTED | tagNumber, inner);
}

/** `[tagNumber] IMPLICIT` for a primitive type: replaces the tag, keeps the contents. */
export function encodeImplicitPrimitive(tagNumber: number, contents: Buffer): Buffer {
  return encodeElement(CONTEXT_SPECIFIC | tagNumber, contents);
}

export function encodeBoolean(value: boolean): Buffer {
  return encodeElement(UniversalTag.boolean, Buffer.from([value ? 0xff : 0x00]));
}

export function encodeInteger(value: bigint): Buffer {
  return encodeElement(UniversalTag.integer, twosComplementBytes(value));
}

/** Minimal two's-complement bytes, as DER requires: no redundant leading 0x00 or 0xff. */
function twosComplementBytes(value: bigint): Buffer {
  const bytes: number[] = [];
  let remaining = value;
  for (;;) {
    const byte = Number(remaining & 0xffn);
    bytes.unshift(byte);
    remaining >>= 8n;
    const signBitMatches = (byte & 0x80) === 0 ? remaining === 0n : remaining === -1n;
    if (signBitMatches) break;
  }
  return Buffer.from(bytes);
}

export function encodeBitString(bytes: Buffer, unusedBits = 0): Buffer {
  return encodeElement(UniversalTag.bitString, Buffer.concat([Buffer.from([unusedBits]), bytes]));
}

/**
 * A named-bit BIT STRING (like keyUsage) from the numbers of the bits that are set. DER drops
 * trailing zero bits and records how many bits of the last byte are unused.
 */
export function encodeNamedBits(setBits: readonly number[]): Buffer {
  if (setBits.length === 0) return encodeBitString(Buffer.alloc(0));
  const highestBit = Math.max(...setBits);
  const bytes = Buffer.alloc((highestBit >> 3) + 1);
  for (const bit of setBits) {
    bytes[bit >> 3]! |= 0x80 >> (bit & 7);
  }
  return encodeBitString(bytes, 7 - (highestBit & 7));
}

export function encodeOctetString(bytes: Buffer): Buffer {
  return encodeElement(UniversalTag.octetString, bytes);
}

export function encodeNull(): Buffer {
  return encodeElement(UniversalTag.null, Buffer.alloc(0));
}

export function encodeObjectIdentifier(dotted: string): Buffer {
  if (!/^[0-2](\.\d+)+$/.test(dotted)) {
    throw new Error(`not a dotted OBJECT IDENTIFIER: ${dotted}`);
  }
  const arcs = dotted.split('.').map((arc) => BigInt(arc));
  const [root, second, ...rest] = arcs as [bigint, bigint, ...bigint[]];
  if (root < 2n && second >= 40n) {
    throw new Error(`second arc of ${dotted} must be below 40`);
  }
  const bytes = [root * 40n + second, ...rest].flatMap(base128);
  return encodeElement(UniversalTag.objectIdentifier, Buffer.from(bytes));
}

function base128(arc: bigint): number[] {
  const bytes = [Number(arc & 0x7fn)];
  for (let remaining = arc >> 7n; remaining > 0n; remaining >>= 7n) {
    bytes.unshift(Number(remaining & 0x7fn) | 0x80);
  }
  return bytes;
}

export function encodeUtf8String(text: string): Buffer {
  return encodeElement(UniversalTag.utf8String, Buffer.from(text, 'utf8'));
}

/** RFC 5280: UTCTime for 1950–2049, GeneralizedTime otherwise; always UTC, whole seconds. */
export function encodeTime(date: Date): Buffer {
  if (Number.isNaN(date.getTime())) {
    throw new Error('cannot encode an invalid date');
  }
  const year = date.getUTCFullYear();
  const rest = [
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  ]
    .map((part) => String(part).padStart(2, '0'))
    .join('');
  if (year >= 1950 && year < 2050) {
    const text = String(year % 100).padStart(2, '0') + rest + 'Z';
    return encodeElement(UniversalTag.utcTime, Buffer.from(text, 'ascii'));
  }
  if (year < 0 || year > 9999) {
    throw new Error(`year ${year} cannot be encoded as GeneralizedTime`);
  }
  const text = String(year).padStart(4, '0') + rest + 'Z';
  return encodeElement(UniversalTag.generalizedTime, Buffer.from(text, 'ascii'));
}

/** An X.509 Extension: extnID, critical only when true (DER leaves out the DEFAULT FALSE), extnValue. */
export function encodeExtension(oid: string, critical: boolean, value: Buffer): Buffer {
  return encodeSequence(encodeObjectIdentifier(oid), ...(critical ? [encodeBoolean(true)] : []), encodeOctetString(value));
}
