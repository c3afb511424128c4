// The decision-support interface over HTTP: OLAP questions (as JSON, CSV or Parquet), the model, the KPIs, and what
// each role may ask.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Hono } from 'hono';
import { type Duck, literal, openDuck } from '../duckdb/index.ts';
import { semanticLayer } from '../marts/index.ts';
import { smallWarehouse } from '../marts/test-warehouse.ts';
import { type Ods, openOds } from '../ods/index.ts';
import { bearer, signInAs } from './access/test-users.ts';
import { createApp } from './app.ts';

let ods: Ods;
let duck: Duck;
let app: Hono;
let analyst: Record<string, string>;
const scratchDir = mkdtempSync(join(tmpdir(), 'cif-olap-files-'));

before(async () => {
  [ods, duck] = await Promise.all([openOds({}), smallWarehouse()]);
  app = createApp(ods, undefined, {}, { marts: { layer: semanticLayer(), withMarts: async (ask) => ({ answer: await ask(duck, scratchDir) }) } });
  analyst = bearer(await signInAs(app, ods, 'analyst'));
});
after(async () => {
  duck.close();
  await ods.close();
  rmSync(scratchDir, { recursive: true, force: true });
});

const ask = (headers: Record<string, string>, body: unknown, format?: string) =>
  app.request(`/api/olap${format ? `?format=${format}` : ''}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

test('POST /api/olap answers in the names asked for, with the SQL it ran', async () => {
  const res = await ask(analyst, { measures: ['revenue', 'customers'], dimensions: ['productLine'], timeRange: { from: '2026-03', to: '2026-03' } });
  assert.equal(res.status, 200);
  const body = (await res.json()) as { rows: object[]; sql: string; truncated: boolean };
  assert.deepEqual(body.rows, [{ productLine: 'cable', revenue: 50, customers: 1 }, { productLine: 'cellular', revenue: 120, customers: 2 }]);
  assert.match(body.sql, /FROM mart\.product_month WHERE month >= DATE '2026-03-01'/);
  assert.equal(body.truncated, false);
});

test('?format=csv and ?format=parquet: the rows of the JSON answer as a file to download, named for the question', async () => {
  const question = { measures: ['revenue', 'customers'], dimensions: ['month', 'productLine'] };
  const { rows } = (await (await ask(analyst, question)).json()) as { rows: Record<string, string | number | null>[] };
  assert.ok(rows.length >= 4, JSON.stringify(rows));

  const csv = await ask(analyst, question, 'csv');
  assert.equal(csv.status, 200);
  assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.equal(csv.headers.get('content-disposition'), 'attachment; filename="olap-revenue-customers-by-month-productLine.csv"');
  assert.deepEqual([csv.headers.get('x-row-count'), csv.headers.get('x-truncated')], [String(rows.length), 'false']);
  const lines = (await csv.text()).trim().split('\n');
  assert.equal(lines[0], 'month,productLine,revenue,customers');
  // DuckDB writes a DOUBLE as 80.0: the same numbers.
  const read = lines.slice(1).map((line) => line.split(',')).map(([month, productLine, revenue, customers]) => ({ month, productLine, revenue: Number(revenue), customers: Number(customers) }));
  assert.deepEqual(read, rows);

  const parquet = await ask(analyst, { ...question, limit: 3 }, 'parquet');
  assert.equal(parquet.status, 200);
  assert.equal(parquet.headers.get('content-type'), 'application/vnd.apache.parquet');
  assert.equal(parquet.headers.get('content-disposition'), 'attachment; filename="olap-revenue-customers-by-month-productLine.parquet"');
  assert.deepEqual([parquet.headers.get('x-row-count'), parquet.headers.get('x-truncated')], ['3', 'true']);
  const file = join(mkdtempSync(join(tmpdir(), 'cif-olap-download-')), 'answer.parquet');
  writeFileSync(file, Buffer.from(await parquet.arrayBuffer()));
  const reader = await openDuck(':memory:', { memoryLimit: '128MB' });
  try {
    assert.deepEqual(await reader.all(`SELECT * FROM read_parquet(${literal(file)})`), rows.slice(0, 3), 'the first rows of the JSON answer, in its order');
  } finally {
    reader.close();
    rmSync(file, { force: true });
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(readdirSync(scratchDir), [], 'each file is removed once sent');
});

test('downloads refuse what JSON refuses, and a format there is not', async () => {
  const cut = await ask(analyst, { measures: ['revenue'], dimensions: ['channel'] }, 'csv');
  assert.equal(cut.status, 422);
  assert.deepEqual(await cut.json(), { error: 'measures.0: revenue cannot be cut by channel' });
  const xlsx = await ask(analyst, { measures: ['revenue'] }, 'xlsx');
  assert.equal(xlsx.status, 422);
  assert.match(((await xlsx.json()) as { error: string }).error, /^format: must be one of json, csv, parquet/);
  assert.equal((await ask(bearer(await signInAs(app, ods, 'agent', { name: 'download-agent' })), { measures: ['revenue'] }, 'csv')).status, 403);
});

test('a question the semantic layer cannot answer is a 422 naming the field; a body that is no JSON a 400', async () => {
  const cut = await ask(analyst, { measures: ['revenue', 'churnedCustomers'], dimensions: ['channel'] });
  assert.equal(cut.status, 422);
  assert.deepEqual(await cut.json(), { error: 'measures.0: revenue cannot be cut by channel' });
  const unknown = await ask(analyst, { measures: ['revenue'], dimensions: ['colour'] });
  assert.match(((await unknown.json()) as { error: string }).error, /^dimensions\.0: no dimension "colour"/);
  assert.equal((await ask(analyst, '{measures')).status, 400);
});

test('the model lists measures and dimensions with what they mean; the KPIs match the marts', async () => {
  const model = (await (await app.request('/api/olap/model', { headers: analyst })).json()) as { measures: { name: string; description: string; tables: string[] }[]; dimensions: { name: string }[] };
  const churn = model.measures.find((m) => m.name === 'churnRate')!;
  assert.match(churn.description, /share of the customers holding a product at the start of the month/);
  assert.deepEqual(churn.tables, ['customer_cube', 'customer_month']);
  assert.deepEqual(model.dimensions.map((d) => d.name), ['month', 'productLine', 'region', 'segment', 'channel']);
  const kpis = (await (await app.request('/api/kpis', { headers: analyst })).json()) as { customers: number; month: string; latest: { churnRate: number } };
  assert.equal(kpis.customers, 3);
  assert.equal(kpis.month, '2026-03');
  assert.equal(kpis.latest.churnRate, 0);
});

test('an agent may not ask; without marts the answer says how they are made', async () => {
  const agent = bearer(await signInAs(app, ods, 'agent'));
  assert.equal((await ask(agent, { measures: ['revenue'] })).status, 403);
  const bare = createApp(ods);
  const token = bearer(await signInAs(bare, ods, 'analyst', { name: 'second-analyst' }));
  const none = await bare.request('/api/kpis', { headers: token });
  assert.equal(none.status, 503);
  assert.match(((await none.json()) as { error: string }).error, /built by cif run/);
});

test('GET /api/customers/:id?asOf= answers the customer as the warehouse knew them that day', async () => {
  const agent = bearer(await signInAs(app, ods, 'agent', { name: 'as-of-agent' }));
  const on = async (day: string) => app.request(`/api/customers/3?asOf=${day}`, { headers: agent });
  const before = (await (await on('2026-03-15')).json()) as { customer: { region: string; valid_to: string }; accounts: unknown[] };
  assert.equal(before.customer.region, 'IN', 'before the move reached the warehouse');
  assert.equal(before.customer.valid_to, '2026-04-01T00:00:00Z');
  assert.equal(before.accounts.length, 0, 'its accounts were learnt on April 1');
  const after = (await (await on('2026-04-01')).json()) as { customer: { region: string; valid_to: string | null }; accounts: { account_key: string }[] };
  assert.equal(after.customer.region, 'OH', 'at the end of the day the move was learnt');
  assert.equal(after.customer.valid_to, null, 'the current version');
  assert.deepEqual(after.accounts.map((a) => a.account_key), ['C1', 'C2']);
  assert.equal((await on('2025-12-31')).status, 404, 'not known yet');
  const bad = await on('2026-02-30x');
  assert.equal(bad.status, 422);
  assert.match(((await bad.json()) as { error: string }).error, /^asOf: is a day as YYYY-MM-DD/);
});
