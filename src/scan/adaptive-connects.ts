import { performance } from 'node:perf_hooks';
import type { ConnectResult } from '../network/tcp-connect.js';
import { startConnect } from '../network/tcp-connect.js';
import { whenAborted } from '../network/when-aborted.js';
import { tryTimeoutMs } from './connect-timing.js';
import type { RoundTripEstimator } from './round-trip-estimator.js';

/** One try of a connect under an adaptive timeout. */
export interface TryResult extends ConnectResult {
  /** Nothing answered within `timeoutMs`. */
  timedOut: boolean;
  /** The timeout this try ended under (for a timed-out try, the one it waited). */
  timeoutMs: number;
}

/** How often in-flight connects are held against their timeout: the precision of every timeout. */
export const TICK_MS = 10;
/**
 * The longest a waiting connect goes without being held against the current estimate: when the
 * first answers shrink the estimate, connects already waiting follow within this.
 */
export const RECHECK_MS = 50;

export interface AdaptiveConnectsOptions {
  /** Monotonic ms; a test seam. */
  now?: () => number;
  /** A test seam; default: a real TCP connect. */
  startConnect?: typeof startConnect;
  /** Runs `tick` after `ms`; a test seam (tests call tick() themselves). */
  setTimer?: (tick: () => void, ms: number) => void;
  /**
   * Runs `expire` after the event loop has read the sockets that are ready: a timeout decided
   * while our process was busy must not beat an answer already waiting to be read.
   */
  afterIo?: (expire: () => void) => void;
}

interface InFlight {
  host: string;
  attempt: number;
  startedAt: number;
  settled: boolean;
  settle: (result: TryResult) => void;
}

/**
 * Connects in flight, with one timeout that follows the round-trip estimate while they wait.
 * No connect has a timer of its own: one ticker (every TICK_MS, only while connects are in
 * flight) takes the connects that are due (each at most every RECHECK_MS, and at its deadline),
 * and holds each against the timeout its host has *now*. So with 1,000 connects started at once,
 * the first resets cut the wait of the 999 others, and a slow first answer lengthens it. Work
 * per tick is the connects due in it, in time buckets of TICK_MS (a timer wheel).
 */
export class AdaptiveConnects {
  private readonly due = new Map<number, InFlight[]>();
  private lastSlot: number;
  private inFlight = 0;
  private ticking = false;
  private readonly now: () => number;
  private readonly start: typeof startConnect;
  private readonly setTimer: (tick: () => void, ms: number) => void;
  private readonly afterIo: (expire: () => void) => void;

  constructor(
    private readonly estimator: RoundTripEstimator,
    private readonly ceilingMs: number,
    options: AdaptiveConnectsOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.start = options.startConnect ?? startConnect;
    this.setTimer = options.setTimer ?? ((tick, ms) => setTimeout(tick, ms));
    this.afterIo = options.afterIo ?? ((expire) => setImmediate(expire));
    this.lastSlot = this.slot(this.now()) - 1;
  }

  /** Connects in flight now (a test seam, and a check that none is forgotten). */
  get pending(): number {
    return this.inFlight;
  }

  /** Try number `attempt` (1 = the first) of a connect to address:port; never rejects. */
  readonly tryConnect = (address: string, port: number, attempt: number, stop?: AbortSignal): Promise<TryResult> =>
    new Promise((resolve) => {
      const startedAt = this.now();
      let cancel = (): void => {};
      let release = (): void => {};
      const entry: InFlight = {
        host: address,
        attempt,
        startedAt,
        settled: false,
        settle: (result) => {
          if (entry.settled) return;
          entry.settled = true;
          this.inFlight--;
          release();
          cancel();
          resolve(result);
        },
      };
      this.inFlight++;
      release = whenAborted(stop, () => entry.settle({ state: 'error', detail: `${String(stop!.reason)} before TCP connect finished`, timedOut: false, timeoutMs: this.timeoutOf(entry) }));
      if (entry.settled) return;
      this.schedule(entry, startedAt + Math.min(this.timeoutOf(entry), RECHECK_MS));
      cancel = this.start(address, port, (answer) => {
        if (entry.settled) return;
        if (answer.fromNetwork) this.estimator.sample(address, this.now() - startedAt);
        entry.settle({ state: answer.state, detail: answer.detail, timedOut: false, timeoutMs: this.timeoutOf(entry) });
      });
      this.keepTicking();
    });

  /** Holds the connects that are due against their current timeout. Called by the ticker; tests call it directly. */
  tick(): void {
    const now = this.now();
    const current = this.slot(now);
    const expired: [InFlight, number][] = [];
    const from = this.lastSlot + 1;
    // Set first: what is put back below must land in a later tick, never in a bucket already taken.
    this.lastSlot = current;
    for (let slot = from; slot <= current; slot++) {
      const entries = this.due.get(slot);
      if (!entries) continue;
      this.due.delete(slot);
      for (const entry of entries) {
        if (entry.settled) continue;
        const timeoutMs = this.timeoutOf(entry);
        const deadline = entry.startedAt + timeoutMs;
        if (now >= deadline) expired.push([entry, timeoutMs]);
        else this.schedule(entry, Math.min(deadline, now + RECHECK_MS));
      }
    }
    if (expired.length > 0) {
      this.afterIo(() => {
        for (const [entry, timeoutMs] of expired) {
          entry.settle({ state: 'filtered', detail: `no answer to TCP connect within ${timeoutMs} ms`, timedOut: true, timeoutMs });
        }
      });
    }
  }

  private timeoutOf(entry: InFlight): number {
    return tryTimeoutMs(this.estimator.timeoutMs(entry.host), entry.attempt, this.ceilingMs);
  }

  private slot(at: number): number {
    return Math.floor(at / TICK_MS);
  }

  /** In the bucket of `at`, or the next tick's when that bucket has been taken already. */
  private schedule(entry: InFlight, at: number): void {
    const slot = Math.max(this.slot(at), this.lastSlot + 1);
    const entries = this.due.get(slot);
    if (entries) entries.push(entry);
    else this.due.set(slot, [entry]);
  }

  /** One ticker while anything is in flight; none when idle, so a finished scan can exit. */
  private keepTicking(): void {
    if (this.ticking) return;
    this.ticking = true;
    // After an idle spell, the slots passed while idle hold nothing: start from now.
    this.lastSlot = Math.max(this.lastSlot, this.slot(this.now()) - 1);
    const loop = (): void => {
      this.tick();
      if (this.inFlight > 0) return this.setTimer(loop, TICK_MS);
      // Nothing in flight: whatever the buckets still hold has settled.
      this.due.clear();
      this.ticking = false;
    };
    this.setTimer(loop, TICK_MS);
  }
}
