import { whenAborted } from './when-aborted.js';

export interface AnswerBounds<T> {
  timeoutMs: number;
  /** The answer when `timeoutMs` passes first. */
  timedOut: () => T;
  /** The endpoint's deadline or the scan's interrupt. */
  stop?: AbortSignal;
  /** The answer when `stop` aborts first, with the signal's reason. */
  stopped: (reason: string) => T;
  /** Runs once the answer is decided, whichever way: close the socket. */
  cleanup: () => void;
}

/**
 * One answer from a socket conversation, whichever comes first: the conversation's own (through
 * `settle`), its time limit, or the stop signal. Later events are ignored, the timer and the abort
 * listener are removed, and `cleanup` runs exactly once. `start` is not called when `stop` has
 * already aborted, so nothing is sent after an interrupt.
 */
export function boundedAnswer<T>(bounds: AnswerBounds<T>, start: (settle: (answer: T) => void) => void): Promise<T> {
  return new Promise((resolve) => {
    let settled = false;
    let release = (): void => {};
    const settle = (answer: T): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      release();
      bounds.cleanup();
      resolve(answer);
    };
    const timer = setTimeout(() => settle(bounds.timedOut()), bounds.timeoutMs);
    release = whenAborted(bounds.stop, () => settle(bounds.stopped(String(bounds.stop!.reason))));
    if (!settled) start(settle);
  });
}
