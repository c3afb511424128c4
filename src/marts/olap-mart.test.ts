// The OLAP mart and questions over it, on a small warehouse written by hand (real DuckDB, in memory).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { type Duck, openDuck } from '../duckdb/index.ts';
import { ensureWarehouse } from '../warehouse/index.ts';
import { askOlap, buildMiningMart, buildOlapMart, defaultSegments, martTables, OlapQuestionError, refreshMarts, semanticConfigSchema, semanticLayer, standardKpis } from './index.ts';
import { account, invoice, smallWarehouse } from './test-warehouse.ts';

let duck: Duck;
const layer = semanticLayer();

before(async () => {
  duck = await smallWarehouse();
});

test('each customer-month holds what was held at month end, with new, churned and the value band', async () => {
  const rows = await duck.all<Record<string, unknown>>(`SELECT strftime(month, '%Y-%m') AS month, customer_id, product_lines, active_accounts,
      revenue::DOUBLE AS revenue, segment, is_active, is_new, is_churned, region FROM mart.customer_month ORDER BY month, customer_id`);
  const at = (month: string, id: number) => rows.find((r) => r.month === month && r.customer_id === id);
  assert.deepEqual(rows.map((r) => r.month).filter((m, i, all) => all.indexOf(m) === i), ['2026-01', '2026-02', '2026-03'], 'the months the facts cover');
  assert.equal(at('2026-01', 1)!.product_lines, 1);
  assert.equal(at('2026-02', 1)!.product_lines, 2, 'cellular opened in February counts at its end');
  assert.equal(at('2026-02', 1)!.revenue, 150);
  assert.equal(at('2026-02', 1)!.segment, 'high');
  assert.equal(at('2026-01', 1)!.segment, 'low', 'below 60 a month');
  assert.equal(at('2026-02', 2)!.is_churned, true, 'closed in February: held nothing at its end');
  assert.equal(at('2026-02', 2)!.is_active, false);
  assert.equal(at('2026-02', 2)!.revenue, 30, 'the last invoice still counts');
  assert.equal(at('2026-03', 2), undefined, 'gone after the month it left');
  assert.equal(at('2026-03', 3)!.is_new, true);
  assert.equal(at('2026-03', 3)!.product_lines, 1);
  assert.equal(at('2026-03', 3)!.active_accounts, 2);
  assert.equal(at('2026-03', 3)!.region, 'OH', 'the customer as the warehouse knows them now');
  assert.equal(at('2026-01', 1)!.is_new, false, 'the first month cannot tell who is new');
});

test('an OLAP question: measures by dimensions, each from a table that has them, with the SQL it ran', async () => {
  const byLine = await askOlap(duck, layer, { measures: ['revenue', 'customers', 'activeAccounts'], dimensions: ['month', 'productLine'] });
  const row = (month: string, line: string) => byLine.rows.find((r) => r.month === month && r.productLine === line);
  assert.deepEqual(row('2026-03', 'cellular'), { month: '2026-03', productLine: 'cellular', revenue: 120, customers: 2, activeAccounts: 3 });
  assert.deepEqual(row('2026-02', 'cable'), { month: '2026-02', productLine: 'cable', revenue: 80, customers: 1, activeAccounts: 1 });
  assert.match(byLine.sql, /FROM mart\.product_cube/, 'a cube answers when it can');

  const monthly = await askOlap(duck, layer, { measures: ['customers', 'churnedCustomers', 'churnRate', 'contacts', 'satisfaction'], dimensions: ['month'] });
  assert.deepEqual(monthly.rows.map((r) => [r.month, r.customers, r.churnedCustomers, r.churnRate, r.contacts]),
    [['2026-01', 2, 0, null, 1], ['2026-02', 1, 1, 0.5, 1], ['2026-03', 2, 0, 0, 1]]);
  assert.equal(monthly.rows[2]!.satisfaction, 7);

  const filtered = await askOlap(duck, layer, {
    measures: ['revenue', 'contacts'], dimensions: ['region'], filters: [{ dimension: 'region', values: ['OH'] }],
    timeRange: { from: '2026-02', to: '2026-03' },
  });
  assert.deepEqual(filtered.rows, [{ region: 'OH', revenue: 320, contacts: 1 }]);
  const whole = await askOlap(duck, layer, { measures: ['customers', 'households'] });
  assert.deepEqual(whole.rows, [{ customers: 3, households: 2 }], 'over every month: anyone who held something');
  assert.equal((await askOlap(duck, layer, { measures: ['revenue'], dimensions: ['month'], limit: 2 })).truncated, true);
});

test('retention, cross-sell and share of wallet agree with counts made straight from the warehouse\'s accounts', async () => {
  const own = await smallWarehouse();
  try {
    // 4 drops cellular in February and takes it again in March: no new line. 5 adds long distance to cable in March.
    await own.run(`INSERT INTO dw.dim_customer (customer_sk, customer_id, household_id, region, valid_from, valid_to, is_current, run_id) VALUES
      (5, 4, 40, 'OH', TIMESTAMP '2026-04-01', TIMESTAMP '9999-12-31', true, 1), (6, 5, 50, 'IN', TIMESTAMP '2026-04-01', TIMESTAMP '9999-12-31', true, 1)`);
    await own.run(`INSERT INTO dw.dim_product VALUES (4, 'long_distance', 'national', 1)`);
    await own.run(`INSERT INTO dw.dim_account VALUES
      ${account('D1', 4, 'cable', '2025-06-01', null)}, ${account('D2', 4, 'cellular', '2025-12-01', '2026-02-05')}, ${account('D3', 4, 'cellular', '2026-03-10', null)},
      ${account('E1', 5, 'cable', '2025-01-01', null)}, ${account('E2', 5, 'long_distance', '2026-03-01', null)}`);
    await buildOlapMart(own, 1);
    const direct = await own.all<{ month: string; at_start: number; stayed: number; cross_sold: number; wallet: number }>(`
      WITH ends AS (SELECT * FROM (VALUES (DATE '2026-01-31'), (DATE '2026-02-28'), (DATE '2026-03-31')) t(month_end)),
      held AS (SELECT DISTINCT e.month_end, a.customer_id, a.product_line FROM ends e JOIN dw.dim_account a
        ON a.is_current AND a.opened_on <= e.month_end AND (a.closed_on IS NULL OR a.closed_on > e.month_end)),
      holders AS (SELECT DISTINCT month_end, customer_id FROM held),
      first_held AS (SELECT customer_id, product_line, min(month_end) AS month_end FROM held GROUP BY ALL),
      lines AS (SELECT count(DISTINCT product_line) AS n FROM dw.dim_product)
      SELECT strftime(e.month_end, '%Y-%m') AS month,
        (SELECT count(*) FROM holders b WHERE b.month_end = last_day(e.month_end - INTERVAL 1 MONTH))::INTEGER AS at_start,
        (SELECT count(*) FROM holders b JOIN holders n USING (customer_id)
          WHERE b.month_end = last_day(e.month_end - INTERVAL 1 MONTH) AND n.month_end = e.month_end)::INTEGER AS stayed,
        (SELECT count(DISTINCT f.customer_id) FROM first_held f JOIN holders b USING (customer_id)
          WHERE f.month_end = e.month_end AND b.month_end = last_day(e.month_end - INTERVAL 1 MONTH))::INTEGER AS cross_sold,
        (SELECT count(*) FROM held h WHERE h.month_end = e.month_end) / (SELECT count(*) FROM holders h WHERE h.month_end = e.month_end) / (SELECT n FROM lines) AS wallet
      FROM ends e ORDER BY 1`);
    assert.deepEqual(direct.map((d) => d.cross_sold), [0, 1, 1], '1 took cellular in February, 5 long distance in March; 4 took back a line it had held');
    const { rows } = await askOlap(own, layer, { measures: ['retentionRate', 'crossSoldCustomers', 'crossSellRate', 'shareOfWallet'], dimensions: ['month'] });
    assert.deepEqual(rows, direct.map((d) => ({
      month: d.month, retentionRate: d.at_start ? d.stayed / d.at_start : null, crossSoldCustomers: d.cross_sold,
      crossSellRate: d.at_start ? d.cross_sold / d.at_start : null, shareOfWallet: d.wallet,
    })));
    assert.deepEqual(rows.map((r) => r.crossSellRate), [null, 1 / 4, 1 / 3], 'of 1, 2, 4 and 5 in February, and of 1, 4 and 5 in March');
    assert.deepEqual(rows.map((r) => r.shareOfWallet), [5 / 4 / 3, 4 / 3 / 3, 7 / 4 / 3], 'lines held per holder, of three lines sold');
    const byRegion = await askOlap(own, layer, { measures: ['crossSoldCustomers', 'retentionRate'], dimensions: ['region'], timeRange: { from: '2026-03', to: '2026-03' } });
    assert.deepEqual(byRegion.rows, [{ region: 'IN', crossSoldCustomers: 1, retentionRate: 1 }, { region: 'OH', crossSoldCustomers: 0, retentionRate: 1 }]);
  } finally {
    own.close();
  }
});

test('a question naming what the semantic layer lacks, or cutting a measure by what it cannot be cut by, says which', async () => {
  const refused = async (question: object, pattern: RegExp) => {
    await assert.rejects(askOlap(duck, layer, question as never), (error: Error) => error instanceof OlapQuestionError && pattern.test(error.message));
  };
  await refused({ measures: ['profit'] }, /^measures\.0: no measure "profit"; there are customers, /);
  await refused({ measures: ['revenue'], dimensions: ['colour'] }, /^dimensions\.0: no dimension "colour"/);
  await refused({ measures: ['churnedCustomers'], dimensions: ['channel'] }, /^measures\.0: churnedCustomers cannot be cut by channel/);
  await refused({ measures: ['revenue'], timeRange: { from: '2026-13' } }, /^timeRange\.from: a month is YYYY-MM/);
  await refused({ measures: [] }, /^measures: ask for at least one measure/);
  await refused({ measures: ['revenue'], filters: [{ dimension: 'region', values: [] }] }, /^filters\.0\.values: at least one value/);
  // a value is a literal, never SQL
  const odd = await askOlap(duck, layer, { measures: ['revenue'], filters: [{ dimension: 'region', values: ["OH' OR 1=1 --"] }] });
  assert.deepEqual(odd.rows, [{ revenue: null }]);
});

test('configuration adds a measure and replaces the value bands', async () => {
  const custom = semanticLayer({ measures: { complaintRate: { description: 'complaints per contact', from: { contact_month: 'sum(complaints) / sum(contacts)' }, format: 'ratio' } } });
  const answer = await askOlap(duck, custom, { measures: ['complaintRate'] });
  assert.ok(Math.abs((answer.rows[0]!.complaintRate as number) - 1 / 3) < 1e-9);
  const other = await openDuck();
  await ensureWarehouse(other);
  await other.run(`INSERT INTO dw.dim_account SELECT * FROM (VALUES ${account('A1', 1, 'cable', '2020-05-01', null)})`);
  await other.run(`INSERT INTO dw.fact_invoice VALUES ${invoice('I1', 'A1', 1, '2026-01-05', 50)}`);
  await buildOlapMart(other, 1, [{ name: 'gold', minRevenue: 40 }]);
  assert.deepEqual(await other.all('SELECT segment FROM mart.customer_month'), [{ segment: 'gold' }]);
  other.close();
});

test('the standard KPIs: the base now, the latest month and every month', async () => {
  const kpis = await standardKpis(duck, layer);
  assert.equal(kpis.customers, 3);
  assert.equal(kpis.households, 2);
  assert.equal(kpis.month, '2026-03');
  assert.equal(kpis.latest.customers, 2);
  assert.equal(kpis.latest.newCustomers, 1);
  assert.equal(kpis.latest.productsPerCustomer, 1.5);
  assert.equal(kpis.latest.multiProductShare, 0.5);
  assert.deepEqual(kpis.monthly.map((m) => m.churnedCustomers), [0, 1, 0]);
});

test('the semantic configuration names what is wrong with it', () => {
  const issue = (config: unknown) => {
    const parsed = semanticConfigSchema.safeParse(config);
    return parsed.success ? 'valid' : `${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`;
  };
  assert.equal(issue({ measures: { rate: { description: 'x', from: {} } } }), 'measures.rate.from: at least one mart table to compute it from');
  assert.match(issue({ measures: { rate: { description: "x", from: { sales_month: "sum(x)" } } } }), /^measures\.rate\.from: .*"sales_month"/);
  assert.match(issue({ dimensions: { 'Bad Name': { description: 'x', column: 'c' } } }), /^dimensions\.Bad Name: /);
  assert.equal(issue({ segments: [{ name: 'gold', minRevenue: -1 }] }).split(':')[0], 'segments.0.minRevenue');
  assert.equal(issue({ segments: [{ name: 'gold', minRevenue: 100 }] }), 'valid');
});

test('the mining mart: a row per customer and month held, features at month end, and what happened after', async () => {
  await buildMiningMart(duck, 'all', 1);
  const rows = await duck.all<Record<string, unknown>>(`SELECT strftime(month, '%Y-%m') AS month, customer_id, product_lines, revenue, tenure_months,
      contacts_phone, contacts_chat, complaints_3m, balance_due, left_within_1m, bought_line_within_1m, lines_taken_within_1m, product_lines_held,
      cancel_requests_3m, age_years FROM mart.mining_month ORDER BY month, customer_id`);
  const at = (month: string, id: number) => rows.find((r) => r.month === month && r.customer_id === id)!;
  assert.deepEqual(rows.map((r) => `${r.month} ${r.customer_id}`), ['2026-01 1', '2026-01 2', '2026-02 1', '2026-03 1', '2026-03 3'], 'only months a product was held');
  assert.equal(at('2026-01', 2).left_within_1m, true, 'left in February');
  assert.equal(at('2026-01', 1).left_within_1m, false);
  assert.equal(at('2026-01', 1).bought_line_within_1m, true, 'took cellular in February');
  assert.equal(at('2026-02', 1).bought_line_within_1m, false);
  assert.deepEqual(at('2026-01', 1).lines_taken_within_1m, ['cellular'], 'which line it was');
  assert.deepEqual(at('2026-02', 1).lines_taken_within_1m, []);
  assert.equal(at('2026-03', 1).lines_taken_within_1m, null);
  assert.equal(at('2026-01', 1).cancel_requests_3m, 0);
  assert.equal(at('2026-01', 1).age_years, null, 'no birth date known');
  assert.equal(at('2026-03', 1).left_within_1m, null, 'March has no month after it yet');
  assert.equal(at('2026-01', 1).contacts_phone, 1);
  assert.equal(at('2026-01', 1).complaints_3m, 1);
  assert.equal(at('2026-03', 1).complaints_3m, 1, 'January is within three months of March');
  assert.equal(at('2026-01', 1).tenure_months, 68, 'May 2020 to the end of January 2026');
  assert.equal(at('2026-03', 1).balance_due, 350, 'invoiced over three months, never paid');
  assert.deepEqual(at('2026-02', 1).product_lines_held, ['cable', 'cellular']);
  await buildMiningMart(duck);
});

test('the cubes answer what the customer and product months answer', async () => {
  // The same layer without the cubes: every measure from the months themselves.
  const months = semanticLayer();
  for (const measure of Object.values(months.measures)) {
    for (const cube of ['customer_cube', 'product_cube', 'month_cube'] as const) delete measure.from[cube];
  }
  const questions = [
    { measures: ['customers', 'households', 'revenue', 'activeAccounts', 'newCustomers', 'churnedCustomers', 'churnRate', 'retentionRate',
      'crossSoldCustomers', 'crossSellRate', 'multiProductCustomers', 'multiProductShare', 'productsPerCustomer', 'shareOfWallet'], dimensions: ['month'] },
    { measures: ['customers', 'revenue', 'churnRate', 'crossSellRate', 'multiProductShare', 'shareOfWallet'], dimensions: ['month', 'region', 'segment'] },
    { measures: ['customers', 'revenue', 'activeAccounts'], dimensions: ['month', 'productLine'] },
    { measures: ['customers', 'revenue'], dimensions: ['region'] },
    { measures: ['revenue', 'newCustomers', 'churnRate'], dimensions: ['segment'], timeRange: { from: '2026-02' } },
  ];
  for (const question of questions) {
    const cubed = await askOlap(duck, layer, question);
    const plain = await askOlap(duck, months, question);
    assert.doesNotMatch(plain.sql, /_cube/);
    assert.deepEqual(cubed.rows, plain.rows, JSON.stringify(question));
  }
  assert.match((await askOlap(duck, layer, questions[0]!)).sql, /mart\.customer_cube/);
  assert.doesNotMatch((await askOlap(duck, layer, questions[3]!)).sql, /customers.*FROM mart\.customer_cube/, 'customers over several months are counted once each');
});

test('a refresh follows what a run changed: an account that moved, a customer merged away, an account gone', async () => {
  const small = await smallWarehouse();
  try {
    const close = (table: string, where: string) => small.run(`UPDATE ${table} SET is_current = false, valid_to = TIMESTAMP '2026-04-02', closed_run = 2 WHERE is_current AND ${where}`);
    const idle = await refreshMarts(small, 2, defaultSegments, Infinity);
    assert.equal(idle.kind, 'unchanged');
    // Run 2: customer 2 is merged into 1 (their account with them), C2 moves to 1, A2 is no longer in any source.
    await close('dw.dim_customer', 'customer_id = 2');
    await close('dw.dim_account', "account_key IN ('B1', 'C2', 'A2')");
    await small.run(`INSERT INTO dw.dim_account SELECT * REPLACE (customer_id + 100 AS account_sk, 1 AS customer_id, TIMESTAMP '2026-04-02' AS valid_from,
      TIMESTAMP '9999-12-31' AS valid_to, true AS is_current, 2 AS run_id, NULL AS closed_run) FROM dw.dim_account WHERE account_key IN ('B1', 'C2')`);
    const refreshed = await refreshMarts(small, 2, defaultSegments, Infinity);
    assert.equal(refreshed.kind, 'incremental', refreshed.reason);
    assert.equal(refreshed.customers, 3);
    const rows = async () => Object.fromEntries(await Promise.all(Object.keys(martTables).map(async (t) => [t,
      (await small.all(`SELECT * FROM ${t} ORDER BY ALL`)).map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? Number(v) : v)))] as const)));
    const incremental = await rows();
    assert.equal(incremental['mart.customer_month']!.filter((r) => JSON.parse(r).customer_id === 2).length, 0, 'the merged-away customer has no rows left');
    await buildOlapMart(small, 2);
    assert.deepEqual(incremental, await rows(), 'the same tables as a full build');
    assert.equal((await refreshMarts(small, 2, defaultSegments, Infinity)).kind, 'unchanged', 'and nothing left to do');
  } finally {
    small.close();
  }
});

test('a front-line contact counts for the customer it is with now, through merges, and a refresh follows it', async () => {
  const small = await smallWarehouse();
  try {
    const frontLine = (run: number, key: string, customer: number, day: string, channel: string, complaint: boolean) =>
      small.run(`INSERT INTO dw.fact_contact (run_id, source, source_key, account_source, account_key, customer_id, date_key, contacted_at, channel,
        reason, outcome, is_complaint, notes) VALUES (${run}, 'frontline', '${key}', NULL, NULL, ${customer}, ${day.replaceAll('-', '')}, TIMESTAMP '${day} 09:00',
        '${channel}', 'billing', NULL, ${complaint}, NULL)`);
    const contactsOf = (customer: number) => small.all<{ month: string; channel: string; product_line: string | null; contacts: number; complaints: number; region: string }>(
      `SELECT month::VARCHAR AS month, channel, product_line, contacts, complaints, region FROM mart.contact_month WHERE customer_id = ${customer} AND product_line IS NULL ORDER BY ALL`);
    const rows = async () => Object.fromEntries(await Promise.all(Object.keys(martTables).map(async (t) => [t,
      (await small.all(`SELECT * FROM ${t} ORDER BY ALL`)).map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? Number(v) : v)))] as const)));

    // Run 2: an agent logs a complaint of customer 3 in March and a chat with customer 2 in February.
    await frontLine(2, 'FL-1', 3, '2026-03-14', 'phone', true);
    await frontLine(2, 'FL-2', 2, '2026-02-03', 'chat', false);
    const taken = await refreshMarts(small, 2, defaultSegments, Infinity);
    assert.equal(taken.kind, 'incremental', taken.reason);
    assert.equal(taken.customers, 2, 'the two customers the contacts name');
    assert.deepEqual(await contactsOf(3), [{ month: '2026-03-01', channel: 'phone', product_line: null, contacts: 1, complaints: 1, region: 'OH' }]);
    assert.deepEqual(await contactsOf(2), [{ month: '2026-02-01', channel: 'chat', product_line: null, contacts: 1, complaints: 0, region: 'IN' }]);

    // Run 3: customer 2 is merged into 1: the chat is 1's now.
    await small.run(`UPDATE dw.dim_customer SET is_current = false, valid_to = TIMESTAMP '2026-04-03', closed_run = 3 WHERE customer_id = 2`);
    await small.run('INSERT INTO dw.customer_merge VALUES (2, 1, 3)');
    const merged = await refreshMarts(small, 3, defaultSegments, Infinity);
    assert.equal(merged.kind, 'incremental', merged.reason);
    assert.deepEqual(await contactsOf(2), []);
    assert.deepEqual(await contactsOf(1), [{ month: '2026-02-01', channel: 'chat', product_line: null, contacts: 1, complaints: 0, region: 'OH' }]);
    const incremental = await rows();
    await buildOlapMart(small, 3);
    assert.deepEqual(incremental, await rows(), 'the same tables as a full build');
  } finally {
    small.close();
  }
});

test('a mining mart built before its latest columns is built anew by the next refresh, not refreshed row by row', async () => {
  const small = await smallWarehouse();
  try {
    await small.run('ALTER TABLE mart.mining_month DROP COLUMN lines_taken_within_3m');
    const refreshed = await refreshMarts(small, 2, defaultSegments, Infinity);
    assert.equal(refreshed.kind, 'full');
    assert.equal(refreshed.reason, 'the data-mining mart lacks lines_taken_within_3m, built before it was added');
    assert.ok((await small.all('SELECT lines_taken_within_3m FROM mart.mining_month')).length > 0);
    assert.equal((await refreshMarts(small, 2, defaultSegments, Infinity)).kind, 'unchanged');
  } finally {
    small.close();
  }
});
