import t from 'tap';
import {
  decodeBitString,
  decodeBoolean,
  decodeInteger,
  decodeObjectIdentifier,
  isBitSet,
  readSingleElement,
  sequenceChildren,
  UniversalTag,
} from '../../src/x509/der-reader.js';
import {
  encodeBitString,
  encodeBoolean,
  encodeExplicit,
  encodeImplicitPrimitive,
  encodeInteger,
  encodeNamedBits,
  encodeNull,
  encodeObjectIdentifier,
  encodeOctetString,
  encodeSequence,
  encodeSet,
  encodeTime,
  encodeUtf8String,
} from '../../src/x509/der-writer.js';

const hex = (encoded: Buffer): string => encoded.toString('hex');

t.test('INTEGERs are minimal two’s complement', async (t) => {
  const expectations: Array<[bigint, string]> = [
    [0n, '020100'],
    [1n, '020101'],
    [127n, '02017f'],
    [128n, '02020080'],
    [256n, '02020100'],
    [-1n, '0201ff'],
    [-128n, '020180'],
    [-129n, '0202ff7f'],
    [2n ** 64n, '0209010000000000000000'],
  ];
  for (const [value, encoded] of expectations) {
    t.equal(hex(encodeInteger(value)), encoded, `${value}`);
    t.equal(decodeInteger(readSingleElement(encodeInteger(value))), value, `${value} round trip`);
  }
});

t.test('OBJECT IDENTIFIERs', async (t) => {
  t.equal(hex(encodeObjectIdentifier('1.2.840.10045.4.3.2')), '06082a8648ce3d040302');
  t.equal(hex(encodeObjectIdentifier('2.5.29.37.0')), '0604551d2500');
  for (const oid of ['0.0', '1.39', '2.999.1', '1.3.6.1.4.1.99999.1', '2.25.329800735698586629295641978511506172918']) {
    t.equal(decodeObjectIdentifier(readSingleElement(encodeObjectIdentifier(oid))), oid, `${oid} round trip`);
  }
  t.throws(() => encodeObjectIdentifier('1'), /not a dotted/);
  t.throws(() => encodeObjectIdentifier('3.1'), /not a dotted/);
  t.throws(() => encodeObjectIdentifier('1.40'), /below 40/);
});

t.test('lengths switch to long form above 127 bytes', async (t) => {
  t.equal(hex(encodeOctetString(Buffer.alloc(127))).slice(0, 4), '047f');
  t.equal(hex(encodeOctetString(Buffer.alloc(128))).slice(0, 6), '048180');
  t.equal(hex(encodeOctetString(Buffer.alloc(256))).slice(0, 8), '04820100');
  t.equal(hex(encodeOctetString(Buffer.alloc(70000))).slice(0, 10), '0483011170');
  t.equal(readSingleElement(encodeOctetString(Buffer.alloc(70000))).contents.length, 70000);
});

t.test('named bits drop trailing zeros, as DER requires', async (t) => {
  // The keyUsage encodings openssl writes.
  t.equal(hex(encodeNamedBits([0])), '03020780', 'digitalSignature');
  t.equal(hex(encodeNamedBits([0, 2])), '030205a0', 'digitalSignature, keyEncipherment');
  t.equal(hex(encodeNamedBits([5, 6])), '03020106', 'keyCertSign, cRLSign');
  t.equal(hex(encodeNamedBits([8])), '0303070080', 'decipherOnly');
  t.equal(hex(encodeNamedBits([])), '030100');
  const bits = decodeBitString(readSingleElement(encodeNamedBits([1, 8])));
  t.strictSame(
    Array.from({ length: 9 }, (_, bit) => isBitSet(bits, bit)),
    [false, true, false, false, false, false, false, false, true],
  );
  t.equal(hex(encodeBitString(Buffer.from([0xab]))), '030200ab');
});

t.test('times: UTCTime before 2050, GeneralizedTime from 2050', async (t) => {
  const utc = readSingleElement(encodeTime(new Date('2049-12-31T23:59:59.999Z')));
  t.equal(utc.tagNumber, UniversalTag.utcTime);
  t.equal(utc.contents.toString('ascii'), '491231235959Z');
  const generalized = readSingleElement(encodeTime(new Date('2050-01-01T00:00:00Z')));
  t.equal(generalized.tagNumber, UniversalTag.generalizedTime);
  t.equal(generalized.contents.toString('ascii'), '20500101000000Z');
  t.equal(readSingleElement(encodeTime(new Date('1950-01-01T00:00:00Z'))).contents.toString('ascii'), '500101000000Z');
  t.equal(readSingleElement(encodeTime(new Date('1949-06-01T00:00:00Z'))).tagNumber, UniversalTag.generalizedTime);
  t.throws(() => encodeTime(new Date('not a date')), /invalid date/);
});

t.test('structures read back as written', async (t) => {
  const encoded = encodeSequence(
    encodeExplicit(0, encodeInteger(2n)),
    encodeBoolean(true),
    encodeBoolean(false),
    encodeNull(),
    encodeSet(encodeUtf8String('dockprobe ✓')),
    encodeImplicitPrimitive(0, Buffer.from([1, 2, 3])),
  );
  const [explicit, yes, no, nothing, set, implicit] = sequenceChildren(readSingleElement(encoded), 'test');
  t.equal(explicit?.tagClass, 'context');
  t.equal(explicit?.constructed, true);
  t.equal(decodeInteger(readSingleElement(explicit!.contents)), 2n);
  t.equal(decodeBoolean(yes), true);
  t.equal(hex(yes!.encoded), '0101ff');
  t.equal(decodeBoolean(no), false);
  t.equal(hex(nothing!.encoded), '0500');
  t.equal(set?.tagNumber, UniversalTag.set);
  t.equal(readSingleElement(set!.contents).contents.toString('utf8'), 'dockprobe ✓');
  t.equal(hex(implicit!.encoded), '8003010203');
});
