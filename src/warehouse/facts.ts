// Appends this run's activity to the facts. A row already loaded (the same source and key, from a file that was
// delivered again) is not loaded twice, so facts are never rewritten and runs stay idempotent.
import type { Duck } from '../duckdb/index.ts';

const accountCustomer = `LEFT JOIN staging.account a ON a.source = b.account_source AND a.source_key = b.account_key
  LEFT JOIN identity.xref x ON x.source = a.source AND x.source_key = a.customer_key`;

export async function loadFacts(duck: Duck, runId: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const load = async (fact: string, select: string) => {
    const before = await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM dw.${fact}`);
    await duck.run(`INSERT INTO dw.${fact} SELECT * FROM (${select}) n ANTI JOIN dw.${fact} f USING (source, source_key)`, [runId]);
    const after = await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM dw.${fact}`);
    counts[fact] = (after?.n ?? 0) - (before?.n ?? 0);
  };
  for (const [fact, kind] of [['fact_invoice', 'invoice'], ['fact_payment', 'payment']] as const) {
    await load(fact, `SELECT $1::INTEGER AS run_id, b.source, b.source_key, b.account_source, b.account_key, x.customer_id,
      strftime(b.posted_on, '%Y%m%d')::INTEGER AS date_key, b.amount
      FROM staging.billing b ${accountCustomer} WHERE b.kind = '${kind}'`);
  }
  await load('fact_contact', `SELECT $1::INTEGER AS run_id, b.source, b.source_key, b.account_source, b.account_key, x.customer_id,
    strftime(b.contacted_at, '%Y%m%d')::INTEGER, b.contacted_at, b.channel, b.reason, b.outcome, coalesce(b.is_complaint, false), b.notes
    FROM staging.contact b ${accountCustomer}`);
  await load('fact_survey', `SELECT $1::INTEGER AS run_id, b.source, b.source_key, b.account_source, b.account_key, x.customer_id,
    strftime(b.answered_on, '%Y%m%d')::INTEGER, b.score, b.comment
    FROM staging.survey b ${accountCustomer}`);

  // Web events name no account: an e-mail we know, or a cookie once seen with one, tells whose they are.
  await duck.run(`CREATE OR REPLACE TEMP TABLE dw_email_customer AS
    SELECT DISTINCT ON (c.email) c.email, x.customer_id FROM staging.customer c JOIN identity.xref x USING (source, source_key)
    WHERE c.email IS NOT NULL ORDER BY c.email, x.customer_id`);
  await duck.run(`INSERT INTO dw.cookie_customer
    SELECT DISTINCT ON (e.cookie) e.cookie, m.customer_id, $1 FROM staging.event e JOIN dw_email_customer m USING (email)
    WHERE e.cookie IS NOT NULL AND e.cookie NOT IN (SELECT cookie FROM dw.cookie_customer) ORDER BY e.cookie, e.occurred_at`, [runId]);
  await load('fact_event', `SELECT $1::INTEGER AS run_id, e.source, e.source_key, coalesce(m.customer_id, k.customer_id),
    strftime(e.occurred_at, '%Y%m%d')::INTEGER, e.occurred_at, e.cookie, e.event_type, e.page
    FROM staging.event e LEFT JOIN dw_email_customer m USING (email) LEFT JOIN dw.cookie_customer k USING (cookie)`);
  return counts;
}
