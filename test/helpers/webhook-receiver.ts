/**
 * A webhook on 127.0.0.1 (an ephemeral port) that records every request and answers from a
 * script, for the notifier's tests and the CLI-level cron test.
 *
 *   const hook = await startWebhookReceiver({ script: [500, 200] });
 *   t.teardown(() => hook.close());
 *   ... hook.url, hook.requests ...
 *
 * Each request takes the next script step; after the last, the last step repeats (so a
 * retried 404 shows up as a second request, not as a surprise 200). No script: 200 "ok".
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ReceivedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ReceiverStep {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Answer after this long (overrides the receiver's delayMs). */
  delayMs?: number;
  /** Read the request, then never answer (the connection stays open until close()). */
  hang?: boolean;
}

export interface WebhookReceiverOptions {
  /** Status codes (or fuller steps) per request, in order; the last repeats. */
  script?: Array<number | ReceiverStep>;
  /** Wait before every answer. */
  delayMs?: number;
  /** The path put in `url` (default "/hook"), e.g. a Slack-like secret path. The receiver answers on any path. */
  path?: string;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:PORT + path. */
  url: string;
  port: number;
  /** Every request whose body has been read, in arrival order. */
  requests: ReceivedRequest[];
  /** Stops listening and drops every connection, hanging ones included. Safe to call twice. */
  close(): Promise<void>;
}

export async function startWebhookReceiver(options: WebhookReceiverOptions = {}): Promise<WebhookReceiver> {
  const script = (options.script ?? [200]).map((step): ReceiverStep => (typeof step === 'number' ? { status: step } : step));
  if (script.length === 0) script.push({ status: 200 });
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const index = requests.length;
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const step = script[Math.min(index, script.length - 1)]!;
      if (step.hang) return;
      const answer = (): void => {
        if (res.destroyed) return;
        const body = step.body ?? (step.status >= 200 && step.status < 300 ? 'ok' : `status ${step.status}`);
        res.writeHead(step.status, { 'Content-Type': 'text/plain', 'Content-Length': String(Buffer.byteLength(body)), ...step.headers });
        res.end(body);
      };
      const delay = step.delayMs ?? options.delayMs ?? 0;
      if (delay > 0) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          answer();
        }, delay);
        timers.add(timer);
      } else {
        answer();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('webhook receiver: no port');
  const path = options.path ?? '/hook';

  let closed: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${address.port}${path.startsWith('/') ? path : `/${path}`}`,
    port: address.port,
    requests,
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}

/** A 127.0.0.1 port with nothing listening: bound to port 0, then released. */
export async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('closedLoopbackPort: no port');
  return address.port;
}
