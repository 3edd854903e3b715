/**
 * A TCP relay on loopback that holds every chunk, each way, for a delay before passing it on:
 * added latency where the kernel has no netem (`tc qdisc … netem delay` needs sch_netem). The
 * delays come from a seeded generator, so a failing run can be repeated; order is kept, as on
 * a slow link. Upstream must be on loopback too.
 */
import { connect, createServer, type Socket } from 'node:net';
import { assertLoopback, listenOnLoopback, type ListenOptions } from './loopback-listener.js';

export interface LatencyProxy {
  host: string;
  port: number;
  /** "host:port", as dockprobe names the endpoint. */
  target: string;
  close(): Promise<void>;
}

export interface LatencyOptions extends ListenOptions {
  upstream: { host: string; port: number };
  /** Each chunk waits between minMs and maxMs, each way. */
  minMs: number;
  maxMs: number;
  seed?: number;
}

/** mulberry32: small, seeded, good enough for spreading delays. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startLatencyProxy(opts: LatencyOptions): Promise<LatencyProxy> {
  assertLoopback(opts.upstream.host);
  const random = seededRandom(opts.seed ?? 12);
  const delay = (): number => opts.minMs + random() * (opts.maxMs - opts.minMs);
  const timers = new Set<NodeJS.Timeout>();

  /** Forwards from → to, each chunk after its delay but never before the one ahead of it. */
  const relay = (from: Socket, to: Socket): void => {
    let due = 0;
    from.on('data', (chunk) => {
      due = Math.max(Date.now() + delay(), due);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!to.destroyed) to.write(chunk);
      }, due - Date.now());
      timers.add(timer);
    });
    from.on('end', () => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!to.destroyed) to.end();
      }, Math.max(0, due - Date.now()));
      timers.add(timer);
    });
    from.on('close', () => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        to.destroy();
      }, Math.max(0, due - Date.now()));
      timers.add(timer);
    });
  };

  const server = createServer((client) => {
    const upstream = connect(opts.upstream.port, opts.upstream.host);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    relay(client, upstream);
    relay(upstream, client);
  });
  const listener = await listenOnLoopback(server, opts);
  return {
    host: opts.host,
    port: listener.port,
    target: `${opts.host}:${listener.port}`,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await listener.close();
    },
  };
}
