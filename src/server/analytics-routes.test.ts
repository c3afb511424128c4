// GET /api/analytics before anything was scored, and with nothing published: an empty answer for a screen to explain,
// and the same 503 as the other decision-support routes. The scored case runs over a generated enterprise in
// test/e2e/analytics-screen.test.ts.
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
let unpublished: Hono;
let analyst: Record<string, string>;

before(async () => {
  [ods, duck] = await Promise.all([openOds({}), smallWarehouse()]);
  app = createApp(ods, undefined, {}, { marts: { layer: semanticLayer(), withMarts: async (ask) => ({ answer: await ask(duck, '') }) } });
  unpublished = createApp(ods, undefined, {}, { marts: { layer: semanticLayer(), withMarts: async () => null } });
  analyst = bearer(await signInAs(app, ods, 'analyst'));
});
after(async () => {
  duck.close();
  await ods.close();
});

test('nothing scored yet: no report and no follow-up', async () => {
  const res = await app.request('/api/analytics', { headers: analyst });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { report: null, followUp: [] });
});

test('nothing published yet: 503, as for the KPIs', async () => {
  const res = await unpublished.request('/api/analytics', { headers: analyst });
  assert.equal(res.status, 503);
  assert.match(((await res.json()) as { error: string }).error, /no marts yet/);
});

test('an agent is refused', async () => {
  const res = await app.request('/api/analytics', { headers: bearer(await signInAs(app, ods, 'agent')) });
  assert.equal(res.status, 403);
});
