// Volume: 100,000 customers and 150,000 source records in one load. Times are printed, not asserted
// (they depend on the machine); what is asserted is that searches stay on the indexes at this size.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CustomerInput, CustomerSourceInput } from './rows.ts';
import { compileSearch } from './search.ts';
import { forEachEngine } from './test-engines.ts';
import { batches, customer, sourceRecord } from './test-rows.ts';

const customers = 100_000;
const sourceRows = 150_000;
const given = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara'];
const nickname: Record<string, string> = { Robert: 'Bob', William: 'Bill', Elizabeth: 'Liz', Michael: 'Mike' };

function phone(i: number): string {
  return `+1555${String(i).padStart(7, '0')}`;
}

function* people(): Generator<CustomerInput> {
  for (let i = 0; i < customers; i++) {
    yield customer(i + 1, {
      given_name: given[i % given.length]!,
      family_name: `Family${i % 5000}`,
      phones: [{ value: phone(i), source: 'core' }],
      emails: [{ value: `person${i}@example.com`, source: 'core' }],
    });
  }
}

function* records(golden: CustomerInput[]): Generator<CustomerSourceInput> {
  for (let i = 0; i < sourceRows; i++) {
    const c = golden[i % customers]!;
    const name = c.given_name!;
    yield sourceRecord(i < customers ? 'core' : 'web', `S${String(i).padStart(8, '0')}`, c.customer_id, {
      given_name: i >= customers && nickname[name] ? nickname[name]! : name,
      family_name: c.family_name,
      phone: c.phones[0]!.value,
      email: c.emails[0]!.value,
    });
  }
}

async function* chunked<T>(rows: Iterable<T>, size: number): AsyncIterable<T[]> {
  let batch: T[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

forEachEngine('ODS at volume', (engine) => {
  test(`loads ${customers.toLocaleString('en')} customers and ${sourceRows.toLocaleString('en')} source records, and searches on indexes`, async (t) => {
    const ods = await engine.open();
    const golden = [...people()];
    let started = performance.now();
    const counts = await ods.load(1, { upsert: { customer: chunked(golden, 50_000), customer_source: chunked(records(golden), 50_000) } });
    const loadMs = performance.now() - started;
    assert.deepEqual(counts.customer, { inserted: customers, updated: 0, deleted: 0 });
    assert.deepEqual(counts.customer_source, { inserted: sourceRows, updated: 0, deleted: 0 });

    started = performance.now();
    const again = await ods.load(2, { upsert: { customer: batches(golden, 50_000), customer_source: chunked(records(golden), 50_000) } });
    const reloadMs = performance.now() - started;
    assert.deepEqual(again.customer, { inserted: 0, updated: 0, deleted: 0 });

    const changed = golden.slice(0, 5_000).map((c) => ({ ...c, family_name: 'Moved' }));
    started = performance.now();
    await ods.load(3, { upsert: { customer: batches(changed) } });
    const changeMs = performance.now() - started;

    const report = [
      `${engine.name}: first load ${Math.round(loadMs)} ms, identical reload ${Math.round(reloadMs)} ms, 5,000 changed customers ${Math.round(changeMs)} ms`,
    ];
    for (const q of ['Robert Family12', 'bob', 'Liz Family7', 'S00001234', '(555) 000-1234', 'PERSON77@example.com', '4242', 'moved']) {
      const compiled = compileSearch(q)!;
      const plan = (await ods.query<{ 'QUERY PLAN': string }>(`explain ${compiled.page}`, compiled.params)).map((r) => r['QUERY PLAN']).join('\n');
      assert.doesNotMatch(plan, /Seq Scan on customer(_search_term)? /, `${q}:\n${plan}`);
      started = performance.now();
      const result = await ods.searchCustomers(q);
      report.push(`  search ${JSON.stringify(q)}: ${result.total} hits, first ${result.items[0]?.matched}, ${(performance.now() - started).toFixed(1)} ms`);
      assert.ok(result.total > 0, q);
    }
    assert.equal((await ods.searchCustomers('moved')).total, 5_000);
    for (const line of report) {
      t.diagnostic(line);
    }
  });
});
