/**
 * The fuzzer's own lenient view of DER: a tree it can change and encode again with correct
 * lengths, so a mutation deep inside a certificate (an extension value, a SAN entry) still
 * gets past OpenSSL's outer parse and reaches our reader. Written apart from
 * src/x509/der-reader.ts on purpose: a fuzzer that shared the reader's bugs would not see them.
 */

export interface DerNode {
  /** Identifier octets as found (one byte, or more for high tag numbers). */
  tag: Buffer;
  /** Set when the contents parsed as a sequence of elements. */
  children?: DerNode[];
  /**
   * BIT STRING / OCTET STRING whose contents are themselves DER (extension values, a key
   * inside PKCS#8, SPKI's key): `prefix` is the unused-bits byte of a BIT STRING.
   */
  encapsulated?: { prefix: Buffer; children: DerNode[] };
  contents?: Buffer;
}

interface Header {
  tag: Buffer;
  headerLength: number;
  length: number;
}

/** Deeper than any seed; keeps parsing a 10,000-level mutant linear and the stack safe. */
const MAX_PARSE_DEPTH = 64;

function readHeader(buffer: Buffer, offset: number): Header | null {
  let position = offset;
  if (position >= buffer.length) return null;
  const first = buffer[position++]!;
  if ((first & 0x1f) === 0x1f) {
    while (position < buffer.length && (buffer[position]! & 0x80) !== 0 && position - offset < 6) position++;
    position++;
  }
  if (position >= buffer.length) return null;
  const tag = buffer.subarray(offset, position);
  const lengthByte = buffer[position++]!;
  let length = lengthByte;
  if (lengthByte === 0x80 || lengthByte > 0x84) return null;
  if (lengthByte > 0x80) {
    const count = lengthByte & 0x7f;
    if (position + count > buffer.length) return null;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buffer[position++]!;
  }
  if (length > buffer.length - position) return null;
  return { tag, headerLength: position - offset, length };
}

/** All elements from offset 0 to the end, or null when the bytes are not a clean sequence of them. */
function parseElements(buffer: Buffer, depth: number): DerNode[] | null {
  const nodes: DerNode[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const header = readHeader(buffer, offset);
    if (!header) return null;
    const contents = buffer.subarray(offset + header.headerLength, offset + header.headerLength + header.length);
    nodes.push(parseNode(header.tag, contents, depth));
    offset += header.headerLength + header.length;
  }
  return nodes;
}

function parseNode(tag: Buffer, contents: Buffer, depth: number): DerNode {
  const constructed = (tag[0]! & 0x20) !== 0;
  if (depth < MAX_PARSE_DEPTH && contents.length > 0) {
    if (constructed) {
      const children = parseElements(contents, depth + 1);
      if (children) return { tag, children };
    } else if (tag.length === 1 && (tag[0] === 0x04 || tag[0] === 0x03)) {
      const prefix = tag[0] === 0x03 ? contents.subarray(0, 1) : Buffer.alloc(0);
      const inner = contents.subarray(prefix.length);
      // A lone byte that happens to parse (e.g. 05 00 inside a key) is data, not structure.
      const children = inner.length >= 2 && (inner[0]! & 0x20) !== 0 ? parseElements(inner, depth + 1) : null;
      if (children) return { tag, encapsulated: { prefix, children } };
    }
  }
  return { tag, contents };
}

/** The tree of a DER buffer; null when it is not one clean element list. */
export function parseDerTree(buffer: Buffer): DerNode[] | null {
  return parseElements(buffer, 0);
}

export function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let remaining = length; remaining > 0; remaining = Math.floor(remaining / 256)) bytes.unshift(remaining % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function encodeNode(node: DerNode): Buffer {
  return encodeWithBody(node.tag, bodyOf(node));
}

export function encodeNodes(nodes: readonly DerNode[]): Buffer {
  return Buffer.concat(nodes.map(encodeNode));
}

export function encodeWithBody(tag: Buffer, body: Buffer): Buffer {
  return Buffer.concat([tag, encodeLength(body.length), body]);
}

function bodyOf(node: DerNode): Buffer {
  if (node.children) return encodeNodes(node.children);
  if (node.encapsulated) return Buffer.concat([node.encapsulated.prefix, encodeNodes(node.encapsulated.children)]);
  return node.contents ?? Buffer.alloc(0);
}

export interface NodeSlot {
  node: DerNode;
  /** The list holding the node, and its index there: for deleting, duplicating, swapping. */
  siblings: DerNode[];
  index: number;
  depth: number;
}

/** Every node with where it sits, depth first. */
export function allSlots(roots: DerNode[]): NodeSlot[] {
  const slots: NodeSlot[] = [];
  const visit = (siblings: DerNode[], depth: number) => {
    siblings.forEach((node, index) => {
      slots.push({ node, siblings, index, depth });
      const children = node.children ?? node.encapsulated?.children;
      if (children) visit(children, depth + 1);
    });
  };
  visit(roots, 0);
  return slots;
}

export function cloneNode(node: DerNode): DerNode {
  return {
    tag: Buffer.from(node.tag),
    ...(node.children ? { children: node.children.map(cloneNode) } : {}),
    ...(node.encapsulated
      ? { encapsulated: { prefix: Buffer.from(node.encapsulated.prefix), children: node.encapsulated.children.map(cloneNode) } }
      : {}),
    ...(node.contents ? { contents: Buffer.from(node.contents) } : {}),
  };
}

export interface HeaderPosition {
  /** Offset of the identifier octets. */
  tagOffset: number;
  /** Offset and size of the length octets. */
  lengthOffset: number;
  lengthSize: number;
  contentLength: number;
}

/** Where each element's header sits in an encoding, for length-field corruption after encoding. */
export function headerPositions(buffer: Buffer): HeaderPosition[] {
  const positions: HeaderPosition[] = [];
  const walk = (start: number, end: number, depth: number) => {
    let offset = start;
    while (offset < end && positions.length < 10_000) {
      const header = readHeader(buffer.subarray(0, end), offset);
      if (!header) return;
      const lengthOffset = offset + header.tag.length;
      positions.push({
        tagOffset: offset,
        lengthOffset,
        lengthSize: header.headerLength - header.tag.length,
        contentLength: header.length,
      });
      const contentStart = offset + header.headerLength;
      if ((header.tag[0]! & 0x20) !== 0 && depth < MAX_PARSE_DEPTH) walk(contentStart, contentStart + header.length, depth + 1);
      offset = contentStart + header.length;
    }
  };
  walk(0, buffer.length, 0);
  return positions;
}
