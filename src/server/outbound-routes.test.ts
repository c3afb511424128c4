// The outbound API against a real ODS: counts and rows by status, replaying one dead letter or all of them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Ods } from '../ods/index.ts';
import { addOutboxRow } from '../ods/test-outbox.ts';
import { forEachEngine } from '../ods/test-engines.ts';
import { outboundRoutes } from './outbound-routes.ts';

// The routes alone, with app.ts's error mapping: access control is app.ts's, not theirs.
function appOn(ods: Ods): Hono {
  const app = new Hono();
  outboundRoutes(app, ods);
  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    if (error.name === 'OdsInputError') return c.json({ error: error.message }, 400);
    throw error;
  });
  return app;
}

async function call(app: Hono, path: string, method = 'GET'): Promise<{ status: number; json: any }> {
  const res = await app.request(path, { method });
  return { status: res.status, json: await res.json() };
}

forEachEngine('outbound API', (engine) => {
  test('lists by status with counts; replays one dead letter, then all', async () => {
    const ods = await engine.open();
    const app = appOn(ods);
    const a = await addOutboxRow(ods, { customerId: 1, source: 'cellular' });
    const b = await addOutboxRow(ods, { customerId: 2, source: 'cellular' });
    const c = await addOutboxRow(ods, { customerId: 3, source: 'cable' });
    for (const id of [a, b]) await ods.markFailed(id, 'HTTP 500', new Date(), true);

    const dead = await call(app, '/api/outbound?status=dead');
    assert.equal(dead.status, 200);
    assert.deepEqual(dead.json.counts, { pending: 1, delivered: 0, dead: 2 });
    assert.equal(dead.json.total, 2);
    assert.deepEqual(dead.json.items.map((r: { outbox_id: number; last_error: string }) => [r.outbox_id, r.last_error]), [[b, 'HTTP 500'], [a, 'HTTP 500']]);
    const all = await call(app, '/api/outbound');
    assert.equal(all.json.total, 3);
    assert.equal(all.json.items[0].outbox_id, c);

    assert.deepEqual((await call(app, `/api/outbound/${a}/replay`, 'POST')).json, { replayed: 1 });
    const again = await call(app, `/api/outbound/${a}/replay`, 'POST');
    assert.equal(again.status, 400);
    assert.equal(again.json.error, `id: outbox row ${a} is pending, not dead`);
    assert.equal((await call(app, '/api/outbound/999/replay', 'POST')).json.error, 'id: no outbox row 999');
    assert.deepEqual((await call(app, '/api/outbound/replay', 'POST')).json, { replayed: 1 });
    assert.deepEqual((await call(app, '/api/outbound')).json.counts, { pending: 3, delivered: 0, dead: 0 });
  });

  test('bad input is a 400 naming the parameter', async () => {
    const app = appOn(await engine.open());
    const status = await call(app, '/api/outbound?status=lost');
    assert.equal(status.status, 400);
    assert.match(status.json.error, /^status: must be one of pending, delivered, dead/);
    assert.match((await call(app, '/api/outbound?limit=0')).json.error, /^limit: /);
    const id = await call(app, '/api/outbound/abc/replay', 'POST');
    assert.equal(id.status, 400);
    assert.equal(id.json.error, 'an outbox row number is a positive integer, not "abc"');
  });
});
