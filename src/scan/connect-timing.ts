/**
 * The numbers behind adaptive connect timeouts (the default; --fixed-timeout turns them off).
 * Each is a trade between recall and time, explained where it is chosen, and the scan's --help
 * says them in one sentence (see connectTimingHelp).
 */

/**
 * No estimate is below this. A LAN answers in well under a millisecond, so the estimate there
 * would be tiny; 50 ms is nmap -T5's --min-rtt-timeout. A probe waits DEADLINE_INTERVALS times
 * the estimate (200 ms at the floor), which leaves room for a host that is busy for a moment,
 * for Wi-Fi, and for our own event loop being late. The samples themselves are taken from the
 * moment the SYN left (tcp-connect.ts), not from when the probe was started, so a burst of
 * 1,000 connects started at once does not teach a round trip of the time it took to start them.
 */
export const FLOOR_MS = 50;

/**
 * The estimate before anything on this host or in the scan has answered: nmap -T4's
 * --initial-rtt-timeout. With the deadline at 4 × the estimate, a host nothing is known about
 * still gets 2 s for its first try (and 1.5 s, 1 s for the others): every WAN round trip, a
 * geostationary satellite's ~600 ms included, and the same longest wait as RFC 6298's 1 s initial
 * value gave under sequential retries (1 s, then 2 s), in 2 s instead of 3. Only used until the
 * first answer, from any host, gives a measured estimate.
 */
export const INITIAL_MS = 500;

/**
 * Tries a probe makes, each a connect on its own socket (so a SYN of its own), one interval apart
 * (0, T, 2T with T the estimate), the way TCP itself retransmits a SYN: a later try does not give
 * up on the earlier ones, whose sockets stay open until the probe's deadline, so a late SYN-ACK
 * to the first one still counts.
 * The first answer from any of them decides; the others are closed at once. A lost SYN (or
 * SYN-ACK) is recovered by the next one: on a 3 % lossy link each way, about 6 % of SYNs go
 * unanswered, and all three about 0.06³ ≈ 2 in 10,000. Linux's own retransmission (after 1 s)
 * comes too late to help.
 */
export const TRIES = 3;

/**
 * A probe gives up at this many intervals after its first try (4 T), capped at --timeout. Why 4:
 * the first try waits the whole deadline, 4 T, which is the longest single wait of the old
 * sequential scheme (tries of T, 2 T and 4 T, 7 T in all), and the later tries wait 3 T and 2 T,
 * against T and 2 T before. So for any round trip r, at least as many tries can still be answered
 * in time as before (three when r < 2 T, two up to 3 T, one up to 4 T): a host slower than the
 * scan's estimate is found as well or better, in 4 T instead of 7 T. A deadline of 3 T would
 * lose hosts between 3 T and 4 T for a quarter less time. (When our event loop is busy, say
 * starting 1,000 connects at once, later tries go out late, together; the last then still gets at
 * least one interval before the probe is given up on: adaptive-connects.ts.)
 */
export const DEADLINE_INTERVALS = 4;

export interface ConnectSchedule {
  /** Between tries, ms. */
  intervalMs: number;
  /** After the first try, when the probe is given up on, ms (a whole number). */
  deadlineMs: number;
}

/**
 * The schedule of a probe from the current estimate. When 4 × the estimate would pass --timeout,
 * the deadline is --timeout and the tries are spread over it in the same proportions (at 0, ¼ and
 * ½ of it): extra tries cost no time, only the deadline does, so none is ever dropped. A scan where nothing answers costs
 * 4 × INITIAL_MS (2 s) per round, or --timeout when that is shorter.
 */
export function connectSchedule(estimateMs: number, ceilingMs: number): ConnectSchedule {
  const deadlineMs = Math.round(Math.min(ceilingMs, DEADLINE_INTERVALS * estimateMs));
  return { intervalMs: deadlineMs / DEADLINE_INTERVALS, deadlineMs };
}

/** For --help: the defaults in one sentence. */
export function connectTimingHelp(): string {
  return (
    `connects adapt to the measured round trip (smoothed RTT + 4 × its variation, per host and across the scan, at least ${FLOOR_MS} ms, ` +
    `${INITIAL_MS} ms before anything has answered): a probe makes ${TRIES} overlapping tries (connects) one estimate apart, keeps each open, and calls the port filtered ` +
    `when none is answered within ${DEADLINE_INTERVALS} × the estimate, never longer than --timeout`
  );
}
