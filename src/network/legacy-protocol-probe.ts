import { Socket } from 'node:net';
import { LEGACY_CIPHER_SUITES, TLS_1_0, TLS_1_1, legacyClientHello } from '../tls/client-hello.js';
import { ServerHelloReader, type ServerHelloAnswer } from '../tls/server-hello-answer.js';
import { HANDSHAKE_FAILURE_ALERT, PROTOCOL_VERSION_ALERT, alertName, versionName } from '../tls/tls-names.js';
import type { LegacyProtocol, LegacyProtocolProbe } from './endpoint-observation.js';
import { boundedAnswer } from './bounded-answer.js';

const WIRE_VERSION: Readonly<Record<LegacyProtocol, typeof TLS_1_0 | typeof TLS_1_1>> = { TLSv1: TLS_1_0, 'TLSv1.1': TLS_1_1 };

export interface LegacyProtocolOptions {
  /** Sent as SNI when it is a host name; an IP literal is left out, as TLS clients do. */
  servername?: string;
  /** Connect and the server's answer together. */
  timeoutMs: number;
  stop?: AbortSignal;
}

/** The outcome a server's answer gives, in words that say what it sent. */
function judge(protocol: LegacyProtocol, answer: ServerHelloAnswer): Pick<LegacyProtocolProbe, 'outcome' | 'detail'> {
  const offered = versionName(WIRE_VERSION[protocol]);
  if (answer.kind === 'malformed') return { outcome: 'error', detail: `no usable answer to a ${offered} ClientHello: ${answer.detail}` };
  if (answer.kind === 'alert') {
    const why =
      answer.description === PROTOCOL_VERSION_ALERT
        ? `it does not speak ${offered}`
        : answer.description === HANDSHAKE_FAILURE_ALERT
          ? `no ${offered} session with the cipher suites a ${offered} client offers`
          : `no ${offered} session comes of it`;
    return { outcome: 'refused', detail: `the server answered a ${offered} ClientHello with the alert ${alertName(answer.description)}: ${why}` };
  }
  const cipher = LEGACY_CIPHER_SUITES.get(answer.cipherSuite) ?? `0x${answer.cipherSuite.toString(16).padStart(4, '0')}, a suite we did not offer`;
  if (answer.version === WIRE_VERSION[protocol]) return { outcome: 'accepted', detail: `the server answered a ${offered} ClientHello with a ${offered} ServerHello (${cipher})` };
  // A server answers with the highest version it speaks up to the one offered (RFC 5246 E.1), so
  // an older one means it does not take the one offered. A newer one is a server out of line:
  // an OpenSSL client aborts such a handshake, so no session at the offered version comes of it.
  const picked = versionName(answer.version);
  const how = answer.version > WIRE_VERSION[protocol] ? `a newer version than offered, which a ${offered} client cannot use` : 'the highest version it speaks below the one offered';
  return { outcome: 'refused', detail: `the server answered a ${offered} ClientHello with ${picked} (${how}), so it does not take ${offered}` };
}

/**
 * Whether the server still accepts a legacy TLS version: one ClientHello offering only that
 * version, written by hand (client-hello.ts) over a raw socket, and the server's ServerHello or
 * alert read back; the socket is closed at once. A ServerHello at that version is enough to
 * know it is accepted, so no key exchange and no certificate are needed, and OpenSSL 3 (which
 * refuses TLS 1.0/1.1 at its default security level) is not involved at all. What is no answer
 * (timeout, a close without an alert, bytes that are not TLS) stays 'error', never 'refused'.
 */
export function probeLegacyProtocol(address: string, port: number, protocol: LegacyProtocol, options: LegacyProtocolOptions): Promise<LegacyProtocolProbe> {
  const { timeoutMs, stop } = options;
  const offered = versionName(WIRE_VERSION[protocol]);
  const socket = new Socket();
  const reader = new ServerHelloReader();
  const answer = (outcome: LegacyProtocolProbe['outcome'], detail: string): LegacyProtocolProbe => ({ protocol, outcome, detail });
  const ended = (how: string): LegacyProtocolProbe =>
    answer('error', `${how} ${reader.received === 0 ? `without answering a ${offered} ClientHello (no ServerHello, no alert)` : `after ${reader.received} byte(s), before a whole ServerHello or alert`}, so whether it takes ${offered} is unknown`);
  const bounds = {
    timeoutMs,
    timedOut: () => answer('error', `no answer to a ${offered} ClientHello within ${timeoutMs} ms`),
    stop,
    stopped: (reason: string) => answer('error', `not tried to the end: ${reason}`),
    cleanup: () => socket.destroy(),
  };
  return boundedAnswer(bounds, (finish) => {
    socket.once('connect', () => socket.write(legacyClientHello(WIRE_VERSION[protocol], options.servername)));
    socket.on('data', (chunk: Buffer) => {
      const read = reader.feed(chunk);
      if (read) finish({ protocol, ...judge(protocol, read) });
    });
    socket.once('end', () => finish(ended('the server closed the connection')));
    socket.once('close', () => finish(ended('the connection closed')));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(ended(`the connection failed (${error.code ?? 'error'}: ${error.message})`)));
    socket.connect({ host: address, port });
  });
}
