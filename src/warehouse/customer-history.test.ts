import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as acquisition from '../acquisition/index.ts';
import type { SourceFileConfig } from '../config/index.ts';
import { type Duck, openDuck } from '../duckdb/index.ts';
import * as identity from '../identity/index.ts';
import { customerAsOf, ensureWarehouse, loadAccountHistory, loadConformedDimensions, loadCustomerHistory, loadFacts, loadHouseholdHistory } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'cif-dw-'));
const source = { name: 'crm', productLine: 'cable', files: [] as never };
const customers: SourceFileConfig = { entity: 'customer', path: '', format: 'csv', key: 'ID', fields: { given_name: 'G', family_name: 'F', birth_date: 'D', address_line: 'A', postcode: 'Z' } };
const accounts: SourceFileConfig = { entity: 'account', path: '', format: 'csv', key: 'ACCT', fields: { customer_key: 'ID', status: 'ST', monthly_amount: 'AMT' } };
const contacts: SourceFileConfig = { entity: 'contact', path: '', format: 'csv', key: 'CID', fields: { account_source: { value: 'crm' }, account_key: 'ACCT', contacted_at: 'AT', is_complaint: 'C' } };

async function runOnce(duck: Duck, runId: number, asOf: string, files: [SourceFileConfig, string][]): Promise<void> {
  await acquisition.clearBatches(duck);
  for (const [file, text] of files) {
    const path = join(dir, `${runId}-${file.entity}.csv`);
    writeFileSync(path, text);
    await acquisition.acquireFiles(duck, { source, file, paths: [path], runId, country: 'US' });
  }
  await identity.resolveIdentity(duck, runId);
  await loadCustomerHistory(duck, runId, asOf);
  await loadHouseholdHistory(duck, runId, asOf);
  await loadAccountHistory(duck, runId, asOf);
  await loadFacts(duck, runId);
  await loadConformedDimensions(duck, runId);
}

test('a move adds a customer version; history is kept; facts are appended once', async () => {
  const duck = await openDuck();
  await acquisition.createStandardiseMacros(duck);
  await acquisition.ensureStaging(duck);
  await identity.ensureIdentityTables(duck);
  await ensureWarehouse(duck);

  await runOnce(duck, 1, '2026-01-01T00:00:00Z', [
    [customers, 'ID,G,F,D,A,Z\nC1,Ann,Lee,1980-01-01,1 Elm St,10001\n'],
    [accounts, 'ACCT,ID,ST,AMT\nX1,C1,active,30\n'],
    [contacts, 'CID,ACCT,AT,C\nK1,X1,2025-12-01 10:00:00,true\n'],
  ]);
  await runOnce(duck, 2, '2026-02-01T00:00:00Z', [
    [customers, 'ID,G,F,D,A,Z\nC1,Ann,Lee,1980-01-01,9 Oak Ave,10002\n'],
    [contacts, 'CID,ACCT,AT,C\nK1,X1,2025-12-01 10:00:00,true\nK2,X1,2026-01-15 09:00:00,false\n'],
  ]);

  const versions = await duck.all(`SELECT address_line, valid_from::VARCHAR AS valid_from, valid_to::VARCHAR AS valid_to, is_current, run_id, closed_run
    FROM dw.dim_customer ORDER BY valid_from`);
  assert.deepEqual(versions, [
    { address_line: '1 ELM ST', valid_from: '2026-01-01 00:00:00', valid_to: '2026-02-01 00:00:00', is_current: false, run_id: 1, closed_run: 2 },
    { address_line: '9 OAK AVE', valid_from: '2026-02-01 00:00:00', valid_to: '9999-12-31 00:00:00', is_current: true, run_id: 2, closed_run: null },
  ]);
  // The household moved with her: the old one's version closed by run 2, the new one's made by it.
  const households = await duck.all(`SELECT address_line, member_count, is_current, run_id, closed_run FROM dw.dim_household ORDER BY valid_from`);
  assert.deepEqual(households, [
    { address_line: '1 ELM ST', member_count: 1, is_current: false, run_id: 1, closed_run: 2 },
    { address_line: '9 OAK AVE', member_count: 1, is_current: true, run_id: 2, closed_run: null },
  ]);
  const january = await customerAsOf(duck, (await duck.one<{ id: number }>('SELECT max(customer_id) AS id FROM dw.dim_customer'))!.id, '2026-01-20');
  assert.equal(january?.customer.address_line, '1 ELM ST');
  assert.equal(january?.household?.address_line, '1 ELM ST', 'the household as it was that day');
  const places = await duck.all('SELECT postcode, run_id FROM dw.dim_geography ORDER BY run_id');
  assert.deepEqual(places, [{ postcode: '10001', run_id: 1 }, { postcode: '10002', run_id: 2 }], 'a place once, from the run that first saw it');
  // As of a date in January, the customer lived at the old address.
  const asOf = await duck.one<{ address_line: string }>(`SELECT address_line FROM dw.dim_customer
    WHERE TIMESTAMP '2026-01-20' >= valid_from AND TIMESTAMP '2026-01-20' < valid_to`);
  assert.equal(asOf?.address_line, '1 ELM ST');

  const accountVersions = await duck.all('SELECT account_key, is_current FROM dw.dim_account');
  assert.deepEqual(accountVersions, [{ account_key: 'X1', is_current: true }], 'an unchanged account gets no new version');

  const facts = await duck.all('SELECT source_key, run_id, is_complaint FROM dw.fact_contact ORDER BY source_key');
  assert.deepEqual(facts, [
    { source_key: 'K1', run_id: 1, is_complaint: true },
    { source_key: 'K2', run_id: 2, is_complaint: false },
  ], 'the contact delivered again is not loaded twice, and the first load is not rewritten');
  duck.close();
});
