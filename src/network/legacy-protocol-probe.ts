import tls from 'node:tls';
import type { LegacyProtocol, LegacyProtocolProbe } from './endpoint-observation.js';
import { AUDIT_CIPHERS, type TlsClientSettings } from './http-get.js';
import { describeNetworkError } from './describe-error.js';
import { whenAborted } from './when-aborted.js';

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
  return new Promise((resolve) => {
    let settled = false;
    let release = (): void => {};
    const finish = (outcome: LegacyProtocolProbe['outcome'], detail: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      release();
      socket.destroy();
      resolve({ protocol, outcome, detail });
    };
    const socket = tls.connect({
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
    const timer = setTimeout(() => finish('error', `no handshake within ${timeoutMs} ms`), timeoutMs);
    release = whenAborted(stop, () => finish('error', `not tried to the end: ${String(stop!.reason)}`));
    socket.once('secureConnect', () => finish('accepted', `handshake completed with ${socket.getProtocol()} (${socket.getCipher()?.name ?? 'unknown cipher'})`));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const reason = describeNetworkError(error);
      if (CERTIFICATE_ALERT.test(reason)) finish('accepted', `${protocol} negotiated, then our certificate was refused (${reason})`);
      else finish('refused', reason);
    });
  });
}
