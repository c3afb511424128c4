// The decision-support screens in Debian's Chromium over a generated enterprise as cif serve serves it: the KPI
// dashboard's headline numbers and charts against /api/kpis and the OLAP answers behind them, one question through
// the OLAP explorer against POST /api/olap, and the SQL workbench with a refusal and a CSV download.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Kpis } from '../../src/marts/index.ts';
import type { RunningServer } from '../../src/server/index.ts';
import { checkedPage, launchChromium } from './chromium.ts';
import { servedEnterprise } from './served-enterprise.ts';
import { apiToken, signInOnPage } from './sign-in.ts';

type Row = Record<string, string | number | null>;

let server: RunningServer;
let browser: Browser;
let call: (path: string, body?: unknown) => Promise<any>;

before(async () => {
  ({ server } = await servedEnterprise(1_200, ['marketer', 'analyst'], 23));
  const token = await apiToken(server.url, 'analyst');
  call = async (path, body) => {
    const res = await fetch(`${server.url}${path}`, body === undefined ? { headers: { authorization: `Bearer ${token}` } }
      : { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
    return res.json();
  };
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function signedInAt(hash: string, name: string): Promise<Page> {
  const page = await checkedPage(browser, { width: 1280, height: 900 });
  await page.goto(`${server.url}/${hash}`);
  await signInOnPage(page, name);
  return page;
}

/** What a chart draws: its labels and each dataset's numbers, as Chart.js holds them. */
const chartData = (page: Page, figure: string) => page.evaluate((id) => {
  const chart = (window as any).Chart.getChart(document.querySelector(`#${id} canvas`));
  return { labels: chart.data.labels as string[], series: Object.fromEntries(chart.data.datasets.map((d: any) => [d.label, d.data])) as Record<string, (number | null)[]> };
}, figure);

const chartsDrawn = (page: Page) => page.locator('.charts[aria-busy="false"]').waitFor();

test('the dashboard: headline numbers from /api/kpis, charts of every month, filters asked of the OLAP mart', async () => {
  const kpis = (await call('/api/kpis')) as Kpis;
  const page = await signedInAt('#/dashboard', 'marketer');
  await chartsDrawn(page);
  assert.equal(await page.locator('#nav-dashboard').isVisible(), true);
  assert.equal(await page.locator('#nav-sql').isVisible(), false, 'SQL is for analysts');

  const tile = (kpi: string) => page.locator(`[data-kpi="${kpi}"] .kpi-value`);
  assert.equal(await tile('customers').innerText(), kpis.customers.toLocaleString('en-US'));
  assert.equal(Number(await tile('households').getAttribute('data-value')), kpis.households);
  for (const kpi of ['churnRate', 'retentionRate', 'crossSellRate', 'shareOfWallet', 'revenue', 'satisfaction'] as const) {
    assert.equal(Number(await tile(kpi).getAttribute('data-value')), kpis.latest[kpi], kpi);
  }
  assert.match(await page.locator('[data-kpi="churnRate"] .kpi-note').innerText(), new RegExp(`^${kpis.month}`));

  // Each chart is an image named for screen readers, with a sentence that says what it shows.
  const figures = page.locator('.charts figure');
  assert.equal(await figures.count(), 8);
  for (const figure of await figures.all()) {
    assert.ok((await figure.locator('canvas').getAttribute('aria-label'))!.length > 10);
    assert.notEqual(await figure.locator('figcaption').innerText(), '');
  }
  const months = kpis.monthly.map((m) => m.month);
  const customers = await chartData(page, 'chart-customers');
  assert.deepEqual(customers.labels, months);
  assert.deepEqual(customers.series.Customers, kpis.monthly.map((m) => m.customers));
  assert.deepEqual(customers.series.Households, kpis.monthly.map((m) => m.households));
  assert.match(await page.locator('#chart-customers figcaption').innerText(), new RegExp(`${kpis.latest.customers!.toLocaleString('en-US')} in ${kpis.month}`));
  const retention = await chartData(page, 'chart-retention');
  assert.deepEqual(retention.series['Churn rate'], kpis.monthly.map((m) => m.churnRate));
  assert.deepEqual(retention.series['Retention rate'], kpis.monthly.map((m) => m.retentionRate));
  assert.deepEqual((await chartData(page, 'chart-cross-sell')).series['Cross-sell rate'], kpis.monthly.map((m) => m.crossSellRate));
  assert.deepEqual((await chartData(page, 'chart-complaints')).series.Complaints, kpis.monthly.map((m) => m.complaints));

  // A segment and a shorter range: each chart asks the OLAP mart with them.
  const from = months.at(-6)!;
  await page.selectOption('#dashboard-filters [name=segment]', 'high');
  await chartsDrawn(page);
  await page.selectOption('#dashboard-filters [name=from]', from);
  await chartsDrawn(page);
  const high = (await call('/api/olap', { measures: ['customers', 'households'], dimensions: ['month'], filters: [{ dimension: 'segment', values: ['high'] }],
    timeRange: { from, to: kpis.month } })).rows as Row[];
  const cut = await chartData(page, 'chart-customers');
  assert.deepEqual(cut.labels, months.slice(-6));
  assert.deepEqual(cut.series.Customers, high.map((r) => r.customers));
  assert.ok(cut.series.Customers!.every((n, i) => n! < kpis.monthly.at(-6 + i)!.customers!), 'the high segment is a part of the base');
  assert.match((await page.locator('#chart-customers canvas').getAttribute('aria-label'))!, /segment high/);
  const revenue = await chartData(page, 'chart-revenue');
  assert.deepEqual(revenue.labels, ['high'], 'revenue by segment, of the one segment chosen');

  // Churn belongs to a customer, not to a product line: those charts say so in their place.
  const [line] = (await call('/api/olap', { measures: ['revenue'], dimensions: ['productLine'] })).rows as Row[];
  await page.selectOption('#dashboard-filters [name=segment]', '');
  await page.selectOption('#dashboard-filters [name=productLine]', String(line!.productLine));
  await chartsDrawn(page);
  assert.match(await page.locator('#chart-retention .chart-note').innerText(), /Not by product line/);
  const byLine = (await call('/api/olap', { measures: ['customers', 'households'], dimensions: ['month'], filters: [{ dimension: 'productLine', values: [line!.productLine] }],
    timeRange: { from, to: kpis.month } })).rows as Row[];
  assert.deepEqual((await chartData(page, 'chart-customers')).series.Customers, byLine.map((r) => r.customers));

  await page.goto(`${server.url}/#/sql`);
  await page.locator('#sql .hint', { hasText: 'for analysts and administrators' }).waitFor();
  await page.close();
});

test('the OLAP explorer: the table holds what POST /api/olap answers, pivoted too, with the SQL it ran', async () => {
  const page = await signedInAt('#/olap', 'analyst');
  await page.locator('#olap-form').waitFor();
  const months = ((await call('/api/olap', { measures: ['revenue'], dimensions: ['month'] })).rows as Row[]).map((r) => r.month as string);
  // In the model's order, as the form lists them.
  const question = { measures: ['customers', 'revenue', 'churnRate'], dimensions: ['month', 'segment'], timeRange: { from: months.at(-3)!, to: months.at(-1)! } };
  for (const m of question.measures) await page.check(`#olap-form input[name=measure][value=${m}]`);
  for (const d of question.dimensions) await page.check(`#olap-form input[name=dimension][value=${d}]`);
  await page.selectOption('#olap-form [name=from]', question.timeRange.from);
  await page.selectOption('#olap-form [name=to]', question.timeRange.to);
  await page.click('#olap-form button[type=submit]');
  await page.locator('#olap-table').waitFor();
  const answer = (await call('/api/olap', question)) as { rows: Row[]; sql: string };
  assert.ok(answer.rows.length >= 9, 'three months of at least three segments');

  const shown = await page.locator('#olap-table tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    keys: Array.from(tr.querySelectorAll('th'), (th) => th.textContent),
    values: Array.from(tr.querySelectorAll('td')).map((td) => (td.getAttribute('data-value') === '' ? null : Number(td.getAttribute('data-value')))),
  })));
  assert.deepEqual(shown, answer.rows.map((r) => ({ keys: [r.month, r.segment], values: question.measures.map((m) => r[m]) })));
  assert.equal(await page.locator('#olap-sql').textContent(), answer.sql);
  assert.equal(await page.locator('#olap-table thead th').allInnerTexts().then((t) => t.join('|')), 'Month|Segment|Customers|Revenue|Churn rate');

  // Segments across the columns, showing revenue: one row a month.
  await page.selectOption('#pivot-across', 'segment');
  await page.selectOption('#pivot-measure', 'revenue');
  const segments = [...new Set(answer.rows.map((r) => r.segment as string))].sort();
  assert.deepEqual(await page.locator('#olap-table thead th').allInnerTexts(), ['Month', ...segments]);
  assert.equal(await page.locator('#olap-table tbody tr').count(), 3);
  const high = answer.rows.find((r) => r.month === months.at(-1) && r.segment === 'high')!;
  const cell = page.locator('#olap-table tbody tr').nth(2).locator('td').nth(segments.indexOf('high'));
  assert.equal(Number(await cell.getAttribute('data-value')), high.revenue);
  assert.equal(await cell.innerText(), (high.revenue as number).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  const chart = await chartData(page, 'olap-chart');
  assert.deepEqual(chart.labels, months.slice(-3));
  assert.deepEqual(Object.keys(chart.series), segments);

  // A question the mart cannot answer is told, in the semantic layer's words.
  await page.check('#olap-form input[name=measure][value=churnedCustomers]');
  await page.check('#olap-form input[name=dimension][value=channel]');
  await page.click('#olap-form button[type=submit]');
  await page.locator('#olap-error', { hasText: 'cannot be cut by' }).waitFor();
  await page.close();
});

test('the SQL workbench: rows as a table, a refusal told, the whole result downloaded as CSV', async () => {
  const page = await signedInAt('#/sql', 'analyst');
  await page.locator('#sql-tables [data-table="mart.customer_month"]').waitFor();
  const sql = 'SELECT customer_id, region, household_id FROM dw.dim_customer WHERE is_current ORDER BY customer_id';
  const [{ n }] = (await call('/api/sql', { sql: 'SELECT count(*) AS n FROM dw.dim_customer WHERE is_current' })).rows as { n: number }[];
  assert.ok(n > 1_000);

  await page.fill('#sql-text', sql);
  await page.fill('#sql-limit', '50');
  await page.click('#sql-form button[type=submit]');
  await page.locator('#sql-table').waitFor();
  assert.equal(await page.locator('#sql-table tbody tr').count(), 50);
  assert.deepEqual((await page.locator('#sql-table thead th').allInnerTexts()).map((t) => t.split('\n')[0]), ['customer_id', 'region', 'household_id']);
  assert.match(await page.locator('#sql-summary').innerText(), /^50 rows in \d+ ms — there were more/);
  const first = (await call('/api/sql', { sql, limit: 1 })).rows[0] as Row;
  assert.equal(Number(await page.locator('#sql-table tbody tr').first().locator('td').first().getAttribute('data-value')), first.customer_id);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-download=csv]')]);
  assert.equal(download.suggestedFilename(), 'query.csv');
  const lines = readFileSync((await download.path())!, 'utf8').trimEnd().split('\n');
  assert.equal(lines[0], 'customer_id,region,household_id');
  assert.equal(lines.length - 1, n, 'every current customer, not the 50 shown');
  assert.equal(lines[1]!.split(',')[0], String(first.customer_id));

  await page.fill('#sql-text', 'SELECT nope FROM dw.dim_customer');
  await page.press('#sql-text', 'Control+Enter');
  await page.locator('#sql-error', { hasText: 'Binder Error' }).waitFor();
  assert.equal(await page.locator('#sql-table').count(), 0, 'no rows from the failed query');
  await page.fill('#sql-text', 'DROP TABLE dw.dim_customer');
  await page.click('[data-download=parquet]');
  await page.locator('#sql-error', { hasText: 'only a single SELECT statement' }).waitFor();
  await page.close();
});
