import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadFactory } from './index.ts';

function factoryWith(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cif-config-'));
  writeFileSync(join(dir, name), text);
  return dir;
}

const yaml = `
name: test
sources:
  - name: crm
    files:
      - entity: customer
        path: sources/crm.csv
        format: csv
        key: ID
        fields:
          given_name: FIRST
          birth_date: { field: DOB, format: "%d.%m.%Y" }
`;

test('reads cif.yaml with defaults: data folder, embedded ODS, warehouse file', () => {
  const dir = factoryWith('cif.yaml', yaml);
  const f = loadFactory(dir, {});
  assert.equal(f.config.sources[0].files[0].key, 'ID');
  assert.equal(f.config.defaults.country, 'US');
  assert.equal(f.dataDir, join(dir, '.cif'));
  assert.deepEqual(f.ods, { dir: join(dir, '.cif', 'ods') });
  assert.equal(f.warehouseFile, join(dir, '.cif', 'warehouse.duckdb'));
});

test('CIF_ODS_URL points the ODS at a PostgreSQL server', () => {
  const f = loadFactory(factoryWith('cif.yaml', yaml), { CIF_ODS_URL: 'postgres://x@localhost/cif' });
  assert.deepEqual(f.ods, { url: 'postgres://x@localhost/cif' });
});

test('cif.json works too', () => {
  const f = loadFactory(factoryWith('cif.json', JSON.stringify({ data: 'store', sources: [] })), {});
  assert.ok(f.dataDir.endsWith('store'));
});

test('errors name the file and the field', () => {
  const badFormat = factoryWith('cif.yaml', yaml.replace('format: csv', 'format: xls'));
  assert.throws(() => loadFactory(badFormat, {}), (e: Error) => {
    assert.ok(e instanceof ConfigError);
    assert.match(e.message, /cif\.yaml has errors/);
    assert.match(e.message, /sources\.0\.files\.0\.format: .*"csv"\|"jsonl"\|"parquet"/);
    return true;
  });
  const badField = factoryWith('cif.yaml', yaml.replace('given_name: FIRST', 'first_name: FIRST'));
  assert.throws(() => loadFactory(badField, {}), /sources\.0\.files\.0\.fields\.first_name: "first_name" is not a field of a customer/);
  assert.throws(() => loadFactory(mkdtempSync(join(tmpdir(), 'cif-empty-')), {}), /no factory configuration/);
  assert.throws(() => loadFactory(factoryWith('cif.yaml', 'sources: [\n'), {}), /not valid YAML/);
});
