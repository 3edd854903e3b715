import { parseDuration } from './option-parsers.js';

/**
 * The default per-endpoint limit, as a multiple of --timeout. A healthy daemon needs about a
 * dozen round trips (connect, three TLS attempts of up to three GETs, two legacy handshakes)
 * and answers each at once; ten full timeouts is room for a slow honest one, and no more for a
 * peer that answers each request just inside --timeout.
 */
const TIMEOUTS_PER_ENDPOINT = 10;

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** --target-timeout as given, else TIMEOUTS_PER_ENDPOINT × --timeout; with the words a report uses for it. */
export function parseTargetDeadline(text: string | undefined, timeoutMs: number): { ms: number; label: string } {
  if (text !== undefined) return { ms: parseDuration('--target-timeout', text), label: `--target-timeout ${text.trim()}` };
  const ms = Math.max(1000, TIMEOUTS_PER_ENDPOINT * timeoutMs);
  return { ms, label: `--target-timeout (default ${seconds(ms)}, ${TIMEOUTS_PER_ENDPOINT} × --timeout)` };
}
