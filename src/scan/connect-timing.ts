/**
 * The numbers behind adaptive connect timeouts (the default; --fixed-timeout turns them off).
 * Each is a trade between recall and time, explained where it is chosen, and the scan's --help
 * says them in one sentence (see connectTimingHelp).
 */

/**
 * No connect waits less than this. A LAN answers in well under a millisecond, so the estimate
 * there would be tiny; 100 ms is nmap -T4's --min-rtt-timeout, and leaves room for a host that
 * is busy for a moment, for Wi-Fi, and for our own event loop being late (a sample includes
 * the time our process took to notice the answer).
 */
export const FLOOR_MS = 100;

/**
 * What a connect waits before anything on this host or in the scan has answered: RFC 6298's
 * initial retransmission timeout, which covers almost every WAN round trip. It is only used
 * until the first answer, from any host, gives a measured estimate.
 */
export const INITIAL_MS = 1000;

/**
 * Tries after the first, each with a new socket. A lost SYN (or SYN-ACK) under a shrunken
 * timeout is only recovered by our retry: Linux resends a SYN only after 1 s. Two retries
 * keep the chance of missing an open port on a 3 % lossy link near (2 × 3 %)³ ≈ 2 in 10,000.
 */
export const RETRIES = 2;

/**
 * Each retry waits this many times the current estimate for the try before (RFC 6298's
 * back-off): a host slower than the rest of the scan, that has not answered yet, gets up to
 * 4 × the scan-wide estimate before its port is called filtered.
 */
export const BACKOFF = 2;

/**
 * The timeout of try `attempt` (1 = the first) from the current estimate, capped at --timeout.
 */
export function tryTimeoutMs(estimateMs: number, attempt: number, ceilingMs: number): number {
  return Math.min(ceilingMs, Math.round(estimateMs * BACKOFF ** (attempt - 1)));
}

/**
 * Whether a try that got no answer within `usedMs` is made again. Never when the retry would
 * wait the full --timeout: with 800 silent ports, retries at the ceiling would each cost a whole
 * --timeout, which is what adaptive timeouts are there to avoid. A try at the ceiling is never
 * retried either, so a scan where nothing answers costs at most what --fixed-timeout costs,
 * about (1 + 2) × INITIAL_MS with the default --timeout.
 */
export function retryAfter(usedMs: number, triesSoFar: number, ceilingMs: number): boolean {
  return triesSoFar <= RETRIES && usedMs * BACKOFF < ceilingMs;
}

/** For --help: the defaults in one sentence. */
export function connectTimingHelp(): string {
  return (
    `connects adapt to the measured round trip (smoothed RTT + 4 × its variation, per host and across the scan): ` +
    `they wait at least ${FLOOR_MS} ms, ${INITIAL_MS} ms before anything has answered, and at most --timeout; ` +
    `a connect that times out below --timeout is tried up to ${RETRIES} more times, each waiting ${BACKOFF} × longer, before its port is called filtered`
  );
}
