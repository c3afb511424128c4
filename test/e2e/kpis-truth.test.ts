// The KPIs against what the generator's truth implies: who holds what at each month end, who left each month and
// who holds two product lines, worked out here from the operational systems' own account files and the truth's
// map of records to persons, never from the factory's tables. The factory counts customers, the truth persons:
// they differ only by identity's errors (a person split over two customer ids, two merged into one).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Factory } from '../../src/config/index.ts';
import { type Duck, openDuck } from '../../src/duckdb/index.ts';
import { type Kpis, semanticLayer, standardKpis } from '../../src/marts/index.ts';
import { openStores, runWith } from '../../src/ops/index.ts';
import { generatedFactory } from './enterprise-fixture.ts';

const customers = 5_000;
let factory: Factory;
let kpis: Kpis;
let truth: Duck;
type Month = { month: string; persons: number; churned: number; multi: number };
let expected: Month[];

before(async () => {
  factory = await generatedFactory(customers, { dir: join(mkdtempSync(join(tmpdir(), 'cif-kpis-')), 'ods') }, 11);
  const stores = await openStores(factory);
  try {
    await runWith(factory, stores, () => undefined);
    kpis = await standardKpis(stores.duck, semanticLayer());
  } finally {
    await stores.close();
  }
  const src = (path: string) => join(factory.dir, 'sources', path);
  truth = await openDuck();
  await truth.run(`CREATE TABLE account AS
    SELECT 'cellular' AS source, SUBSCRIBER_ID AS customer_key, PLAN AS product, strptime(ACTIVATED, '%m/%d/%Y')::DATE AS opened,
      strptime(nullif(DEACTIVATED, ''), '%m/%d/%Y')::DATE AS closed, 'cellular' AS line
    FROM read_csv('${src('cellular/accounts.csv')}', all_varchar = true) WHERE try_strptime(ACTIVATED, '%m/%d/%Y') IS NOT NULL
    UNION ALL SELECT 'long_distance', cust_no, plan, try_cast(start_date AS DATE), try_cast(end_date AS DATE), 'long_distance'
    FROM read_json('${src('long_distance/accounts.jsonl')}', format = 'newline_delimited', columns = {cust_no: 'VARCHAR', plan: 'VARCHAR', start_date: 'VARCHAR', end_date: 'VARCHAR'})
    UNION ALL SELECT 'cable', customer_id::VARCHAR, package, install_date::DATE, disconnect_date::DATE, 'cable' FROM read_parquet('${src('cable/accounts.parquet')}')`);
  await truth.run(`CREATE TABLE person_record AS SELECT source, source_key, person_id FROM read_csv('${factory.dir}/truth/records.csv', all_varchar = true)`);
  expected = await truth.all<Month>(`
    WITH months AS (SELECT m::DATE AS month, (m + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS month_end
      FROM range(DATE '${kpis.monthly[0]!.month}-01', DATE '${kpis.month}-01' + INTERVAL 1 MONTH, INTERVAL 1 MONTH) t(m)),
    held AS (
      SELECT DISTINCT m.month, p.person_id, a.line FROM months m
      JOIN account a ON (a.opened IS NULL OR a.opened <= m.month_end) AND (a.closed IS NULL OR a.closed > m.month_end)
      JOIN person_record p ON p.source = a.source AND p.source_key = a.customer_key),
    per AS (SELECT month, person_id, count(*) AS lines FROM held GROUP BY ALL)
    SELECT strftime(m.month, '%Y-%m') AS month,
      (SELECT count(*) FROM per WHERE per.month = m.month)::INTEGER AS persons,
      (SELECT count(*) FROM per WHERE per.month = m.month AND lines >= 2)::INTEGER AS multi,
      (SELECT count(*) FROM per b WHERE b.month = (m.month - INTERVAL 1 MONTH)::DATE
         AND NOT EXISTS (SELECT 1 FROM per n WHERE n.month = m.month AND n.person_id = b.person_id))::INTEGER AS churned
    FROM months m ORDER BY m.month`);
});
after(() => truth?.close());

test('customers holding a product at each month end: the persons who do, within identity\'s error', () => {
  assert.deepEqual(kpis.monthly.map((m) => m.month), expected.map((m) => m.month));
  for (const [i, m] of expected.entries()) {
    const got = kpis.monthly[i]!.customers!;
    console.log(`  ${m.month}: ${got} customers for ${m.persons} persons; churned ${kpis.monthly[i]!.churnedCustomers} for ${m.churned}; multi ${Math.round(kpis.monthly[i]!.multiProductShare! * got)} for ${m.multi}`);
    assert.ok(Math.abs(got - m.persons) / m.persons < 0.01, `${m.month}: ${got} customers, ${m.persons} persons`);
  }
});

test('customers who left each month, and the year\'s churn: what the truth implies', () => {
  const months = expected.slice(1);
  const got = months.map((_, i) => kpis.monthly[i + 1]!.churnedCustomers!);
  const want = months.map((m) => m.churned);
  const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total(got) - total(want)) / total(want) < 0.05, `${total(got)} churned customers in the year, ${total(want)} persons`);
  for (const [i, m] of months.entries()) assert.ok(Math.abs(got[i]! - m.churned) <= Math.max(3, m.churned * 0.15), `${m.month}: ${got[i]} churned, ${m.churned} persons`);
  assert.equal(kpis.monthly[0]!.churnedCustomers, 0, 'nobody can be seen leaving in the first month');
});

test('customers holding two product lines or more: the persons who do', () => {
  for (const [i, m] of expected.entries()) {
    const month = kpis.monthly[i]!;
    const multi = month.multiProductShare! * month.customers!;
    assert.ok(Math.abs(multi - m.multi) / m.multi < 0.02, `${m.month}: ${multi.toFixed(0)} multi-product customers, ${m.multi} persons`);
  }
});
