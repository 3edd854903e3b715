import { Worker } from 'node:worker_threads';
import type { ConnectResult } from '../network/tcp-connect.js';

/** Requests sent to a thread at once: one message per batch, not per probe. */
const BATCH = 64;

/**
 * Bare TCP connects on worker threads (connect-worker.ts), behind the same signature as
 * tcpConnect, so a sweep can use every core without changing how a probe is judged. Requests
 * are gathered for one turn of the event loop (or BATCH of them) and sent to the threads in
 * turn; everything else about a probe stays on the main thread.
 */
export class ConnectPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, (result: ConnectResult) => void>();
  private batch: [number, string, number, number][] = [];
  private flushScheduled = false;
  private nextId = 0;
  private nextWorker = 0;
  private failure: Error | null = null;

  /** `adaptiveCeilingMs`: adaptive timeouts up to this (--timeout); null for --fixed-timeout (see connect-worker.ts). */
  constructor(threads: number, adaptiveCeilingMs: number | null = null) {
    // Under the test runner this file is TypeScript, and so is its worker.
    const file = new URL(import.meta.url.endsWith('.ts') ? './connect-worker.ts' : './connect-worker.js', import.meta.url);
    this.workers = Array.from({ length: threads }, () => {
      const worker = new Worker(file, { workerData: { adaptiveCeilingMs } });
      worker.on('message', ({ results }: { results: [number, ConnectResult['state'], string | null][] }) => {
        for (const [id, state, detail] of results) {
          const resolve = this.waiting.get(id);
          this.waiting.delete(id);
          resolve?.({ state, detail });
        }
      });
      worker.on('error', (error) => this.fail(error));
      return worker;
    });
  }

  /**
   * Same contract as tcpConnect: never rejects, and a broken thread reads as a local error. Under
   * adaptive timeouts the thread runs the whole probe, every SYN of it, and `timeoutMs` is unused
   * (the threads have the ceiling).
   */
  readonly connect = (address: string, port: number, timeoutMs: number): Promise<ConnectResult> => {
    if (this.failure) return Promise.resolve({ state: 'error', detail: `connect thread failed: ${this.failure.message}` });
    const id = this.nextId++;
    const result = new Promise<ConnectResult>((resolve) => this.waiting.set(id, resolve));
    this.batch.push([id, address, port, timeoutMs]);
    if (this.batch.length >= BATCH) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    return result;
  };

  private flush(): void {
    this.flushScheduled = false;
    if (this.batch.length === 0) return;
    const requests = this.batch;
    this.batch = [];
    this.workers[this.nextWorker]!.postMessage({ requests });
    this.nextWorker = (this.nextWorker + 1) % this.workers.length;
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const resolve of this.waiting.values()) resolve({ state: 'error', detail: `connect thread failed: ${error.message}` });
    this.waiting.clear();
  }

  /** Must be called (in a finally): live threads keep the process running. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
