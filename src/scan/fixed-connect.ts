import type { ConnectResult } from '../network/tcp-connect.js';

/** --fixed-timeout: the old single connect, saying so in the same words as an adaptive one. */
export function fixedConnect(connect: (address: string, port: number, timeoutMs: number, stop?: AbortSignal) => Promise<ConnectResult>) {
  return async (address: string, port: number, timeoutMs: number, stop?: AbortSignal): Promise<ConnectResult> => {
    const result = await connect(address, port, timeoutMs, stop);
    return result.state === 'filtered' && result.detail?.startsWith('no answer to TCP connect within') ? { ...result, detail: `${result.detail} (fixed; 1 try)` } : result;
  };
}
