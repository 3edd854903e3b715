/**
 * Catches a case that never finishes. The readers are synchronous, so while one loops the
 * event loop is stuck and no timer in this thread can fire: a worker thread watches a shared
 * "current case, started at" slot instead, and when one case outlives the limit it writes the
 * case to stderr (straight to fd 2: the main thread cannot relay it) and kills the process.
 */
import { Worker } from 'node:worker_threads';

const WATCHER = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const slot = new Float64Array(workerData.shared);
setInterval(() => {
  const [index, startedAt] = slot;
  if (startedAt > 0 && Date.now() - startedAt > workerData.limitMs) {
    writeSync(2, '\\nfuzz: HANG: case ' + index + ' of seed ' + workerData.seed + ' has run for more than ' +
      workerData.limitMs + ' ms. Replay it: npm run fuzz -- --seed ' + workerData.seed + ' --replay ' + index + '\\n');
    process.kill(process.pid, 'SIGKILL');
  }
}, 250);
`;

export class HangWatchdog {
  private readonly slot: Float64Array;
  private readonly worker: Worker;

  constructor(seed: number, limitMs: number) {
    const shared = new SharedArrayBuffer(16);
    this.slot = new Float64Array(shared);
    this.worker = new Worker(WATCHER, { eval: true, workerData: { shared, seed, limitMs } });
    this.worker.unref();
  }

  caseStarted(index: number): void {
    this.slot[1] = 0;
    this.slot[0] = index;
    this.slot[1] = Date.now();
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}
