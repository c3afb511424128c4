import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as acquisition from '../acquisition/index.ts';
import { type Duck, openDuck } from '../duckdb/index.ts';
import { ensureIdentityTables, resolveIdentity } from './index.ts';

const header = 'KEY,GIVEN,FAMILY,SUFFIX,DOB,ADDRESS,ZIP,PHONE,EMAIL,UPDATED';
const source = { name: 'crm', files: [] as never[] };
const file = {
  entity: 'customer' as const, path: 'x', format: 'csv' as const, key: 'KEY',
  fields: { given_name: 'GIVEN', family_name: 'FAMILY', name_suffix: 'SUFFIX', birth_date: 'DOB', address_line: 'ADDRESS', postcode: 'ZIP', phone: 'PHONE', email: 'EMAIL', updated_on: 'UPDATED' },
};

async function stores(): Promise<Duck> {
  const duck = await openDuck();
  await acquisition.createStandardiseMacros(duck);
  await acquisition.ensureStaging(duck);
  await ensureIdentityTables(duck);
  return duck;
}

async function deliver(duck: Duck, runId: number, rows: string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cif-identity-'));
  const path = join(dir, `run${runId}.csv`);
  writeFileSync(path, [header, ...rows].join('\n') + '\n');
  const [counts] = await acquisition.acquireFiles(duck, { source, file, paths: [path], runId, country: 'US' });
  assert.equal(counts.rejected, 0, 'test records are all valid');
}

async function customerOf(duck: Duck): Promise<Map<string, number>> {
  const rows = await duck.all<{ source_key: string; customer_id: number }>('SELECT source_key, customer_id FROM identity.xref');
  return new Map(rows.map((r) => [r.source_key, r.customer_id]));
}

test('one person spelt several ways is one customer; household members, a junior and namesakes are not', async () => {
  const duck = await stores();
  await deliver(duck, 1, [
    'r1,Robert,Smith,,1971-06-24,123 Oak Street,62704,(555) 010-2233,bob.smith@example.com,2024-01-01',
    'r2,Bob,Smith,,1971-06-24,123 OAK ST,62704,555.010.2233,,2023-01-01', // nickname, same person
    'r3,Robrt,Smyth,,1971-06-24,9 Elm Rd,10001,,bob.smith@example.com,2022-01-01', // typos, old address, same e-mail
    'r4,Mary,Smith,,1973-02-11,123 Oak Street,62704,(555) 010-2233,,2024-01-01', // spouse: same address, surname, phone
    'r5,Robert,Smith,JR,1998-09-02,123 Oak Street,62704,(555) 010-2233,,2024-01-01', // junior
    'r6,Robert,Smith,,1980-03-05,77 Pine Ave,62704,(555) 020-9999,,2024-01-01', // namesake in the same town
    'r7,Elizabeth,Jones,,1985-12-01,5 Lake Dr,30301,(555) 030-1111,liz@example.com,2020-01-01',
    'r8,Liz,Brown,,1985-12-01,8 Hill Ct,30305,(555) 030-1111,liz@example.com,2025-01-01', // married and moved
    'r9,Robert,Smith,,,123 OAK ST,62704,(555) 010-7777,,2024-01-01', // the father again, no birth date, his own phone
    'r10,Kathleen,Ramirez,,1990-04-04,4 Bay Rd,94110,,,2019-01-01',
    'r11,Kathleen,Jones,,1990-04-04,4 Bay Rd,94110,(555) 050-5050,,2025-01-01', // married, same home, same birthday
    'r12,Tony,Walker,,1941-10-14,1027 N 32nd Ln,85753,,,2024-01-01',
    'r13,Anthony,Walker,,,1027 N 32ND LN,85753,,,2024-12-01', // no birth date, nobody else of that name there
  ]);
  const summary = await resolveIdentity(duck, 1);
  const id = await customerOf(duck);
  assert.equal(id.get('r1'), id.get('r2'));
  assert.equal(id.get('r1'), id.get('r3'));
  assert.equal(id.get('r7'), id.get('r8'));
  assert.equal(id.get('r10'), id.get('r11'));
  assert.equal(id.get('r12'), id.get('r13'));
  const distinct = new Set([id.get('r1'), id.get('r4'), id.get('r5'), id.get('r6'), id.get('r7'), id.get('r9')]);
  assert.equal(distinct.size, 6, 'spouse, junior, namesake and a record that could be father or son stay separate');
  assert.equal(summary.customers, 8);

  const liz = await duck.one<{ given_name: string; family_name: string; address_line: string; address_source: string }>(
    'SELECT given_name, family_name, address_line, address_source FROM identity.customer WHERE customer_id = $1', [id.get('r7')!]);
  assert.equal(liz?.given_name, 'Elizabeth', 'the formal given name wins over the nickname');
  assert.equal(liz?.family_name, 'Brown', 'the most recently maintained surname wins');
  assert.equal(liz?.address_line, '8 HILL CT');

  const homes = await duck.all<{ household_id: number; n: number }>(
    'SELECT household_id, count(*)::INTEGER AS n FROM identity.customer GROUP BY household_id ORDER BY n DESC');
  assert.equal(homes[0].n, 4, 'Robert, Mary, the junior and the undated Robert share one household at 123 Oak St');
  duck.close();
});

test('ids are stable: a new record joins its customer, a bridging record merges two into the older id', async () => {
  const duck = await stores();
  await deliver(duck, 1, [
    'a1,Anna,Berg,,1990-01-15,1 Main St,55401,,anna@example.com,2024-01-01',
    'b1,Anna,Lund,,1990-01-15,,,(555) 040-1234,,2024-01-01', // another surname, nothing shared with a1 but a given name and a birth date
  ]);
  await resolveIdentity(duck, 1);
  let id = await customerOf(duck);
  // A given name and a birth date alone are not enough: they stay apart for now.
  assert.notEqual(id.get('a1'), id.get('b1'));
  const [older, younger] = [id.get('a1')!, id.get('b1')!].sort((x, y) => x - y);

  const again = await resolveIdentity(duck, 2);
  assert.equal(again.skipped, true, 'nothing changed, nothing to resolve');

  await deliver(duck, 3, ['c1,Ann,Berg,,1990-01-15,1 Main St,55401,(555) 040-1234,anna@example.com,2025-01-01']);
  const summary = await resolveIdentity(duck, 3);
  id = await customerOf(duck);
  assert.equal(id.get('a1'), older);
  assert.equal(id.get('b1'), older, 'the older id survives the merge');
  assert.equal(id.get('c1'), older);
  assert.equal(summary.merged, 1);
  const redirect = await duck.all<{ from_id: number; to_id: number; run_id: number }>('SELECT from_id, to_id, run_id FROM identity.redirect');
  assert.deepEqual(redirect, [{ from_id: younger, to_id: older, run_id: 3 }]);
  const customers = await duck.all<{ customer_id: number }>('SELECT customer_id FROM identity.customer');
  assert.deepEqual(customers.map((c) => c.customer_id), [older]);

  await deliver(duck, 4, ['d1,Zoe,Quinn,,2001-07-07,4 Bay Rd,94110,,,2025-01-01']);
  await resolveIdentity(duck, 4);
  id = await customerOf(duck);
  assert.ok(id.get('d1')! > younger, 'a merged-away id is never given out again');
  duck.close();
});
