/**
 * Reads a server's first answer to a ClientHello far enough to learn the version it picked: the
 * ServerHello's server_version and cipher suite (RFC 5246 §7.4.1.3; the same in TLS 1.0 and 1.1),
 * or the alert it sent instead. The bytes come from whatever listens on the port, so every length
 * is checked, the bytes read are capped, and anything that is not one of those two answers is
 * 'malformed': a question left open, never read as a refusal.
 */
import { HandshakeType, RecordType } from './client-hello.js';

/** RFC 5246 §7.2: alert levels and the one description that is not an error. */
const ALERT_LEVEL_WARNING = 1;
const CLOSE_NOTIFY = 0;
/** RFC 5246 §6.2.1: a plaintext record carries at most 2^14 bytes. */
const MAX_RECORD_BYTES = 16_384;
/** A ServerHello is under 200 bytes; a server sending this much before one is not answering the hello. */
const MAX_ANSWER_BYTES = 64 * 1024;
/** server_version (2) + random (32) + session_id length (1); then the session id and the cipher suite (2). */
const SERVER_HELLO_FIXED = 35;

export type ServerHelloAnswer =
  | { kind: 'server-hello'; version: number; cipherSuite: number }
  | { kind: 'alert'; description: number }
  | { kind: 'malformed'; detail: string };

/** Fed the bytes as they arrive; `feed` returns the answer once it is there, null while more bytes are needed. */
export class ServerHelloReader {
  private pending = Buffer.alloc(0);
  private handshakeBytes = Buffer.alloc(0);
  /** Bytes the server sent so far, for the detail of a connection that ends early. */
  received = 0;

  feed(chunk: Buffer): ServerHelloAnswer | null {
    this.received += chunk.length;
    if (this.received > MAX_ANSWER_BYTES) return { kind: 'malformed', detail: `the server sent more than ${MAX_ANSWER_BYTES} bytes without a ServerHello` };
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 5) {
      const type = this.pending[0]!;
      const length = this.pending.readUInt16BE(3);
      if (this.pending[1] !== 3 || (type !== RecordType.handshake && type !== RecordType.alert)) {
        return { kind: 'malformed', detail: `not a TLS answer to a ClientHello (first bytes ${this.pending.subarray(0, 5).toString('hex')})` };
      }
      if (length > MAX_RECORD_BYTES) return { kind: 'malformed', detail: `a TLS record of ${length} bytes, more than the ${MAX_RECORD_BYTES} TLS allows` };
      if (this.pending.length < 5 + length) return null;
      const fragment = this.pending.subarray(5, 5 + length);
      this.pending = this.pending.subarray(5 + length);
      if (type === RecordType.alert) {
        // An alert is two bytes: level, description (RFC 5246 §7.2).
        if (fragment.length !== 2) return { kind: 'malformed', detail: `an alert record of ${fragment.length} bytes (alerts have 2)` };
        // A warning is not a refusal: OpenSSL servers (Apache among them) send a warning
        // unrecognized_name before their ServerHello when SNI names no host of theirs, then go on.
        // close_notify, whatever its level, ends the conversation without a verdict.
        if (fragment[0] === ALERT_LEVEL_WARNING && fragment[1] !== CLOSE_NOTIFY) continue;
        if (fragment[1] === CLOSE_NOTIFY) return { kind: 'malformed', detail: 'the server closed with close_notify before a ServerHello or a fatal alert' };
        return { kind: 'alert', description: fragment[1]! };
      }
      this.handshakeBytes = Buffer.concat([this.handshakeBytes, fragment]);
      const answer = this.serverHello();
      if (answer) return answer;
    }
    return null;
  }

  private serverHello(): ServerHelloAnswer | null {
    if (this.handshakeBytes.length < 4) return null;
    const type = this.handshakeBytes[0]!;
    if (type !== HandshakeType.serverHello) return { kind: 'malformed', detail: `the server's first handshake message is of type ${type}, not a ServerHello` };
    const length = (this.handshakeBytes[1]! << 16) | (this.handshakeBytes[2]! << 8) | this.handshakeBytes[3]!;
    if (length > MAX_ANSWER_BYTES) return { kind: 'malformed', detail: `a ServerHello of ${length} bytes` };
    if (this.handshakeBytes.length < 4 + length) return null;
    const body = this.handshakeBytes.subarray(4, 4 + length);
    if (body.length < SERVER_HELLO_FIXED) return { kind: 'malformed', detail: `a ServerHello of ${body.length} bytes, too short for its version, random and session id` };
    const sessionIdLength = body[34]!;
    if (sessionIdLength > 32 || body.length < SERVER_HELLO_FIXED + sessionIdLength + 2) return { kind: 'malformed', detail: 'a malformed ServerHello: its session id or cipher suite runs past its end' };
    return { kind: 'server-hello', version: body.readUInt16BE(0), cipherSuite: body.readUInt16BE(SERVER_HELLO_FIXED + sessionIdLength) };
  }
}
