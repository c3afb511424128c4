// Seeded randomness. The whole enterprise follows from one seed, so a run repeats byte for byte;
// each entity (household, account, web visitor) can draw from its own stream, which keeps results
// independent of how the work is split between threads.

/** Mixes numbers into one 32-bit seed (a murmur3-style finaliser over each part). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    let k = Math.imul(part | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    // parts beyond 32 bits (large counters) still count
    h ^= Math.floor(part / 0x100000000) | 0;
  }
  return finalMix(h);
}

/** The 32-bit finaliser that spreads every input bit over the whole hash. */
function finalMix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mixSeed3(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b ^ 0x7f4a7c15, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ Math.imul((c | 0) ^ 0x165667b1, 0x27d4eb2f) ^ Math.floor(c / 0x100000000);
  return finalMix(h);
}

/** A small fast generator (sfc32) with the draws the demo needs. */
export class Random {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed = 0, stream = 0, entity = 0) {
    this.reseed(seed, stream, entity);
  }

  /**
   * Restarts at the stream for (seed, stream, entity): each kind of entity draws from its own
   * stream, and reusing one instance avoids an allocation per entity in hot loops.
   */
  reseed(seed: number, stream = 0, entity = 0): this {
    seed = mixSeed3(seed, stream, entity);
    this.a = seed;
    this.b = Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) >>> 0;
    this.c = Math.imul(seed ^ 0x68e31da4, 0x165667b1) >>> 0;
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
    return this;
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [low, high], both included. */
  between(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Poisson count with the given mean (Knuth's method; the demo's means are small). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let product = this.next();
    let count = 0;
    while (product > limit) {
      count++;
      product *= this.next();
    }
    return count;
  }
}

/** Draws items in proportion to their weights (cumulative table, binary search). */
export class WeightedTable<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(readonly items: readonly T[], weights: readonly number[]) {
    if (items.length === 0 || items.length !== weights.length) throw new Error('a weighted table needs one weight per item');
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  /** A Zipf-like table: the item at rank r (from 1) weighs 1 / (r + shift)^exponent. */
  static zipf<T>(items: readonly T[], exponent: number, shift = 0): WeightedTable<T> {
    return new WeightedTable(items, items.map((_, i) => 1 / Math.pow(i + 1 + shift, exponent)));
  }

  draw(rng: Random): T {
    const target = rng.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.cumulative[mid]! > target) high = mid;
      else low = mid + 1;
    }
    return this.items[low]!;
  }

  /** The share of draws an item gets. */
  share(index: number): number {
    return (this.cumulative[index]! - (index > 0 ? this.cumulative[index - 1]! : 0)) / this.total;
  }
}

/** The logistic function, to turn a risk score into a probability. */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
