// POST /api/sql over a real published warehouse and a real ODS for sign-in: rows, the limit and truncation,
// refusals and DuckDB's errors as 422s naming sql, analysts and admins only, CSV and Parquet downloads.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Hono } from 'hono';
import { openDuck } from '../duckdb/index.ts';
import { type PublishedOnDemand, publishedOnDemand, publishWarehouse } from '../marts/index.ts';
import { type TestWarehouse, testWarehouse } from '../marts/test-published-warehouse.ts';
import type { Ods } from '../ods/index.ts';
import { forEachEngine } from '../ods/test-engines.ts';
import { bearer, signInAs } from './access/test-users.ts';
import { createApp } from './app.ts';

let warehouse: TestWarehouse;
before(async () => {
  warehouse = await testWarehouse();
  await warehouse.addRun(1, 12);
  await publishWarehouse(warehouse.duck, warehouse.dataDir, { runId: 1 });
});
after(() => warehouse?.duck.close());

forEachEngine('exploration API', (engine) => {
  let ods: Ods;
  let app: Hono;
  let published: PublishedOnDemand;
  const headers: Record<string, Record<string, string>> = {};
  after(() => published?.close());

  const sql = (role: string, body: unknown, format?: string) => app.request(`/api/sql${format ? `?format=${format}` : ''}`, {
    method: 'POST', headers: { ...headers[role], 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body),
  });

  test('an analyst runs a SELECT: columns, rows, truncated, ms', async () => {
    ods = await engine.open();
    published = publishedOnDemand(warehouse.dataDir, { memoryLimit: '256MB' });
    app = createApp(ods, undefined, {}, { published });
    for (const role of ['analyst', 'admin', 'agent'] as const) headers[role] = bearer(await signInAs(app, ods, role));
    const res = await sql('analyst', { sql: 'SELECT customer_id, amount FROM dw.fact_invoice WHERE customer_id <= 2 ORDER BY customer_id' });
    assert.equal(res.status, 200);
    const answer = (await res.json()) as { columns: unknown; rows: unknown; truncated: boolean; ms: number };
    assert.deepEqual(answer.columns, [{ name: 'customer_id', type: 'INTEGER' }, { name: 'amount', type: 'DECIMAL(14,2)' }]);
    assert.deepEqual(answer.rows, [{ customer_id: 1, amount: 10.25 }, { customer_id: 2, amount: 20.5 }]);
    assert.equal(answer.truncated, false);
    assert.equal(typeof answer.ms, 'number');
    assert.equal((await sql('admin', { sql: 'SELECT count(*) AS n FROM mart.revenue_by_city' })).status, 200);
  });

  test('the limit, and truncated when there was more', async () => {
    const res = await sql('analyst', { sql: 'FROM dw.dim_customer ORDER BY customer_id', limit: 5 });
    const answer = (await res.json()) as { rows: { customer_id: number }[]; truncated: boolean };
    assert.deepEqual(answer.rows.map((r) => r.customer_id), [1, 2, 3, 4, 5]);
    assert.equal(answer.truncated, true);
    const tooMany = await sql('analyst', { sql: 'SELECT 1', limit: 100_001 });
    assert.equal(tooMany.status, 422);
    assert.equal(((await tooMany.json()) as { error: string }).error, 'limit: must be 1 to 100000');
  });

  test('bad requests: 422 naming sql, with DuckDB\'s message for its errors', async () => {
    const cases: [unknown, RegExp][] = [
      [{ sql: 'DROP VIEW dw.fact_invoice' }, /^sql: only a single SELECT statement/],
      [{ sql: 'SELECT 1; DELETE FROM dw.fact_invoice' }, /^sql: only a single SELECT statement/],
      [{ sql: 'SELECT nope FROM dw.fact_invoice' }, /^sql: Binder Error: Referenced column "nope" not found/],
      [{ sql: "SELECT * FROM read_csv('/etc/passwd')" }, /^sql: Permission Error: Cannot access file "\/etc\/passwd"/],
      [{ sql: "SELECT * FROM read_parquet('/etc/*.parquet')" }, /^sql: Permission Error/],
      [{ sql: '   ' }, /^sql: must not be empty/],
      [{}, /^sql: required/],
      [{ sql: 'SELECT 1', rows: 3 }, /^rows: /],
    ];
    for (const [body, error] of cases) {
      const res = await sql('analyst', body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.match(((await res.json()) as { error: string }).error, error);
    }
    assert.equal((await sql('analyst', 'not json')).status, 400);
    assert.equal((await sql('analyst', { sql: 'SELECT 1' }, 'xlsx')).status, 422);
  });

  test('an agent may not: 403', async () => {
    const res = await sql('agent', { sql: 'SELECT 1' });
    assert.equal(res.status, 403);
    assert.match(((await res.json()) as { error: string }).error, /the agent role may not POST \/api\/sql/);
  });

  test('CSV and Parquet downloads: the whole result as a file', async () => {
    const query = { sql: 'SELECT customer_id, amount FROM dw.fact_invoice ORDER BY customer_id' };
    const csv = await sql('analyst', query, 'csv');
    assert.equal(csv.status, 200);
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(csv.headers.get('content-disposition'), 'attachment; filename="query.csv"');
    assert.equal(csv.headers.get('x-row-count'), '12');
    assert.equal(csv.headers.get('x-truncated'), 'false');
    const lines = (await csv.text()).trim().split('\n');
    assert.deepEqual([lines[0], lines[1], lines.length], ['customer_id,amount', '1,10.25', 13]);

    const parquet = await sql('analyst', { ...query, limit: 10 }, 'parquet');
    assert.equal(parquet.status, 200);
    assert.equal(parquet.headers.get('content-disposition'), 'attachment; filename="query.parquet"');
    assert.equal(parquet.headers.get('x-truncated'), 'true');
    const file = join(mkdtempSync(join(tmpdir(), 'cif-download-')), 'query.parquet');
    writeFileSync(file, Buffer.from(await parquet.arrayBuffer()));
    const duck = await openDuck(':memory:', { memoryLimit: '128MB' });
    try {
      const rows = await duck.all<{ n: number; total: number }>(`SELECT count(*)::INTEGER AS n, sum(amount)::DOUBLE AS total FROM read_parquet('${file}')`);
      assert.deepEqual(rows, [{ n: 10, total: 10.25 * 55 }]);
    } finally {
      duck.close();
    }
  });

  test('no published warehouse yet: 503 saying to run cif run first', async () => {
    const none = publishedOnDemand(mkdtempSync(join(tmpdir(), 'cif-unpublished-')));
    const bare = createApp(ods, undefined, {}, { published: none });
    const res = await bare.request('/api/sql', { method: 'POST', headers: { ...headers.analyst, 'content-type': 'application/json' }, body: JSON.stringify({ sql: 'SELECT 1' }) });
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { error: 'no published warehouse yet: run cif run first' });
  });
});
