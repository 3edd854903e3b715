/**
 * Reads a server's first flight in answer to client-hello.ts (tls12ClientHello): ServerHello, Certificate,
 * ServerKeyExchange, an optional CertificateRequest, ServerHelloDone (RFC 5246 §7.4). All of it
 * travels in the clear in TLS 1.2. The bytes come from whatever listens on the port, so every
 * length is checked against what is there and against fixed limits, and anything that is not
 * this flight ends in an 'error' outcome: the question stays open, it is never answered "no".
 */
import type { ClientCertificateRequest } from '../network/endpoint-observation.js';
import { formatDistinguishedName } from '../x509/distinguished-name.js';
import { HandshakeType, RecordType, TLS_1_2 } from './client-hello.js';
import { alertName, versionName } from './tls-names.js';

/** RFC 5246 §6.2.1: a plaintext record carries at most 2^14 bytes. */
const MAX_RECORD_BYTES = 16_384;
/**
 * The whole first flight. A long certificate chain plus a CA list of a few hundred names fits
 * well below; a server sending more is not one we need to understand.
 */
export const MAX_FLIGHT_BYTES = 256 * 1024;
/** More CA names than this is a bundle, not a choice; the report keeps the first ones and the count. */
const MAX_CA_NAMES = 100;

class Malformed extends Error {}

/**
 * Fed the bytes as they arrive; `feed` returns the answer once the flight says it, null while
 * more bytes are needed. `ended` gives the answer for a connection that closed first.
 */
export class Tls12ServerFlight {
  private pending = Buffer.alloc(0);
  private handshakeBytes = Buffer.alloc(0);
  private received = 0;
  private sawServerHello = false;
  private certificateRequest: string[] | null = null;

  feed(chunk: Buffer): ClientCertificateRequest | null {
    this.received += chunk.length;
    if (this.received > MAX_FLIGHT_BYTES) return { kind: 'error', detail: `the server sent more than ${MAX_FLIGHT_BYTES} bytes without finishing its hello` };
    this.pending = Buffer.concat([this.pending, chunk]);
    try {
      return this.readRecords();
    } catch (error) {
      if (error instanceof Malformed) return { kind: 'error', detail: error.message };
      throw error;
    }
  }

  /** The peer closed (or reset) before the flight was complete. */
  ended(how: string): ClientCertificateRequest {
    if (this.received === 0) return { kind: 'error', detail: `${how} before any TLS answer to a TLS 1.2 ClientHello` };
    return { kind: 'error', detail: `${how} after ${this.received} byte(s), before the server finished its hello (ServerHelloDone)` };
  }

  private readRecords(): ClientCertificateRequest | null {
    while (this.pending.length >= 5) {
      const type = this.pending[0]!;
      const major = this.pending[1]!;
      const length = this.pending.readUInt16BE(3);
      if (major !== 3 || (type !== RecordType.handshake && type !== RecordType.alert && type !== RecordType.changeCipherSpec && type !== RecordType.applicationData)) {
        throw new Malformed(`not TLS: the answer does not start with a TLS record (first bytes ${this.pending.subarray(0, 5).toString('hex')})`);
      }
      if (length > MAX_RECORD_BYTES) throw new Malformed(`a TLS record of ${length} bytes, more than the ${MAX_RECORD_BYTES} TLS allows`);
      if (this.pending.length < 5 + length) return null;
      const fragment = this.pending.subarray(5, 5 + length);
      this.pending = this.pending.subarray(5 + length);

      if (type === RecordType.alert) return this.alert(fragment);
      if (type !== RecordType.handshake) throw new Malformed(`the server sent a record of type ${type} before its hello was done`);
      this.handshakeBytes = Buffer.concat([this.handshakeBytes, fragment]);
      const answer = this.readHandshakeMessages();
      if (answer) return answer;
    }
    return null;
  }

  private alert(fragment: Buffer): ClientCertificateRequest {
    if (fragment.length !== 2) throw new Malformed(`an alert record of ${fragment.length} bytes (alerts have 2)`);
    const name = alertName(fragment[1]!);
    if (!this.sawServerHello) return { kind: 'no-tls12', detail: `the server refused a TLS 1.2 ClientHello with the alert ${name}` };
    return { kind: 'error', detail: `the server ended its TLS 1.2 hello with the alert ${name}` };
  }

  private readHandshakeMessages(): ClientCertificateRequest | null {
    while (this.handshakeBytes.length >= 4) {
      const type = this.handshakeBytes[0]!;
      const length = (this.handshakeBytes[1]! << 16) | (this.handshakeBytes[2]! << 8) | this.handshakeBytes[3]!;
      if (length > MAX_FLIGHT_BYTES) throw new Malformed(`a handshake message of ${length} bytes`);
      if (this.handshakeBytes.length < 4 + length) return null;
      const body = this.handshakeBytes.subarray(4, 4 + length);
      this.handshakeBytes = this.handshakeBytes.subarray(4 + length);
      const answer = this.message(type, body);
      if (answer) return answer;
    }
    return null;
  }

  private message(type: number, body: Buffer): ClientCertificateRequest | null {
    if (type === HandshakeType.helloRequest) return null;
    if (!this.sawServerHello) {
      if (type !== HandshakeType.serverHello) throw new Malformed(`the server's first handshake message is of type ${type}, not a ServerHello`);
      if (body.length < 2) throw new Malformed('a ServerHello too short to hold a version');
      const version = body.readUInt16BE(0);
      if (version !== TLS_1_2) return { kind: 'no-tls12', detail: `the server answered a TLS 1.2 ClientHello with ${versionName(version)}` };
      this.sawServerHello = true;
      return null;
    }
    switch (type) {
      case HandshakeType.certificate:
      case HandshakeType.serverKeyExchange:
      case HandshakeType.certificateStatus:
        return null;
      case HandshakeType.certificateRequest:
        this.certificateRequest = certificateAuthorities(body);
        return null;
      case HandshakeType.serverHelloDone:
        return this.certificateRequest === null ? { kind: 'not-requested' } : { kind: 'requested', caNames: this.certificateRequest };
      default:
        throw new Malformed(`the server sent a handshake message of type ${type} in its hello`);
    }
  }
}

/**
 * The certificate_authorities of a TLS 1.2 CertificateRequest (RFC 5246 §7.4.4): after the
 * certificate types and the signature algorithms, a list of DER Distinguished Names. An empty
 * list means "any CA I trust", which for Go's server without a client CA pool is the system store.
 */
function certificateAuthorities(body: Buffer): string[] {
  const reader = new BoundedReader(body, 'CertificateRequest');
  reader.take(reader.uint8(), 'certificate types');
  reader.take(reader.uint16(), 'signature algorithms');
  const list = new BoundedReader(reader.take(reader.uint16(), 'certificate authorities'), 'certificate authorities');
  reader.end();
  const names: string[] = [];
  let total = 0;
  while (!list.done()) {
    const der = list.take(list.uint16(), 'a CA name');
    total++;
    if (names.length < MAX_CA_NAMES) names.push(readableName(der));
  }
  if (total > MAX_CA_NAMES) names.push(`… and ${total - MAX_CA_NAMES} more CA name(s)`);
  return names;
}

/** A name we cannot decode is still a name the server sent: keep it, say why it is unreadable. */
function readableName(der: Buffer): string {
  try {
    return formatDistinguishedName(der);
  } catch (error) {
    return `(unreadable CA name of ${der.length} bytes: ${(error as Error).message})`;
  }
}

class BoundedReader {
  private offset = 0;
  constructor(private readonly bytes: Buffer, private readonly what: string) {}

  uint8(): number {
    return this.take(1, 'a length').readUInt8(0);
  }

  uint16(): number {
    return this.take(2, 'a length').readUInt16BE(0);
  }

  take(length: number, field: string): Buffer {
    if (this.offset + length > this.bytes.length) throw new Malformed(`malformed ${this.what}: ${field} runs past its end`);
    const part = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return part;
  }

  done(): boolean {
    return this.offset >= this.bytes.length;
  }

  end(): void {
    if (!this.done()) throw new Malformed(`malformed ${this.what}: ${this.bytes.length - this.offset} byte(s) after its fields`);
  }
}
