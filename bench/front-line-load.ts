// The front line as load: virtual readers that search and open the first hit, and writers that change an address
// with the version they read (reading again on a 409), each looping without pause over HTTP keep-alive (fetch).
// Latencies are recorded for operations that start after the warm-up and before the end.
import { kindWeights, type SearchKind, type Workload } from './front-line-workload.ts';

export type Operation = 'search' | 'screen' | 'write';

export interface LoadOptions {
  url: string;
  token: string;
  workload: Workload;
  readers: number;
  writers: number;
  warmupSeconds: number;
  seconds: number;
  seed?: number;
}

export interface LoadResult {
  seconds: number;
  latencies: Record<Operation, number[]>;
  searchByKind: Record<SearchKind, number[]>;
  /** Searches whose first page held the customer the term was taken from. */
  found: number;
  /** Searches with no hit at all (nothing to open). */
  empty: number;
  /** Writes refused because another writer changed the customer first (409), each followed by a fresh read. */
  conflicts: number;
  errors: number;
  firstError?: string;
}

export interface Summary {
  count: number;
  medianMs: number;
  p99Ms: number;
  perSecond: number;
}

/** Nearest-rank percentiles of the recorded latencies, and operations per second over the measured time. */
export function summarize(latencies: number[], seconds: number): Summary {
  const sorted = Float64Array.from(latencies).sort();
  const at = (p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!);
  return { count: sorted.length, medianMs: at(0.5), p99Ms: at(0.99), perSecond: seconds > 0 ? sorted.length / seconds : 0 };
}

// mulberry32: a small seeded generator, so every run (and both engines) draws the same sequence of requests.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The address the writers set: the customer's own with " REAR" added, or taken off again, so data stays near what it was. */
export function toggledAddress(address: string): string {
  return address.endsWith(' REAR') ? address.slice(0, -' REAR'.length) : `${address} REAR`;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { url, token, workload } = options;
  const headers = { authorization: `Bearer ${token}` };
  const byKind = new Map<SearchKind, Workload['searches']>();
  for (const s of workload.searches) {
    if (!byKind.has(s.kind)) byKind.set(s.kind, []);
    byKind.get(s.kind)!.push(s);
  }
  const kinds = (Object.keys(kindWeights) as SearchKind[]).filter((k) => byKind.has(k));
  if (kinds.length === 0 && options.readers > 0) throw new Error('the workload has no search terms: is the ODS empty?');
  const totalWeight = kinds.reduce((n, k) => n + kindWeights[k], 0);

  const result: LoadResult = {
    seconds: options.seconds,
    latencies: { search: [], screen: [], write: [] },
    searchByKind: { name: [], phone: [], email: [], 'source key': [], address: [] },
    found: 0,
    empty: 0,
    conflicts: 0,
    errors: 0,
  };
  const started = performance.now();
  const measureFrom = started + options.warmupSeconds * 1000;
  const end = measureFrom + options.seconds * 1000;
  const measured = (t0: number) => t0 >= measureFrom && t0 < end;

  const fail = (what: string, status: number, body: unknown) => {
    result.errors++;
    result.firstError ??= `${what}: ${status} ${JSON.stringify(body).slice(0, 200)}`;
  };

  /** One request, body read and parsed: the time a screen waits for it. */
  const request = async (path: string, init: RequestInit = {}): Promise<{ status: number; body: any; ms: number; t0: number }> => {
    const t0 = performance.now();
    let status = 0;
    let text: string;
    try {
      const res = await fetch(url + path, { ...init, headers: { ...headers, ...(init.body ? { 'content-type': 'application/json' } : {}) } });
      status = res.status;
      text = await res.text();
    } catch (error) {
      // the server went away: an error to report, not a crash of the benchmark
      text = ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message;
    }
    const ms = performance.now() - t0;
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // an error page that is not JSON is reported as text
    }
    return { status, body, ms, t0 };
  };

  const reader = async (seed: number) => {
    const next = random(seed);
    while (performance.now() < end) {
      let roll = next() * totalWeight;
      const kind = kinds.find((k) => (roll -= kindWeights[k]) < 0) ?? kinds[kinds.length - 1]!;
      const terms = byKind.get(kind)!;
      const term = terms[Math.floor(next() * terms.length)]!;
      const search = await request(`/api/customers?q=${encodeURIComponent(term.q)}`);
      if (search.status !== 200) {
        fail(`search ${term.q}`, search.status, search.body);
        continue;
      }
      const items = (search.body as { items: { customer_id: number }[] }).items;
      if (measured(search.t0)) {
        result.latencies.search.push(search.ms);
        result.searchByKind[kind].push(search.ms);
        if (items.some((h) => h.customer_id === term.customerId)) result.found++;
        if (items.length === 0) result.empty++;
      }
      if (items.length === 0) continue;
      const screen = await request(`/api/customers/${items[0]!.customer_id}`);
      if (screen.status !== 200) fail(`customer ${items[0]!.customer_id}`, screen.status, screen.body);
      else if (measured(screen.t0)) result.latencies.screen.push(screen.ms);
    }
  };

  const writer = async (seed: number) => {
    const next = random(seed);
    while (workload.writable.length > 0 && performance.now() < end) {
      const id = workload.writable[Math.floor(next() * workload.writable.length)]!;
      let read = await request(`/api/customers/${id}`);
      for (let attempt = 0; attempt < 5 && read.status === 200; attempt++) {
        const { version, customer } = read.body as { version: number; customer: { customer_id: number; address_line: string | null } };
        if (customer.address_line === null) break;
        const write = await request(`/api/customers/${customer.customer_id}`, {
          method: 'PATCH',
          body: JSON.stringify({ version, address_line: toggledAddress(customer.address_line) }),
        });
        if (write.status === 200) {
          if (measured(write.t0)) result.latencies.write.push(write.ms);
          break;
        }
        if (write.status !== 409) {
          fail(`write ${id}`, write.status, write.body);
          break;
        }
        result.conflicts++;
        read = await request(`/api/customers/${id}`);
      }
      if (read.status !== 200) fail(`customer ${id}`, read.status, read.body);
    }
  };

  const seed = options.seed ?? 1;
  await Promise.all([
    ...Array.from({ length: options.readers }, (_, i) => reader(seed * 1000 + i)),
    ...Array.from({ length: options.writers }, (_, i) => writer(seed * 1000 + 500 + i)),
  ]);
  return result;
}
