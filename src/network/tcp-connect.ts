import { isIPv6, Socket } from 'node:net';
import { boundedAnswer } from './bounded-answer.js';
import type { EndpointState } from './endpoint-observation.js';

export interface ConnectResult {
  state: EndpointState;
  /** Why it is not open, in words a reader can act on. */
  detail: string | null;
}

const CLOSED_CODES = new Set(['ECONNREFUSED']);

/** Local failures: the scanner could not try, so they say what to change on our side. */
const LOCAL_CAUSES: Record<string, string> = {
  EMFILE: 'too many open files on the scanning machine; lower --concurrency or raise `ulimit -n`',
  ENFILE: 'the system ran out of file handles; lower --concurrency',
  EADDRNOTAVAIL: 'no local address/port left to connect from; lower --concurrency',
  ENOBUFS: 'the kernel ran out of socket buffers; lower --concurrency',
};
/** Answers from the network: a router or the host said no, or nothing came back. */
const FILTERED_CODES = new Set(['EHOSTUNREACH', 'ETIMEDOUT']);

/**
 * Why this machine could not even try: no route (ENETUNREACH is decided locally, before a
 * packet leaves), or no address of the target's family to connect from.
 */
function localRouteCause(code: string, address: string): string | null {
  const ipv6 = isIPv6(address);
  if (code === 'ENETUNREACH') {
    return ipv6
      ? 'this machine has no route to that IPv6 network (is IPv6 set up here?); scan it from a host with IPv6 connectivity'
      : 'this machine has no route to that network; check the address, or scan it from a host that can reach it';
  }
  if (code === 'EADDRNOTAVAIL' && ipv6) return 'this machine has no IPv6 address to connect from (IPv6 is off or unconfigured here); scan it from a host with IPv6';
  return null;
}

/** An answer to one connect, and whether it came from the network (a sample of the round trip). */
export interface ConnectAnswer extends ConnectResult {
  /**
   * A SYN-ACK, a reset, or an ICMP error (EHOSTUNREACH): the network answered, so the elapsed
   * time is a round trip. False for what this machine decided alone (EMFILE, no route).
   */
  fromNetwork: boolean;
}

/**
 * Starts a bare TCP connect and calls `answered` once, when it ends; no time limit of its own
 * (the caller keeps one). Returns the cancel, which closes the socket and silences `answered`.
 * `sent`, when given, is called just after the connect system call (the SYN is on its way):
 * Node makes that call on the next tick, so with 1,000 connects started in one turn of the event
 * loop, a round trip timed from the start would include the time taken to start the others.
 */
export function startConnect(address: string, port: number, answered: (answer: ConnectAnswer) => void, sent?: () => void): () => void {
  const socket = new Socket();
  let done = false;
  const finish = (answer: ConnectAnswer): void => {
    if (done) return;
    done = true;
    socket.destroy();
    answered(answer);
  };
  socket.once('connect', () => finish({ state: 'open', detail: null, fromNetwork: true }));
  socket.once('error', (error: NodeJS.ErrnoException) => {
    const code = error.code ?? 'error';
    const localRoute = localRouteCause(code, address);
    if (CLOSED_CODES.has(code)) finish({ state: 'closed', detail: 'connection refused', fromNetwork: true });
    else if (localRoute) finish({ state: 'error', detail: `${code}: ${localRoute}`, fromNetwork: false });
    // ETIMEDOUT is the kernel giving up after its own SYN retries: no answer, so no sample.
    else if (FILTERED_CODES.has(code)) finish({ state: 'filtered', detail: `${code}: ${error.message}`, fromNetwork: code !== 'ETIMEDOUT' });
    else finish({ state: 'error', detail: `${code}: ${LOCAL_CAUSES[code] ?? error.message}`, fromNetwork: false });
  });
  socket.connect({ host: address, port });
  // For an IP literal Node queues the connect call on the next tick during socket.connect, so
  // this tick, queued after it, runs just after the SYN was handed to the kernel. (For a name,
  // it runs before the lookup: the sample is then longer, never shorter, than the round trip.)
  if (sent) process.nextTick(() => done || sent());
  return () => {
    done = true;
    socket.destroy();
  };
}

/**
 * A bare TCP connect, closed at once, that waits `timeoutMs` at most (--fixed-timeout, and
 * every connect outside a scan's sweep). It only answers "is anything listening?", which is
 * all a sweep of a range needs before spending handshakes.
 */
export function tcpConnect(address: string, port: number, timeoutMs: number, stop?: AbortSignal): Promise<ConnectResult> {
  let cancel = (): void => {};
  const bounds = {
    timeoutMs,
    timedOut: (): ConnectResult => ({ state: 'filtered', detail: `no answer to TCP connect within ${timeoutMs} ms` }),
    stop,
    stopped: (reason: string): ConnectResult => ({ state: 'error', detail: `${reason} before TCP connect finished` }),
    cleanup: () => cancel(),
  };
  return boundedAnswer(bounds, (finish) => {
    cancel = startConnect(address, port, ({ state, detail }) => finish({ state, detail }));
  });
}
