// Seconds spent in each step of a run, for the summary: where the time goes is part of the answer.
export type StepTimes = Record<string, number>;

export function stepTimer(times: StepTimes = {}): { lap(step: string): void; skip(): void; times: StepTimes } {
  let last = performance.now();
  return {
    times,
    lap(step) {
      const now = performance.now();
      times[step] = Math.round((times[step] ?? 0) * 1000 + (now - last)) / 1000;
      last = now;
    },
    /** Starts the next step now: the time since the last lap was counted elsewhere. */
    skip() {
      last = performance.now();
    },
  };
}
