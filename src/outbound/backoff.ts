// When to try a failed delivery again: doubling waits, capped, with jitter so a system that comes back is not
// hit by every waiting delivery in the same second.

export interface Backoff {
  /** The wait after the first failure. */
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: Backoff = { baseMs: 1_000, maxMs: 60 * 60_000 };

/** The wait after the attempt numbered `attempts` (1 for the first) failed: base · 2^(attempts−1), capped, ±20 %. */
export function retryDelay(attempts: number, backoff: Backoff = defaultBackoff, random: () => number = Math.random): number {
  const exponential = Math.min(backoff.baseMs * 2 ** Math.max(attempts - 1, 0), backoff.maxMs);
  return Math.round(exponential * (0.8 + 0.4 * random()));
}
