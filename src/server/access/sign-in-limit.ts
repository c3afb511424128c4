// Failed sign-ins counted per user name and per client address, in this process (one server holds the directory).
// Past the limit an attempt is refused before its password is checked: no guessing, and no scrypt to burn the CPU.

/** Failures a name may have in the window before it is locked. */
export const maxFailuresPerName = 5;
/** Failures one address may have, over any names: higher, since staff behind one office router share it. */
export const maxFailuresPerAddress = 20;
/** How long a failure counts. */
export const failureWindowMs = 15 * 60_000;
/** Past this many names and addresses, those whose failures have all expired are forgotten. */
const forgetAbove = 10_000;

export interface SignInLimit {
  /** Whole seconds until the name, or the address, may try again; 0 when both may try now. */
  retryAfter(name: string, address: string): number;
  /** Counts a failed sign-in against the name and the address. */
  failed(name: string, address: string): void;
  /** The name signed in: its failures no longer count (the address's still do). */
  succeeded(name: string): void;
}

/** A limit with its own memory; `now` is the clock (milliseconds), given by tests. */
export function signInLimit(now: () => number = Date.now): SignInLimit {
  // Per key, the times of its latest failures still in the window, oldest first (never more than the key's limit).
  const failures = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const since = now() - failureWindowMs;
    const times = (failures.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) failures.delete(key);
    else failures.set(key, times);
    return times;
  };
  // Locked while `max` failures are in the window: until the oldest of them leaves it.
  const wait = (key: string, max: number): number => {
    const times = recent(key);
    return times.length < max ? 0 : Math.ceil((times[times.length - max]! + failureWindowMs - now()) / 1000);
  };
  const count = (key: string, max: number) => failures.set(key, [...recent(key), now()].slice(-max));
  const forgetExpired = () => {
    if (failures.size > forgetAbove) for (const key of [...failures.keys()]) recent(key);
  };

  return {
    retryAfter: (name, address) => Math.max(wait(`name:${name}`, maxFailuresPerName), wait(`address:${address}`, maxFailuresPerAddress)),
    failed: (name, address) => {
      forgetExpired();
      count(`name:${name}`, maxFailuresPerName);
      count(`address:${address}`, maxFailuresPerAddress);
    },
    succeeded: (name) => void failures.delete(`name:${name}`),
  };
}
