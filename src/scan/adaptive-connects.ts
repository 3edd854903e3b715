import { performance } from 'node:perf_hooks';
import type { ConnectResult } from '../network/tcp-connect.js';
import { startConnect } from '../network/tcp-connect.js';
import { whenAborted } from '../network/when-aborted.js';
import { connectSchedule, TRIES, type ConnectSchedule } from './connect-timing.js';
import type { RoundTripEstimator } from './round-trip-estimator.js';

/** How often probes in flight are held against their schedule: the precision of every timeout. */
export const TICK_MS = 10;
/**
 * The longest a waiting probe goes without being held against the current estimate: when the
 * first answers shrink the estimate, probes already waiting follow within this.
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

/** One probe: up to TRIES sockets to the same port, all open until the first answer or the deadline. */
interface Probe {
  host: string;
  port: number;
  startedAt: number;
  /** When each try was started, ms after startedAt (for the filtered detail). */
  triesAt: number[];
  /** Closes each socket still open. */
  cancels: (() => void)[];
  settled: boolean;
  settle: (result: ConnectResult) => void;
}

/**
 * Probes in flight under adaptive timeouts, with overlapping tries (connect-timing.ts has the
 * schedule and why). No probe has a timer of its own: one ticker (every TICK_MS, only while
 * probes are in flight) takes the probes that are due (each at most every RECHECK_MS, at its
 * next try and at its deadline), and holds each against the schedule its host has *now*. So
 * with 1,000 probes started at once, the first resets cut the wait of the 999 others, and a slow
 * first answer lengthens it. Work per tick is the probes due in it, in time buckets of TICK_MS
 * (a timer wheel).
 */
export class AdaptiveConnects {
  private readonly due = new Map<number, Probe[]>();
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

  /** Probes in flight now (a test seam, and a check that none is forgotten). */
  get pending(): number {
    return this.inFlight;
  }

  /**
   * A connect to address:port under the adaptive schedule; never rejects. Same signature as
   * tcpConnect, so probeEndpoint does not know; the limit is the ceiling given at construction
   * (--timeout), not `_timeoutMs`.
   */
  readonly connect = (address: string, port: number, _timeoutMs?: number, stop?: AbortSignal): Promise<ConnectResult> =>
    new Promise((resolve) => {
      let release = (): void => {};
      const probe: Probe = {
        host: address,
        port,
        startedAt: this.now(),
        triesAt: [],
        cancels: [],
        settled: false,
        settle: (result) => {
          if (probe.settled) return;
          probe.settled = true;
          this.inFlight--;
          release();
          for (const cancel of probe.cancels) cancel();
          resolve(result);
        },
      };
      this.inFlight++;
      release = whenAborted(stop, () => probe.settle({ state: 'error', detail: `${String(stop!.reason)} before TCP connect finished` }));
      if (probe.settled) return;
      this.startTry(probe);
      if (probe.settled) return;
      const { intervalMs, deadlineMs } = this.scheduleOf(probe);
      this.schedule(probe, probe.startedAt + Math.min(intervalMs, deadlineMs, RECHECK_MS));
      this.keepTicking();
    });

  /** Holds the probes that are due against their current schedule. Called by the ticker; tests call it directly. */
  tick(): void {
    const now = this.now();
    const current = this.slot(now);
    const expired: [Probe, number][] = [];
    const from = this.lastSlot + 1;
    // Set first: what is put back below must land in a later tick, never in a bucket already taken.
    this.lastSlot = current;
    for (let slot = from; slot <= current; slot++) {
      const probes = this.due.get(slot);
      if (!probes) continue;
      this.due.delete(slot);
      for (const probe of probes) {
        if (probe.settled) continue;
        const { intervalMs, deadlineMs } = this.scheduleOf(probe);
        const nextTry = (): number => (probe.triesAt.length < TRIES ? probe.startedAt + probe.triesAt.length * intervalMs : Infinity);
        // Every try that is due goes now, even two at once when our event loop was late: each
        // is one more chance against loss.
        while (!probe.settled && now >= nextTry()) this.startTry(probe);
        if (probe.settled) continue;
        // When our event loop was so late that the last try went out less than one interval
        // before the deadline, that try still gets one interval (the estimate: what a try needs
        // to be answered); never past --timeout. On time, it gets two.
        const lastTryAt = probe.triesAt.length === TRIES ? probe.triesAt[TRIES - 1]! : 0;
        const deadlineAfterStart = Math.max(deadlineMs, Math.min(this.ceilingMs, Math.round(lastTryAt + intervalMs)));
        const deadline = probe.startedAt + deadlineAfterStart;
        if (now >= deadline) expired.push([probe, Math.round(deadlineAfterStart)]);
        else this.schedule(probe, Math.min(deadline, nextTry(), now + RECHECK_MS));
      }
    }
    if (expired.length > 0) {
      this.afterIo(() => {
        for (const [probe, deadlineMs] of expired) probe.settle({ state: 'filtered', detail: filteredDetail(deadlineMs, probe.triesAt) });
      });
    }
  }

  /**
   * One more try, on a socket of its own. Its round trip is timed from when its SYN left (the
   * `sent` callback), so each socket's sample is its own, never confused with another try's
   * (Karn's problem does not arise: every try has its own socket).
   */
  private startTry(probe: Probe): void {
    const startedAt = this.now();
    let sentAt = startedAt;
    const first = probe.triesAt.length === 0;
    probe.triesAt.push(startedAt - probe.startedAt);
    const cancel = this.start(
      probe.host,
      probe.port,
      (answer) => {
        if (probe.settled) return;
        if (!answer.fromNetwork && !first) {
          // This machine could not make an extra try (say EMFILE): the earlier ones still wait.
          probe.triesAt.splice(probe.triesAt.indexOf(startedAt - probe.startedAt), 1);
          return;
        }
        if (answer.fromNetwork) this.estimator.sample(probe.host, this.now() - sentAt);
        probe.settle({ state: answer.state, detail: answer.detail });
      },
      () => (sentAt = this.now()),
    );
    probe.cancels.push(cancel);
  }

  private scheduleOf(probe: Probe): ConnectSchedule {
    return connectSchedule(this.estimator.timeoutMs(probe.host), this.ceilingMs);
  }

  private slot(at: number): number {
    return Math.floor(at / TICK_MS);
  }

  /** In the bucket of `at`, or the next tick's when that bucket has been taken already. */
  private schedule(probe: Probe, at: number): void {
    const slot = Math.max(this.slot(at), this.lastSlot + 1);
    const probes = this.due.get(slot);
    if (probes) probes.push(probe);
    else this.due.set(slot, [probe]);
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

/**
 * Starts as it always did (readers match on it), then says that the timeout was adaptive and
 * when each try (a socket of its own) was started, e.g. "no answer to TCP connect within 200 ms
 * (adaptive; 3 overlapping tries at 0, 50, 100 ms)". Tries, not SYNs: on a long deadline the
 * kernel resends a try's SYN itself (after 1 s).
 */
export function filteredDetail(deadlineMs: number, triesAt: number[]): string {
  const tries = triesAt.length === 1 ? '1 try' : `${triesAt.length} overlapping tries at ${triesAt.map((at) => Math.round(at)).join(', ')} ms`;
  return `no answer to TCP connect within ${deadlineMs} ms (adaptive; ${tries})`;
}
