// Record keys in each system's own scheme (S00012345, LD7654321, CB-000123, …). Keys come from a
// counter passed through a keyed permutation, so they look issued rather than sequential and never
// collide; a key from a counter beyond what the run uses is one the system never issued.
import { mixSeed } from './random.ts';
import type { ProductLine } from './product-catalogue.ts';

export class KeySequence {
  private issued = 0;
  private readonly modulus: number;
  private readonly halfBits: number;
  private readonly roundKeys: number[];

  constructor(private readonly prefix: string, private readonly width: number, seed: number) {
    this.modulus = 10 ** width;
    // a Feistel network over the smallest even number of bits that covers 10^width; values that land
    // outside the range are walked through the permutation again until they fall inside (cycle walking)
    this.halfBits = Math.ceil(Math.ceil(Math.log2(this.modulus)) / 2);
    this.roundKeys = [0, 1, 2, 3].map((round) => mixSeed(seed, 101, round, width, prefix.charCodeAt(0), prefix.length));
  }

  next(): string {
    return this.format(this.issued++);
  }

  /** The k-th key from the top of the counter range: a well-formed key no record holds. */
  unissued(k: number): string {
    return this.format(this.modulus - 1 - k);
  }

  private format(counter: number): string {
    let value = counter;
    do value = this.scramble(value);
    while (value >= this.modulus);
    return this.prefix + String(value).padStart(this.width, '0');
  }

  private scramble(value: number): number {
    const half = 2 ** this.halfBits;
    let left = Math.floor(value / half);
    let right = value % half;
    for (const key of this.roundKeys) {
      const next = ((left ^ roundHash(key, right)) >>> 0) % half;
      left = right;
      right = next;
    }
    return left * half + right;
  }
}

function roundHash(key: number, value: number): number {
  let h = Math.imul(value ^ key, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  return h >>> 0;
}

export interface SystemKeys {
  customers: Record<ProductLine, KeySequence>;
  accounts: Record<ProductLine, KeySequence>;
}

/** Key sequences wide enough for `persons` (the examples' widths at least), leaving most keys unissued. */
export function systemKeys(seed: number, persons: number): SystemKeys {
  const needed = String(persons * 8 + 1000).length;
  const width = (minimum: number) => Math.max(minimum, needed);
  return {
    customers: {
      cellular: new KeySequence('S', width(8), seed),
      long_distance: new KeySequence('LD', width(7), seed),
      cable: new KeySequence('CB-', width(6), seed),
    },
    accounts: {
      cellular: new KeySequence('CEL-', width(10), seed),
      long_distance: new KeySequence('LD-A-', width(6), seed),
      cable: new KeySequence('CATV', width(7), seed),
    },
  };
}
