// npm run bench:marts [-- CUSTOMERS]: the marts over the warehouse bench:backbone left in bench/out/<N> (1,000,000
// unless told): a full build; the refresh after a run that touched 1% of the customers, and after one that touched
// none (both rolled back, so the warehouse stays as it was); then typical OLAP questions and the standard KPIs
// (median of 5, after one warm-up) over the warehouse file, and the same through the published Parquet, as the
// server reads them.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDuck, type Duck } from '../src/duckdb/index.ts';
import { ensureWarehouse } from '../src/warehouse/index.ts';
import { askOlap, buildOlapMart, type MartBuild, type OlapQuestion, openPublished, publishWarehouse, refreshMarts, semanticLayer, standardKpis } from '../src/marts/index.ts';

const customers = Number(process.argv[2] ?? 1_000_000);
const dir = resolve('bench/out', String(customers), '.cif');
const file = join(dir, 'warehouse.duckdb');
if (!existsSync(file)) throw new Error(`no warehouse in ${dir}: run npm run bench:backbone -- ${customers} first`);

const layer = semanticLayer();
const questions: [string, OlapQuestion][] = [
  ['revenue by month, product line and region', { measures: ['revenue', 'customers'], dimensions: ['month', 'productLine', 'region'] }],
  ['customers, churn and multi-product share by month', { measures: ['customers', 'churnRate', 'multiProductShare'], dimensions: ['month'] }],
  ['contacts and complaints by channel and segment, half a year', { measures: ['contacts', 'complaints'], dimensions: ['channel', 'segment'], timeRange: { from: '2026-01', to: '2026-06' } }],
  ['customers by region over the year (each once: no cube)', { measures: ['customers'], dimensions: ['region'] }],
];

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2]!;
}

async function latencies(duck: Duck, label: string): Promise<void> {
  console.log(`  ${label}`);
  for (const [name, question] of questions) console.log(`    ${name.padEnd(60)} ${(await median(() => askOlap(duck, layer, question))).toFixed(0).padStart(6)} ms`);
  console.log(`    ${'the standard KPIs'.padEnd(60)} ${(await median(() => standardKpis(duck, layer))).toFixed(0).padStart(6)} ms`);
}

/**
 * What a run that touched 1% of the customers (customer_id % 100 = 1) writes into the warehouse: an invoice on the
 * last billing day for each of their open accounts; for a third of them a contact; for a tenth an account closed and a
 * new address. Its facts fall within the months the marts have, as a daily run's do.
 */
async function aRunTouchingOnePercent(duck: Duck, run: number): Promise<void> {
  const last = `(SELECT max(date_key) FROM dw.fact_invoice)`;
  await duck.run(`INSERT INTO dw.fact_invoice SELECT ${run}, 'bench', 'late-' || account_key, source, account_key, customer_id, ${last}, monthly_amount
    FROM dw.dim_account WHERE is_current AND closed_on IS NULL AND customer_id % 100 = 1`);
  await duck.run(`INSERT INTO dw.fact_contact SELECT ${run}, 'bench', 'late-' || account_key, source, account_key, customer_id, ${last}, now()::TIMESTAMP,
      'phone', 'billing question', 'resolved', false, NULL
    FROM (SELECT * FROM dw.dim_account WHERE is_current AND customer_id % 300 = 1 QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY account_key) = 1)`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE bench_closing AS SELECT * FROM dw.dim_account
    WHERE is_current AND closed_on IS NULL AND customer_id % 1000 = 1 QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY account_key) = 1`);
  await duck.run(`UPDATE dw.dim_account SET is_current = false, valid_to = now()::TIMESTAMP, closed_run = ${run}
    WHERE account_sk IN (SELECT account_sk FROM bench_closing)`);
  await duck.run(`INSERT INTO dw.dim_account SELECT * REPLACE (nextval('dw.account_sk') AS account_sk, 'closed' AS status,
      (SELECT date FROM dw.dim_date WHERE date_key = ${last}) AS closed_on, now()::TIMESTAMP AS valid_from, TIMESTAMP '9999-12-31' AS valid_to, ${run} AS run_id)
    FROM bench_closing`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE bench_moving AS SELECT * FROM dw.dim_customer WHERE is_current AND customer_id % 1000 = 1`);
  await duck.run(`UPDATE dw.dim_customer SET is_current = false, valid_to = now()::TIMESTAMP, closed_run = ${run}
    WHERE customer_sk IN (SELECT customer_sk FROM bench_moving)`);
  await duck.run(`INSERT INTO dw.dim_customer SELECT * REPLACE (nextval('dw.customer_sk') AS customer_sk, '1 MOVED ST' AS address_line,
      now()::TIMESTAMP AS valid_from, TIMESTAMP '9999-12-31' AS valid_to, ${run} AS run_id) FROM bench_moving`);
}

/** A refresh in a transaction that is then rolled back: the warehouse and the marts stay as the full build left them. */
async function refreshRolledBack(duck: Duck, run: number, change: () => Promise<void>): Promise<MartBuild & { wall: number }> {
  let answer: MartBuild & { wall: number } = undefined!;
  await duck.transaction(async () => {
    await change();
    const started = performance.now();
    const refreshed = await refreshMarts(duck, run);
    answer = { ...refreshed, wall: (performance.now() - started) / 1000 };
    throw new Error('rolled back');
  }).catch((error: Error) => {
    if (error.message !== 'rolled back') throw error;
  });
  return answer;
}

const duck = await openDuck(file);
try {
  await ensureWarehouse(duck); // a warehouse written before the run that closed a version was kept gains the column
  const started = performance.now();
  const lastRun = (await duck.one<{ run: number }>('SELECT max(run_id)::INTEGER AS run FROM dw.dim_customer'))!.run;
  const built = await duck.transaction(() => buildOlapMart(duck, lastRun));
  const seconds = (performance.now() - started) / 1000;
  console.log(`\nmarts at ${customers.toLocaleString('en-US')} customers`);
  console.log(`  full build      ${seconds.toFixed(1)} s, ${Object.entries(built.rows).map(([t, n]) => `${t.replace('mart.', '')} ${n.toLocaleString('en-US')}`).join(', ')}; peak ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB so far`);
  const delta = await refreshRolledBack(duck, lastRun + 1, () => aRunTouchingOnePercent(duck, lastRun + 1));
  console.log(`  a 1% run        ${delta.wall.toFixed(1)} s (${delta.kind}${delta.reason ? `: ${delta.reason}` : ''}), ${delta.customers.toLocaleString('en-US')} customers refreshed, ` +
    `${((delta.wall / seconds) * 100).toFixed(1)}% of the full build`);
  const idle = await refreshRolledBack(duck, lastRun + 1, async () => undefined);
  console.log(`  nothing new     ${idle.wall.toFixed(2)} s (${idle.kind})`);
  await latencies(duck, 'questions over the warehouse file');
  const published = await publishWarehouse(duck, join(dir), { runId: 0 });
  console.log(`  published       ${published.seconds.toFixed(1)} s, ${published.written.length} file(s), ${published.rowsWritten.toLocaleString('en-US')} rows`);
} finally {
  duck.close();
}
const reader = await openPublished(dir);
const connection = await reader.connect();
try {
  await latencies(connection, 'questions over the published Parquet (as the server reads them)');
} finally {
  connection.close();
  reader.close();
}
