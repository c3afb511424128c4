// The backbone on a generated enterprise, on each ODS engine: counts reconcile, identity is precise and complete
// against the truth without merging households, juniors or namesakes, a second run changes nothing, and a run
// with 1% new records resolves them against the customers without changing any customer's id.
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { Factory } from '../../src/config/index.ts';
import { openDuck } from '../../src/duckdb/index.ts';
import type { Ods } from '../../src/ods/index.ts';
import { forEachEngine } from '../../src/ods/test-engines.ts';
import { openStores, type RunReport, runWith } from '../../src/ops/index.ts';
import { writePersonFile } from '../../src/demo/index.ts';
import { analyticsSettings } from '../../src/analytics/index.ts';
import { generatedFactory } from './enterprise-fixture.ts';

/** Identity runs in DuckDB, so its accuracy is the same over either ODS: PostgreSQL gets a smaller enterprise, for time. */
const customersFor = (engine: string) => Number(process.env.CIF_E2E_CUSTOMERS ?? (engine === 'postgres' ? 20_000 : 100_000));

async function odsFingerprint(ods: Ods): Promise<Record<string, string>> {
  const tables = { customer: 'customer_id', customer_source: 'source, source_key', household: 'household_id', account: 'source, account_key', contact: 'source, contact_key' };
  const out: Record<string, string> = {};
  for (const [table, key] of Object.entries(tables)) {
    const [row] = await ods.query<{ n: string; h: string }>(`select count(*)::text as n, md5(coalesce(string_agg(t::text, '|' order by ${key}), '')) as h from ${table} t`);
    out[table] = `${row.n}:${row.h}`;
  }
  return out;
}

forEachEngine('backbone on a generated enterprise (100,000 customers; 20,000 on PostgreSQL)', (engine) => {
  const customers = customersFor(engine.name);
  let factory: Factory;
  let first: RunReport;
  let truth: { persons: number; records: number; falseMerges: number; householdMerges: number; splitPersons: number; precision: number; recall: number };
  let stats: Awaited<ReturnType<Ods['stats']>>;

  before(async () => {
    const generated = await generatedFactory(customers, await engine.fresh());
    // The models are tested elsewhere; here they would only add minutes (cif score scores when asked).
    factory = { ...generated, config: { ...generated.config, analytics: analyticsSettings({ scoreAfterRun: false }) } };
    const stores = await openStores(factory);
    try {
      first = await runWith(factory, stores, () => undefined);
      assert.equal(first.analytics?.report, null, 'with scoreAfterRun false, the run scores nobody');
      stats = await stores.ods.stats();
      // The truth file is read here, by the test, never by the factory.
      const xref = await stores.ods.query<{ source: string; source_key: string; customer_id: number }>('select source, source_key, customer_id from customer_source');
      const duck = await openDuck();
      const xrefFile = join(factory.dir, 'xref-for-test.csv');
      writeFileSync(xrefFile, ['source,source_key,customer_id', ...xref.map((r) => `${r.source},${r.source_key},${r.customer_id}`)].join('\n'));
      await duck.run(`CREATE TABLE xref AS SELECT * FROM read_csv('${xrefFile}', all_varchar = true)`);
      const row = await duck.one<typeof truth>(`WITH t AS (SELECT * FROM read_csv('${factory.dir}/truth/records.csv', all_varchar = true)),
        j AS (SELECT t.*, x.customer_id FROM t JOIN xref x USING (source, source_key))
        SELECT (SELECT count(DISTINCT person_id) FROM j)::INTEGER AS persons, (SELECT count(*) FROM t)::INTEGER AS records,
          (SELECT count(*) FROM (SELECT customer_id FROM j GROUP BY 1 HAVING count(DISTINCT person_id) > 1))::INTEGER AS "falseMerges",
          (SELECT count(*) FROM (SELECT customer_id FROM j GROUP BY 1 HAVING count(DISTINCT person_id) > 1 AND count(DISTINCT household_id) = 1))::INTEGER AS "householdMerges",
          (SELECT count(*) FROM (SELECT person_id FROM j GROUP BY 1 HAVING count(DISTINCT customer_id) > 1))::INTEGER AS "splitPersons",
          -- pairwise: of the pairs of records put in one customer, how many are one person (precision); of the pairs
          -- that are one person, how many were put in one customer (recall)
          (SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*)::DOUBLE AS n FROM j GROUP BY customer_id, person_id))
            / (SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*)::DOUBLE AS n FROM j GROUP BY customer_id)) AS precision,
          (SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*)::DOUBLE AS n FROM j GROUP BY customer_id, person_id))
            / (SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*)::DOUBLE AS n FROM j GROUP BY person_id)) AS recall`);
      truth = row!;
      duck.close();
    } finally {
      await stores.close();
    }
  });

  test('the run succeeds and every source reconciles: read = loaded + rejected', () => {
    assert.equal(first.status, 'succeeded', first.error);
    for (const s of first.sources) assert.equal(s.read, s.loaded + s.rejected, `${s.source} ${s.entity}`);
    const customerRecordsRead = first.sources.filter((s) => s.entity === 'customer').reduce((n, s) => n + s.read, 0);
    assert.equal(customerRecordsRead, truth.records, 'every customer record in the sources was read');
    const rejected = first.sources.reduce((n, s) => n + s.rejected, 0);
    assert.equal(stats.rejects, rejected);
    assert.ok(rejected > 0, 'the planted bad records were rejected');
    assert.ok(first.sources.every((s) => s.files > 0), 'every declared file group was read');
  });

  test('identity: pairwise precision ≥ 0.995 and recall ≥ 0.98 against the truth; households, juniors and namesakes stay apart', () => {
    const error = Math.abs(stats.customers - truth.persons) / truth.persons;
    console.log(`  customers ${stats.customers} vs ${truth.persons} true persons (${(error * 100).toFixed(2)}%), pairwise precision ` +
      `${truth.precision.toFixed(5)}, recall ${truth.recall.toFixed(5)}; ${truth.falseMerges} customers mixing persons ` +
      `(${truth.householdMerges} within a household), ${truth.splitPersons} persons split; ${first.identity?.pairsCompared} pairs compared`);
    assert.ok(truth.precision >= 0.995, `pairwise precision ${truth.precision}`);
    assert.ok(truth.recall >= 0.98, `pairwise recall ${truth.recall}`);
    assert.ok(error < 0.02, `customer count off by ${(error * 100).toFixed(2)}%`);
    // An undated, unmarked record with nothing of its own but a father's (or his junior's) name and address is left
    // to a steward, not guessed: no customer holds two members of one household.
    assert.equal(truth.householdMerges, 0, `${truth.householdMerges} customers merge two members of one household`);
    // Strangers with the same name and birth date are possible but must stay rare.
    assert.ok(truth.falseMerges <= Math.ceil(truth.persons * 0.0001), `${truth.falseMerges} customers hold records of more than one person`);
    assert.equal(stats.sourceRecords, truth.records - first.sources.filter((s) => s.entity === 'customer').reduce((n, s) => n + s.rejected, 0));
  });

  test('stats answer the seeds\' questions consistently', () => {
    const histogramTotal = Object.values(stats.productsPerCustomer).reduce((a, b) => a + b, 0);
    assert.equal(histogramTotal, stats.customers);
    const multi = Object.entries(stats.productsPerCustomer).filter(([k]) => Number(k) >= 2).reduce((n, [, v]) => n + v, 0);
    assert.equal(stats.multiProductCustomers, multi);
    assert.ok(stats.productsPerCustomer['1'] > stats.productsPerCustomer['3'], 'many hold one line, few hold three');
    assert.ok(stats.households < stats.customers && stats.households > stats.customers / 4);
  });

  test('a second run over the same input changes nothing', async () => {
    const stores = await openStores(factory);
    try {
      const before = await odsFingerprint(stores.ods);
      const dwBefore = await stores.duck.all('SELECT (SELECT count(*) FROM dw.dim_customer)::INTEGER a, (SELECT count(*) FROM dw.dim_account)::INTEGER b, (SELECT count(*) FROM dw.fact_invoice)::INTEGER c');
      const second = await runWith(factory, stores, () => undefined);
      assert.equal(second.status, 'succeeded');
      assert.ok(second.sources.every((s) => s.files === 0 && s.read === 0), 'no file is read twice');
      assert.equal(second.identity?.skipped, true);
      assert.deepEqual(second.warehouse, { customerVersions: 0, householdVersions: 0, accountVersions: 0, facts: { fact_invoice: 0, fact_payment: 0, fact_contact: 0, fact_survey: 0, fact_event: 0, frontline_contact: 0 } });
      assert.deepEqual(await odsFingerprint(stores.ods), before);
      assert.deepEqual(await stores.duck.all('SELECT (SELECT count(*) FROM dw.dim_customer)::INTEGER a, (SELECT count(*) FROM dw.dim_account)::INTEGER b, (SELECT count(*) FROM dw.fact_invoice)::INTEGER c'), dwBefore);
      const runs = await stores.ods.listRuns(5);
      assert.deepEqual(runs.map((r) => r.status), ['succeeded', 'succeeded']);
    } finally {
      await stores.close();
    }
  });

  test('a run with 1% new records resolves them against the customers and keeps every existing customer id', async () => {
    const file = join(factory.dir, 'sources/cellular/customers.csv');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').slice(1);
    const added = Math.round(truth.records * 0.01);
    // Half are people the company already knows, registering again under a new key; half are new people.
    const step = Math.floor(lines.length / (added / 2));
    const again = lines.filter((_, i) => i % step === 0).slice(0, Math.floor(added / 2)).map((line) => line.replace(/^S/, 'R'));
    const people = join(factory.dir, 'new-people.csv');
    await writePersonFile({ path: people, records: added - again.length, seed: 99, duplicateShare: 0 });
    const fresh = (await csvRows(people)).map((p, i) => {
      const [y, m, d] = p.birth_date ? p.birth_date.split('-') : ['', '', ''];
      const name = `${p.last_name}, ${p.first_name}${p.middle_name ? ` ${p.middle_name[0]}` : ''}`.toUpperCase();
      const address = `${p.street_number} ${p.address_1}`.toUpperCase();
      return [`N${String(i).padStart(8, '0')}`, `"${name.replaceAll('"', '')}"`, p.birth_date ? `${m}/${d}/${y}` : '', `"${address.replaceAll('"', '')}"`,
        p.city.toUpperCase(), p.state, p.postcode, p.phone, p.email.toUpperCase(), '11/01/2026'].join(',');
    });
    appendFileSync(file, `${[...again, ...fresh].join('\n')}\n`);

    const stores = await openStores(factory);
    try {
      const before = await stores.ods.query<{ customer_id: number }>('select customer_id from customer');
      const run = await runWith(factory, stores, () => undefined);
      assert.equal(run.status, 'succeeded', run.error);
      const summary = run.identity!;
      console.log(`  1% new records: ${summary.changedRecords} records resolved against ${summary.records - summary.changedRecords}, ` +
        `${summary.pairsCompared} pairs compared, ${summary.newCustomers} new customers, ${summary.merged} merged`);
      assert.equal(summary.retrained, false);
      // Only the new records were prepared and compared (a copied record with a planted bad date is rejected).
      const added = again.length + fresh.length;
      assert.ok(summary.changedRecords <= added && summary.changedRecords > added * 0.98, `${summary.changedRecords} records resolved for ${added} added`);
      const after = new Set((await stores.ods.query<{ customer_id: number }>('select customer_id from customer')).map((r) => Number(r.customer_id)));
      const lost = before.filter((r) => !after.has(Number(r.customer_id)));
      assert.deepEqual(lost, [], 'every existing customer keeps its id');
      const joined = await stores.ods.query<{ n: string }>(`select count(*)::text as n from customer_source n join customer_source o
        on o.source = n.source and o.source_key = 'S' || substr(n.source_key, 2) and o.customer_id = n.customer_id where n.source_key like 'R%'`);
      assert.ok(Number(joined[0].n) >= again.length * 0.95, `${joined[0].n} of ${again.length} people registering again were recognised`);
    } finally {
      await stores.close();
    }
  });
});

/** A CSV file's rows as objects, read by DuckDB. */
async function csvRows(path: string): Promise<Record<string, string>[]> {
  const duck = await openDuck();
  try {
    return await duck.all<Record<string, string>>(`SELECT coalesce(COLUMNS(*), '') FROM read_csv('${path}', all_varchar = true)`);
  } finally {
    duck.close();
  }
}
