// The scores on the customer answer: what the analytics last said of the customer, for the staff who open customers,
// never for the customer in the portal; shown as prompts too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Ods } from '../ods/index.ts';
import { forEachEngine } from '../ods/test-engines.ts';
import { account, batches, customer, score } from '../ods/test-rows.ts';
import { bearer, signInAs } from './access/test-users.ts';
import { createApp } from './app.ts';

/** Customers 1 (scored), 2 (merged into 1) and 3 (not scored). */
async function loadScored(ods: Ods): Promise<void> {
  await ods.load(1, {
    upsert: { customer: batches([customer(1), customer(2), customer(3)]), account: batches([account('cellular', 'A1', 1, { product_line: 'cellular' })]) },
  });
  await ods.loadScores(4, batches([score(1, 4), score(2, 4)]));
  await ods.load(2, { redirects: [{ from_id: 2, to_id: 1, run_id: 2, reason: 'same person' }], remove: { customer: [2] } });
}

forEachEngine('scores in the customer API', (engine) => {
  test('GET /api/customers/:id carries the scores for staff, null when there are none, the survivor\'s for a merged id', async () => {
    const ods = await engine.open();
    await loadScored(ods);
    const app = createApp(ods);
    for (const role of ['agent', 'marketer', 'steward', 'admin'] as const) {
      const headers = bearer(await signInAs(app, ods, role));
      const read = await app.request('/api/customers/1', { headers });
      assert.equal(read.status, 200, role);
      const { scores, prompts } = (await read.json()) as { scores: Record<string, unknown>; prompts: { rule: string }[] };
      assert.deepEqual(scores, await ods.scoresOf(1), role);
      assert.equal(scores.valueTier, 'top', role);
      assert.deepEqual(prompts.map((p) => p.rule), ['churn-risk-high', 'collection-treatment', 'top-value', 'next-best-offer'], role);
    }
    const headers = bearer(await signInAs(app, ods, 'agent', { name: 'agent2' }));
    const merged = (await (await app.request('/api/customers/2', { headers })).json()) as { redirectedFrom: number; scores: { scoreRun: number } };
    assert.equal(merged.redirectedFrom, 2);
    assert.equal(merged.scores.scoreRun, 4);
    const unscored = (await (await app.request('/api/customers/3', { headers })).json()) as { scores: unknown; prompts: unknown[] };
    assert.equal(unscored.scores, null);
    assert.deepEqual(unscored.prompts, []);
  });

  test('the customer never sees their scores: not in the portal, and no customer route is theirs', async () => {
    const ods = await engine.open();
    await loadScored(ods);
    const app = createApp(ods);
    const headers = bearer(await signInAs(app, ods, 'customer', { customerId: 1 }));
    const me = await app.request('/api/me', { headers });
    assert.equal(me.status, 200);
    const body = (await me.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['accounts', 'customer', 'preferences', 'version']);
    assert.doesNotMatch(JSON.stringify(body), /churn|offers|valueTier|collection/i);
    assert.equal((await app.request('/api/customers/1', { headers })).status, 403);
    // An analyst works on the marts, not on one customer: no customer screen, no scores.
    assert.equal((await app.request('/api/customers/1', { headers: bearer(await signInAs(app, ods, 'analyst')) })).status, 403);
  });
});
