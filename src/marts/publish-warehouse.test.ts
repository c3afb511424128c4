// Publishing a real (small) warehouse as Parquet: facts a run at a time, other tables whole when they changed,
// nothing written when nothing changed, every file the manifest names in place, old files gone a publication later.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openDuck } from '../duckdb/index.ts';
import { publishWarehouse } from './publish-warehouse.ts';
import { type Manifest, publishedDirectory, readManifest } from './published-manifest.ts';
import { type TestWarehouse, testWarehouse } from './test-published-warehouse.ts';

let warehouse: TestWarehouse;
after(() => warehouse?.duck.close());

const table = (manifest: Manifest, name: string) => manifest.tables.find((t) => `${t.schema}.${t.name}` === name)!;

function assertFilesListed(dataDir: string, manifest: Manifest): void {
  for (const t of manifest.tables) {
    for (const f of t.files) assert.ok(existsSync(join(publishedDirectory(dataDir), f.path)), `${f.path} is in place`);
    assert.equal(t.rows, t.files.reduce((n, f) => n + f.rows, 0), `${t.schema}.${t.name}: rows are the files' rows`);
  }
}

test('the first publication holds every table of dw and mart, facts one file per run', async () => {
  warehouse = await testWarehouse();
  await warehouse.addRun(1, 3);
  await warehouse.addRun(2, 2);
  const report = await publishWarehouse(warehouse.duck, warehouse.dataDir, { runId: 2 });
  assert.equal(report.changed, true);
  const manifest = readManifest(publishedDirectory(warehouse.dataDir))!;
  assert.equal(manifest.publication, 1);
  assert.equal(manifest.run, 2);
  assertFilesListed(warehouse.dataDir, manifest);

  const names = manifest.tables.map((t) => `${t.schema}.${t.name}`);
  for (const name of ['dw.dim_customer', 'dw.dim_date', 'dw.dim_account', 'dw.fact_invoice', 'dw.fact_survey', 'mart.revenue_by_city']) assert.ok(names.includes(name), name);
  const invoices = table(manifest, 'dw.fact_invoice');
  assert.equal(invoices.kind, 'append');
  assert.deepEqual(invoices.files, [
    { path: 'dw/fact_invoice/run-000001.parquet', rows: 3, run: 1 },
    { path: 'dw/fact_invoice/run-000002.parquet', rows: 2, run: 2 },
  ]);
  assert.deepEqual(invoices.columns.slice(0, 2), [{ name: 'run_id', type: 'INTEGER' }, { name: 'source', type: 'VARCHAR' }]);
  assert.deepEqual(table(manifest, 'dw.fact_survey').files, [], 'an empty fact has no file');
  assert.equal(table(manifest, 'dw.dim_customer').kind, 'whole');
  assert.equal(table(manifest, 'dw.dim_customer').rows, 5);
  assert.equal(table(manifest, 'dw.dim_date').run, 2, 'a table without run_id reflects the run that published it');
  assert.equal(table(manifest, 'mart.revenue_by_city').columns.find((c) => c.name === 'customer_id_total')!.type, 'DECIMAL(38,0)', 'HUGEINT published losslessly');

  // Any tool reading Parquet reads the files; the published types are the manifest's.
  const reader = await openDuck(':memory:', { memoryLimit: '256MB' });
  try {
    const file = join(publishedDirectory(warehouse.dataDir), 'mart/revenue_by_city', table(manifest, 'mart.revenue_by_city').files[0]!.path.split('/').pop()!);
    const [row] = await reader.all<{ revenue: string; customer_id_total: string }>(`SELECT revenue::VARCHAR AS revenue, customer_id_total::VARCHAR AS customer_id_total FROM read_parquet('${file}')`);
    assert.deepEqual(row, { revenue: '153.75', customer_id_total: '15' });
    const described = await reader.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM read_parquet('${join(publishedDirectory(warehouse.dataDir), invoices.files[0]!.path)}')`);
    assert.deepEqual(described.map((d) => ({ name: d.column_name, type: d.column_type })), invoices.columns);
  } finally {
    reader.close();
  }
});

test('a publication with nothing new writes nothing, not even the manifest', async () => {
  const manifestFile = join(publishedDirectory(warehouse.dataDir), 'manifest.json');
  const before = statSync(manifestFile);
  const report = await publishWarehouse(warehouse.duck, warehouse.dataDir, { runId: 3 });
  assert.equal(report.changed, false);
  assert.deepEqual(report.written, []);
  assert.deepEqual(report.deleted, []);
  const now = statSync(manifestFile);
  assert.equal(now.ino, before.ino);
  assert.equal(now.mtimeMs, before.mtimeMs);
});

test('the next run: only its fact files and the tables that changed are written; replaced files go one publication later', async () => {
  const first = readManifest(publishedDirectory(warehouse.dataDir))!;
  await warehouse.addRun(4, 4);
  // A publish cut short leaves a temporary file behind: the next one sweeps it away.
  const leftover = join(publishedDirectory(warehouse.dataDir), 'dw/fact_invoice/.run-000009.parquet.tmp-1');
  writeFileSync(leftover, 'half a file');

  const report = await publishWarehouse(warehouse.duck, warehouse.dataDir, { runId: 4 });
  assert.deepEqual(report.written.sort(), [
    'dw/dim_customer/publication-000002.parquet', 'dw/fact_contact/run-000004.parquet', 'dw/fact_invoice/run-000004.parquet',
    'mart/revenue_by_city/publication-000002.parquet',
  ]);
  assert.equal(report.rowsWritten, 9 + 4 + 4 + 1, 'dim_customer whole, the facts of run 4, the mart');
  assert.ok(!existsSync(leftover), 'the leftover is gone');
  const second = readManifest(publishedDirectory(warehouse.dataDir))!;
  assert.equal(second.publication, 2);
  assertFilesListed(warehouse.dataDir, second);
  assert.equal(table(second, 'dw.fact_invoice').rows, 9);
  assert.deepEqual(table(second, 'dw.dim_date').files[0], table(first, 'dw.dim_date').files[0], 'dim_date untouched');
  assert.equal(table(second, 'dw.dim_date').writtenAt, table(first, 'dw.dim_date').writtenAt);
  // A reader that started on the first manifest still has its files.
  assertFilesListed(warehouse.dataDir, first);

  await warehouse.addRun(5, 1);
  const third = await publishWarehouse(warehouse.duck, warehouse.dataDir, { runId: 5 });
  assert.deepEqual(third.deleted.sort(), ['dw/dim_customer/publication-000001.parquet', 'mart/revenue_by_city/publication-000001.parquet']);
  assertFilesListed(warehouse.dataDir, second);
  assertFilesListed(warehouse.dataDir, readManifest(publishedDirectory(warehouse.dataDir))!);
  const onDisk = readdirSync(join(publishedDirectory(warehouse.dataDir), 'dw/fact_invoice')).sort();
  assert.deepEqual(onDisk, ['run-000001.parquet', 'run-000002.parquet', 'run-000004.parquet', 'run-000005.parquet']);
});

test('a fact run whose rows differ from what was published is written again under a new name', async () => {
  await warehouse.duck.run("DELETE FROM dw.fact_contact WHERE run_id = 5");
  const report = await publishWarehouse(warehouse.duck, warehouse.dataDir, { runId: 5 });
  const manifest = readManifest(publishedDirectory(warehouse.dataDir))!;
  assert.deepEqual(table(manifest, 'dw.fact_contact').files.map((f) => f.run), [1, 2, 4], 'a run with no rows left has no file');
  assert.ok(report.written.every((p) => !p.startsWith('dw/fact_contact/')));
  await warehouse.duck.run(`INSERT INTO dw.fact_contact SELECT * REPLACE ('C-again' AS source_key) FROM dw.fact_contact WHERE run_id = 4 LIMIT 1`);
  const again = await publishWarehouse(warehouse.duck, warehouse.dataDir, { runId: 5 });
  assert.ok(again.written.includes(`dw/fact_contact/run-000004-publication-${String(manifest.publication + 1).padStart(6, '0')}.parquet`), again.written.join(', '));
  assertFilesListed(warehouse.dataDir, readManifest(publishedDirectory(warehouse.dataDir))!);
});
