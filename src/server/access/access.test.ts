// Signing in, sessions, API keys and masking, through Hono's fetch against a real ODS (see test-engines.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Hono } from 'hono';
import type { Ods } from '../../ods/index.ts';
import { forEachEngine } from '../../ods/test-engines.ts';
import { createApp } from '../app.ts';
import { loadStewardshipFixture } from '../stewardship-fixture.ts';
import { addTestUser, bearer, logIn, signInAs, testPassword } from './test-users.ts';
import { newToken, sha256Hex } from './tokens.ts';

const login = (app: Hono, body: unknown) =>
  app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function get(app: Hono, path: string, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await app.request(path, { headers });
  return { status: res.status, json: await res.json() };
}

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

forEachEngine('access', (engine) => {
  let ods: Ods;
  let app: Hono;
  const fresh = async () => {
    ods = await engine.open();
    await loadStewardshipFixture(ods);
    app = createApp(ods);
  };

  test('the ODS refuses a taken name, a customer user without a customer or with one that does not exist', async () => {
    await fresh();
    await addTestUser(ods, 'agent');
    await assert.rejects(addTestUser(ods, 'agent'), { name: 'OdsInputError', message: 'name: a user named "agent" already exists' });
    await assert.rejects(ods.addUser({ name: 'c', role: 'customer', passwordHash: 'x' }), { name: 'OdsInputError', message: /^customerId: required/ });
    await assert.rejects(ods.addUser({ name: 'c', role: 'customer', passwordHash: 'x', customerId: 999 }), { name: 'OdsInputError', message: /^customerId: no customer 999/ });
    await assert.rejects(ods.addUser({ name: 'd', role: 'agent', passwordHash: 'x', customerId: 101 }), { name: 'OdsInputError', message: /^customerId: only a customer user/ });
    await assert.rejects(ods.addUser({ name: 'e', role: 'boss' as never, passwordHash: 'x' }), { name: 'OdsInputError', message: /^role: must be one of/ });
    const customer = await ods.addUser({ name: 'bob', role: 'customer', passwordHash: 'x', customerId: 101 });
    assert.deepEqual([customer.name, customer.role, customer.customerId, customer.disabledAt], ['bob', 'customer', 101, null]);
    assert.deepEqual((await ods.listUsers()).map((u) => u.name), ['agent', 'bob']);
    assert.equal((await ods.findUser('nobody')), null);
  });

  test('login sets an HttpOnly SameSite=Strict cookie and returns the token; the cookie or the token signs requests', async () => {
    await fresh();
    await addTestUser(ods, 'customer', { name: 'robert', customerId: 101 });
    const res = await login(app, { name: 'robert', password: testPassword });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { token: string; name: string; role: string; customerId: number };
    assert.deepEqual([body.name, body.role, body.customerId], ['robert', 'customer', 101]);
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, new RegExp(`^cif_session=${body.token};`));
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.match(cookie, /Max-Age=28800/);
    const me = await get(app, '/api/auth/me', bearer(body.token));
    assert.deepEqual(me.json, { name: 'robert', role: 'customer', customerId: 101 });
    assert.equal((await get(app, '/api/auth/me', { cookie: `cif_session=${body.token}` })).status, 200);
    const [stored] = await ods.query<{ token_hash: string }>('select token_hash from user_session');
    assert.equal(stored!.token_hash, sha256Hex(body.token), 'only the hash is kept');

    const out = await app.request('/api/auth/logout', { method: 'POST', headers: bearer(body.token) });
    assert.equal(out.status, 200);
    assert.match(out.headers.get('set-cookie') ?? '', /cif_session=;.*Max-Age=0/);
    assert.equal((await get(app, '/api/auth/me', bearer(body.token))).status, 401);
  });

  test('a wrong name and a wrong password get the same 401; a disabled user cannot sign in; bad input is a 400', async () => {
    await fresh();
    await addTestUser(ods, 'agent');
    const wrongPassword = await login(app, { name: 'agent', password: 'guess' });
    const wrongName = await login(app, { name: 'agnet', password: testPassword });
    assert.equal(wrongPassword.status, 401);
    assert.equal(wrongName.status, 401);
    assert.deepEqual(await wrongPassword.json(), { error: 'wrong name or password' });
    assert.deepEqual(await wrongName.json(), { error: 'wrong name or password' });
    assert.equal(wrongPassword.headers.get('set-cookie'), null);
    const missing = await login(app, { name: 'agent' });
    assert.equal(missing.status, 400);
    assert.match(((await missing.json()) as { error: string }).error, /^password: required/);
    const notJson = await app.request('/api/auth/login', { method: 'POST', body: '{nope' });
    assert.equal(notJson.status, 400);

    const token = await logIn(app, 'agent');
    await ods.query(`update app_user set disabled_at = now() where name = 'agent'`);
    assert.equal((await login(app, { name: 'agent', password: testPassword })).status, 401);
    assert.equal((await get(app, '/api/stats', bearer(token))).status, 401, 'a disabled user\'s sessions end with it');
  });

  test('every API route but login answers 401 without credentials, with a bad token, or with an expired session', async () => {
    await fresh();
    for (const path of ['/api/stats', '/api/customers/101', '/api/review', '/api/auth/me', '/api/no-such-route']) {
      const r = await get(app, path);
      assert.equal(r.status, 401, path);
      assert.equal(r.json.error, 'sign in first');
    }
    const forged = await get(app, '/api/stats', bearer(newToken()));
    assert.equal(forged.status, 401);
    assert.match(forged.json.error, /sign in again/);
    assert.equal((await get(app, '/api/stats', { authorization: 'Basic YTpi' })).status, 401);

    await addTestUser(ods, 'analyst');
    const token = newToken();
    await ods.createSession('analyst', sha256Hex(token), hourAgo());
    assert.equal(await ods.sessionUser(sha256Hex(token)), null);
    assert.equal((await get(app, '/api/stats', bearer(token))).status, 401, 'expired');
    const live = newToken();
    await ods.createSession('analyst', sha256Hex(live), new Date(Date.now() + 60_000).toISOString());
    assert.equal((await get(app, '/api/stats', bearer(live))).status, 200);
    const [{ n }] = await ods.query<{ n: number }>('select count(*)::int as n from user_session');
    assert.equal(n, 1, 'the expired session was cleared when the next one began');
    // the screens are not behind the gate: they show the sign-in form
    assert.equal((await app.request('/')).status, 200);
  });

  test('an operational system\'s API key signs in as role system; a revoked or unknown key is a 401', async () => {
    await fresh();
    const key = newToken();
    await ods.addApiKey('billing', sha256Hex(key));
    await assert.rejects(ods.addApiKey('billing', sha256Hex(key)), { name: 'OdsInputError' });
    const me = await get(app, '/api/auth/me', { 'x-api-key': key });
    assert.equal(me.status, 200);
    assert.deepEqual(me.json, { name: 'billing', role: 'system', customerId: null });
    const stats = await get(app, '/api/stats', { 'x-api-key': key });
    assert.equal(stats.status, 403);
    assert.match(stats.json.error, /the system role may not GET \/api\/stats/);
    assert.equal((await get(app, '/api/auth/me', { 'x-api-key': newToken() })).status, 401);
    await ods.query('update api_key set revoked_at = now()');
    assert.equal((await get(app, '/api/auth/me', { 'x-api-key': key })).status, 401);
  });

  test('an agent sees the year of birth only, a steward the full date: golden record, source records, household, search, explanation', async () => {
    await fresh();
    const agent = bearer(await signInAs(app, ods, 'agent'));
    const steward = bearer(await signInAs(app, ods, 'steward'));
    const seen = await get(app, '/api/customers/101', agent);
    assert.equal(seen.status, 200);
    assert.equal(seen.json.customer.birth_date, '1970-**-**');
    assert.deepEqual(seen.json.sourceRecords.map((r: { birth_date: string }) => r.birth_date), ['1970-**-**', '1970-**-**']);
    const full = await get(app, '/api/customers/101', steward);
    assert.equal(full.json.customer.birth_date, '1970-01-31');
    assert.deepEqual(full.json.sourceRecords.map((r: { birth_date: string }) => r.birth_date), ['1970-01-31', '1970-01-31']);
    const hits = await get(app, '/api/customers?q=Garcia', agent);
    assert.ok(hits.json.items.length > 0);
    assert.ok(hits.json.items.every((h: { birth_date: string }) => /^\d{4}-\*\*-\*\*$/.test(h.birth_date)));
    assert.ok((await get(app, '/api/customers?q=Garcia', steward)).json.items.every((h: { birth_date: string }) => /^\d{4}-\d\d-\d\d$/.test(h.birth_date)));
    const explained = await get(app, '/api/customers/101/explain', agent);
    assert.equal(explained.json.golden.birth_date, '1970-**-**');
    const birth = explained.json.records[0].explanation.evidence.find((e: { comparison: string }) => e.comparison === 'birth_date');
    assert.deepEqual([explained.json.records[0].fields.birth_date, birth.a, birth.b, birth.level], ['1970-**-**', '1970-**-**', '1970-**-**', 'exact']);
    assert.equal((await get(app, '/api/customers/101/explain', steward)).json.golden.birth_date, '1970-01-31');
  });
});
