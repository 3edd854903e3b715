/**
 * The reference a hand-written legacy-version probe is held to: a real OpenSSL handshake limited
 * to one version (how dockprobe asked before it wrote its own ClientHello). OpenSSL 3 refuses
 * TLS 1.0/1.1 at its default security level even as a client, so the level is lowered here.
 * It says only whether a session at that version came about, or why not. Without a client
 * certificate it misjudges a TLS 1.0 server that requires one: before TLS 1.3 that server refuses
 * with a plain handshake_failure, after it has already picked the version.
 */
import tls from 'node:tls';
import type { LegacyProtocol } from '../../src/network/endpoint-observation.js';

export type HandshakeVerdict = { accepted: true; protocol: string } | { accepted: false; reason: string };

/** The server picked our version and then objected to our (absent) certificate: the version itself was accepted. */
const CERTIFICATE_ALERT = /BAD_CERTIFICATE|CERTIFICATE_REQUIRED|UNKNOWN_CA|CERTIFICATE_UNKNOWN/i;

/** `client`: the certificate to present if asked (dockprobe presented the user's, when given). */
export function opensslLegacyHandshake(host: string, port: number, protocol: LegacyProtocol, client?: { cert: string; key: string }, timeoutMs = 5000): Promise<HandshakeVerdict> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host, port, ...client, minVersion: protocol, maxVersion: protocol, ciphers: 'DEFAULT:@SECLEVEL=0', rejectUnauthorized: false });
    const done = (verdict: HandshakeVerdict): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(verdict);
    };
    const timer = setTimeout(() => done({ accepted: false, reason: `no handshake within ${timeoutMs} ms` }), timeoutMs);
    socket.once('secureConnect', () => done({ accepted: true, protocol: socket.getProtocol() ?? '' }));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (CERTIFICATE_ALERT.test(`${error.code} ${error.message}`)) done({ accepted: true, protocol });
      else done({ accepted: false, reason: `${error.code}: ${error.message}` });
    });
  });
}
