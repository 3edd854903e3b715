import { FLOOR_MS, INITIAL_MS } from './connect-timing.js';

/** RFC 6298's smoothed round trip and its mean deviation, in ms. */
interface Smoothed {
  srtt: number;
  rttvar: number;
}

/** Hosts whose estimate is kept; the oldest is forgotten beyond this, and falls back to the scan-wide one. */
const MAX_HOSTS = 65_536;

/**
 * How long a connect should wait, learned from the connects that got an answer (a SYN-ACK, a
 * reset, an ICMP error), the way TCP computes its retransmission timeout (RFC 6298):
 *   SRTT ← 7/8 SRTT + 1/8 R,  RTTVAR ← 3/4 RTTVAR + 1/4 |SRTT − R|,  timeout = SRTT + 4 RTTVAR,
 * the first sample setting SRTT = R and RTTVAR = R/2. One estimate per host, and one across the
 * whole scan for hosts that have not answered yet; before any answer, the initial value. Always
 * between the floor and the ceiling (--timeout).
 *
 * Numbers only, no clock: samples are elapsed times measured by the caller, so tests feed them.
 */
export class RoundTripEstimator {
  private readonly hosts = new Map<string, Smoothed>();
  private scan: Smoothed | null = null;

  constructor(
    private readonly ceilingMs: number,
    private readonly floorMs: number = FLOOR_MS,
    private readonly initialMs: number = INITIAL_MS,
  ) {}

  /** One answered connect to `host` that took `elapsedMs`. */
  sample(host: string, elapsedMs: number): void {
    const r = Math.max(0, elapsedMs);
    this.scan = smooth(this.scan, r);
    const before = this.hosts.get(host);
    if (before === undefined && this.hosts.size >= MAX_HOSTS) this.hosts.delete(this.hosts.keys().next().value!);
    this.hosts.set(host, smooth(before ?? null, r));
  }

  /** The connect timeout for `host` now, in ms (a whole number). */
  timeoutMs(host: string): number {
    const learned = this.hosts.get(host) ?? this.scan;
    const raw = learned ? learned.srtt + 4 * learned.rttvar : this.initialMs;
    return Math.round(Math.min(this.ceilingMs, Math.max(this.floorMs, raw)));
  }
}

function smooth(before: Smoothed | null, r: number): Smoothed {
  if (before === null) return { srtt: r, rttvar: r / 2 };
  return { rttvar: 0.75 * before.rttvar + 0.25 * Math.abs(before.srtt - r), srtt: 0.875 * before.srtt + 0.125 * r };
}
