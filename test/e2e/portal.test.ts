// The customer portal in Debian's Chromium: a customer signs in at /portal, keeps their details and choices, sees
// their changes audited as theirs, and reaches nobody else's record, through the screens or the API.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Factory } from '../../src/config/index.ts';
import { openStores, runWith } from '../../src/ops/index.ts';
import { routeRoles } from '../../src/server/access/route-roles.ts';
import { addTestUser, testPassword } from '../../src/server/access/test-users.ts';
import { type RunningServer, serveFactory } from '../../src/server/index.ts';
import { launchChromium } from './chromium.ts';
import { generatedFactory } from './enterprise-fixture.ts';
import { signInOnPage } from './sign-in.ts';

interface Someone { customer_id: number; given_name: string; family_name: string; address_line: string; email: string; accounts: number }

let server: RunningServer;
let browser: Browser;
let me: Someone;
let other: Someone;
const tokens: Record<string, string> = {};

// Customers with an address, an e-mail and accounts, so that every part of the page has something to show.
const someoneQuery = `select c.customer_id, c.given_name, c.family_name, c.address_line, c.emails->0->>'value' as email,
    (select count(*)::int from account a where a.customer_id = c.customer_id) as accounts
  from customer c
  where c.address_line is not null and jsonb_array_length(c.emails) > 0 and jsonb_array_length(c.phones) > 0
    and (select count(*) from account a where a.customer_id = c.customer_id) >= 2
  order by c.customer_id limit 2`;

before(async () => {
  let factory: Factory = await generatedFactory(1_200, { dir: '' }, 31);
  factory = { ...factory, ods: { dir: `${factory.dataDir}/ods` } };
  const stores = await openStores(factory);
  try {
    await runWith(factory, stores, () => undefined);
    [me, other] = (await stores.ods.query<Someone>(someoneQuery)).map((r) => ({ ...r, customer_id: Number(r.customer_id) }));
    await addTestUser(stores.ods, 'customer', { customerId: me.customer_id });
    await addTestUser(stores.ods, 'agent');
    // Consent given earlier through the staff's workspace: the customer withdraws part of it below.
    await stores.ods.updatePreferences({
      customerId: me.customer_id, change: { marketing: { email: true, sms: true } }, actor: { name: 'agent', role: 'agent', channel: 'workspace' }, outbound: [],
    });
  } finally {
    await stores.close();
  }
  server = await serveFactory(factory, { port: 0 });
  for (const name of ['customer', 'agent']) {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: testPassword }),
    });
    tokens[name] = ((await login.json()) as { token: string }).token;
  }
  browser = await launchChromium();
  mkdirSync('tmp/screens', { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The API as a user: method, path, JSON body. */
async function call(as: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${server.url}${path}`, {
    method, headers: { authorization: `Bearer ${tokens[as]}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

async function portalPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${server.url}/portal`);
  await signInOnPage(page, 'customer');
  await page.locator('#hello').waitFor();
  return page;
}

test('a customer signs in at /portal and sees their own details and products, on a desktop and on a phone', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/portal`);
  await page.locator('#sign-in').waitFor({ state: 'visible' });
  assert.match(await page.locator('#sign-in-title').innerText(), /your account/i);
  await page.screenshot({ path: 'tmp/screens/portal-sign-in.png' });
  await signInOnPage(page, 'customer');
  await page.locator('#hello').waitFor();
  assert.match(await page.locator('#hello').innerText(), new RegExp(me.given_name, 'i'));
  assert.match(await page.locator('#my-name').innerText(), new RegExp(me.family_name, 'i'));
  assert.match(await page.locator('#my-address').innerText(), new RegExp(me.address_line, 'i'));
  assert.match(await page.locator('#my-email').innerText(), new RegExp(me.email, 'i'));
  assert.equal(await page.locator('#products-list .product').count(), me.accounts);
  await page.screenshot({ path: 'tmp/screens/portal.png', fullPage: true });
  await page.close();

  const phone = await portalPage({ width: 390, height: 844 });
  assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'nothing wider than a phone');
  await phone.screenshot({ path: 'tmp/screens/portal-phone.png', fullPage: true });
  await phone.close();
});

test('a customer withdraws e-mail consent and asks for no offers: kept after reload, audited as made by the customer in the portal', async () => {
  const page = await portalPage();
  const form = page.locator('#contact-form');
  assert.equal(await form.locator('input[name="marketing.email"]').isChecked(), true, 'the consent given earlier');
  await form.locator('input[name="marketing.email"]').uncheck();
  await form.locator('input[name=do_not_contact]').check();
  await form.locator('select[name=preferred_channel]').selectOption('sms');
  await form.locator('button[type=submit]').click();
  await page.locator('#changes-list .change').first().locator('.change-who', { hasText: 'You, on this site' }).waitFor();

  await page.reload();
  await page.locator('#contact-form').waitFor();
  assert.equal(await form.locator('input[name="marketing.email"]').isChecked(), false);
  assert.equal(await form.locator('input[name="marketing.sms"]').isChecked(), true, 'a channel not touched keeps its consent');
  assert.equal(await form.locator('input[name=do_not_contact]').isChecked(), true);
  assert.equal(await form.locator('select[name=preferred_channel]').inputValue(), 'sms');
  const first = await page.locator('#changes-list .change').first().innerText();
  assert.match(first, /Offers by e-mail: not allowed/);
  assert.match(first, /No offers at all: on/);
  // The staff's earlier change is theirs, told without a member of staff's name.
  const who = await page.locator('#changes-list .change-who').allInnerTexts();
  assert.deepEqual(who, ['You, on this site', 'Our staff']);
  await page.close();

  const { json: mine } = await call('customer', 'GET', '/api/me');
  assert.deepEqual(mine.preferences, { do_not_contact: true, marketing: { email: false, sms: true }, preferred_channel: 'sms', language: null });
  const { json: audit } = await call('customer', 'GET', '/api/me/audit');
  const [change] = audit.items;
  assert.equal(change.kind, 'preferences');
  assert.equal(change.changed_by, 'customer');
  assert.equal(change.role, 'customer');
  assert.equal(change.channel, 'portal');
  assert.deepEqual(change.after, { do_not_contact: true, marketing: { email: false, sms: true }, preferred_channel: 'sms' });
});

test('a customer changes their address: a bad postcode is told at its field and nothing is written; a good one is stored', async () => {
  const before = (await call('customer', 'GET', '/api/me')).json;
  const page = await portalPage();
  await page.click('#edit-details');
  const form = page.locator('#details-form');
  await form.locator('input[name=address_line]').fill('42 harbour view road');
  await form.locator('input[name=city]').fill('portsmouth');
  await form.locator('input[name=postcode]').fill('!!');
  await form.locator('button[type=submit]').click();
  await form.locator('[data-error-for=postcode]', { hasText: 'This is not a postal code.' }).waitFor();
  assert.equal(await form.locator('input[name=postcode]').getAttribute('aria-invalid'), 'true');
  await page.screenshot({ path: 'tmp/screens/portal-refused.png', fullPage: true });
  assert.equal((await call('customer', 'GET', '/api/me')).json.customer.address_line, before.customer.address_line, 'nothing written');

  await form.locator('input[name=postcode]').fill('03801');
  await form.locator('button[type=submit]').click();
  await page.locator('#my-address', { hasText: '42 HARBOUR VIEW ROAD' }).waitFor();
  const after = (await call('customer', 'GET', '/api/me')).json;
  assert.equal(after.customer.address_line, '42 HARBOUR VIEW ROAD');
  assert.equal(after.customer.city, 'PORTSMOUTH');
  assert.equal(after.customer.postcode, '03801');
  assert.equal(after.version, before.version + 1);
  const [change] = (await call('customer', 'GET', '/api/me/audit')).json.items;
  assert.deepEqual([change.kind, change.role, change.channel], ['details', 'customer', 'portal']);
  assert.deepEqual(Object.keys(change.after).sort(), ['address_line', 'city', 'postcode'], 'only what the customer changed');
  await page.reload();
  await page.locator('#my-address', { hasText: '42 HARBOUR VIEW ROAD' }).waitFor();
  await page.screenshot({ path: 'tmp/screens/portal-changed.png', fullPage: true });
  await page.close();
});

test('a change staff made while the customer edited is not overwritten: the customer is told and sees the record as it is', async () => {
  const page = await portalPage();
  await page.click('#edit-details');
  const form = page.locator('#details-form');
  await form.locator('input[name=address_line]').fill('7 lighthouse lane');
  const read = (await call('agent', 'GET', `/api/customers/${me.customer_id}`)).json;
  assert.equal((await call('agent', 'PATCH', `/api/customers/${me.customer_id}`, { version: read.version, city: 'DOVER' })).status, 200);
  await form.locator('button[type=submit]').click();
  await page.locator('#details .notice', { hasText: 'changed somewhere else' }).waitFor();
  assert.match(await page.locator('#my-address').innerText(), /DOVER/);
  await page.screenshot({ path: 'tmp/screens/portal-conflict.png' });
  assert.doesNotMatch(await page.locator('#my-address').innerText(), /LIGHTHOUSE/);
  assert.equal((await call('customer', 'GET', '/api/me')).json.customer.address_line, '42 HARBOUR VIEW ROAD');
  await page.close();
});

test('a customer reaches no other customer through the API: every route that takes an id refuses, /api/me… is always their own', async () => {
  const ids = routeRoles.filter((r) => r.path.includes(':id'));
  assert.ok(ids.length >= 8);
  for (const route of ids) {
    const path = route.path.replace(':id', String(other.customer_id));
    const { status } = await call('customer', route.method, path, route.method === 'GET' ? undefined : {});
    assert.equal(status, 403, `${route.method} ${path}`);
  }
  assert.equal((await call('customer', 'GET', `/api/customers?q=${encodeURIComponent(other.family_name)}`)).status, 403);
  assert.equal((await call('customer', 'GET', `/api/me?customer_id=${other.customer_id}`)).json.customer.customer_id, me.customer_id);
  assert.equal((await call('customer', 'GET', `/api/me/audit?customerId=${other.customer_id}`)).json.customerId, me.customer_id);
  const version = (await call('customer', 'GET', '/api/me')).json.version;
  const smuggled = await call('customer', 'PATCH', '/api/me', { version, customer_id: other.customer_id, city: 'ELSEWHERE' });
  assert.equal(smuggled.status, 422);
  assert.match(smuggled.json.error, /^customer_id:/);
  const theirs = (await call('agent', 'GET', `/api/customers/${other.customer_id}`)).json;
  assert.equal(theirs.customer.address_line, other.address_line, 'the other customer is as they were');
  assert.equal((await call('agent', 'GET', `/api/customers/${other.customer_id}/audit`)).json.items.length, 0);
});

test('a customer who opens the staff screen of another customer sees none of their data', async () => {
  const page = await portalPage();
  const answers: { url: string; status: number }[] = [];
  page.on('response', (r) => { if (r.url().includes('/api/customers')) answers.push({ url: r.url(), status: r.status() }); });
  const nothingOfTheirs = async () => {
    const text = await page.locator('body').innerText();
    for (const value of [other.family_name, other.address_line, other.email]) assert.equal(text.toUpperCase().includes(value.toUpperCase()), false, `shows ${value}`);
  };
  await page.goto(`${server.url}/#/customers/${other.customer_id}`);
  await page.locator('#who').waitFor();
  await page.waitForLoadState('networkidle');
  assert.match(await page.locator('body').innerText(), /staff/i, 'told the screens are for staff');
  await nothingOfTheirs();
  // Going to the customer from within the page asks the API, which refuses.
  await page.evaluate(() => { location.hash = '#/'; });
  await page.evaluate((id) => { location.hash = `#/customers/${id}`; }, other.customer_id);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await nothingOfTheirs();
  assert.ok(answers.every((a) => a.status === 403), JSON.stringify(answers));
  await page.close();
});

test('staff who sign in at /portal are told it is for customers', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/portal`);
  await signInOnPage(page, 'agent');
  await page.locator('#for-customers').waitFor();
  assert.match(await page.locator('#for-customers').innerText(), /for our customers/);
  assert.equal(await page.locator('#details').count(), 0);
  await page.screenshot({ path: 'tmp/screens/portal-staff.png' });
  await page.close();
});
