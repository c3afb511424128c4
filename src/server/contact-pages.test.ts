// Older contacts than the customer answer holds, a page at a time: GET /api/customers/:id/contacts?before=…&limit=…
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Hono } from 'hono';
import type { Ods } from '../ods/index.ts';
import { forEachEngine } from '../ods/test-engines.ts';
import { batches, contact } from '../ods/test-rows.ts';
import { bearer, signInAs } from './access/test-users.ts';
import { createApp } from './app.ts';
import { loadStewardshipFixture } from './stewardship-fixture.ts';

const day = (i: number) => new Date(Date.UTC(2023, 0, 1, 10) + i * 86_400_000).toISOString();

forEachEngine('contacts a page at a time over HTTP', (engine) => {
  let ods: Ods;
  let app: Hono;
  let get: (path: string) => Promise<{ status: number; json: any }>;

  test('the customer answer says where older contacts start; the pages follow it to the oldest, each contact once', async () => {
    ods = await engine.open();
    await loadStewardshipFixture(ods);
    await ods.load(3, {
      upsert: { contact: batches(Array.from({ length: 120 }, (_, i) => contact('care', `K${String(i).padStart(3, '0')}`, 101, day(i)))) },
      redirects: [{ from_id: 909, to_id: 101, run_id: 3, reason: 'duplicate' }],
    });
    app = createApp(ods);
    const auth = bearer(await signInAs(app, ods, 'agent'));
    get = async (path) => {
      const res = await app.request(path, { headers: auth });
      return { status: res.status, json: await res.json() };
    };

    const customer = await get('/api/customers/101');
    assert.equal(customer.json.contacts.length, 50);
    assert.equal(typeof customer.json.olderContacts, 'string');
    const seen: string[] = customer.json.contacts.map((c: { contact_key: string }) => c.contact_key);
    let before: string | null = customer.json.olderContacts;
    while (before) {
      const page = await get(`/api/customers/101/contacts?before=${encodeURIComponent(before)}&limit=40`);
      assert.equal(page.status, 200, JSON.stringify(page.json));
      assert.equal(page.json.customerId, 101);
      seen.push(...page.json.items.map((c: { contact_key: string }) => c.contact_key));
      before = page.json.next;
    }
    const all = await ods.query<{ contact_key: string }>('select contact_key from contact where customer_id = 101 order by contacted_at desc, source, contact_key');
    assert.deepEqual(seen, all.map((c) => c.contact_key));

    const first = await get('/api/customers/101/contacts');
    assert.deepEqual(first.json.items, customer.json.contacts, 'without a cursor: the newest 50, as the customer answer has them');
    assert.equal(first.json.next, customer.json.olderContacts);
  });

  test('a merged id answers with its survivor\'s contacts; no customer is a 404; a bad id a 400; a bad cursor or limit a 422 naming it', async () => {
    const merged = await get('/api/customers/909/contacts?limit=2');
    assert.deepEqual([merged.status, merged.json.customerId, merged.json.redirectedFrom, merged.json.items.length], [200, 101, 909, 2]);
    assert.equal((await get('/api/customers/404/contacts')).status, 404);
    assert.equal((await get('/api/customers/abc/contacts')).status, 400);
    for (const [query, error] of [
      ['before=nonsense', /^before: /], ['before=', /^before: /], ['limit=0', /^limit: must be 1 to 100/], ['limit=101', /^limit: must be 1 to 100/],
      ['limit=2.5', /^limit: must be a whole number/], ['limit=many', /^limit: must be a number/],
    ] as const) {
      const res = await get(`/api/customers/101/contacts?${query}`);
      assert.equal(res.status, 422, query);
      assert.match(res.json.error, error, query);
    }
  });
});
