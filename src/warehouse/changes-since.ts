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
