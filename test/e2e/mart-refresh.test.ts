// The marts after real runs on a generated enterprise: a run with nothing new leaves them as they are; a run with a
// little new input (billing and contacts within the months they have, a moved customer, a closed account) refreshes
// only the customers it touched and ends with exactly the tables a full build makes; new months mean a full build.
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Duck } from '../../src/duckdb/index.ts';
import { buildOlapMart, martTables } from '../../src/marts/index.ts';
import { openStores, runWith } from '../../src/ops/index.ts';
import { generatedFactory } from './enterprise-fixture.ts';

const quiet = () => undefined;
const tables = Object.keys(martTables);

/** Every mart table's rows, as a count and an order-free hash of them. */
async function fingerprints(duck: Duck): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tables) {
    const row = await duck.one<{ n: string; h: string }>(`SELECT count(*)::VARCHAR AS n, coalesce(sum(hash(t)::HUGEINT), 0)::VARCHAR AS h FROM ${table} t`);
    out[table] = `${row!.n} rows, ${row!.h}`;
  }
  return out;
}

/** A few lines of a source file again under new keys: new facts of the months the marts already have. */
function moreOf(file: string, rows: number, rekey: (line: string, i: number) => string): number {
  const [header, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const picked = lines.filter((_, i) => i % Math.max(1, Math.floor(lines.length / rows)) === 0).slice(0, rows).map(rekey);
  writeFileSync(file.replace(/\.csv$/, '-late.csv'), `${[header, ...picked].join('\n')}\n`);
  return picked.length;
}

test('a run refreshes only the customers it touched, and ends where a full build would', async () => {
  const factory = await generatedFactory(600, { dir: '' }, 17);
  const stores = await openStores({ ...factory, ods: { dir: join(factory.dataDir, 'ods') } });
  try {
    const first = await runWith(factory, stores, quiet);
    assert.equal(first.status, 'succeeded', first.error);
    assert.equal(first.marts?.kind, 'full');
    const built = await fingerprints(stores.duck);

    const idle = await runWith(factory, stores, quiet);
    assert.equal(idle.marts?.kind, 'unchanged', 'nothing new in the warehouse');
    assert.deepEqual(await fingerprints(stores.duck), built, 'a run with nothing new changes no mart');

    // Within October: more billing and contacts, a customer's new address, an account closed.
    const sources = join(factory.dir, 'sources');
    moreOf(join(sources, 'billing/transactions-2026-10.csv'), 12, (line, i) => line.replace(/^B202610\d+/, `B2026109${String(i).padStart(7, '0')}`));
    moreOf(join(sources, 'call_centre/contacts-2026-10.csv'), 8, (line, i) => line.replace(/^CC\d+/, `CCLATE${i}`));
    const customers = join(sources, 'cellular/customers.csv');
    const line = readFileSync(customers, 'utf8').trimEnd().split('\n')[1]!;
    const [, key, name, dob, , rest] = line.match(/^([^,]*),("[^"]*"),([^,]*),([^,]*),(.*),([^,]*)$/)!;
    appendFileSync(customers, `${key},${name},${dob},9 LATER AVE,${rest},12/31/2099\n`);
    const accounts = join(sources, 'cellular/accounts.csv');
    const open = readFileSync(accounts, 'utf8').trimEnd().split('\n').slice(1).find((l) => l.split(',')[5] === '')!.split(',');
    appendFileSync(accounts, `${[...open.slice(0, 3), 'C', open[4], '10/15/2026', open[6]].join(',')}\n`);

    const delta = await runWith(factory, stores, quiet);
    assert.equal(delta.status, 'succeeded', delta.error);
    assert.equal(delta.marts?.kind, 'incremental', delta.marts?.reason);
    const touched = delta.marts!.customers;
    assert.ok(touched >= 3 && touched < 40, `${touched} customers refreshed: those of the new lines, not everyone`);
    const refreshed = await fingerprints(stores.duck);
    assert.notDeepEqual(refreshed['mart.customer_month'], built['mart.customer_month'], 'the refresh changed the months it had to');

    const full = await stores.duck.transaction(() => buildOlapMart(stores.duck, delta.runId));
    assert.equal(full.kind, 'full');
    assert.deepEqual(await fingerprints(stores.duck), refreshed, 'every mart table as a full build makes it');

    // A month the marts do not have: every customer gets a row in it, so the marts are built in full.
    const [header, ...october] = readFileSync(join(sources, 'billing/transactions-2026-10.csv'), 'utf8').trimEnd().split('\n');
    const november = october.map((row) => row.replace(/^B202610/, 'B202611').replace(/,202610(\d\d),/, ',202611$1,'));
    writeFileSync(join(sources, 'billing/transactions-2026-11.csv'), `${[header, ...november].join('\n')}\n`);
    const month = await runWith(factory, stores, quiet);
    assert.equal(month.marts?.kind, 'full');
    assert.match(month.marts!.reason!, /reach past the months/);
    assert.equal(month.marts!.months, first.marts!.months + 1);
  } finally {
    await stores.close();
  }
});
