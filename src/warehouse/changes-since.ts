// What the warehouse added after a given run, shaped as ODS rows: current account versions and new contacts.
import type { Duck } from '../duckdb/index.ts';

export function accountChanges(duck: Duck, sinceRun: number) {
  return duck.stream<Record<string, unknown>>(`SELECT source, account_key, customer_id, product_line, product, status, opened_on, closed_on,
      monthly_amount::DOUBLE AS monthly_amount, run_id AS updated_run
    FROM dw.dim_account WHERE is_current AND run_id > $1 ORDER BY source, account_key`, [sinceRun]);
}

/** New contacts, and the contacts of accounts that changed hands (a merge), under the account's current customer. */
export function contactsSince(duck: Duck, sinceRun: number) {
  return duck.stream<Record<string, unknown>>(`SELECT f.source, f.source_key AS contact_key, a.customer_id, f.channel,
      strftime(f.contacted_at, '%Y-%m-%dT%H:%M:%S') AS contacted_at, f.reason, f.outcome, f.is_complaint, f.notes, f.run_id AS loaded_run
    FROM dw.fact_contact f JOIN dw.dim_account a ON a.is_current AND a.source = f.account_source AND a.account_key = f.account_key
    WHERE f.run_id > $1 OR a.run_id > $1 ORDER BY f.source, f.source_key`, [sinceRun]);
}

/**
 * A relation (from_id, customer_id): every customer id a fact may name, with the customer it is with now — itself,
 * or the one it was merged into at the end of a chain of merges. Merged-away ids never come back, so chains end.
 */
export const customerNowOf = `(WITH RECURSIVE chain(from_id, to_id) AS (
    SELECT from_id, to_id FROM dw.customer_merge
    UNION SELECT c.from_id, m.to_id FROM chain c JOIN dw.customer_merge m ON m.from_id = c.to_id)
  SELECT from_id, to_id AS customer_id FROM chain WHERE to_id NOT IN (SELECT from_id FROM dw.customer_merge))`;

/** Joins the customer \`idColumn\` names to the one it is with now, as \`now\` (now.customer_id). */
export const joinCustomerNow = (idColumn: string) => `LEFT JOIN ${customerNowOf} now_of ON now_of.from_id = ${idColumn}
  CROSS JOIN LATERAL (SELECT coalesce(now_of.customer_id, ${idColumn}) AS customer_id) now`;

/** The facts the marts are made of that belong to an account. */
const accountFacts = ['dw.fact_invoice', 'dw.fact_payment', 'dw.fact_contact', 'dw.fact_survey'];

/**
 * Into temp table `into` (customer_id): every customer a run after `sinceRun` touched — a version of theirs made or
 * closed (a merged-away customer, an account that moved to another customer: both ends), a fact of an account
 * they now hold, or a front-line contact of theirs. What is derived per customer from the warehouse needs refreshing for these customers only.
 */
export async function customersChangedSince(duck: Duck, sinceRun: number, into: string): Promise<number> {
  const since = Number(sinceRun);
  await duck.run(`CREATE OR REPLACE TEMP TABLE ${into} AS
    SELECT customer_id FROM dw.dim_customer WHERE run_id > ${since} OR closed_run > ${since}
    UNION SELECT customer_id FROM dw.dim_account WHERE run_id > ${since} OR closed_run > ${since}
    UNION SELECT a.customer_id FROM (${accountFacts.map((f) => `SELECT account_source, account_key FROM ${f} WHERE run_id > ${since}`).join(' UNION ')}) f
      JOIN dw.dim_account a ON a.is_current AND a.source = f.account_source AND a.account_key = f.account_key
    UNION SELECT now.customer_id FROM dw.fact_contact f ${joinCustomerNow('f.customer_id')} WHERE f.run_id > ${since} AND f.account_key IS NULL
    -- a merge moves the merged-away customer's front-line contacts to the one it went to
    UNION SELECT now.customer_id FROM dw.customer_merge f ${joinCustomerNow('f.to_id')}
      WHERE f.run_id > ${since}`);
  return (await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${into}`))?.n ?? 0;
}

/** The first and last day of the facts (of `kinds`: invoice, payment, …) that runs after `sinceRun` added, and their contacts' channels. */
export async function factSpanSince(duck: Duck, sinceRun: number, kinds: string[]): Promise<{ first: string | null; last: string | null; channels: string[] }> {
  const since = Number(sinceRun);
  const facts = kinds.map((kind) => {
    if (!accountFacts.includes(`dw.fact_${kind}`)) throw new Error(`no account fact ${kind}`);
    return `SELECT date_key FROM dw.fact_${kind} WHERE run_id > ${since}`;
  });
  const span = await duck.one<{ first: string | null; last: string | null }>(`SELECT min(d.date)::VARCHAR AS first, max(d.date)::VARCHAR AS last
    FROM (${facts.join(' UNION ALL ')}) f JOIN dw.dim_date d USING (date_key)`);
  const channels = await duck.all<{ channel: string }>(`SELECT DISTINCT channel FROM dw.fact_contact WHERE run_id > ${since} AND channel IS NOT NULL`);
  return { first: span?.first ?? null, last: span?.last ?? null, channels: channels.map((c) => c.channel) };
}
