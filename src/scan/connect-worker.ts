import { parentPort, workerData } from 'node:worker_threads';
import { tcpConnect, type ConnectResult } from '../network/tcp-connect.js';
import { AdaptiveConnects } from './adaptive-connects.js';
import { RoundTripEstimator } from './round-trip-estimator.js';

/**
 * A thread that only does bare TCP connects for the connect pool (connect-pool.ts). On a
 * sweep almost every probe ends at the connect, and the connect and close system calls are
 * most of a sweep's cost: spread over threads, they use every core.
 *
 * workerData: { adaptiveCeilingMs: number | null } (null: --fixed-timeout)
 * In:  { requests: [id, address, port, timeoutMs (unused when adaptive)][] }
 * Out: { results: [id, state, detail][] }, batched per turn of the event loop.
 *
 * Under adaptive timeouts each thread keeps its own estimator and ticker, and runs the whole of
 * each probe it is given: every SYN, and the deadline. Not the main thread: on a CPU-bound sweep, the answers wait in
 * this thread's sockets and then in a message queue, and a main thread deciding timeouts from
 * afar would call ports filtered whose reset had come but not yet reached it. Here, a timeout is
 * decided after this thread has read its ready sockets (adaptive-connects.ts, afterIo). The cost:
 * a thread learns only from its own share of the answers (requests go to the threads in turn,
 * so each gets a fair sample of every host).
 */
type Request = [number, string, number, number];
type Result = [number, ConnectResult['state'], string | null];

// A refused connect is the common answer on a sweep; its Error's stack trace is a tenth of
// this thread's time and is never read here (only the code is).
Error.stackTraceLimit = 0;

const port = parentPort!;
const { adaptiveCeilingMs } = (workerData ?? { adaptiveCeilingMs: null }) as { adaptiveCeilingMs: number | null };
const adaptive = adaptiveCeilingMs === null ? null : new AdaptiveConnects(new RoundTripEstimator(adaptiveCeilingMs), adaptiveCeilingMs);
let pending: Result[] = [];
let flushScheduled = false;

function flush(): void {
  flushScheduled = false;
  const results = pending;
  pending = [];
  port.postMessage({ results });
}

function answer(result: Result): void {
  pending.push(result);
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
}

port.on('message', ({ requests }: { requests: Request[] }) => {
  for (const [id, address, targetPort, timeoutMs] of requests) {
    void (adaptive ? adaptive.connect(address, targetPort) : tcpConnect(address, targetPort, timeoutMs)).then((r) => answer([id, r.state, r.detail]));
  }
});
