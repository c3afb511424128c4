// Prompts on the customer answer: computed from the ODS's facts with the factory's rules (cif.yaml's prompts:,
// or the defaults), for staff only; cif serve takes the rules from the factory's configuration.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadFactory } from '../config/index.ts';
import type { Ods } from '../ods/index.ts';
import { forEachEngine } from '../ods/test-engines.ts';
import { account, batches, contact, customer, daysAgo } from '../ods/test-rows.ts';
import { addTestUser, bearer, logIn, testPassword } from './access/test-users.ts';
import { createApp } from './app.ts';
import { serveFactory } from './serve-factory.ts';

/** Customer 1: cellular only, with a complaint open for 8 days. */
async function loadCustomer(ods: Ods): Promise<void> {
  await ods.load(1, {
    upsert: {
      customer: batches([customer(1)]),
      account: batches([account('cellular', 'A1', 1, { product_line: 'cellular', monthly_amount: 80 })]),
      contact: batches([contact('cc', 'K1', 1, daysAgo(8), { is_complaint: true, outcome: null, reason: 'outage' })]),
    },
  });
}

forEachEngine('prompts in the customer API', (engine) => {
  test('GET /api/customers/:id carries the default prompts, and a change answers with them too', async () => {
    const ods = await engine.open();
    await loadCustomer(ods);
    const app = createApp(ods);
    const headers = { ...bearer(await logIn(app, await addTestUser(ods, 'agent'))), 'content-type': 'application/json' };
    const read = await app.request('/api/customers/1', { headers });
    assert.equal(read.status, 200);
    const profile = (await read.json()) as { prompts: unknown[]; facts: { complaintOpenDays: number } };
    assert.deepEqual(profile.prompts, [
      { rule: 'complaint-open', tone: 'warning', text: 'Complaint open for 8 days', reason: 'No contact has resolved it for a week or more: deal with it before anything else.' },
      { rule: 'cable-bundle', tone: 'offer', text: 'Owns cellular only: offer the cable bundle', reason: 'A customer with one product line leaves more often than one with two.' },
    ]);
    assert.equal(profile.facts.complaintOpenDays, 8);

    const preferences = await app.request('/api/customers/1/preferences', { method: 'PATCH', headers, body: JSON.stringify({ do_not_contact: true }) });
    assert.equal(preferences.status, 200);
    const changed = await app.request('/api/customers/1', { method: 'PATCH', headers, body: JSON.stringify({ version: 1, city: 'Peoria' }) });
    assert.equal(changed.status, 200);
    assert.deepEqual(((await changed.json()) as { prompts: { rule: string }[] }).prompts.map((p) => p.rule), ['complaint-open', 'do-not-contact'],
      'do not contact: said, and the offer held back');
  });

  test("the customer's own view (the portal) has neither prompts nor facts", async () => {
    const ods = await engine.open();
    await loadCustomer(ods);
    const app = createApp(ods);
    const token = await logIn(app, await addTestUser(ods, 'customer', { customerId: 1 }));
    const me = (await (await app.request('/api/me', { headers: bearer(token) })).json()) as Record<string, unknown>;
    assert.equal(typeof me.customer, 'object');
    assert.equal('prompts' in me, false);
    assert.equal('facts' in me, false);
  });

  test("cif serve shows the prompts of the factory's cif.yaml", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cif-prompts-'));
    writeFileSync(join(dir, 'cif.yaml'), `
sources:
  - { name: cellular, productLine: cellular, files: [ { entity: account, path: a.csv, format: csv, key: NO, fields: { product: PLAN } } ] }
prompts:
  - id: valued
    when: { all: [ { owns: [cellular] }, { fact: monthlyValue, atLeast: 75 } ] }
    tone: info
    text: "Spends {monthlyValue} a month"
    reason: "{openComplaints} complaint open"
`);
    const odsConfig = await engine.fresh();
    const ods = await engine.open(odsConfig);
    await loadCustomer(ods);
    await addTestUser(ods, 'agent');
    await ods.close(); // cif serve opens the store itself (PGlite: one opener at a time)

    const server = await serveFactory({ ...loadFactory(dir, {}), ods: odsConfig }, { port: 0 });
    try {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'agent', password: testPassword }),
      });
      const { token } = (await login.json()) as { token: string };
      const profile = (await (await fetch(`${server.url}/api/customers/1`, { headers: bearer(token) })).json()) as { prompts: unknown[] };
      assert.deepEqual(profile.prompts, [{ rule: 'valued', tone: 'info', text: 'Spends 80 a month', reason: '1 complaint open' }], 'its rules replace the defaults');
    } finally {
      await server.close();
    }
  });
});
