// npx tsx bench/publish.bench.ts [CUSTOMERS]   (default 1,000,000)
// Publishing the warehouse as Parquet at size: a warehouse shaped like the generated enterprise's (per customer
// about 2 accounts, 21 invoices, 20 payments, 4 web events, 0.7 contacts) is built straight in DuckDB, published
// whole, published again with nothing new, then after a run adding 1% (new facts, changed customers). Then one
// exploration query through the reader. Prints the times, sizes and the peak RSS.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuck } from '../src/duckdb/index.ts';
import { explore, openPublished, publishWarehouse, publishedDirectory, readManifest } from '../src/marts/index.ts';
import { ensureWarehouse } from '../src/warehouse/index.ts';

const customers = Number((process.argv[2] ?? '1000000').replaceAll('_', ''));
const dataDir = mkdtempSync(join(tmpdir(), 'cif-publish-bench-'));
const duck = await openDuck(join(dataDir, 'warehouse.duckdb'));
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);

/** Run `run` loads `per` facts of each kind per customer for customers [from, to), and a version of each. */
async function load(run: number, from: number, to: number, scale: number): Promise<void> {
  const people = `range(${from}, ${to}) r(id)`;
  await duck.run(`INSERT INTO dw.dim_customer SELECT nextval('dw.customer_sk'), id, 'GIVEN' || (id % 5000), NULL, 'FAMILY' || (id % 20000), NULL,
    DATE '1940-01-01' + (id % 25000)::INTEGER, (id % 900) || ' OAK ST', 'CITY' || (id % 700), 'NY', lpad((id % 99999)::VARCHAR, 5, '0'), id // 2,
    'p' || id || '@example.com', '+1555' || lpad(id::VARCHAR, 7, '0'), TIMESTAMP '2026-01-01' + INTERVAL (${run}) DAY, TIMESTAMP '9999-12-31', true, ${run}, NULL FROM ${people}`);
  await duck.run(`INSERT INTO dw.dim_account SELECT nextval('dw.account_sk'), 'cellular', 'A' || id || '-' || k, id, 'cellular', 'plan ' || k, 'active',
    DATE '2020-01-01', NULL, 40 + k, TIMESTAMP '2026-01-01', TIMESTAMP '9999-12-31', true, ${run}, NULL FROM ${people}, range(2) k(k)`);
  for (const [fact, per] of [['fact_invoice', 21], ['fact_payment', 20]] as const) {
    await duck.run(`INSERT INTO dw.${fact} SELECT ${run}, 'billing', '${fact}-${run}-' || id || '-' || n, 'cellular', 'A' || id || '-0', id,
      20250101 + (n % 28), (id % 97) + n / 4 FROM ${people}, range(${Math.round(per * scale)}) n(n)`);
  }
  await duck.run(`INSERT INTO dw.fact_event SELECT ${run}, 'web', 'e-${run}-' || id || '-' || n, id, 20250101 + n, TIMESTAMP '2025-01-01' + INTERVAL (n) HOUR,
    'cookie' || id, 'view', '/plans/' || (n % 12) FROM ${people}, range(${Math.round(4 * scale)}) n(n)`);
  await duck.run(`INSERT INTO dw.fact_contact SELECT ${run}, 'calls', 'c-${run}-' || id, 'cellular', 'A' || id || '-0', id, 20250101, TIMESTAMP '2025-01-01 10:00',
    'phone', 'billing question', 'answered', id % 9 = 0, NULL FROM ${people} WHERE id % 10 < ${Math.round(7 * scale)}`);
}

let started = performance.now();
await ensureWarehouse(duck);
await load(1, 0, customers, 1);
const [facts] = await duck.all<{ n: number }>(`SELECT ((SELECT count(*) FROM dw.fact_invoice) + (SELECT count(*) FROM dw.fact_payment)
  + (SELECT count(*) FROM dw.fact_event) + (SELECT count(*) FROM dw.fact_contact))::BIGINT::DOUBLE AS n`);
console.log(`warehouse of ${customers.toLocaleString('en-US')} customers, ${facts!.n.toLocaleString('en-US')} fact rows built in ${seconds(started)} s`);

const report = (label: string, r: Awaited<ReturnType<typeof publishWarehouse>>) =>
  console.log(`${label.padEnd(28)} ${r.seconds.toFixed(1).padStart(6)} s  ${r.written.length} file(s), ${r.rowsWritten.toLocaleString('en-US')} rows`);
report('first publication', await publishWarehouse(duck, dataDir, { runId: 1 }));
report('nothing new', await publishWarehouse(duck, dataDir, { runId: 2 }));

// A run with 1%: new customers with their facts, and 1% of the customers changing (a version closed, one added).
const delta = Math.round(customers / 100);
started = performance.now();
await duck.run(`UPDATE dw.dim_customer SET valid_to = TIMESTAMP '2026-02-01', is_current = false, closed_run = 3 WHERE customer_id % 100 = 7 AND is_current`);
await duck.run(`INSERT INTO dw.dim_customer SELECT * REPLACE (nextval('dw.customer_sk') AS customer_sk, 'MOVED ' || address_line AS address_line,
  TIMESTAMP '2026-02-01' AS valid_from, TIMESTAMP '9999-12-31' AS valid_to, true AS is_current, 3 AS run_id) FROM dw.dim_customer WHERE customer_id % 100 = 7 AND valid_to = TIMESTAMP '2026-02-01'`);
await load(3, customers, customers + delta, 1);
console.log(`a 1% run loaded in ${seconds(started)} s`);
report('after the 1% run', await publishWarehouse(duck, dataDir, { runId: 3 }));
duck.close();

const dir = publishedDirectory(dataDir);
const manifest = readManifest(dir)!;
const bytes = manifest.tables.flatMap((t) => t.files).reduce((n, f) => n + statSync(join(dir, f.path)).size, 0);
console.log(`published: ${(bytes / 2 ** 20).toFixed(0)} MB of Parquet (warehouse file ${(statSync(join(dataDir, 'warehouse.duckdb')).size / 2 ** 20).toFixed(0)} MB)`);

const published = await openPublished(dataDir);
for (const sql of ['SELECT count(*) AS n FROM dw.fact_invoice', 'SELECT date_key, sum(amount) AS revenue FROM dw.fact_invoice GROUP BY ALL ORDER BY 1',
  'SELECT c.city, count(DISTINCT c.customer_id) AS customers, sum(f.amount) AS paid FROM dw.fact_payment f JOIN dw.dim_customer c USING (customer_id) WHERE c.is_current GROUP BY ALL ORDER BY paid DESC']) {
  const answer = await explore(published, sql);
  console.log(`exploration ${String(answer.ms).padStart(6)} ms  ${sql.slice(0, 90)}`);
}
published.close();
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
rmSync(dataDir, { recursive: true, force: true });
