// Contacts the front line logs (calls, branch visits, responses to offers) live first in the ODS; a run takes them
// into dw.fact_contact like any source's, so the marts count them. They name a customer, not an account: the marts
// find the customer they are with now through dw.customer_merge.
import type { Duck } from '../duckdb/index.ts';

/** A contact logged on the front line, as the run reads it from the ODS. */
export interface FrontLineContact {
  changeId: number;
  contactKey: string;
  customerId: number;
  channel: string | null;
  contactedAt: string;
  reason: string | null;
  outcome: string | null;
  isComplaint: boolean;
  notes: string | null;
}

export const frontLineContactSource = 'frontline';

const columns = ['source_key', 'customer_id', 'contacted_at', 'channel', 'reason', 'outcome', 'is_complaint', 'notes'] as const;

/** Appends the contacts not already in the warehouse (a run that failed after reading them reads them again). Returns how many. */
export async function loadFrontLineContacts(duck: Duck, runId: number, pages: AsyncIterable<FrontLineContact[]>): Promise<number> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE dw_frontline_in (source_key VARCHAR, customer_id INTEGER, contacted_at VARCHAR, channel VARCHAR,
    reason VARCHAR, outcome VARCHAR, is_complaint BOOLEAN, notes VARCHAR)`);
  for await (const page of pages) {
    if (page.length === 0) continue;
    const rows = page.map((c) => [c.contactKey, c.customerId, new Date(c.contactedAt).toISOString(), c.channel, c.reason, c.outcome, c.isComplaint, c.notes]);
    await duck.append({ name: 'dw_frontline_in', catalog: 'temp' }, columns.map((_, i) => rows.map((r) => r[i]!)) as never);
  }
  const before = await duck.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM dw.fact_contact');
  // Times are UTC in the ODS; the warehouse keeps them as they were written there.
  await duck.run(`INSERT INTO dw.fact_contact (run_id, source, source_key, account_source, account_key, customer_id, date_key, contacted_at,
      channel, reason, outcome, is_complaint, notes)
    SELECT $1, '${frontLineContactSource}', i.source_key, NULL, NULL, i.customer_id, strftime(t.at, '%Y%m%d')::INTEGER, t.at,
      i.channel, i.reason, i.outcome, i.is_complaint, i.notes
    FROM dw_frontline_in i, LATERAL (SELECT replace(i.contacted_at, 'Z', '')::TIMESTAMP AS at) t
    WHERE NOT EXISTS (SELECT 1 FROM dw.fact_contact f WHERE f.source = '${frontLineContactSource}' AND f.source_key = i.source_key)`, [runId]);
  const after = await duck.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM dw.fact_contact');
  await duck.run('DROP TABLE dw_frontline_in');
  return (after?.n ?? 0) - (before?.n ?? 0);
}

/** The front-line contacts each run after `sinceRun` took, to be marked so in the ODS (the contact key is FL-<change id>). */
export async function frontLineContactsTakenSince(duck: Duck, sinceRun: number): Promise<{ changeId: number; runId: number }[]> {
  const rows = await duck.all<{ change_id: number; run_id: number }>(
    `SELECT substr(source_key, 4)::DOUBLE AS change_id, run_id FROM dw.fact_contact
     WHERE source = '${frontLineContactSource}' AND run_id > $1 AND source_key LIKE 'FL-%' ORDER BY change_id`, [sinceRun]);
  return rows.map((r) => ({ changeId: r.change_id, runId: r.run_id }));
}
