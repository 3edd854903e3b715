/**
 * The ways the fuzzer breaks a certificate or key. Three layers, as a broken file is broken in
 * life: the ASN.1 structure (re-encoded with correct lengths, so the damage reaches deep
 * readers), the DER bytes (lengths and tags that lie), and the PEM text around them.
 * Every mutation is a pure function of its input and the PRNG, and has a name that shows up in
 * failure reports.
 */
import { allSlots, cloneNode, encodeLength, encodeNodes, headerPositions, type DerNode } from './der-tree.js';
import type { Prng } from './prng.js';
import { seedFiles } from './seed-corpus.js';

/** The files collector reads at most 1 MiB of a file; larger inputs cannot reach the readers. */
export const MAX_INPUT_BYTES = 1024 * 1024;

export interface Mutation<T> {
  name: string;
  apply(input: T, random: Prng): T;
}

// ---------------------------------------------------------------- ASN.1 structure

const INTERESTING_TAGS: readonly number[][] = [
  [0x01], [0x02], [0x03], [0x04], [0x05], [0x06], [0x0c], [0x13], [0x16], [0x17], [0x18], [0x1e],
  [0x30], [0x31], [0xa0], [0xa1], [0xa3], [0x80], [0x81], [0x82], [0x87], [0x88], [0x00], [0x3f, 0x80],
  [0x1f, 0x81, 0x00], [0x1f, 0xff, 0xff, 0xff, 0x7f], [0x1f, 0x80, 0x01], [0xbf, 0x8f, 0x7f], [0x5f, 0x20], [0xff],
];

/** OIDs whose contents the readers decode, so a swap sends the wrong value to a decoder. */
const INTERESTING_OIDS = [
  '0603551d11', // subjectAltName
  '0603551d0f', // keyUsage
  '0603551d13', // basicConstraints
  '0603551d25', // extendedKeyUsage
  '06092a864886f70d01010a', // RSASSA-PSS
  '06092a864886f70d010101', // rsaEncryption
  '06072a8648ce3d0201', // ecPublicKey
  '06032b6570', // Ed25519
  '06072a8648ce380401', // DSA
  '06092a864886f70d01050d', // PBES2
  '060a2a864886f70d010c0103', // pbeWithSHAAnd3-KeyTripleDES-CBC
].map((hex) => Buffer.from(hex, 'hex'));

const INTERESTING_OID_CONTENTS = [
  Buffer.alloc(0),
  Buffer.from([0x80, 0x01]), // non-minimal arc
  Buffer.from([0x2a, 0x86]), // arc cut short
  Buffer.alloc(300, 0x81), // longer than the reader allows, never ending
  Buffer.concat([Buffer.alloc(250, 0xff), Buffer.from([0x7f])]), // one enormous arc
  Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
];

const INTERESTING_INTEGERS = [
  Buffer.alloc(0), Buffer.from([0x00]), Buffer.from([0xff]), Buffer.from([0x80]), Buffer.from([0x00, 0x00]),
  Buffer.from([0x7f, 0xff, 0xff, 0xff]), Buffer.from([0x80, 0x00, 0x00, 0x00, 0x00]), Buffer.alloc(1000, 0xff),
  Buffer.concat([Buffer.from([0x01]), Buffer.alloc(4096)]),
];

const INTERESTING_TIMES = [
  '000101000000Z', '491231235959Z', '500101000000Z', '991231235959Z', '19700101000000Z', '99991231235959Z',
  '00000101000000Z', '20241301000000Z', '20240230250000Z', '2024', '', 'ZZZZZZZZZZZZZ', '240101000000+0100',
  '20240101000000.123456789Z', '\u0000\u0000\u0000',
].map((text) => Buffer.from(text, 'latin1'));

const INTERESTING_STRINGS = [
  Buffer.alloc(0), Buffer.from([0x00]), Buffer.from([0xc3, 0x28]), Buffer.from([0xff, 0xfe, 0xfd]),
  Buffer.from('a,b=c\n+CN=evil\\', 'latin1'), Buffer.alloc(70_000, 0x41), Buffer.from('\u202e', 'utf8'),
];

const INTERESTING_BIT_STRING_PREFIXES = [Buffer.from([0x08]), Buffer.from([0xff]), Buffer.from([0x07]), Buffer.alloc(0)];

/** A child of 1 to `max` levels inside SEQUENCE, SET or [0], with correct lengths. */
function wrapped(node: DerNode, levels: number, random: Prng): DerNode {
  let current = node;
  const tag = Buffer.from([random.pick([0x30, 0x31, 0xa0, 0xa3])]);
  for (let level = 0; level < levels; level++) current = { tag, children: [current] };
  return current;
}

function everyNode(): DerNode[] {
  return allSlots(seedFiles().flatMap((file) => file.blocks.flatMap((block) => block.tree ?? []))).map((slot) => slot.node);
}

let spliceSource: DerNode[] | null = null;

function asPrimitive(node: DerNode, contents: Buffer): void {
  delete node.children;
  delete node.encapsulated;
  node.contents = contents;
}

export const TREE_MUTATIONS: readonly Mutation<DerNode[]>[] = [
  {
    name: 'tree:random-contents',
    apply(roots, random) {
      const { node } = random.pick(allSlots(roots));
      asPrimitive(node, random.bytes(random.skewedSize(300)));
      return roots;
    },
  },
  {
    name: 'tree:truncate-contents',
    apply(roots, random) {
      const { node } = random.pick(allSlots(roots));
      if (node.children && node.children.length > 0) node.children.length = random.below(node.children.length);
      else if (node.contents) node.contents = node.contents.subarray(0, random.below(node.contents.length + 1));
      return roots;
    },
  },
  {
    name: 'tree:swap-tag',
    apply(roots, random) {
      const { node } = random.pick(allSlots(roots));
      node.tag = Buffer.from(random.pick(INTERESTING_TAGS));
      return roots;
    },
  },
  {
    name: 'tree:toggle-constructed',
    apply(roots, random) {
      const { node } = random.pick(allSlots(roots));
      node.tag = Buffer.from(node.tag);
      node.tag[0] = node.tag[0]! ^ 0x20;
      return roots;
    },
  },
  {
    name: 'tree:delete',
    apply(roots, random) {
      const slot = random.pick(allSlots(roots));
      if (slot.siblings.length > 1 || slot.depth > 0) slot.siblings.splice(slot.index, 1);
      return roots;
    },
  },
  {
    name: 'tree:duplicate',
    apply(roots, random) {
      const slot = random.pick(allSlots(roots));
      const copies = random.chance(0.1) ? random.between(2, 200) : 1;
      for (let i = 0; i < copies; i++) slot.siblings.splice(random.below(slot.siblings.length + 1), 0, cloneNode(slot.node));
      return roots;
    },
  },
  {
    name: 'tree:swap-siblings',
    apply(roots, random) {
      const slot = random.pick(allSlots(roots));
      const other = random.below(slot.siblings.length);
      [slot.siblings[slot.index], slot.siblings[other]] = [slot.siblings[other]!, slot.siblings[slot.index]!];
      return roots;
    },
  },
  {
    name: 'tree:splice-other-seed',
    apply(roots, random) {
      spliceSource ??= everyNode();
      const slot = random.pick(allSlots(roots));
      slot.siblings[slot.index] = cloneNode(random.pick(spliceSource));
      return roots;
    },
  },
  {
    name: 'tree:wrap',
    apply(roots, random) {
      const slot = random.pick(allSlots(roots));
      slot.siblings[slot.index] = wrapped(slot.node, random.chance(0.2) ? random.between(20, 64) : random.between(1, 3), random);
      return roots;
    },
  },
  {
    name: 'tree:empty-constructed',
    apply(roots, random) {
      const constructed = allSlots(roots).filter((slot) => slot.node.children);
      if (constructed.length > 0) random.pick(constructed).node.children = [];
      return roots;
    },
  },
  {
    name: 'tree:interesting-value',
    apply(roots, random) {
      // Aim at the primitives the readers decode, each with values that break their decoder.
      const slots = allSlots(roots);
      const slot = random.pick(slots);
      const tag = slot.node.tag.length === 1 ? slot.node.tag[0]! : -1;
      switch (tag) {
        case 0x02: asPrimitive(slot.node, random.pick(INTERESTING_INTEGERS)); break;
        case 0x06: asPrimitive(slot.node, random.chance(0.5) ? random.pick(INTERESTING_OIDS).subarray(2) : random.pick(INTERESTING_OID_CONTENTS)); break;
        case 0x01: asPrimitive(slot.node, random.pick([Buffer.alloc(0), Buffer.from([0x00]), Buffer.from([0x01]), Buffer.from([0xff, 0xff])])); break;
        case 0x03: {
          const rest = slot.node.contents?.subarray(1) ?? random.bytes(random.skewedSize(8));
          asPrimitive(slot.node, Buffer.concat([random.pick(INTERESTING_BIT_STRING_PREFIXES), rest]));
          break;
        }
        case 0x17: case 0x18: asPrimitive(slot.node, random.pick(INTERESTING_TIMES)); break;
        case 0x87: asPrimitive(slot.node, random.bytes(random.pick([0, 1, 4, 5, 8, 15, 16, 17, 32]))); break;
        case 0x0c: case 0x13: case 0x16: case 0x82: asPrimitive(slot.node, random.pick(INTERESTING_STRINGS)); break;
        default:
          // Not a decoded primitive: put an interesting OID where one might be expected.
          slot.siblings.splice(slot.index, 0, { tag: Buffer.from([0x06]), contents: random.pick(INTERESTING_OIDS).subarray(2) });
      }
      return roots;
    },
  },
];

// ---------------------------------------------------------------- DER bytes

const BOUNDARY_BYTES = [0x00, 0x7f, 0x80, 0xff];

/** Length octets that lie: indefinite, longer than the input, more octets than allowed, off by one. */
function corruptLengthField(original: number, random: Prng): Buffer {
  const choices: (() => Buffer)[] = [
    () => Buffer.from([0x80]),
    () => Buffer.from([0x84, 0xff, 0xff, 0xff, 0xff]),
    () => Buffer.from([0x84, 0x7f, 0xff, 0xff, 0xff]),
    () => Buffer.from([0x85, 0x01, 0x00, 0x00, 0x00, 0x00]),
    () => Buffer.from([0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    () => Buffer.from([0xff]),
    () => Buffer.from([0x81]),
    () => Buffer.from([0x82, 0x00]),
    () => Buffer.from([0x83, 0x00, 0x00, original & 0xff]), // non-minimal but right
    () => encodeLength(original + 1),
    () => encodeLength(Math.max(0, original - 1)),
    () => encodeLength(original * 2 + 1),
    () => encodeLength(0),
  ];
  return random.pick(choices)();
}

/** `levels` SEQUENCE headers around `inner`, written in one pass (re-encoding level by level is quadratic). */
export function nestedSequences(levels: number, inner: Buffer, indefinite = false): Buffer {
  if (indefinite) {
    return Buffer.concat([Buffer.alloc(levels * 2, Buffer.from([0x30, 0x80])), inner, Buffer.alloc(levels * 2)]);
  }
  const headers: Buffer[] = new Array(levels);
  let length = inner.length;
  for (let level = levels - 1; level >= 0; level--) {
    headers[level] = Buffer.concat([Buffer.from([0x30]), encodeLength(length)]);
    length += headers[level]!.length;
  }
  return Buffer.concat([...headers, inner]);
}

export const BYTE_MUTATIONS: readonly Mutation<Buffer>[] = [
  {
    name: 'bytes:bit-flip',
    apply(input, random) {
      const out = Buffer.from(input);
      if (out.length === 0) return out;
      for (let flips = random.between(1, 8); flips > 0; flips--) out[random.below(out.length)]! ^= 1 << random.below(8);
      return out;
    },
  },
  {
    name: 'bytes:boundary-value',
    apply(input, random) {
      const out = Buffer.from(input);
      if (out.length === 0) return out;
      for (let count = random.between(1, 4); count > 0; count--) out[random.below(out.length)] = random.pick(BOUNDARY_BYTES);
      return out;
    },
  },
  {
    name: 'bytes:corrupt-length',
    apply(input, random) {
      const headers = headerPositions(input);
      if (headers.length === 0) return input;
      const header = random.pick(headers);
      const replacement = corruptLengthField(header.contentLength, random);
      return Buffer.concat([input.subarray(0, header.lengthOffset), replacement, input.subarray(header.lengthOffset + header.lengthSize)]);
    },
  },
  {
    name: 'bytes:swap-tag',
    apply(input, random) {
      const headers = headerPositions(input);
      if (headers.length === 0) return input;
      const header = random.pick(headers);
      const out = Buffer.from(input);
      out[header.tagOffset] = random.chance(0.5) ? random.pick(INTERESTING_TAGS)[0]! : random.below(256);
      return out;
    },
  },
  {
    name: 'bytes:truncate',
    apply(input, random) {
      const headers = headerPositions(input);
      // Just after a header is where readers most often run past the end.
      const cut = headers.length > 0 && random.chance(0.5)
        ? random.pick(headers).lengthOffset + random.below(3)
        : random.below(input.length + 1);
      return input.subarray(0, cut);
    },
  },
  {
    name: 'bytes:duplicate-tlv',
    apply(input, random) {
      const headers = headerPositions(input);
      if (headers.length === 0) return input;
      const source = random.pick(headers);
      const end = source.lengthOffset + source.lengthSize + source.contentLength;
      const slice = input.subarray(source.tagOffset, end);
      const at = random.pick(headers).tagOffset;
      return Buffer.concat([input.subarray(0, at), slice, input.subarray(at)]);
    },
  },
  {
    name: 'bytes:insert-slice',
    apply(input, random) {
      const start = random.below(input.length + 1);
      const slice = random.chance(0.5) ? input.subarray(start, start + random.skewedSize(64)) : random.bytes(random.skewedSize(64));
      const at = random.below(input.length + 1);
      return Buffer.concat([input.subarray(0, at), slice, input.subarray(at)]);
    },
  },
  {
    name: 'bytes:delete-range',
    apply(input, random) {
      const start = random.below(input.length + 1);
      return Buffer.concat([input.subarray(0, start), input.subarray(start + random.skewedSize(64))]);
    },
  },
  {
    name: 'bytes:trailing-garbage',
    apply(input, random) {
      return Buffer.concat([input, random.chance(0.5) ? Buffer.from([0x00, 0x00]) : random.bytes(random.skewedSize(32))]);
    },
  },
  {
    name: 'bytes:deep-nesting',
    apply(input, random) {
      const levels = random.pick([33, 100, 1000, 10_000, 100_000]);
      const inner = random.chance(0.5) ? input : Buffer.from([0x05, 0x00]);
      return nestedSequences(levels, inner, random.chance(0.25));
    },
  },
];

// ---------------------------------------------------------------- PEM text

const LABELS = [
  'CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE', 'PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY',
  'DSA PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST',
  'PUBLIC KEY', 'X25519 PRIVATE KEY', 'PRIVATE KEY ', ' PRIVATE KEY', 'A'.repeat(5000), 'PRIVATE KEY'.repeat(300), '',
];

const NOT_BASE64 = ['!', '-', '=', '==', ' ', '\t', '*', '\u00e9', '\u0000', '\u00ff', '.', '_', '%'];

function lines(text: string): string[] {
  return text.split('\n');
}

function isBodyLine(line: string): boolean {
  return /^[A-Za-z0-9+/=]+$/.test(line);
}

function bodyLineIndexes(all: string[]): number[] {
  return all.flatMap((line, index) => (isBodyLine(line) ? [index] : []));
}

function armorLineIndexes(all: string[]): number[] {
  return all.flatMap((line, index) => (line.startsWith('-----') ? [index] : []));
}

function replaceLabel(line: string, label: string): string {
  return line.replace(/^(-----(?:BEGIN|END) )[^-]*(-----)$/, `$1${label}$2`);
}

/** Text is handled as latin1, so every byte value survives a round trip. */
export const TEXT_MUTATIONS: readonly Mutation<string>[] = [
  {
    name: 'pem:base64-char',
    apply(text, random) {
      const all = lines(text);
      const bodies = bodyLineIndexes(all);
      if (bodies.length === 0) return text;
      const index = random.pick(bodies);
      const line = all[index]!;
      const at = random.below(line.length + 1);
      all[index] = line.slice(0, at) + random.pick(NOT_BASE64) + line.slice(at + (random.chance(0.5) ? 1 : 0));
      return all.join('\n');
    },
  },
  {
    name: 'pem:base64-drop-chars',
    apply(text, random) {
      const all = lines(text);
      const bodies = bodyLineIndexes(all);
      if (bodies.length === 0) return text;
      const index = random.pick(bodies);
      all[index] = all[index]!.slice(0, Math.max(0, all[index]!.length - random.between(1, 3)));
      return all.join('\n');
    },
  },
  {
    name: 'pem:base64-padding-inside',
    apply(text, random) {
      const all = lines(text);
      const bodies = bodyLineIndexes(all);
      if (bodies.length === 0) return text;
      const index = random.pick(bodies);
      const at = random.below(all[index]!.length);
      all[index] = `${all[index]!.slice(0, at)}${random.pick(['=', '=='])}${all[index]!.slice(at)}`;
      return all.join('\n');
    },
  },
  {
    name: 'pem:reflow',
    apply(text, random) {
      // One huge line, or lines of odd widths: readers must not care, or must say why.
      return text.replace(/((?:^[A-Za-z0-9+/=]+\n)+)/gm, (body) => {
        const joined = body.replace(/\n/g, '');
        const width = random.chance(0.3) ? joined.length : random.between(1, 200);
        return `${joined.match(new RegExp(`.{1,${width}}`, 'g'))!.join('\n')}\n`;
      });
    },
  },
  {
    name: 'pem:huge-base64-line',
    apply(text, random) {
      const all = lines(text);
      const bodies = bodyLineIndexes(all);
      const line = Buffer.alloc(random.between(64 * 1024, 900 * 1024), 'QUFB').toString('latin1');
      all.splice(bodies.length > 0 ? random.pick(bodies) : random.below(all.length + 1), 0, line);
      return all.join('\n');
    },
  },
  {
    name: 'pem:drop-armor-line',
    apply(text, random) {
      const all = lines(text);
      const armors = armorLineIndexes(all);
      if (armors.length > 0) all.splice(random.pick(armors), 1);
      return all.join('\n');
    },
  },
  {
    name: 'pem:repeat-armor-line',
    apply(text, random) {
      const all = lines(text);
      const armors = armorLineIndexes(all);
      if (armors.length === 0) return text;
      const index = random.pick(armors);
      const copies = random.pick([1, 2, 100, 10_000, 30_000]);
      all.splice(index, 0, ...new Array<string>(copies).fill(all[index]!));
      return all.join('\n');
    },
  },
  {
    name: 'pem:mismatch-end',
    apply(text, random) {
      const all = lines(text);
      const ends = all.flatMap((line, index) => (line.startsWith('-----END ') ? [index] : []));
      if (ends.length > 0) {
        const index = random.pick(ends);
        all[index] = replaceLabel(all[index]!, random.pick(LABELS));
      }
      return all.join('\n');
    },
  },
  {
    name: 'pem:relabel',
    apply(text, random) {
      // BEGIN and END agree, so the body reaches the reader of another kind of block.
      const label = random.pick(LABELS);
      return lines(text).map((line) => (line.startsWith('-----') ? replaceLabel(line, label) : line)).join('\n');
    },
  },
  {
    name: 'pem:armor-spelling',
    apply(text, random) {
      const all = lines(text);
      const armors = armorLineIndexes(all);
      if (armors.length === 0) return text;
      const index = random.pick(armors);
      const spellings = [
        (line: string) => line.toLowerCase(),
        (line: string) => `-${line}-`,
        (line: string) => line.replace(/-----$/, '----'),
        (line: string) => ` \t${line}\t `,
        (line: string) => line.replace(' ', '  '),
        (line: string) => `${line}${line}`,
        (line: string) => line.replace(/-----$/, '-----junk'),
      ];
      all[index] = random.pick(spellings)(all[index]!);
      return all.join('\n');
    },
  },
  {
    name: 'pem:headers',
    apply(text, random) {
      const headers = [
        'Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-256-CBC,00', 'DEK-Info: ', 'Proc-Type:', 'X-Evil: ' + 'x'.repeat(random.skewedSize(100_000)),
        'Comment: "hello"', 'Proc-Type: 4,MIC-CLEAR', ':', 'A:B',
      ];
      return text.replace(/(-----BEGIN [^\n]*-----\n)/, `$1${random.pick(headers)}\n${random.chance(0.5) ? '\n' : ''}`);
    },
  },
  {
    name: 'pem:line-endings',
    apply(text, random) {
      const ending = random.pick(['\r\n', '\r', '\n\n', '\r\r\n', '\n\r']);
      if (random.chance(0.5)) return text.replace(/\n/g, ending);
      const all = lines(text);
      const index = random.below(all.length);
      all[index] = `${all[index]}${ending.slice(0, -1)}`;
      return all.join('\n');
    },
  },
  {
    name: 'pem:nul-bytes',
    apply(text, random) {
      let out = text;
      for (let count = random.between(1, 4); count > 0; count--) {
        const at = random.below(out.length + 1);
        out = `${out.slice(0, at)}\u0000${out.slice(at)}`;
      }
      return out;
    },
  },
  {
    name: 'pem:non-utf8',
    apply(text, random) {
      const insert = random.pick(['\u00ef\u00bb\u00bf', '\u00ff\u00fe', '\u00c3\u0028', '\u0080', '\u00f8\u0088\u0080\u0080\u0080', '\u00ed\u00a0\u0080']);
      const at = random.chance(0.3) ? 0 : random.below(text.length + 1);
      return `${text.slice(0, at)}${insert}${text.slice(at)}`;
    },
  },
  {
    name: 'pem:surrounding-text',
    apply(text, random) {
      const junk = random.pick([
        'Bag Attributes\n    localKeyID: 01 00 00 00\nsubject=/CN=x\n', 'garbage', '-----BEGIN', '-----END CERTIFICATE-----\n',
        '-----BEGIN CERTIFICATE-----\n', '\n\n\n', 'A'.repeat(random.skewedSize(200_000)),
      ]);
      return random.chance(0.5) ? `${junk}${text}` : `${text}${junk}`;
    },
  },
  {
    name: 'pem:concatenate-seed',
    apply(text, random) {
      const file = random.pick(seedFiles());
      const block = random.pick(file.blocks);
      const other = `-----BEGIN ${block.label}-----\n${block.der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END ${block.label}-----\n`;
      return random.chance(0.5) ? `${text}${other}` : `${other}${text}`;
    },
  },
  {
    name: 'pem:empty-body',
    apply(text) {
      return text.replace(/(-----BEGIN ([^\n]*)-----\n)[\s\S]*?(-----END \2-----)/, '$1$3');
    },
  },
  {
    name: 'pem:indent',
    apply(text, random) {
      const indent = random.pick([' ', '\t', '    ', '\u000b', '\u000c']);
      return lines(text).map((line) => (random.chance(0.5) ? `${indent}${line}` : line)).join('\n');
    },
  },
  {
    name: 'pem:truncate',
    apply(text, random) {
      return text.slice(0, random.below(text.length + 1));
    },
  },
];

/** 1 to `max` mutations in a row; the names say which, in order. */
export function applySome<T>(input: T, mutations: readonly Mutation<T>[], max: number, random: Prng, applied: string[]): T {
  let current = input;
  for (let count = random.between(1, max); count > 0; count--) {
    const mutation = random.pick(mutations);
    current = mutation.apply(current, random);
    applied.push(mutation.name);
  }
  return current;
}

export function encodeTree(roots: DerNode[]): Buffer {
  return encodeNodes(roots);
}
