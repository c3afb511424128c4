// GET /api/oper over a real ODS with no marts: today's figures follow the front line's writes at once; the roles of
// GET /api/kpis; a time zone the ODS does not know is a 422 naming timeZone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Hono } from 'hono';
import type { Ods, OperFigures } from '../ods/index.ts';
import { forEachEngine } from '../ods/test-engines.ts';
import { bearer, signInAs } from './access/test-users.ts';
import { createApp } from './app.ts';
import { loadStewardshipFixture } from './stewardship-fixture.ts';

forEachEngine('oper API', (engine) => {
  let ods: Ods;
  let app: Hono;
  const headers: Record<string, Record<string, string>> = {};
  const get = (role: string, query = '') => app.request(`/api/oper${query}`, { headers: headers[role] });
  const write = (path: string, method: string, body: unknown) =>
    app.request(path, { method, headers: { ...headers.agent, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('marketers, analysts and admins read the figures; an agent may not', async () => {
    ods = await engine.open();
    await loadStewardshipFixture(ods);
    // No marts: the oper figures come from the ODS alone.
    app = createApp(ods, { outboundSources: ['core', 'wireless'], country: 'US' });
    for (const role of ['agent', 'marketer', 'analyst', 'admin'] as const) headers[role] = bearer(await signInAs(app, ods, role));
    const denied = await get('agent');
    assert.equal(denied.status, 403);
    assert.match(((await denied.json()) as { error: string }).error, /the agent role may not GET \/api\/oper/);
    for (const role of ['marketer', 'analyst', 'admin']) assert.equal((await get(role)).status, 200, role);
    assert.equal((await app.request('/api/kpis', { headers: headers.marketer })).status, 503, 'the KPIs of the marts wait for a run');
  });

  test("the front line's contact and address change show at once, with the time they were computed", async () => {
    const before = (await (await get('marketer', '?timeZone=UTC')).json()) as OperFigures;
    const moved = await write('/api/customers/101', 'PATCH', { version: 1, address_line: '45 Maple Avenue' });
    assert.equal(moved.status, 200, await moved.clone().text());
    const logged = await write('/api/customers/101/contacts', 'POST', { channel: 'phone', reason: 'billing', outcome: 'escalated', complaint: true });
    assert.equal(logged.status, 201);

    const res = await get('marketer', '?timeZone=UTC');
    const after = (await res.json()) as OperFigures;
    assert.ok(Date.parse(after.computedAt) >= Date.parse(before.computedAt), 'computed again, not kept');
    assert.ok(Math.abs(Date.parse(after.computedAt) - Date.now()) < 60_000, after.computedAt);
    assert.equal(after.timeZone, 'UTC');
    assert.deepEqual([after.today.contacts - before.today.contacts, after.today.complaints - before.today.complaints], [1, 1]);
    assert.ok(after.today.byChannel.some((c) => c.channel === 'phone' && c.complaints >= 1));
    assert.equal(after.openComplaints.total - before.openComplaints.total, 1);
    assert.equal(after.openComplaints.byAge[0]!.band, '<1 day');
    assert.equal(after.openComplaints.byAge[0]!.complaints - before.openComplaints.byAge[0]!.complaints, 1);
    // Customer 101 is held by core and web; only core has an endpoint: one delivery waits, and the run.
    assert.deepEqual(after.pendingAddressChanges, {
      changes: 1, customers: 1, oldestAt: after.pendingAddressChanges.oldestAt, outbox: { changes: 1, pending: 1, dead: 0 }, waitingForRun: 1,
    });
    assert.ok(Date.parse(after.pendingAddressChanges.oldestAt!) <= Date.parse(after.computedAt));
  });

  test('the day of the time zone asked for; one the ODS does not know is a 422 naming timeZone', async () => {
    const kolkata = (await (await get('analyst', '?timeZone=Asia/Kolkata')).json()) as OperFigures;
    assert.equal(kolkata.timeZone, 'Asia/Kolkata');
    assert.equal(kolkata.today.from, new Date(`${kolkata.today.day}T00:00:00+05:30`).toISOString());
    const serverDay = (await (await get('analyst')).json()) as OperFigures;
    assert.equal(serverDay.timeZone, Intl.DateTimeFormat().resolvedOptions().timeZone, "the server's own, unless asked");
    for (const [query, error] of [['?timeZone=Nowhere/Land', /^timeZone: "Nowhere\/Land" is not a time zone/], ['?timeZone=', /^timeZone: must not be empty/]] as const) {
      const res = await get('analyst', query);
      assert.equal(res.status, 422, query);
      assert.match(((await res.json()) as { error: string }).error, error);
    }
  });
});
