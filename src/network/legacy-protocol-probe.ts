import tls from 'node:tls';
import type { LegacyProtocol, LegacyProtocolProbe } from './endpoint-observation.js';
import { AUDIT_CIPHERS, type TlsClientSettings } from './http-get.js';
import { describeNetworkError } from './describe-error.js';
import { boundedAnswer } from './bounded-answer.js';

/** The server picked our version and then objected to our certificate: the version itself was accepted. */
const CERTIFICATE_ALERT = /BAD_CERTIFICATE|CERTIFICATE_REQUIRED|UNKNOWN_CA|CERTIFICATE_UNKNOWN/i;

/**
 * A handshake restricted to one legacy version. OpenSSL 3 refuses TLS 1.0/1.1 at its default
 * security level even as a client, so the probe lowers it for this connection only.
 */
export function probeLegacyProtocol(
  address: string,
  port: number,
  protocol: LegacyProtocol,
  timeoutMs: number,
  settings: TlsClientSettings,
  stop?: AbortSignal,
): Promise<LegacyProtocolProbe> {
  let socket: tls.TLSSocket | undefined;
  const answer = (outcome: LegacyProtocolProbe['outcome'], detail: string): LegacyProtocolProbe => ({ protocol, outcome, detail });
  const bounds = {
    timeoutMs,
    timedOut: () => answer('error', `no handshake within ${timeoutMs} ms`),
    stop,
    stopped: (reason: string) => answer('error', `not tried to the end: ${reason}`),
    cleanup: () => socket?.destroy(),
  };
  return boundedAnswer(bounds, (finish) => {
    const connected = tls.connect({
      host: address,
      port,
      servername: settings.servername,
      cert: settings.cert,
      key: settings.key,
      minVersion: protocol,
      maxVersion: protocol,
      ciphers: AUDIT_CIPHERS,
      rejectUnauthorized: false,
    });
    socket = connected;
    connected.once('secureConnect', () => finish(answer('accepted', `handshake completed with ${connected.getProtocol()} (${connected.getCipher()?.name ?? 'unknown cipher'})`)));
    connected.once('error', (error: NodeJS.ErrnoException) => {
      const reason = describeNetworkError(error);
      if (CERTIFICATE_ALERT.test(reason)) finish(answer('accepted', `${protocol} negotiated, then our certificate was refused (${reason})`));
      else finish(answer('refused', reason));
    });
  });
}
