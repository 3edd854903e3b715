import { setTimeout as sleep } from 'node:timers/promises';

/**
 * --rate: at most `perSecond` probes start per second, across all workers. Each probe takes
 * the next free slot on one shared schedule, so bursts are impossible however many workers
 * wait: politeness toward IDS thresholds and thin WAN links, not just an average.
 */
export function rateLimiter(perSecond: number, now: () => number = Date.now): () => Promise<void> {
  const interval = 1000 / perSecond;
  let nextSlot = 0;
  return async () => {
    const current = now();
    const slot = Math.max(current, nextSlot);
    nextSlot = slot + interval;
    const wait = slot - current;
    if (wait >= 1) await sleep(wait);
  };
}
