// The decision-support interface over HTTP: OLAP questions, the model, the KPIs, and what each role may ask.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Hono } from 'hono';
import type { Duck } from '../duckdb/index.ts';
import { semanticLayer } from '../marts/index.ts';
import { smallWarehouse } from '../marts/test-warehouse.ts';
import { type Ods, openOds } from '../ods/index.ts';
import { bearer, signInAs } from './access/test-users.ts';
import { createApp } from './app.ts';

let ods: Ods;
let duck: Duck;
let app: Hono;
let analyst: Record<string, string>;

before(async () => {
  [ods, duck] = await Promise.all([openOds({}), smallWarehouse()]);
  app = createApp(ods, undefined, {}, { marts: { layer: semanticLayer(), withMarts: async (ask) => ({ answer: await ask(duck) }) } });
  analyst = bearer(await signInAs(app, ods, 'analyst'));
});
after(async () => {
  duck.close();
  await ods.close();
});

const ask = (headers: Record<string, string>, body: unknown) =>
  app.request('/api/olap', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

test('POST /api/olap answers in the names asked for, with the SQL it ran', async () => {
  const res = await ask(analyst, { measures: ['revenue', 'customers'], dimensions: ['productLine'], timeRange: { from: '2026-03', to: '2026-03' } });
  assert.equal(res.status, 200);
  const body = (await res.json()) as { rows: object[]; sql: string; truncated: boolean };
  assert.deepEqual(body.rows, [{ productLine: 'cable', revenue: 50, customers: 1 }, { productLine: 'cellular', revenue: 120, customers: 2 }]);
  assert.match(body.sql, /FROM mart\.product_month WHERE month >= DATE '2026-03-01'/);
  assert.equal(body.truncated, false);
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
