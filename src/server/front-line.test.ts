// The transactional interface against a real ODS (PGlite, and PostgreSQL when CIF_TEST_PG_URL is set): validated,
// versioned and audited writes, each queueing one outbound change per operational system holding the customer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Hono } from 'hono';
import type { Ods } from '../ods/index.ts';
import { forEachEngine } from '../ods/test-engines.ts';
import { hashPassword } from './access/index.ts';
import { createApp } from './app.ts';
import { loadStewardshipFixture } from './stewardship-fixture.ts';

type Call = (path: string, init?: { method?: string; body?: unknown }) => Promise<{ status: number; json: any }>;

async function signIn(app: Hono, name: string): Promise<Call> {
  const login = await app.request('/api/auth/login', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: 'pw' }),
  });
  assert.equal(login.status, 200, `${name} signs in`);
  const { token } = (await login.json()) as { token: string };
  return async (path, init = {}) => {
    const res = await app.request(path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });
    return { status: res.status, json: await res.json() };
  };
}

forEachEngine('transactional interface', (engine) => {
  let ods: Ods;
  let agent: Call;
  let other: Call;
  let customer: Call;
  const fresh = async () => {
    ods = await engine.open();
    await loadStewardshipFixture(ods);
    const passwordHash = await hashPassword('pw');
    await ods.addUser({ name: 'ann', role: 'agent', passwordHash });
    await ods.addUser({ name: 'ben', role: 'agent', passwordHash });
    await ods.addUser({ name: 'maria', role: 'customer', passwordHash, customerId: 103 });
    // Customer 101 is held by core and web; only core and wireless have an endpoint.
    const app = createApp(ods, { outboundSources: ['core', 'wireless'], country: 'US' });
    [agent, other, customer] = [await signIn(app, 'ann'), await signIn(app, 'ben'), await signIn(app, 'maria')];
  };

  test('an address change shows at the next read, is audited, and queues one outbound change per system holding the customer', async () => {
    await fresh();
    const before = await agent('/api/customers/101');
    assert.equal(before.status, 200);
    assert.equal(before.json.version, 1);
    const changed = await agent('/api/customers/101', {
      method: 'PATCH', body: { version: 1, address_line: ' 45  Maple   Avenue ', postcode: '62702', phone: '(217) 555-0142' },
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.json));
    assert.equal(changed.json.version, 2);
    assert.equal(changed.json.customer.address_line, '45 MAPLE AVENUE', 'standardised like a source record');
    assert.equal(changed.json.customer.address_source, 'frontline');
    assert.equal(changed.json.customer.phones[0].value, '+12175550142', 'E.164, first');
    assert.ok(changed.json.customer.phones.some((p: { value: string }) => p.value === '+12175550101'), 'the other numbers stay');

    const after = await agent('/api/customers/101');
    assert.equal(after.json.customer.address_line, '45 MAPLE AVENUE');
    assert.equal(after.json.version, 2);
    const found = await agent('/api/customers?q=2175550142');
    assert.ok(found.json.items.some((h: { customer_id: number }) => h.customer_id === 101), 'search knows the new phone');

    const audit = await agent('/api/customers/101/audit');
    assert.equal(audit.status, 200);
    const [entry] = audit.json.items;
    assert.equal(entry.kind, 'details');
    assert.equal(entry.changed_by, 'ann');
    assert.equal(entry.role, 'agent');
    assert.equal(entry.channel, 'workspace');
    assert.deepEqual(entry.before, { address_line: '12 Oak Street', postcode: '62701', phone: '+12175550101' });
    assert.deepEqual(entry.after, { address_line: '45 MAPLE AVENUE', postcode: '62702', phone: '+12175550142' });

    const outbox = await ods.query<{ source: string; source_key: string; payload: { changed: object } }>(
      'select source, source_key, payload from outbox where change_id = $1 order by source', [entry.change_id]);
    assert.deepEqual(outbox.map((o) => `${o.source}:${o.source_key}`), ['core:C-1001'], 'core holds 101; web has no endpoint');
    assert.deepEqual(outbox[0]!.payload.changed, entry.after);
    assert.equal(changed.json.outbound, 1);
  });

  test('two agents editing one customer: the second gets a conflict, and nothing of theirs is written', async () => {
    await fresh();
    const first = await agent('/api/customers/105', { method: 'PATCH', body: { version: 1, city: 'Peoria' } });
    assert.equal(first.status, 200);
    const second = await other('/api/customers/105', { method: 'PATCH', body: { version: 1, city: 'Decatur' } });
    assert.equal(second.status, 409);
    assert.match(second.json.error, /version 1 .* now version 2/);
    const now = await agent('/api/customers/105');
    assert.equal(now.json.customer.city, 'PEORIA');
    const audit = await agent('/api/customers/105/audit');
    assert.equal(audit.json.items.length, 1, 'the refused write left no audit entry');
  });

  test('a write to an id merged away lands on the customer it was merged into; an unknown id is a 404', async () => {
    await fresh();
    // customer 105 turns out to be customer 101
    await ods.load(3, { redirects: [{ from_id: 105, to_id: 101, run_id: 3, reason: 'same person' }], remove: { customer: [105] } });
    const changed = await agent('/api/customers/105', { method: 'PATCH', body: { version: 1, city: 'Peoria' } });
    assert.equal(changed.status, 200, JSON.stringify(changed.json));
    assert.equal(changed.json.customer.customer_id, 101);
    assert.equal((await agent('/api/customers/101')).json.customer.city, 'PEORIA');
    assert.equal((await agent('/api/customers/105/contacts', { method: 'POST', body: { channel: 'phone', reason: 'moved' } })).status, 201);
    assert.equal((await agent('/api/customers/101/audit')).json.items.length, 2, 'both writes are the surviving customer\'s');
    assert.equal((await agent('/api/customers/999', { method: 'PATCH', body: { version: 1, city: 'X' } })).status, 404);
    assert.equal((await agent('/api/customers/999/contacts', { method: 'POST', body: { channel: 'phone', reason: 'x' } })).status, 404);
  });

  test('bad input is a 422 naming the field, and nothing is half-written', async () => {
    await fresh();
    const cases: [object, string][] = [
      [{ version: 1, phone: '12' }, 'phone'],
      [{ version: 1, email: 'not-an-address' }, 'email'],
      [{ version: 1, given_name: '   ' }, 'given_name'],
      [{ version: 1, postcode: '#!' }, 'postcode'],
      [{ version: 1, birth_date: '1970-01-01' }, 'birth_date'],
      [{ city: 'Peoria' }, 'version'],
      [{ version: 1, phone: '217-555-0101' }, 'body: no field differs'],
      [{ version: 1, address_line: '1 Main St', phone: 'call me' }, 'phone'],
    ];
    for (const [body, field] of cases) {
      const res = await agent('/api/customers/101', { method: 'PATCH', body });
      assert.equal(res.status, 422, `${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.json)}`);
      assert.ok(res.json.error.startsWith(field) || res.json.error.includes(field), `${res.json.error} names ${field}`);
    }
    const bad = await agent('/api/customers/101', { method: 'PATCH', body: '{not json' });
    assert.equal(bad.status, 400);
    const still = await agent('/api/customers/101');
    assert.equal(still.json.version, 1);
    assert.equal(still.json.customer.address_line, '12 Oak Street');
    assert.equal((await ods.query('select * from customer_change')).length, 0);
    assert.equal((await ods.query('select * from outbox')).length, 0);
    assert.equal((await agent('/api/customers/999', { method: 'PATCH', body: { version: 1, city: 'X' } })).status, 404);
  });

  test('a contact and a campaign response are logged in the timeline and the audit trail', async () => {
    await fresh();
    const logged = await agent('/api/customers/107/contacts', {
      method: 'POST', body: { channel: 'phone', reason: 'billing question', outcome: 'explained the bill', complaint: true },
    });
    assert.equal(logged.status, 201, JSON.stringify(logged.json));
    const response = await agent('/api/customers/107/responses', {
      method: 'POST', body: { campaign: 'Spring bundle', offer: 'cable + cellular', response: 'interested', channel: 'phone' },
    });
    assert.equal(response.status, 201);
    const profile = await agent('/api/customers/107');
    const [latest, earlier] = profile.json.contacts;
    assert.equal(latest.reason, 'campaign Spring bundle: cable + cellular');
    assert.equal(latest.outcome, 'interested');
    assert.equal(earlier.reason, 'billing question');
    assert.equal(earlier.is_complaint, true);
    assert.equal(earlier.source, 'frontline');
    const audit = await agent('/api/customers/107/audit');
    assert.deepEqual(audit.json.items.map((i: { kind: string }) => i.kind), ['response', 'contact']);
    const wrong = await agent('/api/customers/107/contacts', { method: 'POST', body: { channel: 'pigeon', reason: 'x' } });
    assert.equal(wrong.status, 422);
    assert.match(wrong.json.error, /^channel/);
  });

  test('a customer maintains their own details and preferences in the portal, audited as made by them, and reaches nobody else', async () => {
    await fresh();
    const me = await customer('/api/me');
    assert.equal(me.status, 200);
    assert.equal(me.json.customer.customer_id, 103);
    assert.equal(me.json.sourceRecords, undefined, 'the factory\'s workings are not shown');
    const prefs = await customer('/api/me/preferences', { method: 'PATCH', body: { marketing: { email: true, sms: false }, do_not_contact: false, language: 'es' } });
    assert.equal(prefs.status, 200, JSON.stringify(prefs.json));
    assert.deepEqual(prefs.json.preferences.marketing, { email: true, sms: false });
    const changed = await customer('/api/me', { method: 'PATCH', body: { version: me.json.version, email: 'Maria.G@Example.com' } });
    assert.equal(changed.status, 200);
    assert.equal(changed.json.customer.emails[0].value, 'maria.g@example.com');
    const audit = await customer('/api/me/audit');
    assert.deepEqual(audit.json.items.map((i: { kind: string; channel: string; changed_by: string }) => `${i.kind} ${i.channel} ${i.changed_by}`),
      ['details portal maria', 'preferences portal maria']);
    const staffView = await agent('/api/customers/103');
    assert.equal(staffView.json.preferences.language, 'es', 'staff see what the customer set');
    assert.equal((await agent('/api/customers/103/contacts', { method: 'POST', body: { channel: 'phone', reason: 'billing question', notes: 'internal remark' } })).status, 201);
    const [staffChange] = (await customer('/api/me/audit')).json.items;
    assert.equal(staffChange.changed_by, 'staff', 'a customer is not told which member of staff');
    assert.equal(staffChange.after.notes, null, 'nor shown the notes staff wrote');
    assert.equal((await agent('/api/customers/103/audit')).json.items[0].changed_by, 'ann', 'staff see who');
    assert.equal((await ods.query(`select * from outbox where customer_id = 103`)).length, 2, 'both changes go to core, which holds 103');

    for (const path of ['/api/customers/101', '/api/customers/103', '/api/customers/101/audit']) {
      assert.equal((await customer(path)).status, 403, `${path} is refused to a customer`);
    }
    assert.equal((await customer('/api/customers/101', { method: 'PATCH', body: { version: 1, city: 'X' } })).status, 403);
  });
});
