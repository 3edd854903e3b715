/**
 * DER read the way Go reads a certificate: golang.org/x/crypto/cryptobyte, which Go's
 * crypto/x509 parser is written on. It is stricter than our own DER reader in ways that decide
 * whether a docker client takes a certificate: lengths must be minimal, tag numbers must fit one
 * byte, a BOOLEAN is 0x00 or 0xff, the unused bits of a BIT STRING must be zero, an OBJECT
 * IDENTIFIER's arcs must fit 31 bits. It is also looser in one way: after the element it reads,
 * Go ignores what is left. Every method returns null (or false) where cryptobyte's returns false,
 * and consumes nothing then; nothing throws.
 */

/** The identifier octets cryptobyte_asn1 names, as this project uses them. */
export const GoTag = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  objectIdentifier: 0x06,
  sequence: 0x30,
} as const;

/** [n] IMPLICIT on a primitive value, and [n] on a constructed one. */
export const contextPrimitive = (tagNumber: number): number => 0x80 | tagNumber;
export const contextConstructed = (tagNumber: number): number => 0xa0 | tagNumber;

export interface GoElement {
  tag: number;
  contents: Buffer;
  /** Header and contents: Go's FullBytes. */
  encoded: Buffer;
}

export class GoDerString {
  private offset = 0;

  constructor(private readonly bytes: Buffer) {}

  get empty(): boolean {
    return this.offset >= this.bytes.length;
  }

  peekTag(tag: number): boolean {
    return !this.empty && this.bytes[this.offset] === tag;
  }

  /** Any element (cryptobyte's ReadAnyASN1): its tag byte and contents. */
  readAny(): GoElement | null {
    const element = this.elementAt(this.offset);
    if (element === null) return null;
    const start = this.offset;
    this.offset = element.end;
    return { tag: element.tag, contents: element.contents, encoded: this.bytes.subarray(start, element.end) };
  }

  /** The contents of an element with exactly this identifier byte (ReadASN1). */
  read(tag: number): Buffer | null {
    const element = this.elementAt(this.offset);
    if (element === null || element.tag !== tag) return null;
    this.offset = element.end;
    return element.contents;
  }

  /** ReadOptionalASN1: absent is fine; present must read. */
  readOptional(tag: number): { present: boolean; contents: Buffer } | null {
    if (!this.peekTag(tag)) return { present: false, contents: Buffer.alloc(0) };
    const contents = this.read(tag);
    return contents === null ? null : { present: true, contents };
  }

  readBoolean(): boolean | null {
    const start = this.offset;
    const contents = this.read(GoTag.boolean);
    if (contents === null || contents.length !== 1 || (contents[0] !== 0x00 && contents[0] !== 0xff)) {
      this.offset = start;
      return null;
    }
    return contents[0] === 0xff;
  }

  /** ReadASN1BitString: the unused-bits count at most 7, and those bits zero. */
  readBitString(): Buffer | null {
    const start = this.offset;
    const contents = this.read(GoTag.bitString);
    const valid =
      contents !== null &&
      contents.length > 0 &&
      contents[0]! <= 7 &&
      !(contents.length === 1 && contents[0] !== 0) &&
      !(contents.length > 1 && (contents[contents.length - 1]! & ((1 << contents[0]!) - 1)) !== 0);
    if (!valid) {
      this.offset = start;
      return null;
    }
    return contents.subarray(1);
  }

  /** ReadASN1ObjectIdentifier into Go's []int: non-empty, minimal arcs, each below 2^31. */
  readObjectIdentifier(): number[] | null {
    const start = this.offset;
    const contents = this.read(GoTag.objectIdentifier);
    const arcs = contents === null ? null : goObjectIdentifierArcs(contents);
    if (arcs === null) this.offset = start;
    return arcs;
  }

  /**
   * ReadASN1Integer into a Go integer: minimal, and for `unsigned` not negative and at most 64
   * bits; signed, at most 64 bits. The value is returned as a bigint. `tag` is for
   * ReadASN1Int64WithTag.
   */
  readInteger(kind: 'signed' | 'unsigned', tag: number = GoTag.integer): bigint | null {
    const start = this.offset;
    const contents = this.read(tag);
    const value = contents === null ? null : goInteger(contents, kind);
    if (value === null) this.offset = start;
    return value;
  }

  /** cryptobyte's readASN1 header rules: short form under 128, long form minimal and at most 4 bytes, low tag numbers only. */
  private elementAt(offset: number): { tag: number; contents: Buffer; end: number } | null {
    const bytes = this.bytes;
    if (bytes.length - offset < 2) return null;
    const tag = bytes[offset]!;
    const lengthByte = bytes[offset + 1]!;
    if ((tag & 0x1f) === 0x1f) return null;
    let headerLength = 2;
    let length = lengthByte;
    if (lengthByte & 0x80) {
      const lengthBytes = lengthByte & 0x7f;
      if (lengthBytes === 0 || lengthBytes > 4 || bytes.length - offset < 2 + lengthBytes) return null;
      length = 0;
      for (let index = 0; index < lengthBytes; index++) length = length * 256 + bytes[offset + 2 + index]!;
      if (length < 128 || bytes[offset + 2] === 0) return null;
      headerLength = 2 + lengthBytes;
    }
    if (length > bytes.length - offset - headerLength) return null;
    const end = offset + headerLength + length;
    return { tag, contents: bytes.subarray(offset + headerLength, end), end };
  }
}

/** Go's ReadASN1ObjectIdentifier on the contents: null where it returns false. */
export function goObjectIdentifierArcs(contents: Buffer): number[] | null {
  if (contents.length === 0) return null;
  const arcs: number[] = [];
  let position = 0;
  while (position < contents.length) {
    let value = 0;
    let index = 0;
    for (;;) {
      // readBase128Int: at most 5 bytes, no leading 0x80, and no value that would pass 2^31.
      if (index === 5 || position >= contents.length || value >= 1 << (31 - 7)) return null;
      const byte = contents[position++]!;
      if (index === 0 && byte === 0x80) return null;
      value = value * 128 + (byte & 0x7f);
      index++;
      if ((byte & 0x80) === 0) break;
    }
    if (arcs.length === 0) arcs.push(...(value < 80 ? [Math.floor(value / 40), value % 40] : [2, value - 80]));
    else arcs.push(value);
  }
  return arcs;
}

function goInteger(contents: Buffer, kind: 'signed' | 'unsigned'): bigint | null {
  if (contents.length === 0) return null;
  // checkASN1Integer: no redundant leading 0x00 or 0xff.
  if (contents.length > 1 && ((contents[0] === 0x00 && (contents[1]! & 0x80) === 0) || (contents[0] === 0xff && (contents[1]! & 0x80) !== 0))) return null;
  const negative = (contents[0]! & 0x80) !== 0;
  if (kind === 'unsigned') {
    if (negative || contents.length > 9 || (contents.length === 9 && contents[0] !== 0)) return null;
  } else if (contents.length > 8) {
    return null;
  }
  const magnitude = BigInt(`0x${contents.toString('hex')}`);
  return negative ? magnitude - (1n << BigInt(contents.length * 8)) : magnitude;
}
