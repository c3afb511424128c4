// The path from browser to ODS: cif serve on a generated enterprise, driven in Debian's Chromium.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Factory } from '../../src/config/index.ts';
import { openStores, runWith } from '../../src/ops/index.ts';
import { addTestUser, testPassword } from '../../src/server/access/test-users.ts';
import { type RunningServer, serveFactory } from '../../src/server/index.ts';
import { launchChromium } from './chromium.ts';
import { generatedFactory } from './enterprise-fixture.ts';
import { signInOnPage } from './sign-in.ts';

let factory: Factory;
let server: RunningServer;
let browser: Browser;
let auth: { authorization: string };
let known: { customer_id: number; family_name: string; given_name: string; source_key: string; sources: number; accounts: number };

before(async () => {
  factory = await generatedFactory(1_500, { dir: '' }, 21);
  factory = { ...factory, ods: { dir: `${factory.dataDir}/ods` } };
  const stores = await openStores(factory);
  try {
    await runWith(factory, stores, () => undefined);
    // A customer seen in two systems, holding accounts: the interesting kind.
    const [row] = await stores.ods.query<typeof known>(`select c.customer_id, c.family_name, c.given_name, min(s.source_key) as source_key,
        count(distinct s.source_key)::int as sources, (select count(*)::int from account a where a.customer_id = c.customer_id) as accounts
      from customer c join customer_source s using (customer_id)
      group by c.customer_id, c.family_name, c.given_name
      having count(distinct s.source) >= 2 and (select count(*) from account a where a.customer_id = c.customer_id) >= 2
      order by c.customer_id limit 1`);
    known = { ...row, customer_id: Number(row.customer_id) };
    await addTestUser(stores.ods, 'agent');
  } finally {
    await stores.close();
  }
  server = await serveFactory(factory, { port: 0 });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'agent', password: testPassword }),
  });
  auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the API answers search, one customer, stats, and says clearly what is wrong', async () => {
  const unsigned = await globalThis.fetch(`${server.url}/api/customers?q=${known.source_key}`);
  assert.equal(unsigned.status, 401);
  const fetch = (url: string) => globalThis.fetch(url, { headers: auth });
  const search = await (await fetch(`${server.url}/api/customers?q=${known.source_key}`)).json();
  assert.equal(search.items[0].customer_id, known.customer_id);
  assert.equal(search.items[0].matched, 'source key');

  const profile = await (await fetch(`${server.url}/api/customers/${known.customer_id}`)).json();
  assert.equal(profile.customer.customer_id, known.customer_id);
  assert.equal(profile.sourceRecords.length, known.sources);
  assert.equal(profile.accounts.length, known.accounts);
  assert.ok(profile.household.members.some((m: { customer_id: number }) => m.customer_id === known.customer_id));

  const stats = await (await fetch(`${server.url}/api/stats`)).json();
  assert.ok(stats.customers > 1_000);

  const bad = await fetch(`${server.url}/api/customers/abc`);
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).error, /customer id must be a positive number/);
  const missing = await fetch(`${server.url}/api/customers/1`);
  assert.equal(missing.status, 404);
  const empty = await fetch(`${server.url}/api/customers?q=`);
  assert.equal(empty.status, 400);
  assert.match((await empty.json()).error, /q/);
});

test('search in the browser, open the customer, see every source record and account', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url);
  mkdirSync('tmp/screens', { recursive: true });
  await page.locator('#sign-in').waitFor({ state: 'visible' });
  await page.screenshot({ path: 'tmp/screens/sign-in.png' });
  await signInOnPage(page, 'agent');
  assert.equal(await page.locator('#who-name').innerText(), 'agent · agent');
  assert.equal(await page.locator('#nav-review').isVisible(), false, 'the review queue is for stewards');
  await page.fill('#q', `${known.given_name} ${known.family_name}`);
  await page.press('#q', 'Enter');
  const hit = page.locator(`a.hit[href="#/customers/${known.customer_id}"]`);
  await hit.waitFor();
  await page.screenshot({ path: 'tmp/screens/search.png' });
  await hit.click();
  await page.locator('#customer-name').waitFor();
  assert.match(await page.locator('#customer-name').innerText(), new RegExp(known.family_name));
  assert.equal(await page.locator('#sources tbody tr').count(), known.sources);
  assert.equal(await page.locator('#accounts tbody tr').count(), known.accounts);
  await page.screenshot({ path: 'tmp/screens/customer.png', fullPage: true });

  // The back button returns to the results; "/" focuses the search box.
  await page.goBack();
  await hit.waitFor();
  await page.locator('body').click();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'q');

  // Signing out brings the form back; a wrong password is told without saying which part was wrong.
  await page.click('#sign-out');
  await page.locator('#sign-in').waitFor({ state: 'visible' });
  await page.fill('#sign-in input[name=name]', 'agent');
  await page.fill('#sign-in input[name=password]', 'wrong');
  await page.click('#sign-in button[type=submit]');
  await page.locator('#sign-in-error', { hasText: 'wrong name or password' }).waitFor();
  await page.close();
});
