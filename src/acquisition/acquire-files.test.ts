import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SourceConfig, SourceFileConfig } from '../config/index.ts';
import { type Duck, openDuck } from '../duckdb/index.ts';
import { acquireFiles, createStandardiseMacros, ensureStaging, SourceFileError } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'cif-acquire-'));
function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function staging(): Promise<Duck> {
  const duck = await openDuck();
  await createStandardiseMacros(duck);
  await ensureStaging(duck);
  return duck;
}

const cellular: SourceConfig = { name: 'cellular', productLine: 'cellular', files: [] as never };
const customers: SourceFileConfig = {
  entity: 'customer', path: 'customers.csv', format: 'csv', key: 'ID',
  fields: {
    full_name: { field: 'NAME', parse: 'last_first' }, birth_date: { field: 'DOB', format: '%m/%d/%Y' },
    address_line: 'ADDR', city: 'CITY', postcode: 'ZIP', phone: 'PHONE', email: 'EMAIL',
  },
};
const accounts: SourceFileConfig = {
  entity: 'account', path: 'accounts.csv', format: 'csv', key: 'ACCT',
  fields: { customer_key: 'ID', status: { field: 'ST', map: { A: 'active', C: 'closed' } }, monthly_amount: 'AMT', opened_on: { field: 'OPENED', format: '%m/%d/%Y' } },
};

test('standardises names, phones, e-mails, addresses and dates into one form', async () => {
  const duck = await staging();
  const path = write('std.csv', [
    'ID,NAME,DOB,ADDR,CITY,ZIP,PHONE,EMAIL',
    'S1,"SMITH, ROBERT J JR",06/24/1971,123 Oak Street Apt. 4,springfield,62704-1234,(555) 010-2233, Bob.Smith@Example.COM ',
    'S2,"O\'NEIL, MARY",01/02/1980,77 north Pine Avenue #2,Springfield,62704,+1 555 010 9999,',
  ].join('\n'));
  await acquireFiles(duck, { source: cellular, file: customers, paths: [path], runId: 1, country: 'US' });
  const rows = await duck.all('SELECT source_key, given_name, middle_name, family_name, name_suffix, birth_date, address_line, city, postcode, phone, email FROM staging.customer ORDER BY source_key');
  assert.deepEqual(rows, [
    { source_key: 'S1', given_name: 'Robert', middle_name: 'J', family_name: 'Smith', name_suffix: 'JR', birth_date: '1971-06-24',
      address_line: '123 OAK ST APT 4', city: 'SPRINGFIELD', postcode: '62704', phone: '+15550102233', email: 'bob.smith@example.com' },
    { source_key: 'S2', given_name: 'Mary', middle_name: null, family_name: "O'neil", name_suffix: null, birth_date: '1980-01-02',
      address_line: '77 N PINE AVE APT 2', city: 'SPRINGFIELD', postcode: '62704', phone: '+15550109999', email: null },
  ]);
  duck.close();
});

test('a bad record is rejected with its field, its reason and the record as read; counts reconcile', async () => {
  const duck = await staging();
  const path = write('bad.csv', [
    'ID,NAME,DOB,ADDR,CITY,ZIP,PHONE,EMAIL',
    'S1,"DOE, JANE",02/30/1980,1 Elm St,X,62704,,',
    'S2,"DOE, JOHN",01/01/1980,1 Elm St,X,62704,12345,',
    'S3,"DOE, JIM",01/01/1980,1 Elm St,X,62704,,not-an-email',
    ',"DOE, JO",01/01/1980,1 Elm St,X,62704,,',
    'S5,,01/01/1980,1 Elm St,X,62704,,',
    'S6,"DOE, JOY",01/01/1980,1 Elm St,X,62704,,joy@example.com',
  ].join('\n'));
  const [counts] = await acquireFiles(duck, { source: cellular, file: customers, paths: [path], runId: 1, country: 'US' });
  assert.deepEqual(counts, { path, read: 6, loaded: 1, rejected: 5 });
  const rejects = await duck.all<{ source_key: string | null; field: string; reason: string; record: string }>(
    'SELECT source_key, field, reason, record FROM staging.reject ORDER BY line');
  assert.deepEqual(rejects.map((r) => [r.source_key, r.field, r.reason]), [
    ['S1', 'birth_date', 'birth_date: "02/30/1980" is not a date in the form %m/%d/%Y'],
    ['S2', 'phone', 'phone: "12345" is not a telephone number'],
    ['S3', 'email', 'email: "not-an-email" is not an e-mail address'],
    [null, 'key', 'key: the key column ID is empty'],
    ['S5', 'family_name', 'family_name: is missing'],
  ]);
  assert.equal(JSON.parse(rejects[0].record).DOB, '02/30/1980', 'the record is kept as it was read');
  duck.close();
});

test('accounts must belong to a known customer; an unknown code is rejected, not guessed', async () => {
  const duck = await staging();
  const c = write('c.csv', 'ID,NAME,DOB,ADDR,CITY,ZIP,PHONE,EMAIL\nS1,"DOE, JANE",01/01/1980,,,,,\n');
  await acquireFiles(duck, { source: cellular, file: customers, paths: [c], runId: 1, country: 'US' });
  const a = write('a.csv', 'ACCT,ID,ST,AMT,OPENED\nA1,S1,A,45.00,03/01/2020\nA2,S9,A,10,03/01/2020\nA3,S1,X,10,03/01/2020\nA4,S1,C,ten,03/01/2020\n');
  const [counts] = await acquireFiles(duck, { source: cellular, file: accounts, paths: [a], runId: 1, country: 'US' });
  assert.deepEqual([counts.read, counts.loaded, counts.rejected], [4, 1, 3]);
  const reasons = await duck.all<{ reason: string }>(`SELECT reason FROM staging.reject WHERE entity = 'account' ORDER BY line`);
  assert.deepEqual(reasons.map((r) => r.reason), [
    'customer_key: no customer record "S9" in cellular',
    'status: "X" is not one of A, C',
    'monthly_amount: "ten" is not a number',
  ]);
  const [acct] = await duck.all('SELECT source_key, customer_key, product_line, status, monthly_amount FROM staging.account');
  assert.deepEqual(acct, { source_key: 'A1', customer_key: 'S1', product_line: 'cellular', status: 'active', monthly_amount: '45.00' });
  duck.close();
});

test('re-reading unchanged records changes nothing; a changed record gets the new run', async () => {
  const duck = await staging();
  const v1 = write('v1.csv', 'ID,NAME,DOB,ADDR,CITY,ZIP,PHONE,EMAIL\nS1,"DOE, JANE",01/01/1980,1 Elm St,,,,\nS2,"DOE, JOHN",01/01/1981,1 Elm St,,,,\n');
  await acquireFiles(duck, { source: cellular, file: customers, paths: [v1], runId: 1, country: 'US' });
  await acquireFiles(duck, { source: cellular, file: customers, paths: [v1], runId: 2, country: 'US' });
  const v3 = write('v3.csv', 'ID,NAME,DOB,ADDR,CITY,ZIP,PHONE,EMAIL\nS1,"DOE, JANE",01/01/1980,9 Oak St,,,,\n');
  await acquireFiles(duck, { source: cellular, file: customers, paths: [v3], runId: 3, country: 'US' });
  const rows = await duck.all('SELECT source_key, address_line, run_id FROM staging.customer ORDER BY source_key');
  assert.deepEqual(rows, [
    { source_key: 'S1', address_line: '9 OAK ST', run_id: 3 },
    { source_key: 'S2', address_line: '1 ELM ST', run_id: 1 },
  ]);
  duck.close();
});

test('a file without a configured column fails with a message naming the column and the file', async () => {
  const duck = await staging();
  const path = write('nocol.csv', 'ID,NAME,DOB\nS1,"DOE, JANE",01/01/1980\n');
  await assert.rejects(
    acquireFiles(duck, { source: cellular, file: customers, paths: [path], runId: 1, country: 'US' }),
    (e: Error) => e instanceof SourceFileError && /ADDR, CITY, ZIP, PHONE, EMAIL/.test(e.message) && /source cellular/.test(e.message),
  );
  duck.close();
});

test('JSON Lines and Parquet are read like CSV', async () => {
  const duck = await staging();
  const jsonl = write('c.jsonl', '{"cust_no":"L1","first_name":"Bob","last_name":"Smith","birth_date":"1971-06-24","phone":"555.010.2233"}\n');
  const ld: SourceConfig = { name: 'long_distance', files: [] as never };
  const file: SourceFileConfig = { entity: 'customer', path: 'c.jsonl', format: 'jsonl', key: 'cust_no', fields: { given_name: 'first_name', family_name: 'last_name', birth_date: 'birth_date', phone: 'phone' } };
  await acquireFiles(duck, { source: ld, file, paths: [jsonl], runId: 1, country: 'US' });
  const parquet = join(dir, 'c.parquet');
  await duck.run(`COPY (SELECT 'P1' AS customer_id, 'Ann Lee' AS full_name) TO '${parquet}' (FORMAT parquet)`);
  const cable: SourceConfig = { name: 'cable', files: [] as never };
  await acquireFiles(duck, { source: cable, runId: 1, country: 'US', paths: [parquet],
    file: { entity: 'customer', path: 'c.parquet', format: 'parquet', key: 'customer_id', fields: { full_name: { field: 'full_name', parse: 'first_last' } } } });
  const rows = await duck.all('SELECT source, source_key, given_name, family_name, phone FROM staging.customer ORDER BY source');
  assert.deepEqual(rows, [
    { source: 'cable', source_key: 'P1', given_name: 'Ann', family_name: 'Lee', phone: null },
    { source: 'long_distance', source_key: 'L1', given_name: 'Bob', family_name: 'Smith', phone: '+15550102233' },
  ]);
  duck.close();
});

test('quotes far down a CSV file are read, and a line that cannot be split is a reject, not a failed run', async () => {
  const duck = await staging();
  const rows = Array.from({ length: 30_000 }, (_, i) => `S${i},"DOE, JO",01/01/1980,1 Elm St,X,62704,,`);
  // Quoted with an embedded delimiter after the reader's sample, then one field too many, then one too few.
  rows.push('S30000,"DOE, ""JJ""",01/01/1980,"1 Elm St, Apt 2",X,62704,,', 'S30001,"DOE, JO",01/01/1980,1 Elm St,X,62704,,,extra', 'S30002,"DOE, JO"');
  const path = write('long.csv', ['ID,NAME,DOB,ADDR,CITY,ZIP,PHONE,EMAIL', ...rows].join('\n') + '\n');
  const [counts] = await acquireFiles(duck, { source: cellular, file: customers, paths: [path], runId: 1, country: 'US' });
  assert.deepEqual(counts, { path, read: 30_003, loaded: 30_001, rejected: 2 });
  const quoted = await duck.one<{ given_name: string; address_line: string }>(`SELECT given_name, address_line FROM staging.customer WHERE source_key = 'S30000'`);
  assert.deepEqual(quoted, { given_name: 'Jj', address_line: '1 ELM ST APT 2' });
  const rejects = await duck.all<{ line: number; field: string; reason: string; record: string }>('SELECT line::INTEGER AS line, field, reason, record FROM staging.reject ORDER BY line');
  assert.deepEqual(rejects.map((r) => [r.line, r.field, r.reason]), [
    [30_003, 'line', 'line: Expected Number of Columns: 8 Found: 9'],
    [30_004, 'line', 'line: Expected Number of Columns: 8 Found: 2'],
  ]);
  assert.equal(JSON.parse(rejects[1].record).line, 'S30002,"DOE, JO"');
  duck.close();
});

test('a reject names its line in its own file, also when a group has several files', async () => {
  const duck = await staging();
  const head = 'ID,NAME,DOB,ADDR,CITY,ZIP,PHONE,EMAIL';
  const first = write('group-1.csv', [head, 'S1,"DOE, JO",01/01/1980,,,,,', 'S2,"DOE, JO",01/01/1980,,,,,', 'S3,"DOE, JO",99/99/1980,,,,,'].join('\n') + '\n');
  const second = write('group-2.csv', [head, 'S4,"DOE, JO",01/01/1980,,,,,', 'S5,"DOE, JO",99/99/1980,,,,,'].join('\n') + '\n');
  await acquireFiles(duck, { source: cellular, file: customers, paths: [first, second], runId: 1, country: 'US' });
  const rejects = await duck.all<{ file: string; line: number; source_key: string }>('SELECT file, line::INTEGER AS line, source_key FROM staging.reject ORDER BY file');
  assert.deepEqual(rejects, [
    { file: first, line: 4, source_key: 'S3' },
    { file: second, line: 3, source_key: 'S5' },
  ]);
  duck.close();
});
