import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { factoryConfigSchema } from '../config/index.ts';
import { generateEnterprise, type GenerateResult } from './index.ts';
import { readEnterprise, type Row } from './enterprise-reader.ts';

const persons = 2000;
const root = mkdtempSync(join(tmpdir(), 'cif-demo-'));
after(() => rmSync(root, { recursive: true, force: true }));

const first = join(root, 'first');
const again = join(root, 'again');
const other = join(root, 'other');
const result: GenerateResult = await generateEnterprise({ customers: persons, out: first });
await generateEnterprise({ customers: persons, out: again });
await generateEnterprise({ customers: persons, seed: 2, out: other });
const enterprise = await readEnterprise(first);

const lines = ['cellular', 'long_distance', 'cable'] as const;
type Line = (typeof lines)[number];
const customerKey: Record<Line, string> = { cellular: 'SUBSCRIBER_ID', long_distance: 'cust_no', cable: 'customer_id' };
const accountKey: Record<Line, string> = { cellular: 'ACCOUNT_NO', long_distance: 'account_id', cable: 'account_number' };
const systemOf: Record<string, Line> = { CEL: 'cellular', LD: 'long_distance', CBL: 'cable' };

/** Every file under dir, as paths relative to dir, sorted. */
function relativeFiles(dir: string, under = dir): string[] {
  return readdirSync(under)
    .flatMap((name) => {
      const path = join(under, name);
      return statSync(path).isDirectory() ? relativeFiles(dir, path) : [relative(dir, path)];
    })
    .sort();
}

const personOfRecord = new Map(enterprise.truthRecords.map((r) => [`${r.source}|${r.source_key}`, r.person_id!]));

/** account (line|key) → person, through the account's customer key and the truth. */
const personOfAccount = new Map<string, string>();
for (const line of lines) {
  for (const account of enterprise.accounts[line]) {
    const person = personOfRecord.get(`${line}|${account[customerKey[line]]}`);
    if (person) personOfAccount.set(`${line}|${account[accountKey[line]]}`, person);
  }
}

test('the same seed writes byte-identical files, another seed different ones', () => {
  const names = relativeFiles(first);
  assert.deepEqual(relativeFiles(again), names);
  for (const name of names) assert.ok(readFileSync(join(first, name)).equals(readFileSync(join(again, name))), `${name} differs between two runs with seed 1`);
  assert.ok(!readFileSync(join(first, 'truth/persons.csv')).equals(readFileSync(join(other, 'truth/persons.csv'))));
  assert.ok(!readFileSync(join(first, 'sources/cellular/customers.csv')).equals(readFileSync(join(other, 'sources/cellular/customers.csv'))));
});

test('the result reports what was written', () => {
  assert.equal(result.persons, persons);
  assert.equal(new Set(enterprise.persons.map((p) => p.person_id)).size, persons);
  assert.equal(result.households, new Set(enterprise.persons.map((p) => p.household_id)).size);
  for (const file of result.files) {
    if (file.path.endsWith('.parquet')) continue;
    const text = readFileSync(join(first, file.path), 'utf8');
    const lineCount = text.split('\n').length - 1;
    const header = file.path.endsWith('.csv') ? 1 : 0;
    assert.equal(lineCount - header, file.rows, `${file.path} rows`);
  }
  assert.equal(result.files.find((f) => f.path === 'sources/cable/customers.parquet')?.rows, enterprise.customers.cable.length);
});

test('truth lists exactly the customer records of the three product-line systems', () => {
  const inSources = lines.flatMap((line) => enterprise.customers[line].map((c) => `${line}|${c[customerKey[line]]}`)).sort();
  const inTruth = enterprise.truthRecords.map((r) => `${r.source}|${r.source_key}`).sort();
  assert.equal(new Set(inSources).size, inSources.length, 'customer keys are unique within a system');
  assert.deepEqual(inTruth, inSources);
  assert.equal(result.customerRecords, inSources.length);
  const known = new Set(enterprise.persons.map((p) => p.person_id));
  assert.ok(enterprise.truthRecords.every((r) => known.has(r.person_id)));
});

test('accounts name an existing customer in their system, except a planted few', () => {
  let accounts = 0;
  let orphans = 0;
  for (const line of lines) {
    const keys = new Set(enterprise.customers[line].map((c) => c[customerKey[line]]));
    const pattern = /^(S\d{8}|LD\d{7}|CB-\d{6})$/;
    for (const account of enterprise.accounts[line]) {
      accounts++;
      assert.match(account[customerKey[line]]!, pattern, 'even an orphan key is well formed');
      if (!keys.has(account[customerKey[line]])) orphans++;
    }
  }
  assert.ok(orphans >= 1, 'some orphan accounts are planted');
  assert.ok(orphans <= accounts * 0.002, `${orphans} orphans among ${accounts} accounts`);
  // billing, contacts and surveys only mention accounts that exist
  const allAccounts = new Set(lines.flatMap((line) => enterprise.accounts[line].map((a) => `${line}|${a[accountKey[line]]}`)));
  for (const row of [...enterprise.billing, ...enterprise.contacts, ...enterprise.surveys]) {
    assert.ok(allAccounts.has(`${systemOf[row.SYSTEM!]}|${row.ACCOUNT_NO}`), `${row.SYSTEM} ${row.ACCOUNT_NO}`);
  }
});

test('persons hold one, two or three product lines in about the intended shares (55/30/15)', () => {
  const held = new Map<string, Set<string>>();
  for (const r of enterprise.truthRecords) held.set(r.person_id!, (held.get(r.person_id!) ?? new Set()).add(r.source!));
  assert.equal(held.size, persons, 'every person holds at least one line');
  const share = (n: number) => [...held.values()].filter((s) => s.size === n).length / persons;
  assert.ok(Math.abs(share(1) - 0.55) < 0.04, `one line: ${share(1)}`);
  assert.ok(Math.abs(share(2) - 0.3) < 0.04, `two lines: ${share(2)}`);
  assert.ok(Math.abs(share(3) - 0.15) < 0.03, `three lines: ${share(3)}`);
});

test('leavers complained more and scored the company lower than stayers', () => {
  const closedOn: Record<Line, (a: Row) => string | null> = {
    cellular: (a) => (a.DEACTIVATED ? `${a.DEACTIVATED.slice(6)}-${a.DEACTIVATED.slice(0, 2)}-${a.DEACTIVATED.slice(3, 5)}` : null),
    long_distance: (a) => a.end_date,
    cable: (a) => a.disconnect_date,
  };
  const leavers = new Set<string>();
  for (const line of lines) {
    for (const account of enterprise.accounts[line]) {
      const closed = closedOn[line](account);
      const person = personOfAccount.get(`${line}|${account[accountKey[line]]}`);
      if (closed && closed >= '2025-11-01' && person) leavers.add(person);
    }
  }
  const share = leavers.size / persons;
  assert.ok(share > 0.05 && share < 0.3, `share leaving: ${share}`);

  const complaints = new Map<string, number>();
  for (const c of enterprise.contacts) {
    const person = personOfAccount.get(`${systemOf[c.SYSTEM!]}|${c.ACCOUNT_NO}`);
    if (person && c.COMPLAINT === 'Y') complaints.set(person, (complaints.get(person) ?? 0) + 1);
  }
  const everyone = enterprise.persons.map((p) => p.person_id!);
  const mean = (group: string[], value: (p: string) => number) => group.reduce((sum, p) => sum + value(p), 0) / group.length;
  const left = everyone.filter((p) => leavers.has(p));
  const stayed = everyone.filter((p) => !leavers.has(p));
  const complaintsOf = (p: string) => complaints.get(p) ?? 0;
  assert.ok(mean(left, complaintsOf) > mean(stayed, complaintsOf) * 1.2, `complaints: leavers ${mean(left, complaintsOf)}, stayers ${mean(stayed, complaintsOf)}`);

  const scores = (group: Set<string>, inGroup: boolean) =>
    enterprise.surveys.filter((s) => group.has(personOfAccount.get(`${systemOf[s.SYSTEM!]}|${s.ACCOUNT_NO}`) ?? '') === inGroup).map((s) => Number(s.SCORE));
  const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  assert.ok(average(scores(leavers, true)) < average(scores(leavers, false)) - 0.5, 'leavers give lower survey scores');
  // not a rule: some leavers never complained, some stayers did
  assert.ok(left.some((p) => complaintsOf(p) === 0) && stayed.some((p) => complaintsOf(p) > 0));
});

test('cif.yaml is a valid configuration that declares every file written, and only those', () => {
  const config = factoryConfigSchema.parse(parseYaml(readFileSync(join(first, 'cif.yaml'), 'utf8')));
  assert.deepEqual(config.sources.map((s) => s.name), ['cellular', 'long_distance', 'cable', 'billing', 'call_centre', 'web', 'surveys']);
  const written = relativeFiles(first).filter((f) => f.startsWith('sources/'));
  const declared = config.sources.flatMap((s) => s.files.map((f) => f.path));
  const matches = (glob: string, path: string) => new RegExp(`^${glob.replaceAll('.', '\\.').replaceAll('*', '[^/]*')}$`).test(path);
  for (const path of declared) assert.ok(written.some((f) => matches(path, f)), `${path} matches no file`);
  for (const file of written) assert.ok(declared.some((p) => matches(p, file)), `${file} is not declared`);
  const cellularCustomers = config.sources[0]!.files[0]!;
  assert.equal(cellularCustomers.key, 'SUBSCRIBER_ID');
  assert.ok(Object.values(customerKey).every((k) => config.sources.some((s) => s.files.some((f) => f.key === k))));
});
