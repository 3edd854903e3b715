/**
 * Runs `onAbort` once when `signal` aborts, at once if it already has. Returns the undo, to call
 * when the work ends first, so a long-lived signal (the scan's interrupt) does not collect one
 * stale listener per probe.
 */
export function whenAborted(signal: AbortSignal | undefined, onAbort: () => void): () => void {
  if (!signal) return () => {};
  if (signal.aborted) {
    onAbort();
    return () => {};
  }
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}
