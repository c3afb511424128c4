// Type-2 history of customers, households and accounts: a changed customer or account closes its current version
// (valid_to = this run's time, closed_run = this run) and adds a new one; a merged-away customer's version is closed without a successor.
import type { Duck } from '../duckdb/index.ts';
import { openEnded } from './warehouse-tables.ts';

const customerColumns = ['given_name', 'middle_name', 'family_name', 'name_suffix', 'birth_date', 'address_line', 'city', 'region', 'postcode', 'household_id', 'email', 'phone'];
const householdColumns = ['address_line', 'city', 'region', 'postcode', 'member_count'];
const accountColumns = ['customer_id', 'product_line', 'product', 'status', 'opened_on', 'closed_on', 'monthly_amount'];

export async function loadCustomerHistory(duck: Duck, runId: number, asOf: string): Promise<{ versions: number }> {
  // Every merge identity recorded and the warehouse has not (all of them, the first time a warehouse keeps merges).
  await duck.run(`INSERT INTO dw.customer_merge SELECT r.from_id, r.to_id, r.run_id FROM identity.redirect r
    WHERE NOT EXISTS (SELECT 1 FROM dw.customer_merge m WHERE m.from_id = r.from_id AND m.run_id = r.run_id)`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE dw_customer_now AS
    SELECT customer_id, ${customerColumns.slice(0, 10).join(', ')}, emails[1].value AS email, phones[1].value AS phone FROM identity.customer`);
  return applyVersions(duck, {
    table: 'dw.dim_customer', surrogate: 'customer_sk', sequence: 'dw.customer_sk', key: ['customer_id'], columns: customerColumns, current: 'dw_customer_now', runId, asOf,
  });
}

/** Households by their address and members: one that moves or gains a member gets a new version; one dissolved is closed. */
export async function loadHouseholdHistory(duck: Duck, runId: number, asOf: string): Promise<{ versions: number }> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE dw_household_now AS SELECT household_id, ${householdColumns.join(', ')} FROM identity.household`);
  return applyVersions(duck, {
    table: 'dw.dim_household', surrogate: 'household_sk', sequence: 'dw.household_sk', key: ['household_id'], columns: householdColumns, current: 'dw_household_now',
    runId, asOf,
  });
}

export async function loadAccountHistory(duck: Duck, runId: number, asOf: string): Promise<{ versions: number }> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE dw_account_now AS
    SELECT a.source, a.source_key AS account_key, x.customer_id, a.product_line, a.product, a.status, a.opened_on, a.closed_on, a.monthly_amount
    FROM staging.account a JOIN identity.xref x ON x.source = a.source AND x.source_key = a.customer_key`);
  await duck.run(`INSERT INTO dw.dim_product SELECT nextval('dw.product_sk'), product_line, product, $1 FROM (
    SELECT DISTINCT product_line, product FROM dw_account_now WHERE product_line IS NOT NULL
    EXCEPT SELECT product_line, product FROM dw.dim_product)`, [runId]);
  return applyVersions(duck, {
    table: 'dw.dim_account', surrogate: 'account_sk', sequence: 'dw.account_sk', key: ['source', 'account_key'], columns: accountColumns, current: 'dw_account_now', runId, asOf,
  });
}

async function applyVersions(
  duck: Duck,
  t: { table: string; surrogate: string; sequence: string; key: string[]; columns: string[]; current: string; runId: number; asOf: string },
): Promise<{ versions: number }> {
  const on = t.key.map((k) => `v.${k} = n.${k}`).join(' AND ');
  const differs = `(${t.columns.map((c) => `v.${c}`).join(', ')}) IS DISTINCT FROM (${t.columns.map((c) => `n.${c}`).join(', ')})`;
  await duck.run(`CREATE OR REPLACE TEMP TABLE dw_changed AS
    SELECT n.* FROM ${t.current} n LEFT JOIN (SELECT * FROM ${t.table} WHERE is_current) v ON ${on}
    WHERE v.${t.key[0]} IS NULL OR ${differs}`);
  // Versions to close: changed ones, and current ones whose key is gone (a merged customer).
  await duck.run(`UPDATE ${t.table} v SET valid_to = $1::TIMESTAMP, is_current = false, closed_run = $2 WHERE v.is_current AND (
    EXISTS (SELECT 1 FROM dw_changed n WHERE ${on}) OR NOT EXISTS (SELECT 1 FROM ${t.current} n WHERE ${on}))`, [t.asOf, t.runId]);
  const added = await duck.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM dw_changed');
  await duck.run(`INSERT INTO ${t.table} (${t.key.join(', ')}, ${t.columns.join(', ')}, valid_from, valid_to, is_current, run_id,
      ${t.surrogate})
    SELECT ${t.key.join(', ')}, ${t.columns.join(', ')}, $1::TIMESTAMP, ${openEnded}, true, $2, nextval('${t.sequence}') FROM dw_changed`, [t.asOf, t.runId]);
  await duck.run('DROP TABLE dw_changed');
  return { versions: added?.n ?? 0 };
}
