// Exploration over the published warehouse: a SELECT answered with columns and rows, the row limit and its
// truncation, anything but one SELECT refused, DuckDB's errors passed on, the time limit, CSV and Parquet files.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { openDuck } from '../duckdb/index.ts';
import { ExplorationError, explore, exportExploration } from './exploration.ts';
import { publishWarehouse } from './publish-warehouse.ts';
import { openPublished, type PublishedWarehouse } from './published-reader.ts';
import { type TestWarehouse, testWarehouse } from './test-published-warehouse.ts';

let warehouse: TestWarehouse;
let published: PublishedWarehouse;
before(async () => {
  warehouse = await testWarehouse();
  await warehouse.addRun(1, 30);
  await publishWarehouse(warehouse.duck, warehouse.dataDir, { runId: 1 });
  published = await openPublished(warehouse.dataDir, { memoryLimit: '256MB' });
});
after(() => {
  published?.close();
  warehouse?.duck.close();
});

const refused = (pattern: RegExp) => (error: Error) => error instanceof ExplorationError && pattern.test(error.message);

test('a SELECT answers its columns with their types, rows as objects, numbers as numbers', async () => {
  const answer = await explore(published, `WITH c AS (SELECT customer_id, amount FROM dw.fact_invoice)
    SELECT customer_id, amount, count(*) OVER () AS customers, TIMESTAMP '2025-03-01 10:00:00' AS at FROM c ORDER BY customer_id DESC LIMIT 2 -- newest first;`);
  assert.deepEqual(answer.columns, [
    { name: 'customer_id', type: 'INTEGER' }, { name: 'amount', type: 'DECIMAL(14,2)' }, { name: 'customers', type: 'BIGINT' }, { name: 'at', type: 'TIMESTAMP' },
  ]);
  assert.deepEqual(answer.rows, [
    { customer_id: 30, amount: 307.5, customers: 30, at: '2025-03-01 10:00:00' },
    { customer_id: 29, amount: 297.25, customers: 30, at: '2025-03-01 10:00:00' },
  ]);
  assert.equal(answer.truncated, false);
  assert.ok(answer.ms >= 0);
});

test('the row limit: the first rows, and truncated says there were more', async () => {
  const sql = 'SELECT customer_id FROM dw.dim_customer ORDER BY customer_id';
  const limited = await explore(published, sql, { limit: 10 });
  assert.deepEqual(limited.rows.map((r) => r.customer_id), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(limited.truncated, true);
  assert.equal((await explore(published, sql, { limit: 30 })).truncated, false);
  assert.equal((await explore(published, sql)).rows.length, 30, 'the default limit is 1,000');
  await assert.rejects(explore(published, sql, { limit: 100_001 }), refused(/limit must be a whole number from 1 to 100,000/));
});

test('anything but a single SELECT is refused before it runs', async () => {
  for (const sql of ['DROP VIEW dw.fact_invoice', 'CREATE TABLE x AS SELECT 1', "COPY dw.fact_invoice TO '/tmp/x.csv'", 'SET memory_limit = \'10GB\'',
    "ATTACH 'other.duckdb'", 'SELECT 1; DROP VIEW dw.fact_invoice', 'PRAGMA database_list', 'EXPLAIN SELECT 1']) {
    await assert.rejects(explore(published, sql), refused(/only a single SELECT statement/), sql);
  }
  await assert.rejects(explore(published, 'SELECT 1; SELECT 2'), refused(/one statement at a time/));
  await assert.rejects(explore(published, '-- nothing'), refused(/no statement/));
  await assert.rejects(explore(published, 'SELEKT 1'), refused(/^Parser Error: syntax error at or near "SELEKT"/));
  assert.equal((await explore(published, 'SELECT count(*) AS n FROM dw.fact_invoice')).rows[0]!.n, 30, 'the views are still there');
});

test("DuckDB's errors come with DuckDB's message; reading a file is refused", async () => {
  await assert.rejects(explore(published, 'SELECT no_such_column FROM dw.fact_invoice'), refused(/^Binder Error: Referenced column "no_such_column" not found/));
  await assert.rejects(explore(published, 'SELECT * FROM dw.no_such_table'), refused(/^Catalog Error: Table with name no_such_table does not exist/));
  await assert.rejects(explore(published, "SELECT * FROM read_csv('/etc/passwd')"), refused(/^Permission Error: Cannot access file "\/etc\/passwd"/));
});

test('a query past the time limit is stopped', async () => {
  const started = Date.now();
  await assert.rejects(explore(published, 'SELECT count(*) FROM range(10000000000) a, range(10) b', { timeoutMs: 300 }), refused(/ran longer than 0.3 s and was stopped/));
  assert.ok(Date.now() - started < 5000, `stopped after ${Date.now() - started} ms`);
  assert.equal((await explore(published, 'SELECT 42 AS n')).rows[0]!.n, 42, 'the next query runs');
});

test('CSV and Parquet files hold the whole result up to the limit', async () => {
  const sql = 'SELECT customer_id, amount, source_key FROM dw.fact_invoice ORDER BY customer_id';
  const csv = await exportExploration(published, sql, 'csv');
  const lines = readFileSync(csv.path, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'customer_id,amount,source_key');
  assert.equal(lines[1], '1,10.25,I-1');
  assert.equal(lines.length, 31);
  assert.deepEqual([csv.rows, csv.truncated], [30, false]);
  csv.remove();
  assert.ok(!existsSync(csv.path));

  const parquet = await exportExploration(published, sql, 'parquet', { limit: 30 });
  assert.deepEqual([parquet.rows, parquet.truncated], [30, false], 'exactly the limit is not truncated');
  const reader = await openDuck(':memory:', { memoryLimit: '128MB' });
  try {
    const rows = await reader.all<{ customer_id: number; amount: string }>(`SELECT customer_id, amount::VARCHAR AS amount FROM read_parquet('${parquet.path}') ORDER BY customer_id`);
    assert.equal(rows.length, 30);
    assert.deepEqual(rows[29], { customer_id: 30, amount: '307.50' });
  } finally {
    reader.close();
    parquet.remove();
  }
  const cut = await exportExploration(published, sql, 'csv', { limit: 7 });
  assert.deepEqual([cut.rows, cut.truncated], [7, true]);
  cut.remove();
});
