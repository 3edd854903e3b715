import { Socket } from 'node:net';
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
const FILTERED_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT']);

/**
 * A bare TCP connect, closed at once. It only answers "is anything listening?", which is all
 * a sweep of a range needs before spending handshakes.
 */
export function tcpConnect(address: string, port: number, timeoutMs: number): Promise<ConnectResult> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let settled = false;
    const finish = (result: ConnectResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ state: 'filtered', detail: `no answer to TCP connect within ${timeoutMs} ms` }), timeoutMs);
    socket.once('connect', () => finish({ state: 'open', detail: null }));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'error';
      if (CLOSED_CODES.has(code)) finish({ state: 'closed', detail: 'connection refused' });
      else if (FILTERED_CODES.has(code)) finish({ state: 'filtered', detail: `${code}: ${error.message}` });
      else finish({ state: 'error', detail: `${code}: ${LOCAL_CAUSES[code] ?? error.message}` });
    });
    socket.connect({ host: address, port });
  });
}
