import { parentPort } from 'node:worker_threads';
import { tcpConnect, type ConnectResult } from '../network/tcp-connect.js';

/**
 * A thread that only does bare TCP connects for the connect pool (connect-pool.ts). On a
 * sweep almost every probe ends at the connect, and the connect and close system calls are
 * most of a sweep's cost: spread over threads, they use every core.
 *
 * In:  { requests: [id, address, port, timeoutMs][] }
 * Out: { results: [id, state, detail][] }, batched per turn of the event loop.
 */
type Request = [number, string, number, number];
type Result = [number, ConnectResult['state'], string | null];

// A refused connect is the common answer on a sweep; its Error's stack trace is a tenth of
// this thread's time and is never read here (only the code is).
Error.stackTraceLimit = 0;

const port = parentPort!;
let pending: Result[] = [];
let flushScheduled = false;

function flush(): void {
  flushScheduled = false;
  const results = pending;
  pending = [];
  port.postMessage({ results });
}

port.on('message', ({ requests }: { requests: Request[] }) => {
  for (const [id, address, targetPort, timeoutMs] of requests) {
    void tcpConnect(address, targetPort, timeoutMs).then((result) => {
      pending.push([id, result.state, result.detail]);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
    });
  }
});
