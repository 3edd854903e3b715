/**
 * How every test server listens: on 127.0.0.0/8 only, counting and tracking each raw socket, so
 * close() can destroy open connections (keep-alive, half-done handshakes, tarpits) and never hang.
 * The look-alikes (lookalikes.ts) and the hostile servers (hostile-servers.ts) build their
 * handles on top of this.
 */
import type { AddressInfo, Server, Socket } from 'node:net';

export interface ListenOptions {
  /** Must be in 127.0.0.0/8. */
  host: string;
  /** 0 = any free port. */
  port: number;
}

export interface LoopbackListener {
  /** The port bound (the one asked for, or the free one picked for port 0). */
  port: number;
  /** TCP connections accepted so far. */
  connections(): number;
  /** Idempotent; destroys open sockets, never hangs. */
  close(): Promise<void>;
}

export function assertLoopback(host: string): void {
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!octets || octets.slice(1).some((octet) => Number(octet) > 255)) {
    throw new Error(`test servers listen on 127.0.0.0/8 only, got ${JSON.stringify(host)}`);
  }
}

export function listenOnLoopback(server: Server, { host, port }: ListenOptions): Promise<LoopbackListener> {
  assertLoopback(host);
  const sockets = new Set<Socket>();
  let connections = 0;
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => {}); // a client resetting a tarpit must not crash the test process
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => {}); // plain HTTP on TLS ports and broken handshakes are expected

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  };

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({ port: (server.address() as AddressInfo).port, connections: () => connections, close });
    });
  });
}
