// The stewardship API against a real ODS (PGlite, and PostgreSQL when CIF_TEST_PG_URL is set), through Hono's fetch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Hono } from 'hono';
import type { Ods } from '../ods/index.ts';
import { forEachEngine } from '../ods/test-engines.ts';
import { signInAs } from './access/test-users.ts';
import { createApp } from './app.ts';
import { goldenFields } from './stewardship.ts';
import { type StewardshipFixture, loadStewardshipFixture } from './stewardship-fixture.ts';

/** The signed-in steward's session token. */
let token = '';

async function call(app: Hono, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const auth = { authorization: `Bearer ${token}` };
  const init: RequestInit = body === undefined ? { headers: auth } : { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) };
  const res = await app.request(path, init);
  return { status: res.status, json: await res.json() };
}

const pairPath = (pairId: string) => `/api/review/${encodeURIComponent(pairId)}`;

forEachEngine('stewardship API', (engine) => {
  let ods: Ods;
  let app: Hono;
  let fixture: StewardshipFixture;
  const fresh = async (options?: { model?: boolean }) => {
    ods = await engine.open();
    fixture = await loadStewardshipFixture(ods, options);
    app = createApp(ods);
    token = await signInAs(app, ods, 'steward');
  };

  test('lists the queue most probable first, and pages it', async () => {
    await fresh();
    const { status, json } = await call(app, '/api/review?limit=2');
    assert.equal(status, 200);
    assert.equal(json.total, 4);
    assert.equal(json.limit, 2);
    assert.deepEqual(json.items.map((i: { pairId: string }) => i.pairId), fixture.pairs.slice(0, 2).map((p) => p.pairId));
    assert.ok(json.items[0].probability >= json.items[1].probability);
    assert.equal(typeof json.items[0].a.fields.given_name, 'string');
    const next = await call(app, '/api/review?limit=2&offset=2');
    assert.deepEqual(next.json.items.map((i: { pairId: string }) => i.pairId), fixture.pairs.slice(2).map((p) => p.pairId));
    const bad = await call(app, '/api/review?limit=0');
    assert.equal(bad.status, 400);
    assert.match(bad.json.error, /^limit: /);
  });

  test('shows one pair side by side with the explanation of the match', async () => {
    await fresh();
    const pair = fixture.pairs.find((p) => p.pairId === 'core:C-1001|wireless:WL-7')!;
    const { status, json } = await call(app, pairPath(pair.pairId));
    assert.equal(status, 200);
    assert.equal(json.pairId, pair.pairId);
    assert.equal(json.a.fields.given_name, 'Robert');
    assert.equal(json.b.fields.given_name, 'Bobby');
    assert.equal(json.a.customerId, 101);
    assert.equal(json.b.customerId, 102);
    const byName = Object.fromEntries(json.explanation.evidence.map((e: { comparison: string }) => [e.comparison, e]));
    assert.equal(byName.first_name.level, 'nickname');
    assert.ok(byName.first_name.weight > 0);
    assert.equal(byName.phone.level, 'different');
    assert.ok(byName.phone.weight < 0);
    assert.ok(json.explanation.prior < 0);
    assert.ok(Math.abs(json.explanation.probability - pair.probability) < 0.001);
    const missing = await call(app, pairPath('core:X|web:Y'));
    assert.equal(missing.status, 404);
    assert.match(missing.json.error, /no pair "core:X\|web:Y"/);
  });

  test('a decision on a pair: 201, the pair leaves the queue, a second one is a conflict', async () => {
    await fresh();
    const pair = fixture.pairs[0]!;
    const { status, json } = await call(app, `${pairPath(pair.pairId)}/decision`, { decision: 'same', reason: 'Same e-mail name and street', decidedBy: 'ann' });
    assert.equal(status, 201);
    assert.equal(json.decision, 'same');
    assert.equal(json.decidedBy, 'ann');
    assert.equal(json.appliedRun, null);
    assert.equal(`${json.a.source}:${json.a.sourceKey}`, pair.a);
    const queue = await call(app, '/api/review');
    assert.equal(queue.json.total, 3);
    assert.ok(!queue.json.items.some((i: { pairId: string }) => i.pairId === pair.pairId));
    const shown = await call(app, pairPath(pair.pairId));
    assert.equal(shown.json.status, 'decided');
    const again = await call(app, `${pairPath(pair.pairId)}/decision`, { decision: 'different', reason: 'changed my mind' });
    assert.equal(again.status, 409);
    assert.match(again.json.error, /already decided \(same\)/);
    // without decidedBy, the decision is the signed-in steward's
    const other = await call(app, `${pairPath(fixture.pairs[1]!.pairId)}/decision`, { decision: 'different', reason: 'different addresses and names' });
    assert.equal(other.json.decidedBy, 'steward');
    assert.equal((await ods.pendingDecisions()).length, 2);
  });

  test('a bad decision is a 400 naming the field, an unknown pair a 404; nothing is written', async () => {
    await fresh();
    const path = `${pairPath(fixture.pairs[0]!.pairId)}/decision`;
    const cases: [unknown, RegExp][] = [
      [{ decision: 'maybe', reason: 'x' }, /^decision: must be "same" or "different"/],
      [{ decision: 'same' }, /^reason: required/],
      [{ decision: 'same', reason: '   ' }, /^reason: required: say why/],
      [{ decision: 'same', reason: 'ok', decidedBy: 7 }, /^decidedBy: must be text/],
      ['{not json', /^request body: expected JSON/],
    ];
    for (const [body, message] of cases) {
      const { status, json } = await call(app, path, body);
      assert.equal(status, 400, JSON.stringify(body));
      assert.match(json.error, message);
    }
    const unknown = await call(app, `${pairPath('a:1|b:2')}/decision`, { decision: 'same', reason: 'x' });
    assert.equal(unknown.status, 404);
    assert.deepEqual(await ods.pendingDecisions(), []);
  });

  test('merge records one "same" decision between the customers, applied at the next run', async () => {
    await fresh();
    const { status, json } = await call(app, '/api/customers/101/merge', { otherId: 102, reason: 'Customer called: Bobby is Robert', decidedBy: 'ann' });
    assert.equal(status, 202);
    assert.equal(json.appliesAt, 'next run');
    assert.equal(json.decisions.length, 1);
    const [d] = json.decisions;
    assert.deepEqual([d.decision, d.a.customerId, d.b.customerId, d.reason], ['same', 101, 102, 'Customer called: Bobby is Robert']);
    const profile = await call(app, '/api/customers/102');
    assert.deepEqual(profile.json.pendingDecisions.map((p: { decisionId: number }) => p.decisionId), [d.decisionId]);

    const refused: [string, unknown, number, RegExp][] = [
      ['/api/customers/101/merge', { otherId: 101, reason: 'x' }, 400, /^otherId: cannot merge customer 101 with itself/],
      ['/api/customers/101/merge', { otherId: 999, reason: 'x' }, 400, /^otherId: no customer 999/],
      ['/api/customers/101/merge', { otherId: 'abc', reason: 'x' }, 400, /^otherId: must be a customer id/],
      ['/api/customers/101/merge', { otherId: 102 }, 400, /^reason: required/],
      ['/api/customers/999/merge', { otherId: 101, reason: 'x' }, 404, /no customer 999/],
    ];
    for (const [path, body, code, message] of refused) {
      const r = await call(app, path, body);
      assert.equal(r.status, code, `${path} ${JSON.stringify(body)}`);
      assert.match(r.json.error, message);
    }
    assert.equal((await ods.pendingDecisions()).length, 1);
  });

  test('split records "different" between each leaving and each staying record', async () => {
    await fresh();
    const { status, json } = await call(app, '/api/customers/101/split', {
      records: [{ source: 'web', sourceKey: 'W-88' }],
      reason: 'Web account belongs to his son',
      decidedBy: 'ann',
    });
    assert.equal(status, 202);
    assert.equal(json.appliesAt, 'next run');
    assert.deepEqual(
      json.decisions.map((d: { a: { sourceKey: string }; b: { sourceKey: string }; decision: string }) => [d.a.sourceKey, d.b.sourceKey, d.decision]),
      [['W-88', 'C-1001', 'different']],
    );
    const refused: [unknown, RegExp][] = [
      [{ records: [{ source: 'web', sourceKey: 'W-88' }, { source: 'core', sourceKey: 'C-1001' }], reason: 'x' }, /^records: splitting off all 2 records of customer 101 leaves nothing/],
      [{ records: [], reason: 'x' }, /^records: pick at least one record/],
      [{ records: [{ source: 'core', sourceKey: 'C-2001' }], reason: 'x' }, /^records\.0: core:C-2001 is a record of customer 103, not of customer 101/],
      [{ records: [{ source: 'web', sourceKey: 'W-88' }, { source: 'core', sourceKey: 'NOPE' }], reason: 'x' }, /^records\.1: no source record core:NOPE/],
      [{ records: [{ source: 'web' }], reason: 'x' }, /^records\.0\.sourceKey: required/],
      [{ reason: 'x' }, /^records: required/],
    ];
    for (const [body, message] of refused) {
      const r = await call(app, '/api/customers/101/split', body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.match(r.json.error, message);
    }
    assert.equal((await ods.pendingDecisions()).length, 1);
  });

  test('explains any two records; names an unknown one; says when there is no model', async () => {
    await fresh();
    const { status, json } = await call(app, '/api/explain?a=core:C-2001&b=cable:CB-55');
    assert.equal(status, 200);
    assert.equal(json.a.customerId, 103);
    assert.equal(json.b.fields.given_name, 'Mary');
    assert.equal(json.explanation.evidence.find((e: { comparison: string }) => e.comparison === 'last_name').level, 'exact');
    const unknown = await call(app, '/api/explain?a=core:C-2001&b=cable:NOPE');
    assert.equal(unknown.status, 404);
    assert.match(unknown.json.error, /^b: no source record cable:NOPE/);
    const malformed = await call(app, '/api/explain?a=C-2001&b=cable:CB-55');
    assert.equal(malformed.status, 400);
    assert.match(malformed.json.error, /^a: expected SOURCE:KEY/);

    await fresh({ model: false });
    const noModel = await call(app, '/api/explain?a=core:C-2001&b=cable:CB-55');
    assert.equal(noModel.status, 409);
    assert.match(noModel.json.error, /no identity model yet/);
    const pair = await call(app, pairPath(fixture.pairs[0]!.pairId));
    assert.equal(pair.status, 200);
    assert.equal(pair.json.explanation, null);
    assert.match(pair.json.explanationMissing, /no identity model/);
    assert.equal((await call(app, '/api/customers/101/explain')).status, 409);
  });

  test("explains each source record against the customer's golden record; shows history", async () => {
    await fresh();
    const { status, json } = await call(app, '/api/customers/101/explain');
    assert.equal(status, 200);
    assert.equal(json.customerId, 101);
    assert.equal(json.golden.given_name, 'Robert');
    assert.deepEqual(json.records.map((r: { sourceKey: string }) => r.sourceKey), ['C-1001', 'W-88']);
    const web = json.records[1];
    const email = web.explanation.evidence.find((e: { comparison: string }) => e.comparison === 'email');
    // against the web record, the golden record's e-mail is the one the web record gave
    assert.deepEqual([email.a, email.b, email.level], ['bob.smith@example.net', 'bob.smith@example.net', 'exact']);
    assert.ok(json.records[0].explanation.probability > 0.99);
    const profile = await call(app, '/api/customers/101');
    assert.deepEqual(profile.json.history.map((h: { kind: string; otherId: number; runId: number; at: string }) => [h.kind, h.otherId, h.runId, h.at]), [
      ['merged', 109, 1, '2024-05-01T08:04:00.000Z'],
    ]);
    assert.deepEqual(profile.json.pendingDecisions, []);
    assert.equal((await call(app, '/api/customers/abc/explain')).status, 400);
    assert.equal((await call(app, '/api/customers/404/explain')).status, 404);
  });
});

test('the golden record stands for a record with the e-mail and phone that record gave', () => {
  const golden = {
    customer_id: 1, given_name: 'Ann', middle_name: null, family_name: 'Lee', name_suffix: null, name_source: 'core', birth_date: null, birth_date_source: null,
    address_line: null, city: null, region: null, postcode: null, address_source: null, household_id: null, version: 1, first_run: 1, updated_run: 1,
    emails: [{ value: 'ann@core.example', source: 'core' }, { value: 'ann@web.example', source: 'web' }],
    phones: [{ value: '+15550000001', source: 'core' }, { value: '+15550000002', source: 'cable' }],
  };
  const record = (over: object) => ({ source: 'web', source_key: 'W', customer_id: 1, given_name: null, middle_name: null, family_name: null, name_suffix: null,
    birth_date: null, email: null, phone: null, address_line: null, city: null, region: null, postcode: null, updated_on: null, loaded_run: 1, ...over });
  assert.deepEqual([goldenFields(golden).email, goldenFields(golden).phone], ['ann@core.example', '+15550000001']);
  const web = goldenFields(golden, record({ email: 'ANN@web.example', phone: '(555) 000-0002' }));
  assert.deepEqual([web.email, web.phone], ['ann@web.example', '+15550000002']);
  const fromSource = goldenFields(golden, record({ email: 'other@x.example' }));
  assert.equal(fromSource.email, 'ann@web.example'); // none equal: the one from the record's own source
});
