// What the front-line benchmark asks for: search terms taken from a sample of real rows (names, phones as a caller
// reads them out, e-mails, source keys), and customers for the writers to change. Sampled with TABLESAMPLE, so
// picking them costs a few pages at any size, never a read of every customer.
import type { Ods } from '../src/ods/index.ts';

/** The agent the benchmark signs in as. */
export const benchUser = 'bench-agent';

export type SearchKind = 'name' | 'phone' | 'email' | 'source key' | 'address';

export interface Workload {
  /** Each term with the customer it was taken from, to check that the search finds them. */
  searches: { kind: SearchKind; q: string; customerId: number }[];
  /** Customers with an address, whose address the writers change back and forth. */
  writable: number[];
}

/** How often a front-line search is of each kind: callers are found by name or phone mostly. */
export const kindWeights: Record<SearchKind, number> = { name: 0.35, phone: 0.3, email: 0.1, 'source key': 0.15, address: 0.1 };

/** A phone in E.164 as a caller would say it: North American numbers in their national form. */
export function spoken(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  if (e164.startsWith('+1') && digits.length === 11) return `(${digits.slice(1, 4)}) ${digits.slice(4, 7)}-${digits.slice(7)}`;
  return e164;
}

async function rowsEstimate(ods: Ods, table: string): Promise<number> {
  const [row] = await ods.query<{ n: number }>(`select reltuples::float8 as n from pg_class where relname = $1`, [table]);
  if (row && row.n > 0) return row.n;
  const [counted] = await ods.query<{ n: number }>(`select count(*)::float8 as n from ${table}`);
  return counted?.n ?? 0;
}

/** A sample of about `n` rows of a table: a few percent of its pages, then a fixed shuffle (the same rows every time). */
async function sample<T>(ods: Ods, table: string, columns: string, n: number, key: string): Promise<T[]> {
  const rows = await rowsEstimate(ods, table);
  if (rows === 0) return [];
  const percent = Math.min(100, (100 * 4 * n) / rows);
  return ods.query<T>(`select ${columns} from ${table} tablesample system (${percent}) repeatable (7) order by md5(${key}) limit ${n}`);
}

export async function sampleWorkload(ods: Ods, n = 500): Promise<Workload> {
  const customers = await sample<{ customer_id: number; given_name: string | null; family_name: string | null; address_line: string | null;
    phone: string | null; email: string | null }>(
    ods, 'customer', `customer_id, given_name, family_name, address_line, phones->0->>'value' as phone, emails->0->>'value' as email`, n,
    'customer_id::text');
  const sources = await sample<{ customer_id: number; source_key: string }>(ods, 'customer_source', 'customer_id, source_key', n, 'source || source_key');
  const searches: Workload['searches'] = [];
  for (const c of customers) {
    if (c.given_name && c.family_name) searches.push({ kind: 'name', q: `${c.given_name} ${c.family_name}`, customerId: c.customer_id });
    if (c.phone) searches.push({ kind: 'phone', q: spoken(c.phone), customerId: c.customer_id });
    if (c.email) searches.push({ kind: 'email', q: c.email, customerId: c.customer_id });
    // the street and number, as a caller says where they live
    if (c.address_line && /^\d/.test(c.address_line)) searches.push({ kind: 'address', q: c.address_line, customerId: c.customer_id });
  }
  for (const s of sources) searches.push({ kind: 'source key', q: s.source_key, customerId: s.customer_id });
  return { searches, writable: customers.filter((c) => c.address_line).map((c) => c.customer_id) };
}
