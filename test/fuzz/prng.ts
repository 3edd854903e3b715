/**
 * A small seeded PRNG (mulberry32). Math.random cannot be seeded, and a fuzz case that cannot
 * be made again cannot be debugged. Each case gets its own generator from (seed, case index),
 * so `--replay 81234` rebuilds case 81234 without running the 81233 before it.
 */

export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The generator for one case of a run. */
  static forCase(seed: number, caseIndex: number): Prng {
    // Two rounds of a 32-bit integer hash (lowbias32) so neighbouring cases start far apart.
    let hash = (Math.imul(seed >>> 0, 0x9e3779b1) ^ caseIndex) >>> 0;
    for (let round = 0; round < 2; round++) {
      hash ^= hash >>> 16;
      hash = Math.imul(hash, 0x7feb352d);
      hash ^= hash >>> 15;
      hash = Math.imul(hash, 0x846ca68b);
      hash ^= hash >>> 16;
    }
    return new Prng(hash);
  }

  /** Uniform in [0, 2^32). */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform integer in [0, limit); limit must be at least 1. */
  below(limit: number): number {
    return Math.floor((this.nextUint32() / 0x1_0000_0000) * limit);
  }

  /** Uniform integer in [low, high]. */
  between(low: number, high: number): number {
    return low + this.below(high - low + 1);
  }

  chance(probability: number): boolean {
    return this.nextUint32() / 0x1_0000_0000 < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }

  bytes(count: number): Buffer {
    const out = Buffer.alloc(count);
    for (let i = 0; i < count; i++) out[i] = this.nextUint32() & 0xff;
    return out;
  }

  /** Small sizes most of the time, occasionally large: edge cases sit near 0 and 1-2 byte lengths. */
  skewedSize(max: number): number {
    const bits = this.below(Math.ceil(Math.log2(max + 1)) + 1);
    return Math.min(max, this.below(2 ** bits));
  }
}
