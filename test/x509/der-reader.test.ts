import t from 'tap';
import { randomBytes, randomInt } from 'node:crypto';
import {
  DerError,
  MAX_DEPTH,
  childrenOf,
  decodeBitString,
  decodeBoolean,
  decodeInteger,
  decodeObjectIdentifier,
  decodeOctetString,
  isBitSet,
  readElement,
  readSingleElement,
  sequenceChildren,
  validateTree,
  type DerElement,
} from '../../src/x509/der-reader.js';
import { makeThrowawayClientIdentity } from '../../src/x509/throwaway-ca.js';

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const element = (text: string): DerElement => readSingleElement(hex(text));

t.test('reads tag and short-form length', async (t) => {
  const read = element('04 03 616263');
  t.equal(read.tagClass, 'universal');
  t.equal(read.constructed, false);
  t.equal(read.tagNumber, 4);
  t.equal(read.contents.toString(), 'abc');
  t.equal(read.encoded.length, 5);
  t.strictSame(decodeOctetString(read), Buffer.from('abc'));
});

t.test('reads long-form lengths', async (t) => {
  const contents = Buffer.alloc(300, 0x41);
  const read = readSingleElement(Buffer.concat([hex('04 82 012c'), contents]));
  t.equal(read.contents.length, 300);
  // Non-minimal long form is not DER, but is read rather than refused.
  t.equal(element('04 81 01 41').contents.toString(), 'A');
});

t.test('reads context-specific, constructed and high-number tags', async (t) => {
  const explicit = element('a3 03 020105');
  t.equal(explicit.tagClass, 'context');
  t.equal(explicit.constructed, true);
  t.equal(explicit.tagNumber, 3);
  t.equal(decodeInteger(childrenOf(explicit)[0]), 5n);
  const highTag = element('9f 81 00 00');
  t.equal(highTag.tagClass, 'context');
  t.equal(highTag.tagNumber, 128);
  t.equal(element('40 00').tagClass, 'application');
  t.equal(element('c0 00').tagClass, 'private');
});

t.test('iterates the children of a SEQUENCE', async (t) => {
  const children = sequenceChildren(element('30 0a 020101 0101ff 0500 0400'), 'test');
  t.strictSame(
    children.map((child) => child.tagNumber),
    [2, 1, 5, 4],
  );
  t.ok(children.every((child) => child.depth === 1));
  t.strictSame(sequenceChildren(element('30 00'), 'empty'), []);
});

t.test('decodes OBJECT IDENTIFIERs', async (t) => {
  t.equal(decodeObjectIdentifier(element('06 09 2a864886f70d01010b')), '1.2.840.113549.1.1.11');
  t.equal(decodeObjectIdentifier(element('06 03 551d25')), '2.5.29.37');
  t.equal(decodeObjectIdentifier(element('06 01 00')), '0.0');
  t.equal(decodeObjectIdentifier(element('06 01 27')), '0.39');
  t.equal(decodeObjectIdentifier(element('06 01 28')), '1.0');
  // First subidentifier 999 = 2.919: arcs under 2 may exceed 39.
  t.equal(decodeObjectIdentifier(element('06 02 8767')), '2.919');
  // A 2.25 UUID OID has an arc far beyond 2^53.
  t.equal(
    decodeObjectIdentifier(element('06 14 6983f09da7ebcfdee0c7a1a7b2c0948cc8f9d776')),
    '2.25.329800735698586629295641978511506172918',
  );
});

t.test('decodes INTEGER, BOOLEAN and BIT STRING', async (t) => {
  t.equal(decodeInteger(element('02 01 00')), 0n);
  t.equal(decodeInteger(element('02 01 7f')), 127n);
  t.equal(decodeInteger(element('02 02 0080')), 128n);
  t.equal(decodeInteger(element('02 01 ff')), -1n);
  t.equal(decodeInteger(element('02 01 80')), -128n);
  t.equal(decodeInteger(element('02 02 ff7f')), -129n);
  t.equal(decodeInteger(element('02 09 00ffffffffffffffff')), 2n ** 64n - 1n);
  t.equal(decodeBoolean(element('01 01 ff')), true);
  t.equal(decodeBoolean(element('01 01 00')), false);

  // keyUsage digitalSignature + keyEncipherment: bits 0 and 2, five unused bits.
  const keyUsage = decodeBitString(element('03 02 05 a0'));
  t.equal(keyUsage.unusedBits, 5);
  t.equal(keyUsage.bitLength, 3);
  t.strictSame([0, 1, 2, 3].map((bit) => isBitSet(keyUsage, bit)), [true, false, true, false]);
  t.equal(decodeBitString(element('03 01 00')).bitLength, 0);
});

t.test('reads a real certificate without error', async (t) => {
  const { certPem } = makeThrowawayClientIdentity();
  const der = pemBody(certPem);
  t.doesNotThrow(() => validateTree(readSingleElement(der)));
});

const malformed: Array<[string, string, RegExp]> = [
  ['empty input', '', /empty input/],
  ['tag only', '30', /truncated length/],
  ['truncated high tag number', '1f 81', /truncated tag/],
  ['high tag number too large', '1f 81 81 81 81 01 00', /tag number too large/],
  ['non-minimal high tag number', '1f 80 01 00', /non-minimal/],
  ['indefinite length', '30 80 0500 0000', /indefinite length/],
  ['length past the end', '04 05 6162', /claims 5 bytes but only 2 remain/],
  ['long-form length past the end', '04 82 ffff 00', /claims 65535 bytes/],
  ['truncated long-form length', '04 84 0000', /truncated length/],
  ['length field too large', '04 85 0000000001 00', /too large/],
  ['reserved length byte 0xff', '04 ff', /too large/],
  ['trailing bytes', '05 00 00', /trailing bytes/],
  ['child running past its parent', '30 03 04 05 61', /claims 5 bytes but only 1 remain/],
];

for (const [name, input, reason] of malformed) {
  t.test(`malformed: ${name}`, async (t) => {
    t.throws(() => validateTree(readSingleElement(hex(input))), reason);
    t.throws(() => validateTree(readSingleElement(hex(input))), DerError);
  });
}

const malformedValues: Array<[string, () => unknown, RegExp]> = [
  ['empty OID', () => decodeObjectIdentifier(element('06 00')), /empty OBJECT IDENTIFIER/],
  ['truncated OID', () => decodeObjectIdentifier(element('06 02 2a86')), /truncated OBJECT IDENTIFIER/],
  ['non-minimal OID arc', () => decodeObjectIdentifier(element('06 03 2a8001')), /non-minimal/],
  ['huge OID', () => decodeObjectIdentifier(readSingleElement(Buffer.concat([hex('06 82 0400'), Buffer.alloc(1024, 0x81)]))), /too long/],
  ['empty INTEGER', () => decodeInteger(element('02 00')), /empty INTEGER/],
  ['two-byte BOOLEAN', () => decodeBoolean(element('01 02 ffff')), /BOOLEAN must be 1 byte/],
  ['BIT STRING without unused-bits byte', () => decodeBitString(element('03 00')), /unused-bits byte/],
  ['BIT STRING with 8 unused bits', () => decodeBitString(element('03 02 08 00')), /8 unused bits/],
  ['empty BIT STRING with unused bits', () => decodeBitString(element('03 01 03')), /cannot have unused bits/],
  ['wrong type', () => decodeInteger(element('04 01 00')), /expected integer, found octetString/],
  ['constructed INTEGER', () => decodeInteger(element('22 03 020100')), /must be primitive/],
  ['primitive SEQUENCE', () => sequenceChildren(element('10 00'), 'thing'), /thing: sequence must be constructed/],
  ['missing element', () => decodeInteger(undefined), /missing/],
  ['children of a primitive', () => childrenOf(element('04 00')), /primitive and has no children/],
];

for (const [name, decode, reason] of malformedValues) {
  t.test(`malformed value: ${name}`, async (t) => {
    t.throws(decode, reason);
    t.throws(decode, DerError);
  });
}

t.test('nesting deeper than the limit is refused, not recursed into', async (t) => {
  const nested = (depth: number): Buffer => {
    let encoded = hex('05 00');
    for (let level = 0; level < depth; level++) {
      encoded = lengthPrefixed(0x30, encoded);
    }
    return encoded;
  };
  t.doesNotThrow(() => validateTree(readSingleElement(nested(MAX_DEPTH))));
  t.throws(() => validateTree(readSingleElement(nested(MAX_DEPTH + 1))), /nesting deeper than/);
  t.throws(() => validateTree(readSingleElement(nested(10_000))), DerError);
  t.throws(() => readElement(hex('05 00'), 0, MAX_DEPTH + 1), DerError);
});

t.test('offsets outside the buffer are refused', async (t) => {
  t.throws(() => readElement(hex('05 00'), 2), /no element at offset 2/);
  t.throws(() => readElement(hex('05 00'), -1), DerError);
  t.throws(() => readElement(hex('05 00'), 0.5), DerError);
});

t.test('mutated and truncated certificates only ever raise DerError', async (t) => {
  const certificate = pemBody(makeThrowawayClientIdentity().certPem);
  const decodeEverything = (input: Buffer): void => {
    const visit = (node: DerElement): void => {
      if (node.constructed) {
        childrenOf(node).forEach(visit);
        return;
      }
      if (node.tagClass !== 'universal') return;
      const decoders: Partial<Record<number, (e: DerElement) => unknown>> = {
        1: decodeBoolean,
        2: decodeInteger,
        3: decodeBitString,
        4: decodeOctetString,
        6: decodeObjectIdentifier,
      };
      decoders[node.tagNumber]?.(node);
    };
    visit(readSingleElement(input));
  };

  let unexpected = 0;
  const attempt = (input: Buffer): void => {
    try {
      decodeEverything(input);
    } catch (error) {
      if (!(error instanceof DerError)) {
        unexpected++;
        t.fail(`non-DerError for ${input.toString('hex')}: ${String(error)}`);
      }
    }
  };
  for (let length = 0; length < certificate.length; length++) {
    attempt(certificate.subarray(0, length));
  }
  for (let round = 0; round < 3000; round++) {
    const mutated = Buffer.from(certificate);
    const flips = 1 + (round % 4);
    for (let flip = 0; flip < flips; flip++) {
      mutated[randomInt(mutated.length)] = randomInt(256);
    }
    attempt(mutated);
  }
  for (let round = 0; round < 500; round++) {
    attempt(randomBytes(1 + (round % 64)));
  }
  t.equal(unexpected, 0, 'every failure was a DerError');
});

function lengthPrefixed(identifier: number, contents: Buffer): Buffer {
  const length =
    contents.length < 0x80
      ? Buffer.from([contents.length])
      : contents.length < 0x100
        ? Buffer.from([0x81, contents.length])
        : contents.length < 0x10000
          ? Buffer.from([0x82, contents.length >> 8, contents.length & 0xff])
          : Buffer.from([0x83, contents.length >> 16, (contents.length >> 8) & 0xff, contents.length & 0xff]);
  return Buffer.concat([Buffer.from([identifier]), length, contents]);
}

function pemBody(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, ''), 'base64');
}
