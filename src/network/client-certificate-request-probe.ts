import { Socket } from 'node:net';
import { tls12ClientHello } from '../tls/client-hello.js';
import { Tls12ServerFlight } from '../tls/tls12-server-flight.js';
import type { ClientCertificateRequest } from './endpoint-observation.js';
import { boundedAnswer } from './bounded-answer.js';

export interface ClientCertificateRequestOptions {
  /** Sent as SNI when it is a host name; an IP literal is left out, as TLS clients do. */
  servername?: string;
  /** Connect and the whole server hello together. */
  timeoutMs: number;
  stop?: AbortSignal;
}

/**
 * Asks a TLS server, in a TLS 1.2 hello driven over a raw socket, whether it wants a client
 * certificate and from which CAs. It sends one ClientHello and nothing else: no key exchange,
 * no application data, and the socket is closed as soon as the server's hello is complete
 * (ServerHelloDone), or at the first sign the answer will not come.
 */
export function probeClientCertificateRequest(address: string, port: number, options: ClientCertificateRequestOptions): Promise<ClientCertificateRequest> {
  const { timeoutMs, stop } = options;
  const socket = new Socket();
  const flight = new Tls12ServerFlight();
  const bounds = {
    timeoutMs,
    timedOut: (): ClientCertificateRequest => ({ kind: 'error', detail: `no complete TLS 1.2 server hello within ${timeoutMs} ms` }),
    stop,
    stopped: (reason: string): ClientCertificateRequest => ({ kind: 'error', detail: `not asked to the end: ${reason}` }),
    cleanup: () => socket.destroy(),
  };
  return boundedAnswer(bounds, (finish) => {
    socket.once('connect', () => socket.write(tls12ClientHello(options.servername)));
    socket.on('data', (chunk: Buffer) => {
      const answer = flight.feed(chunk);
      if (answer) finish(answer);
    });
    socket.once('end', () => finish(flight.ended('the server closed the connection')));
    socket.once('close', () => finish(flight.ended('the connection closed')));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(flight.ended(`${error.code ?? 'error'}: ${error.message}`)));
    socket.connect({ host: address, port });
  });
}
