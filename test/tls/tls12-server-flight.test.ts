/**
 * The server-flight reader on hand-made bytes: what real servers send is covered against
 * openssl s_server (test/network/client-certificate-request-probe.test.ts); here are the flights
 * no well-behaved server sends, each of which must end in a typed answer, never a throw or a wait.
 */
import t from 'tap';
import { Tls12ServerFlight } from '../../src/tls/tls12-server-flight.js';
import { tls12ClientHello } from '../../src/tls/client-hello.js';
import { formatDistinguishedName } from '../../src/x509/distinguished-name.js';
import { Prng } from '../fuzz/prng.js';
import { encodeElement, encodeObjectIdentifier, encodeSequence, encodeSet, encodeUtf8String } from '../../src/x509/der-writer.js';

const attribute = (oid: string, value: Buffer): Buffer => encodeSequence(encodeObjectIdentifier(oid), value);
const printable = (text: string): Buffer => encodeElement(19, Buffer.from(text, 'latin1'));
const dockerCaName = encodeSequence(
  encodeSet(attribute('2.5.4.6', printable('DE'))),
  encodeSet(attribute('2.5.4.10', encodeUtf8String('Example GmbH'))),
  encodeSet(attribute('2.5.4.3', encodeUtf8String('Docker CA'))),
);

function record(type: number, body: Buffer): Buffer {
  const header = Buffer.from([type, 3, 3, 0, 0]);
  header.writeUInt16BE(body.length, 3);
  return Buffer.concat([header, body]);
}

function handshake(type: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([type, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff]), body]);
}

function serverHello(version = 0x0303): Buffer {
  const body = Buffer.alloc(2 + 32 + 1 + 2 + 1);
  body.writeUInt16BE(version, 0);
  body.writeUInt16BE(0xc02f, 35);
  return handshake(2, body);
}

function certificateRequest(names: Buffer[]): Buffer {
  const list = Buffer.concat(names.map((name) => Buffer.concat([Buffer.from([name.length >> 8, name.length & 0xff]), name])));
  return handshake(13, Buffer.concat([Buffer.from([1, 1, 0, 2, 4, 1, list.length >> 8, list.length & 0xff]), list]));
}

const done = handshake(14, Buffer.alloc(0));
const certificate = handshake(11, Buffer.from([0, 0, 0]));

function readAll(bytes: Buffer, chunkSize = bytes.length): ReturnType<Tls12ServerFlight['feed']> {
  const flight = new Tls12ServerFlight();
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    const answer = flight.feed(bytes.subarray(offset, offset + chunkSize));
    if (answer) return answer;
  }
  return null;
}

t.test('the ClientHello is one TLS 1.2 handshake record, SNI only for host names', async (t) => {
  const withName = tls12ClientHello('docker.example');
  t.same([...withName.subarray(0, 3)], [22, 3, 1]);
  t.equal(withName.readUInt16BE(3), withName.length - 5);
  t.same([...withName.subarray(9, 11)], [3, 3], 'client_version is TLS 1.2');
  t.ok(withName.includes(Buffer.from('docker.example')), 'the name travels in SNI');
  t.notOk(tls12ClientHello('127.0.0.1').includes(Buffer.from('127.0.0.1')), 'no IP literal in SNI');
});

t.test('names are written as reports write certificate subjects', async (t) => {
  t.equal(formatDistinguishedName(dockerCaName), 'C=DE, O=Example GmbH, CN=Docker CA');
  const bmp = Buffer.from('Ünïcode', 'utf16le').swap16();
  t.equal(formatDistinguishedName(encodeSequence(encodeSet(attribute('2.5.4.3', encodeElement(30, bmp))))), 'CN=Ünïcode');
  t.equal(formatDistinguishedName(encodeSequence(encodeSet(attribute('2.5.4.3', encodeUtf8String('evil\n\u001b[2J'))))), 'CN=evil\\x0a\\x1b[2J', 'control characters cannot reach a terminal');
  t.equal(formatDistinguishedName(encodeSequence(encodeSet(attribute('2.5.4.11', encodeUtf8String('a')), attribute('1.2.3.4', encodeUtf8String('b'))))), 'OU=a + 1.2.3.4=b');
  t.throws(() => formatDistinguishedName(Buffer.from([0x30, 0x05, 0x31])), /claims 5 bytes/);
});

t.test('a complete flight, whole or one byte at a time', async (t) => {
  const flight = Buffer.concat([record(22, Buffer.concat([serverHello(), certificate])), record(22, Buffer.concat([certificateRequest([dockerCaName]), done]))]);
  t.same(readAll(flight), { kind: 'requested', caNames: ['C=DE, O=Example GmbH, CN=Docker CA'] });
  t.same(readAll(flight, 1), { kind: 'requested', caNames: ['C=DE, O=Example GmbH, CN=Docker CA'] });
  t.same(readAll(record(22, Buffer.concat([serverHello(), certificate, certificateRequest([]), done]))), { kind: 'requested', caNames: [] });
  t.same(readAll(record(22, Buffer.concat([serverHello(), certificate, done]))), { kind: 'not-requested' });
  t.equal(readAll(record(22, Buffer.concat([serverHello(), certificate]))), null, 'no ServerHelloDone yet: no answer');
});

t.test('a CA name that does not decode is still a name the server sent', async (t) => {
  const answer = readAll(record(22, Buffer.concat([serverHello(), certificateRequest([Buffer.from([0x30, 0x7f])]), done])));
  t.match(answer, { kind: 'requested', caNames: [/^\(unreadable CA name of 2 bytes: /] });
});

t.test('refusals and versions other than TLS 1.2', async (t) => {
  t.same(readAll(record(21, Buffer.from([2, 70]))), { kind: 'no-tls12', detail: 'the server refused a TLS 1.2 ClientHello with the alert protocol_version (70)' });
  t.same(readAll(record(22, serverHello(0x0301))), { kind: 'no-tls12', detail: 'the server answered a TLS 1.2 ClientHello with TLS 1.0' });
  t.match(readAll(Buffer.concat([record(22, serverHello()), record(21, Buffer.from([2, 40]))])), { kind: 'error', detail: /ended its TLS 1.2 hello with the alert handshake_failure/ });
});

t.test('malformed and oversized flights end in "could not check"', async (t) => {
  t.match(readAll(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n')), { kind: 'error', detail: /^not TLS/ });
  t.match(readAll(Buffer.from([22, 3, 3, 0xff, 0xff])), { kind: 'error', detail: /a TLS record of 65535 bytes/ });
  t.match(readAll(record(22, Buffer.concat([serverHello(), handshake(13, Buffer.from([1, 1, 0, 2, 4, 1, 0, 9, 0, 3]))]))), { kind: 'error', detail: /malformed CertificateRequest/ });
  t.match(readAll(record(22, certificate)), { kind: 'error', detail: /not a ServerHello/ });
  t.match(readAll(Buffer.concat([record(22, serverHello()), record(23, Buffer.from('data'))])), { kind: 'error', detail: /record of type 23/ });
  const flight = new Tls12ServerFlight();
  let answer = null;
  flight.feed(record(22, serverHello()));
  flight.feed(record(22, Buffer.from([11, 0x03, 0x0d, 0x40]))); // a Certificate that claims 200000 bytes
  for (let i = 0; i < 100 && answer === null; i++) answer = flight.feed(record(22, Buffer.alloc(3000)));
  t.match(answer, { kind: 'error', detail: /more than 262144 bytes/ }, 'an endless flight is cut off by size');
  t.match(flight.ended('the server closed the connection'), { kind: 'error' });
});

t.test('mutated flights end in an answer or a wait, never a throw', async (t) => {
  const valid = Buffer.concat([record(22, Buffer.concat([serverHello(), certificate])), record(22, Buffer.concat([certificateRequest([dockerCaName, dockerCaName]), done]))]);
  let thrown = 0;
  for (let caseIndex = 0; caseIndex < 3000; caseIndex++) {
    const prng = Prng.forCase(12, caseIndex);
    const mutated = Buffer.from(valid);
    for (let flips = 1 + (prng.nextUint32() % 4); flips > 0; flips--) mutated[prng.nextUint32() % mutated.length] = prng.nextUint32() & 0xff;
    const cut = mutated.subarray(0, 1 + (prng.nextUint32() % mutated.length));
    try {
      const answer = readAll(cut, 1 + (prng.nextUint32() % 64));
      if (answer !== null && !['requested', 'not-requested', 'no-tls12', 'error'].includes(answer.kind)) thrown++;
    } catch {
      thrown++;
    }
  }
  t.equal(thrown, 0, '3000 mutated and truncated flights, fed in random pieces');
});
