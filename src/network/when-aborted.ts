/**
 * The callbacks waiting on each signal, behind one 'abort' listener per signal. The scan's
 * interrupt signal is shared by every probe in flight, thousands at once with the default
 * concurrency; EventTarget looks through all its listeners on every add and remove (it refuses
 * duplicates), which made a /16 sweep at -c 4096 spend a third of its main thread there.
 */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Runs `onAbort` once when `signal` aborts, at once if it already has. Returns the undo, to call
 * when the work ends first, so a long-lived signal (the scan's interrupt) does not collect one
 * stale callback per probe.
 */
export function whenAborted(signal: AbortSignal | undefined, onAbort: () => void): () => void {
  if (!signal) return () => {};
  if (signal.aborted) {
    onAbort();
    return () => {};
  }
  let callbacks = waiting.get(signal);
  if (!callbacks) {
    const created = new Set<() => void>();
    callbacks = created;
    waiting.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        waiting.delete(signal);
        for (const callback of created) {
          try {
            callback();
          } catch (error) {
            // As a listener's own exception would: reported, without skipping the callbacks after it.
            queueMicrotask(() => {
              throw error;
            });
          }
        }
        created.clear();
      },
      { once: true },
    );
  }
  // A fresh function per call: the same onAbort given twice runs twice, and each undo removes its own.
  const entry = (): void => onAbort();
  callbacks.add(entry);
  const registered = callbacks;
  return () => {
    registered.delete(entry);
  };
}
