import type { ConnectResult } from '../network/tcp-connect.js';
import type { TryResult } from './adaptive-connects.js';
import { retryAfter } from './connect-timing.js';

/** One try of a connect (adaptive-connects.ts, or the same on a worker thread: connect-pool.ts). */
export type TryConnect = (address: string, port: number, attempt: number, stop?: AbortSignal) => Promise<TryResult>;

/**
 * The connect a probe makes under adaptive timeouts: tries again, with a new socket, while a
 * try timed out under a timeout shorter than --timeout (retryAfter), as nmap retransmits, so a
 * lost SYN or a host slower than the rest is not called filtered after one short wait. Same
 * signature as tcpConnect, so probeEndpoint does not know; `ceilingMs` is --timeout.
 */
export function retryingConnect(tryConnect: TryConnect): (address: string, port: number, ceilingMs: number, stop?: AbortSignal) => Promise<ConnectResult> {
  return async (address, port, ceilingMs, stop) => {
    const waits: number[] = [];
    for (;;) {
      const result = await tryConnect(address, port, waits.length + 1, stop);
      if (!result.timedOut) return { state: result.state, detail: result.detail };
      waits.push(result.timeoutMs);
      if (stop?.aborted || !retryAfter(result.timeoutMs, waits.length, ceilingMs)) return { state: 'filtered', detail: filteredDetail(waits) };
    }
  };
}

/**
 * Starts as it always did (readers match on it), then says how long the last try waited, that
 * the timeout was adaptive, and every try's wait.
 */
export function filteredDetail(waits: number[]): string {
  const last = waits[waits.length - 1]!;
  const tries = waits.length === 1 ? '1 try' : `${waits.length} tries: ${waits.join(', ')} ms`;
  return `no answer to TCP connect within ${last} ms (adaptive; ${tries})`;
}

/** --fixed-timeout: the old single connect, saying so in the same words as an adaptive one. */
export function fixedConnect(connect: (address: string, port: number, timeoutMs: number, stop?: AbortSignal) => Promise<ConnectResult>) {
  return async (address: string, port: number, timeoutMs: number, stop?: AbortSignal): Promise<ConnectResult> => {
    const result = await connect(address, port, timeoutMs, stop);
    return result.state === 'filtered' && result.detail?.startsWith('no answer to TCP connect within') ? { ...result, detail: `${result.detail} (fixed; 1 try)` } : result;
  };
}
