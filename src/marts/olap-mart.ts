// The OLAP mart (schema `mart`): the warehouse's history cut by month, at the grain the analysis needs. One row per
// customer per month (products held at month end, revenue, new, churned, segment), per customer, month and product
// line, and per customer, month, channel and product line for contacts and surveys. Built with set-based SQL in the
// warehouse's DuckDB file, inside the run's transaction, so the marts always match the warehouse they came from.
import type { Duck } from '../duckdb/index.ts';
import { joinCustomerNow } from '../warehouse/index.ts';
import { inScope, type Scope, writeMartTable } from './mart-scope.ts';
import { buildMiningMart } from './mining-mart.ts';

/** A value band of a customer's monthly revenue: the first whose minimum the revenue reaches. */
export interface Segment {
  name: string;
  minRevenue: number;
}

/** The default value bands: roughly the top fifth, the middle, and the rest of paying customers. */
export const defaultSegments: Segment[] = [
  { name: 'high', minRevenue: 140 },
  { name: 'medium', minRevenue: 60 },
  { name: 'low', minRevenue: 0.01 },
];
/** A customer-month with no revenue. */
export const noSegment = 'none';

/** The mart tables, in build order: what each is, and the tables it is built from (its lineage, in mart.build). */
export const martTables = {
  'mart.month': { is: 'The months the facts cover, each with its last day.', from: ['dw.fact_invoice', 'dw.fact_payment', 'dw.fact_contact', 'dw.dim_date'] },
  'mart.segment': { is: 'The value bands of a customer-month by its revenue: each band\'s name and the least revenue it takes (cif.yaml semantic.segments).', from: [] },
  'mart.product_month': {
    is: 'Per month, customer and product line: accounts held at month end and revenue invoiced in the month.',
    from: ['dw.dim_account', 'dw.fact_invoice', 'dw.dim_customer', 'mart.month'],
  },
  'mart.customer_month': {
    is: 'Per month and customer: product lines held at month end, revenue, new, churned, cross-sold, household, region and segment.',
    from: ['mart.product_month', 'dw.dim_customer'],
  },
  'mart.contact_month': {
    is: 'Per month, customer, channel and product line (none for a contact logged on the front line): contacts and complaints.',
    from: ['dw.fact_contact', 'dw.dim_account', 'dw.customer_merge', 'dw.dim_customer', 'mart.customer_month'],
  },
  'mart.survey_month': {
    is: 'Per month, customer and product line: survey answers and the sum of their scores.',
    from: ['dw.fact_survey', 'dw.dim_account', 'dw.dim_customer', 'mart.customer_month'],
  },
  'mart.customer_cube': {
    is: 'Per month, region and segment: customer-months summed (held, held the month before, new, churned, cross-sold, multi-product), product lines, accounts and revenue.',
    from: ['mart.customer_month'],
  },
  'mart.product_cube': { is: 'Per month, product line, region and segment: customers holding the line, accounts and revenue.', from: ['mart.product_month'] },
  'mart.month_cube': { is: 'Per month: households with a customer holding a product (a distinct count, which adds up across nothing).', from: ['mart.customer_month'] },
  'mart.mining_month': {
    is: 'Per customer and month held: the features a model needs at month end, and what happened in the months after.',
    from: ['mart.customer_month', 'mart.product_month', 'mart.contact_month', 'mart.survey_month', 'dw.fact_invoice', 'dw.fact_payment', 'dw.fact_contact', 'dw.dim_account', 'dw.dim_customer'],
  },
} as const satisfies Record<string, { is: string; from: readonly string[] }>;

const dateOf = 'JOIN dw.dim_date d USING (date_key)';

function segmentSql(segments: Segment[], revenue: string): string {
  const bands = [...segments].sort((a, b) => b.minRevenue - a.minRevenue);
  const when = bands.map((s) => `WHEN ${revenue} >= ${Number(s.minRevenue)} THEN '${s.name.replaceAll("'", "''")}'`).join(' ');
  return `CASE ${when} ELSE '${noSegment}' END`;
}

export interface MartBuild {
  runId: number;
  /** Full: every table made anew; incremental: only the changed customers' rows; unchanged: nothing to do. */
  kind: 'full' | 'incremental' | 'unchanged';
  /** Why a full build (when it was one). */
  reason?: string;
  /** The customers whose rows were made again (all, for a full build). */
  customers: number;
  months: number;
  rows: Record<string, number>;
  seconds: number;
}

/** One line for the run's log and cif deliver's. */
export function describeBuild(built: MartBuild): string {
  if (built.kind === 'unchanged') return 'nothing changed in the warehouse since they were built';
  const how = built.kind === 'full' ? `full build (${built.reason})` : `${built.customers} changed customers refreshed`;
  return `${how}: ${built.months} months, ${Object.entries(built.rows).map(([t, n]) => `${t} ${n}`).join(', ')} in ${built.seconds.toFixed(1)} s`;
}

/**
 * Builds the OLAP mart anew from the warehouse. Customers' region and household are as the warehouse knows them now;
 * holdings come from each account's opening and closing dates; revenue from the invoices of the month.
 */
export async function buildOlapMart(duck: Duck, runId: number, segments: Segment[] = defaultSegments, reason = 'asked for'): Promise<MartBuild> {
  const started = performance.now();
  await duck.run('CREATE SCHEMA IF NOT EXISTS mart');
  await duck.run(`CREATE OR REPLACE TABLE mart.month AS
    WITH span AS (
      SELECT min(d.date) AS first, max(d.date) AS last FROM (
        SELECT date_key FROM dw.fact_invoice UNION ALL SELECT date_key FROM dw.fact_payment UNION ALL SELECT date_key FROM dw.fact_contact) f ${dateOf})
    SELECT m::DATE AS month, (m + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS month_end
    FROM span, range(date_trunc('month', span.first), date_trunc('month', span.last) + INTERVAL 1 MONTH, INTERVAL 1 MONTH) t(m)
    WHERE span.first IS NOT NULL`);
  await duck.run(`CREATE OR REPLACE TABLE mart.segment AS SELECT * FROM (VALUES ${[...segments, { name: noSegment, minRevenue: 0 }]
    .map((band) => `('${band.name.replaceAll("'", "''")}', ${Number(band.minRevenue)}::DECIMAL(14, 2))`).join(', ')}) t(segment, min_revenue)`);
  return writeMarts(duck, { runId, segments, scope: 'all', kind: 'full', reason, customers: await currentCustomers(duck), started });
}

/**
 * Writes the mart tables for the customers in scope (the months stay as they are), then the cubes and the record
 * of the build. One set of statements for both kinds of build, so an incremental refresh ends where a full one would.
 */
export async function writeMarts(
  duck: Duck, b: { runId: number; segments: Segment[]; scope: Scope; kind: 'full' | 'incremental'; reason?: string; customers: number; started: number },
): Promise<MartBuild> {
  const { scope } = b;
  const accounts = `(SELECT source, account_key, customer_id, product_line, opened_on, closed_on FROM dw.dim_account WHERE is_current AND ${inScope(scope, 'customer_id')})`;
  const ofAccount = (fact: string) => `JOIN ${accounts} a ON a.source = ${fact}.account_source AND a.account_key = ${fact}.account_key`;
  const monthOf = `(SELECT month, customer_id, segment FROM mart.customer_month WHERE ${inScope(scope, 'customer_id')}) cm`;
  const customerNow = `(SELECT customer_id, household_id, region FROM dw.dim_customer WHERE is_current AND ${inScope(scope, 'customer_id')}) c`;
  // Product lines first without the customer's attributes of the month (which come from the customer months,
  // which are summed from these): a temp table, so the mart table is written once, with them.
  await duck.run(`CREATE OR REPLACE TEMP TABLE mart_product_lines AS
    WITH held AS (
      SELECT m.month, a.customer_id, a.product_line, count(*)::INTEGER AS active_accounts
      FROM mart.month m JOIN ${accounts} a
        ON (a.opened_on IS NULL OR a.opened_on <= m.month_end) AND (a.closed_on IS NULL OR a.closed_on > m.month_end)
      WHERE a.product_line IS NOT NULL
      GROUP BY ALL),
    billed AS (
      SELECT date_trunc('month', d.date)::DATE AS month, a.customer_id, a.product_line, sum(f.amount) AS revenue
      FROM dw.fact_invoice f ${dateOf} ${ofAccount('f')}
      WHERE a.product_line IS NOT NULL
      GROUP BY ALL)
    SELECT month, customer_id, product_line, coalesce(held.active_accounts, 0) AS active_accounts,
      coalesce(billed.revenue, 0)::DECIMAL(14, 2) AS revenue
    FROM held FULL JOIN billed USING (month, customer_id, product_line)`);
  // A row for every month a customer held or was billed for something, and for the month after the last one held
  // (when they left): an invoice that comes after the customer left still counts as revenue of its month.
  await writeMartTable(duck, 'mart.customer_month', scope, `
    WITH per AS (
      SELECT month, customer_id, count(*) FILTER (WHERE active_accounts > 0)::INTEGER AS product_lines,
        sum(active_accounts)::INTEGER AS active_accounts, sum(revenue)::DECIMAL(14, 2) AS revenue
      FROM mart_product_lines GROUP BY ALL),
    -- held something at the end of the month before: a customer who now holds nothing has left this month
    before AS (SELECT (month + INTERVAL 1 MONTH)::DATE AS month, customer_id FROM per WHERE product_lines > 0),
    flags AS (
      SELECT month, customer_id, coalesce(p.product_lines, 0) > 0 AS is_active, b.customer_id IS NOT NULL AS was_active
      FROM per p FULL JOIN before b USING (month, customer_id)
      WHERE month <= (SELECT max(month) FROM mart.month)),
    months AS (SELECT month, month = (SELECT min(month) FROM mart.month) AS is_first FROM mart.month),
    -- the months a customer first held a product line at month end (a line dropped and taken again is no new line)
    took_line AS (SELECT DISTINCT first_month AS month, customer_id FROM (
      SELECT customer_id, product_line, min(month) AS first_month FROM mart_product_lines WHERE active_accounts > 0 GROUP BY ALL))
    SELECT f.month, f.customer_id, c.household_id, c.region,
      coalesce(p.product_lines, 0) AS product_lines, coalesce(p.active_accounts, 0) AS active_accounts,
      coalesce(p.revenue, 0)::DECIMAL(14, 2) AS revenue,
      ${segmentSql(b.segments, 'coalesce(p.revenue, 0)')} AS segment,
      f.is_active, f.was_active,
      -- the first month cannot tell a new customer from one who was there before the facts begin
      f.is_active AND NOT f.was_active AND NOT m.is_first AS is_new,
      f.was_active AND NOT f.is_active AS is_churned,
      -- cross-sold: a customer already holding something took a line they had never held (a new customer is no cross-sale)
      f.was_active AND f.is_active AND t.customer_id IS NOT NULL AS is_cross_sold
    FROM flags f JOIN months m USING (month)
    LEFT JOIN per p USING (month, customer_id)
    LEFT JOIN took_line t USING (month, customer_id)
    LEFT JOIN ${customerNow} USING (customer_id)`);
  // Product lines carry the customer's attributes of the month too, so one table answers a question by line.
  await writeMartTable(duck, 'mart.product_month', scope, `
    SELECT p.*, c.household_id, c.region, cm.segment FROM mart_product_lines p JOIN ${monthOf} USING (month, customer_id)
    LEFT JOIN ${customerNow} USING (customer_id)`);
  await duck.run('DROP TABLE mart_product_lines');
  // Contacts and surveys come in months the customer may hold nothing in: their household and region are the
  // customer's all the same, their segment that of a customer without revenue.
  const attributes = `c.household_id, c.region, coalesce(cm.segment, '${noSegment}') AS segment`;
  await writeMartTable(duck, 'mart.contact_month', scope, `
    SELECT month, customer_id, channel, product_line, ${attributes}, contacts, complaints FROM (
      SELECT date_trunc('month', date)::DATE AS month, customer_id, channel, product_line,
        count(*)::INTEGER AS contacts, count(*) FILTER (WHERE is_complaint)::INTEGER AS complaints
      FROM (
        SELECT d.date, a.customer_id, f.channel, a.product_line, f.is_complaint FROM dw.fact_contact f ${dateOf} ${ofAccount('f')}
        UNION ALL
        -- logged on the front line: about the customer (now, after any merge), not one of their product lines
        SELECT d.date, now.customer_id, f.channel, NULL, f.is_complaint FROM dw.fact_contact f ${dateOf} ${joinCustomerNow('f.customer_id')}
        WHERE f.account_key IS NULL AND ${inScope(scope, 'now.customer_id')}) f
      GROUP BY ALL) k
    LEFT JOIN ${monthOf} USING (month, customer_id) LEFT JOIN ${customerNow} USING (customer_id)`);
  await writeMartTable(duck, 'mart.survey_month', scope, `
    SELECT month, customer_id, product_line, ${attributes}, answers, score_sum FROM (
      SELECT date_trunc('month', d.date)::DATE AS month, a.customer_id, a.product_line,
        count(*)::INTEGER AS answers, sum(f.score)::DOUBLE AS score_sum
      FROM dw.fact_survey f ${dateOf} ${ofAccount('f')} GROUP BY ALL) s
    LEFT JOIN ${monthOf} USING (month, customer_id) LEFT JOIN ${customerNow} USING (customer_id)`);
  await buildCubes(duck);
  await buildMiningMart(duck, scope);
  const rows: Record<string, number> = {};
  for (const table of Object.keys(martTables)) {
    rows[table] = (await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table}`))?.n ?? 0;
  }
  await recordBuild(duck, b.runId, rows, b);
  return { runId: b.runId, kind: b.kind, reason: b.reason, customers: b.customers, months: rows['mart.month'] ?? 0, rows, seconds: (performance.now() - b.started) / 1000 };
}

/** The pre-aggregates most questions are answered from: a few thousand rows where the months hold millions. */
async function buildCubes(duck: Duck): Promise<void> {
  await duck.run(`CREATE OR REPLACE TABLE mart.customer_cube AS
    SELECT month, region, segment, count(*) FILTER (WHERE is_active)::INTEGER AS active, count(*) FILTER (WHERE was_active)::INTEGER AS was_active,
      count(*) FILTER (WHERE is_new)::INTEGER AS new, count(*) FILTER (WHERE is_churned)::INTEGER AS churned,
      count(*) FILTER (WHERE is_cross_sold)::INTEGER AS cross_sold,
      count(*) FILTER (WHERE is_active AND product_lines >= 2)::INTEGER AS multi, sum(product_lines) FILTER (WHERE is_active)::INTEGER AS product_lines,
      sum(active_accounts)::BIGINT AS active_accounts, sum(revenue)::DECIMAL(18, 2) AS revenue
    FROM mart.customer_month GROUP BY ALL`);
  await duck.run(`CREATE OR REPLACE TABLE mart.product_cube AS
    SELECT month, product_line, region, segment, count(*) FILTER (WHERE active_accounts > 0)::INTEGER AS customers,
      sum(active_accounts)::BIGINT AS active_accounts, sum(revenue)::DECIMAL(18, 2) AS revenue
    FROM mart.product_month GROUP BY ALL`);
  await duck.run(`CREATE OR REPLACE TABLE mart.month_cube AS
    SELECT month, count(DISTINCT household_id) FILTER (WHERE is_active)::INTEGER AS households FROM mart.customer_month GROUP BY ALL`);
}

/** The customers the warehouse knows now: a full build makes all of their rows. */
export async function currentCustomers(duck: Duck): Promise<number> {
  return (await duck.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM dw.dim_customer WHERE is_current'))?.n ?? 0;
}

/**
 * What each mart table was built from and when (metadata shows the marts' lineage and freshness from it), and the
 * refresh: the warehouse run the marts now reflect, the kind of build and the value bands, which the next refresh starts from.
 */
async function recordBuild(duck: Duck, runId: number, rows: Record<string, number>, b: { kind: string; customers: number; segments: Segment[] }): Promise<void> {
  await duck.run(`CREATE TABLE IF NOT EXISTS mart.build (mart_table VARCHAR NOT NULL, run_id INTEGER NOT NULL, built_at TIMESTAMP NOT NULL,
    built_from VARCHAR[] NOT NULL, row_count BIGINT NOT NULL)`);
  for (const [table, n] of Object.entries(rows)) {
    await duck.run(`INSERT INTO mart.build VALUES ($1, $2, now()::TIMESTAMP, $3::VARCHAR[], $4)`, [table, runId, `[${martTables[table as keyof typeof martTables].from.map((t) => `"${t}"`).join(', ')}]`, n]);
  }
  await duck.run(`CREATE TABLE IF NOT EXISTS mart.refresh (run_id INTEGER NOT NULL, refreshed_at TIMESTAMP NOT NULL, kind VARCHAR NOT NULL,
    customers INTEGER NOT NULL, segments VARCHAR NOT NULL)`);
  await duck.run(`INSERT INTO mart.refresh VALUES ($1, now()::TIMESTAMP, $2, $3, $4)`, [runId, b.kind, b.customers, JSON.stringify(b.segments)]);
}
