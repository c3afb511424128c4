// The reader of the published warehouse: views over the Parquet files, a new manifest picked up within a second,
// no file reachable but the published ones, and a clear error before the first publication.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Duck } from '../duckdb/index.ts';
import { publishWarehouse } from './publish-warehouse.ts';
import { NotPublishedError, openPublished, type PublishedWarehouse } from './published-reader.ts';
import { type TestWarehouse, testWarehouse } from './test-published-warehouse.ts';

let warehouse: TestWarehouse;
let published: PublishedWarehouse;
after(() => {
  published?.close();
  warehouse?.duck.close();
});

async function query<T>(sql: string): Promise<T[]> {
  const duck: Duck = await published.connect();
  try {
    return await duck.all<T>(sql);
  } finally {
    duck.close();
  }
}

test('before the first publication: run cif run first', async () => {
  await assert.rejects(openPublished(mkdtempSync(join(tmpdir(), 'cif-empty-'))), (error: Error) =>
    error instanceof NotPublishedError && /no published warehouse in .*published yet: run cif run first/.test(error.message));
});

test('one view per table, reading the Parquet files, while the warehouse file stays open elsewhere', async () => {
  warehouse = await testWarehouse();
  await warehouse.addRun(1, 3);
  await publishWarehouse(warehouse.duck, warehouse.dataDir, { runId: 1 });
  published = await openPublished(warehouse.dataDir, { memoryLimit: '256MB' });
  assert.deepEqual(await query('SELECT count(*)::INTEGER AS n, sum(amount)::DOUBLE AS total FROM dw.fact_invoice'), [{ n: 3, total: 61.5 }]);
  assert.deepEqual(await query("SELECT given_name FROM dw.dim_customer WHERE customer_id = 2"), [{ given_name: 'Given2' }]);
  assert.deepEqual(await query('SELECT city, invoices::INTEGER AS invoices FROM mart.revenue_by_city'), [{ city: 'SPRINGFIELD', invoices: 3 }]);
  // An empty fact is a view with the table's columns.
  const survey = await query<{ column_name: string; column_type: string }>('DESCRIBE dw.fact_survey');
  assert.deepEqual(survey.map((c) => c.column_name), ['run_id', 'source', 'source_key', 'account_source', 'account_key', 'customer_id', 'date_key', 'score', 'comment']);
  assert.equal(survey.find((c) => c.column_name === 'score')!.column_type, 'DECIMAL(14,2)');
  assert.deepEqual(await query('SELECT count(*)::INTEGER AS n FROM dw.fact_survey'), [{ n: 0 }]);
});

test('a new publication is read within a second, and the views follow it', async () => {
  await warehouse.addRun(2, 2);
  await publishWarehouse(warehouse.duck, warehouse.dataDir, { runId: 2 });
  await sleep(1100);
  assert.deepEqual(await query('SELECT count(*)::INTEGER AS n FROM dw.fact_invoice'), [{ n: 5 }]);
  assert.deepEqual(await query('SELECT count(*)::INTEGER AS n FROM dw.dim_customer'), [{ n: 5 }]);
  assert.equal(published.manifest().publication, 2);

  // A table dropped from the warehouse leaves the views with the next manifest.
  await warehouse.duck.run('DROP TABLE mart.revenue_by_city');
  await publishWarehouse(warehouse.duck, warehouse.dataDir, { runId: 2 });
  await sleep(1100);
  await assert.rejects(query('SELECT * FROM mart.revenue_by_city'), /does not exist/);
});

test('no file but the published ones can be read, written or attached, and the settings stay locked', async () => {
  for (const sql of [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/hostname')",
    `SELECT * FROM read_parquet('${join(warehouse.dataDir, 'published', '..', '..', 'etc', 'passwd')}')`,
    "COPY (SELECT 1) TO '/tmp/cif-should-not-exist.csv'",
    `ATTACH '${join(warehouse.dataDir, 'warehouse.duckdb')}' AS w (READ_ONLY)`,
    "INSTALL httpfs",
  ]) {
    await assert.rejects(query(sql), /Permission Error|disabled by configuration/, sql);
  }
  await assert.rejects(query('SET enable_external_access = true'), /configuration has been locked/);
});
