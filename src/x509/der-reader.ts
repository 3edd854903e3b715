/**
 * A small, defensive DER (ASN.1) reader. It reads bytes that came off the network, so every
 * malformed input must end in a DerError — never a RangeError, an endless loop or a runaway
 * recursion. Elements are views into the original buffer; nothing is copied.
 */

export class DerError extends Error {
  override name = 'DerError';
}

export type TagClass = 'universal' | 'application' | 'context' | 'private';

export interface DerElement {
  tagClass: TagClass;
  constructed: boolean;
  tagNumber: number;
  /** Nesting level: 0 for a top-level element, +1 for each constructed parent. */
  depth: number;
  /** Header and contents together: exactly the bytes this element occupies. */
  encoded: Buffer;
  contents: Buffer;
}

/** Universal tag numbers this project reads or writes. */
export const UniversalTag = {
  boolean: 1,
  integer: 2,
  bitString: 3,
  octetString: 4,
  null: 5,
  objectIdentifier: 6,
  utf8String: 12,
  sequence: 16,
  set: 17,
  printableString: 19,
  ia5String: 22,
  utcTime: 23,
  generalizedTime: 24,
} as const;

/** Deeper than any certificate needs; low enough that hostile input cannot exhaust the stack. */
export const MAX_DEPTH = 32;

const TAG_CLASSES: readonly TagClass[] = ['universal', 'application', 'context', 'private'];
/** Lengths are at most 4 bytes (4 GiB), far beyond any certificate; more is hostile or broken. */
const MAX_LENGTH_BYTES = 4;
/** High tag numbers beyond 4 bytes (28 bits) do not occur in X.509. */
const MAX_TAG_NUMBER_BYTES = 4;
/** Real OIDs (even 2.25.<uuid>) are a few dozen bytes; the cap keeps arc arithmetic cheap. */
const MAX_OBJECT_IDENTIFIER_BYTES = 256;

/** Reads the element that starts at `offset` in `buffer`. */
export function readElement(buffer: Buffer, offset = 0, depth = 0): DerElement {
  if (depth > MAX_DEPTH) {
    throw new DerError(`nesting deeper than ${MAX_DEPTH} levels`);
  }
  if (!Number.isInteger(offset) || offset < 0 || offset >= buffer.length) {
    throw new DerError(`no element at offset ${offset}: input has ${buffer.length} bytes`);
  }
  let position = offset;
  const identifier = buffer[position++]!;
  const tagClass = TAG_CLASSES[identifier >> 6]!;
  const constructed = (identifier & 0x20) !== 0;
  let tagNumber = identifier & 0x1f;

  if (tagNumber === 0x1f) {
    tagNumber = 0;
    let tagBytes = 0;
    for (;;) {
      if (position >= buffer.length) {
        throw new DerError(`truncated tag at offset ${offset}`);
      }
      const byte = buffer[position++]!;
      tagBytes++;
      if (tagBytes === 1 && byte === 0x80) {
        throw new DerError(`non-minimal high tag number at offset ${offset}`);
      }
      if (tagBytes > MAX_TAG_NUMBER_BYTES) {
        throw new DerError(`tag number too large at offset ${offset}`);
      }
      tagNumber = tagNumber * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) break;
    }
  }

  if (position >= buffer.length) {
    throw new DerError(`truncated length at offset ${offset}`);
  }
  const firstLengthByte = buffer[position++]!;
  let length: number;
  if (firstLengthByte < 0x80) {
    length = firstLengthByte;
  } else if (firstLengthByte === 0x80) {
    throw new DerError(`indefinite length at offset ${offset} is not allowed in DER`);
  } else {
    const lengthBytes = firstLengthByte & 0x7f;
    if (lengthBytes > MAX_LENGTH_BYTES) {
      throw new DerError(`length field of ${lengthBytes} bytes at offset ${offset} is too large`);
    }
    if (position + lengthBytes > buffer.length) {
      throw new DerError(`truncated length at offset ${offset}`);
    }
    length = 0;
    for (let i = 0; i < lengthBytes; i++) {
      length = length * 256 + buffer[position++]!;
    }
  }

  if (length > buffer.length - position) {
    throw new DerError(
      `element at offset ${offset} claims ${length} bytes but only ${buffer.length - position} remain`,
    );
  }
  return {
    tagClass,
    constructed,
    tagNumber,
    depth,
    encoded: buffer.subarray(offset, position + length),
    contents: buffer.subarray(position, position + length),
  };
}

/** Reads a buffer that must hold exactly one element, with nothing after it. */
export function readSingleElement(buffer: Buffer): DerElement {
  if (buffer.length === 0) {
    throw new DerError('empty input');
  }
  const element = readElement(buffer);
  if (element.encoded.length !== buffer.length) {
    throw new DerError(`${buffer.length - element.encoded.length} trailing bytes after element`);
  }
  return element;
}

/** The elements directly inside a constructed element, in order. */
export function childrenOf(parent: DerElement): DerElement[] {
  if (!parent.constructed) {
    throw new DerError(`${describeTag(parent)} is primitive and has no children`);
  }
  const children: DerElement[] = [];
  let offset = 0;
  while (offset < parent.contents.length) {
    const child = readElement(parent.contents, offset, parent.depth + 1);
    children.push(child);
    offset += child.encoded.length;
  }
  return children;
}

/** Reads and checks the whole tree below `element`; throws on the first malformed element. */
export function validateTree(element: DerElement): void {
  if (!element.constructed) return;
  for (const child of childrenOf(element)) {
    validateTree(child);
  }
}

export function isUniversal(element: DerElement, tagNumber: number): boolean {
  return element.tagClass === 'universal' && element.tagNumber === tagNumber;
}

export function isContext(element: DerElement, tagNumber: number): boolean {
  return element.tagClass === 'context' && element.tagNumber === tagNumber;
}

/** Throws unless `element` is the universal type `tagNumber`; returns it for chaining. */
export function expectUniversal(element: DerElement | undefined, tagNumber: number, what: string): DerElement {
  if (element === undefined) {
    throw new DerError(`${what}: missing`);
  }
  if (!isUniversal(element, tagNumber)) {
    throw new DerError(`${what}: expected ${universalTagName(tagNumber)}, found ${describeTag(element)}`);
  }
  const mustBeConstructed = tagNumber === UniversalTag.sequence || tagNumber === UniversalTag.set;
  if (element.constructed !== mustBeConstructed) {
    throw new DerError(
      `${what}: ${universalTagName(tagNumber)} must be ${mustBeConstructed ? 'constructed' : 'primitive'}`,
    );
  }
  return element;
}

/** The children of a SEQUENCE, after checking that it is one. */
export function sequenceChildren(element: DerElement | undefined, what: string): DerElement[] {
  return childrenOf(expectUniversal(element, UniversalTag.sequence, what));
}

export function decodeObjectIdentifier(element: DerElement | undefined): string {
  const bytes = expectUniversal(element, UniversalTag.objectIdentifier, 'OBJECT IDENTIFIER').contents;
  if (bytes.length === 0) {
    throw new DerError('empty OBJECT IDENTIFIER');
  }
  if (bytes.length > MAX_OBJECT_IDENTIFIER_BYTES) {
    throw new DerError(`OBJECT IDENTIFIER of ${bytes.length} bytes is too long`);
  }
  const arcs: bigint[] = [];
  let value = 0n;
  let inArc = false;
  for (const byte of bytes) {
    if (!inArc && byte === 0x80) {
      throw new DerError('non-minimal OBJECT IDENTIFIER arc');
    }
    value = (value << 7n) | BigInt(byte & 0x7f);
    inArc = (byte & 0x80) !== 0;
    if (!inArc) {
      arcs.push(value);
      value = 0n;
    }
  }
  if (inArc) {
    throw new DerError('truncated OBJECT IDENTIFIER');
  }
  const first = arcs[0]!;
  const [root, second] = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [root, second, ...arcs.slice(1)].join('.');
}

export function decodeInteger(element: DerElement | undefined): bigint {
  const bytes = expectUniversal(element, UniversalTag.integer, 'INTEGER').contents;
  if (bytes.length === 0) {
    throw new DerError('empty INTEGER');
  }
  // BigInt from hex is linear in the length; shifting byte by byte would be quadratic.
  const value = BigInt('0x' + bytes.toString('hex'));
  const negative = (bytes[0]! & 0x80) !== 0;
  return negative ? value - (1n << BigInt(bytes.length * 8)) : value;
}

export function decodeBoolean(element: DerElement | undefined): boolean {
  const bytes = expectUniversal(element, UniversalTag.boolean, 'BOOLEAN').contents;
  if (bytes.length !== 1) {
    throw new DerError(`BOOLEAN must be 1 byte, found ${bytes.length}`);
  }
  // DER says true is 0xff; BER allows any non-zero byte, and real certificates sometimes do that.
  return bytes[0] !== 0;
}

export interface BitString {
  unusedBits: number;
  bytes: Buffer;
  /** Number of meaningful bits. */
  bitLength: number;
}

export function decodeBitString(element: DerElement | undefined): BitString {
  const contents = expectUniversal(element, UniversalTag.bitString, 'BIT STRING').contents;
  if (contents.length === 0) {
    throw new DerError('BIT STRING lacks its unused-bits byte');
  }
  const unusedBits = contents[0]!;
  if (unusedBits > 7) {
    throw new DerError(`BIT STRING claims ${unusedBits} unused bits`);
  }
  const bytes = contents.subarray(1);
  if (bytes.length === 0 && unusedBits !== 0) {
    throw new DerError('empty BIT STRING cannot have unused bits');
  }
  return { unusedBits, bytes, bitLength: bytes.length * 8 - unusedBits };
}

/** Bit 0 is the most significant bit of the first byte, as ASN.1 numbers named bits. */
export function isBitSet(bitString: BitString, index: number): boolean {
  if (index < 0 || index >= bitString.bitLength) return false;
  return (bitString.bytes[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

export function decodeOctetString(element: DerElement | undefined): Buffer {
  return expectUniversal(element, UniversalTag.octetString, 'OCTET STRING').contents;
}

function universalTagName(tagNumber: number): string {
  const entry = Object.entries(UniversalTag).find(([, value]) => value === tagNumber);
  return entry ? entry[0] : `universal tag ${tagNumber}`;
}

function describeTag(element: DerElement): string {
  if (element.tagClass === 'universal') return universalTagName(element.tagNumber);
  return `${element.tagClass} tag [${element.tagNumber}]`;
}
