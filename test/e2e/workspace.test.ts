// The front line's workspace in Debian's Chromium, on cif serve over a generated enterprise: find a customer, change
// an address (on the screen at once, and delivered to the operational system's receiver), log a contact into the
// timeline, meet someone else's change (409) and a refused value (422) in the form, preferences, campaign responses,
// prompts, and what a role that may not change anything sees.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Factory } from '../../src/config/index.ts';
import { type ChangeReceiver, startChangeReceiver } from '../../src/demo/index.ts';
import { inboundChangesFile } from '../../src/demo/enterprise-layout.ts';
import { openStores, runWith } from '../../src/ops/index.ts';
import { addTestUser } from '../../src/server/access/test-users.ts';
import { channels, marketingChannels, responses } from '../../src/server/front-line-validation.ts';
import { type RunningServer, serveFactory } from '../../src/server/index.ts';
import { checkedPage, launchChromium } from './chromium.ts';
import { generatedFactory } from './enterprise-fixture.ts';
import { apiToken, signInOnPage } from './sign-in.ts';

const screens = 'tmp/screens';
type Known = { customer_id: number; given_name: string; family_name: string; source: string };

let factory: Factory;
let receiver: ChangeReceiver;
let server: RunningServer;
let browser: Browser;
let token: string;
/** Customers held by a system that takes changes, with accounts and contacts to order: one per test that changes one. */
let customers: Known[];
/** Another customer, given a long history: more contacts than the timeline's first page holds. */
let longHistory: { customer_id: number; contacts: number };

before(async () => {
  factory = await generatedFactory(1_200, { dir: '' }, 29);
  factory = { ...factory, ods: { dir: `${factory.dataDir}/ods` } };
  // The demo's receiver on a free port, and the systems' outbound endpoints pointed at it.
  const outbound = factory.config.sources.filter((s) => s.outbound);
  receiver = await startChangeReceiver({ dir: factory.dir, secrets: Object.fromEntries(outbound.map((s) => [s.name, s.outbound!.secret])), port: 0 });
  for (const source of outbound) source.outbound = { ...source.outbound!, url: `${receiver.url}/${source.name}`, maxAttempts: 3 };
  const stores = await openStores(factory);
  try {
    await runWith(factory, stores, () => undefined);
    const rows = await stores.ods.query<Known>(`select c.customer_id, c.given_name, c.family_name, min(s.source) as source
      from customer c join customer_source s using (customer_id)
      where s.source = any($1::text[]) and c.address_line is not null and c.city is not null and c.postcode is not null
        and (select count(*) from account a where a.customer_id = c.customer_id) >= 2
        and (select count(*) from contact k where k.customer_id = c.customer_id) >= 2
      group by c.customer_id order by c.customer_id limit 6`, [outbound.map((s) => s.name)]);
    assert.equal(rows.length, 6, 'the enterprise has customers to work on');
    customers = rows.map((r) => ({ ...r, customer_id: Number(r.customer_id) }));
    const [other] = await stores.ods.query<{ customer_id: number }>('select customer_id from customer where customer_id <> all($1::bigint[]) order by customer_id limit 1',
      [customers.map((c) => c.customer_id)]);
    const [{ contacts }] = await stores.ods.query<{ contacts: number }>(`with added as (
        insert into contact (source, contact_key, customer_id, channel, contacted_at, reason, outcome, is_complaint, notes, loaded_run)
        select 'call_centre', 'HIST-' || n, $1, 'phone', timestamptz '2015-01-05 10:00+00' + n * interval '9 days', 'billing question ' || n, 'resolved', false, null, 0
        from generate_series(1, 120) n returning 1)
      select (select count(*) from added)::int + (select count(*) from contact where customer_id = $1)::int as contacts`, [other!.customer_id]);
    longHistory = { customer_id: Number(other!.customer_id), contacts };
    await addTestUser(stores.ods, 'agent');
    await addTestUser(stores.ods, 'steward');
  } finally {
    await stores.close();
  }
  server = await serveFactory(factory, { port: 0 });
  token = await apiToken(server.url, 'agent');
  browser = await launchChromium();
  mkdirSync(screens, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await receiver?.close();
});

/** The API as another client (the same agent at another desk). */
async function call(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: res.status, json: await res.json() };
}

const newPage = () => checkedPage(browser);

/** A page at the customer's screen, signed in. */
async function customerPage(id: number, who = 'agent'): Promise<Page> {
  const page = await newPage();
  await page.goto(`${server.url}/#/customers/${id}`);
  await signInOnPage(page, who);
  await page.locator('#customer-name').waitFor();
  return page;
}

const firstEntry = (page: Page) => page.locator('#timeline .tl-item').first();

/** One of the screens' modules (browser JavaScript without types), loaded the way Node loads any module. */
const webModule = (file: string) => import(new URL(`../../src/web/public/${file}`, import.meta.url).href);
const { tenure } = (await webModule('accounts.js')) as { tenure: (opened: string | null, closed: string | null, today: string) => string };

test('the forms offer exactly the choices the API takes; tenure counts whole months; the timeline is newest first', async () => {
  const choices = await webModule('front-line-choices.js');
  const { timelineEntries } = await webModule('timeline.js');
  assert.deepEqual(choices.channels, [...channels]);
  assert.deepEqual(choices.responses, [...responses]);
  assert.deepEqual(choices.marketingChannels, [...marketingChannels]);

  assert.equal(tenure('2020-01-15', '2021-03-14', '2030-01-01'), '1 yr 1 mo', 'to the closing date, a month once its day is reached');
  assert.equal(tenure('2020-01-15', null, '2022-01-15'), '2 yr');
  assert.equal(tenure('2024-05-01', null, '2024-05-13'), '12 days');
  assert.equal(tenure(null, null, '2024-05-13'), '');

  const contact = (key: string, at: string, source = 'call_centre') => ({ source, contact_key: key, contacted_at: at, channel: 'phone', reason: 'r', outcome: null, is_complaint: false, notes: null });
  const entries = timelineEntries({
    contacts: [contact('A', '2024-03-01T10:00:00Z'), contact('FL-9', '2024-05-01T10:00:00Z', 'frontline')],
    history: [{ kind: 'merged', otherId: 5, reason: 'same person', runId: 2, at: '2024-04-01T00:00:00Z' }],
  }, [
    { change_id: 9, kind: 'response', changed_by: 'ann', role: 'agent', channel: 'workspace', changed_at: '2024-05-01T10:00:00Z', before: {}, after: {} },
    { change_id: 7, kind: 'details', changed_by: 'ann', role: 'agent', channel: 'workspace', changed_at: '2024-06-01T10:00:00Z', before: { city: 'A' }, after: { city: 'B' } },
  ]);
  assert.deepEqual(entries.map((e: { kind: string }) => e.kind), ['change', 'response', 'identity', 'contact'], 'newest first; a logged response known by its audit row');
  assert.equal(entries[1].by.changed_by, 'ann', 'who logged a front-line contact comes from the audit trail');
});

test('sign in, search, open a customer: accounts with tenure and monthly value, the timeline across systems', async () => {
  const known = customers[0]!;
  const page = await newPage();
  await page.goto(server.url);
  await signInOnPage(page, 'agent');
  assert.equal(await page.locator('#nav-outbound').isVisible(), false, 'the outbox is for administrators');
  await page.fill('#q', `${known.given_name} ${known.family_name}`);
  await page.press('#q', 'Enter');
  await page.locator('a.hit').first().waitFor();
  await page.press('#q', 'ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('hit')), true, 'the arrow moves into the results');
  await page.click(`a.hit[href="#/customers/${known.customer_id}"]`);
  await page.locator('#customer-name').waitFor();
  assert.match(await page.locator('#customer-name').innerText(), new RegExp(known.family_name));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'customer-name', 'the keys are the workspace\'s, not the search box\'s');

  const profile = (await call(`/api/customers/${known.customer_id}`)).json;
  assert.equal(await page.locator('#accounts tbody tr').count(), profile.accounts.length);
  const today = new Date().toISOString().slice(0, 10);
  const tenures = await page.locator('#accounts tbody td.tenure').allInnerTexts();
  assert.deepEqual(tenures, profile.accounts.map((a: { opened_on: string; closed_on: string | null }) => tenure(a.opened_on, a.closed_on, today)));
  const active = profile.accounts.filter((a: { status: string }) => a.status === 'active');
  if (active.length) {
    const total = active.reduce((sum: number, a: { monthly_amount: number | null }) => sum + Number(a.monthly_amount ?? 0), 0);
    assert.equal(await page.locator('#monthly-total').innerText(), total.toLocaleString('en-US', { style: 'currency', currency: 'USD' }));
  }

  const items = page.locator('#timeline .tl-item');
  assert.equal(await items.count(), profile.contacts.length + profile.history.length);
  const times = await page.locator('#timeline .tl-item time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));
  assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
  assert.match(await firstEntry(page).locator('.tl-meta').innerText(), new RegExp(profile.contacts[0].source));
  await page.screenshot({ path: `${screens}/workspace.png`, fullPage: true });
  await page.close();
});

test('change an address: on the screen at once from the front line, in the timeline, and delivered to the operational system', async () => {
  const known = customers[1]!;
  const page = await customerPage(known.customer_id);
  await page.keyboard.press('e');
  const dialog = page.locator('#details-dialog');
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'address_line', 'the form opens at the address');
  await page.fill('#details-dialog input[name=address_line]', '77  Harbour view road');
  await page.fill('#details-dialog input[name=city]', 'Springfield');
  assert.equal(await dialog.locator('button[type=submit]').innerText(), 'Save 2 changes');
  await page.keyboard.press('Control+Enter');
  await dialog.waitFor({ state: 'detached' });

  await page.locator('#golden-address', { hasText: '77 HARBOUR VIEW ROAD' }).waitFor();
  assert.match(await page.locator('#golden-address').innerText(), /SPRINGFIELD/);
  assert.equal(await page.locator('#golden-address .src.frontline').innerText(), 'front line', 'where the value came from');
  const entry = firstEntry(page);
  assert.match(await entry.locator('.tl-title').innerText(), /Changed address/);
  assert.match(await entry.locator('.tl-diff').innerText(), /Address line\s+.+→\s+77 HARBOUR VIEW ROAD/);
  assert.match(await entry.locator('.tl-meta').innerText(), /by agent \(agent, workspace\)/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'customer-name', 'focus goes back where it was when the key was pressed');

  const file = inboundChangesFile(factory.dir, known.source);
  const deadline = Date.now() + 20_000;
  let delivered: { delivery: { customerId: number; source: string; change: { kind: string; changed: Record<string, string> } } } | undefined;
  while (!delivered && Date.now() < deadline) {
    const lines = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
    delivered = lines.find((l) => l.delivery.customerId === known.customer_id);
    if (!delivered) await new Promise((r) => setTimeout(r, 250));
  }
  assert.ok(delivered, `the change reached ${known.source}'s inbound/changes.jsonl`);
  assert.equal(delivered.delivery.source, known.source);
  assert.equal(delivered.delivery.change.kind, 'details');
  assert.deepEqual(delivered.delivery.change.changed, { address_line: '77 HARBOUR VIEW ROAD', city: 'SPRINGFIELD' });
  await page.close();
});

test('log a contact: in the timeline at once, as the front line\'s, marked a complaint', async () => {
  const known = customers[2]!;
  const page = await customerPage(known.customer_id);
  const before = await page.locator('#timeline .tl-item').count();
  await page.keyboard.press('c');
  const dialog = page.locator('#contact-dialog');
  await dialog.waitFor();
  assert.equal(await dialog.locator('input[name=channel]:checked').getAttribute('value'), 'phone', 'a call centre takes calls');
  await dialog.locator('.segmented label', { hasText: 'Chat' }).click();
  await page.fill('#contact-dialog input[name=reason]', 'roaming charges');
  await page.fill('#contact-dialog input[name=outcome]', 'credit issued');
  await page.fill('#contact-dialog textarea[name=notes]', 'Charged for roaming at home');
  await page.check('#contact-dialog input[name=complaint]');
  await page.click('#contact-dialog button[type=submit]');
  await dialog.waitFor({ state: 'detached' });

  const entry = firstEntry(page);
  await page.locator('#timeline .tl-item.fresh', { hasText: 'roaming charges' }).waitFor();
  assert.equal(await page.locator('#timeline .tl-item').count(), before + 1);
  assert.match(await entry.locator('.tl-title').innerText(), /roaming charges\s+→ credit issued\s+complaint/);
  assert.match(await entry.locator('.tl-meta').innerText(), /^Chat · logged by agent \(agent, workspace\)$/);
  assert.match(await entry.innerText(), /Charged for roaming at home/);

  // The same contact from the API's side, and Escape leaves a dialog without a trace.
  const profile = (await call(`/api/customers/${known.customer_id}`)).json;
  const logged = profile.contacts.find((k: { source: string }) => k.source === 'frontline');
  assert.deepEqual({ ...logged, contact_key: undefined, contacted_at: undefined, loaded_run: undefined }, {
    source: 'frontline', contact_key: undefined, customer_id: known.customer_id, channel: 'chat', contacted_at: undefined, reason: 'roaming charges',
    outcome: 'credit issued', is_complaint: true, notes: 'Charged for roaming at home', loaded_run: undefined,
  });
  await page.keyboard.press('c');
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await call(`/api/customers/${known.customer_id}`)).json.contacts.length, profile.contacts.length);
  await page.close();
});

test('an edit conflict: the agent is told, keeps what they typed, loads the other change and saves over it', async () => {
  const known = customers[3]!;
  const page = await customerPage(known.customer_id);
  await page.click('#edit-btn');
  await page.fill('#details-dialog input[name=address_line]', '12 Quarry Lane');

  // Meanwhile, another desk changes the phone with the version both read.
  const read = (await call(`/api/customers/${known.customer_id}`)).json;
  const other = await call(`/api/customers/${known.customer_id}`, { method: 'PATCH', body: { version: read.version, phone: '(212) 555-0188' } });
  assert.equal(other.status, 200);

  await page.click('#details-dialog button[type=submit]');
  const conflict = page.locator('#details-dialog .conflict');
  await conflict.waitFor();
  assert.match(await conflict.innerText(), /Someone else changed this customer while you were editing/);
  assert.equal(await page.inputValue('#details-dialog input[name=address_line]'), '12 Quarry Lane', 'what the agent typed is kept');
  assert.notEqual((await call(`/api/customers/${known.customer_id}`)).json.customer.address_line, '12 QUARRY LANE', 'nothing saved');
  await page.screenshot({ path: `${screens}/workspace-conflict.png` });

  await conflict.getByRole('button', { name: 'Load their changes' }).click();
  await page.locator('#details-dialog .conflict.loaded').waitFor();
  assert.equal(await page.inputValue('#details-dialog input[name=phone]'), '(212) 555-0188', 'their phone, in the field they did not touch');
  assert.match(await page.locator('#details-dialog [data-field=phone] .theirs').innerText(), /changed by someone else/);
  assert.equal(await page.inputValue('#details-dialog input[name=address_line]'), '12 Quarry Lane');
  await page.locator('#golden-phones', { hasText: '(212) 555-0188' }).waitFor(); // the screen behind shows their version too

  await page.click('#details-dialog button[type=submit]');
  await page.locator('#details-dialog').waitFor({ state: 'detached' });
  await page.locator('#golden-address', { hasText: '12 QUARRY LANE' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'edit-btn', 'focus back on the button that opened the form');
  const saved = (await call(`/api/customers/${known.customer_id}`)).json;
  assert.equal(saved.version, read.version + 2);
  assert.equal(saved.customer.phones[0].value, '+12125550188', 'their change stands');
  await page.close();
});

test('a refused value is shown by its field and nothing is saved; the form says so again once corrected', async () => {
  const known = customers[4]!;
  const page = await customerPage(known.customer_id);
  const before = (await call(`/api/customers/${known.customer_id}`)).json.version;
  await page.keyboard.press('e');
  await page.fill('#details-dialog input[name=postcode]', '10!!');
  await page.fill('#details-dialog input[name=email]', 'pat@example.com');
  await page.keyboard.press('Control+Enter');
  const note = page.locator('#details-dialog [data-field=postcode] .field-error');
  await note.waitFor();
  assert.equal(await note.innerText(), 'is not a postal code');
  assert.equal(await page.getAttribute('#details-dialog input[name=postcode]', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'postcode', 'focus on the field to correct');
  assert.equal(await page.locator('#details-dialog .field-error').count(), 1);
  assert.equal((await call(`/api/customers/${known.customer_id}`)).json.version, before, 'nothing written');
  await page.screenshot({ path: `${screens}/workspace-refused.png` });

  await page.fill('#details-dialog input[name=postcode]', '10001');
  assert.equal(await note.count(), 0, 'the complaint goes once the field is corrected');
  await page.keyboard.press('Control+Enter');
  await page.locator('#details-dialog').waitFor({ state: 'detached' });
  await page.locator('#golden-emails', { hasText: 'pat@example.com' }).waitFor();
  await page.close();
});

test('preferences and consent, and a campaign response whose missing answer is named', async () => {
  const known = customers[5]!;
  const page = await customerPage(known.customer_id);
  await page.keyboard.press('p');
  await page.locator('#preferences-dialog').waitFor();
  await page.check('#preferences-dialog input[name=do_not_contact]');
  await page.check('#preferences-dialog input[name="marketing.sms"]');
  await page.selectOption('#preferences-dialog select[name=preferred_channel]', 'email');
  await page.keyboard.press('Control+Enter');
  await page.locator('#preferences-dialog').waitFor({ state: 'detached' });
  await page.locator('#dnc-badge').waitFor();
  assert.match(await page.locator('#prefs-card').innerText(), /Preferred\s+E-mail/);
  const saved = (await call(`/api/customers/${known.customer_id}`)).json.preferences;
  assert.deepEqual(saved, { do_not_contact: true, marketing: { sms: true }, preferred_channel: 'email', language: null });
  assert.match(await firstEntry(page).locator('.tl-title').innerText(), /Changed preferences and consent/);

  await page.keyboard.press('r');
  await page.locator('#response-dialog').waitFor();
  await page.fill('#response-dialog input[name=campaign]', 'Spring fibre upgrade');
  await page.keyboard.press('Control+Enter');
  const note = page.locator('#response-dialog [data-field=response] .field-error');
  await note.waitFor();
  assert.match(await note.innerText(), /must be one of accepted, interested, declined, not interested/);
  await page.check('#response-dialog input[name=response][value=interested]');
  await page.keyboard.press('Control+Enter');
  await page.locator('#response-dialog').waitFor({ state: 'detached' });
  const entry = firstEntry(page);
  await page.locator('#timeline .tl-item.response.fresh').waitFor();
  assert.match(await entry.locator('.tl-title').innerText(), /campaign Spring fibre upgrade\s+→ interested/);
  assert.match(await entry.locator('.tl-meta').innerText(), /^Campaign response · logged by agent/);
  await page.close();
});

test('prompts: shown by tone with their reason, an offer answered from its prompt; none said so; absent not shown', async () => {
  const known = customers[0]!;
  const prompts = [
    { rule: 'retention-risk', tone: 'warning', text: 'Likely to leave: ask how the service has been', reason: 'retention score 0.81, 2 complaints in 90 days' },
    { rule: 'fibre-upgrade', tone: 'offer', text: 'Offer Fibre 1000 at the Fibre 500 price', reason: 'cable customer on a 3-year plan' },
    { rule: 'language', tone: 'info', text: 'Prefers Spanish', reason: 'set in preferences' },
  ];
  let given: unknown = prompts;
  const page = await newPage();
  // The profile as the API will carry it once prompts arrive: the screen's side of that contract.
  await page.route(/\/api\/customers\/\d+$/, async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    if (given === undefined) delete json.prompts;
    else json.prompts = given;
    await route.fulfill({ response, json });
  });
  await page.goto(`${server.url}/#/customers/${known.customer_id}`);
  await signInOnPage(page, 'agent');
  await page.locator('#prompts .prompt').first().waitFor();
  assert.deepEqual(await page.locator('#prompts .prompt').evaluateAll((els) => els.map((e) => e.className)), ['prompt warning', 'prompt offer', 'prompt info']);
  assert.match(await page.locator('#prompts .prompt.warning').innerText(), /Likely to leave.*\n.*retention score 0\.81/s);
  await page.locator('#prompts .prompt.offer').getByRole('button', { name: 'Record response' }).click();
  assert.equal(await page.inputValue('#response-dialog input[name=campaign]'), 'fibre-upgrade');
  assert.equal(await page.inputValue('#response-dialog input[name=offer]'), 'Offer Fibre 1000 at the Fibre 500 price');
  await page.keyboard.press('Escape');
  await page.locator('#response-dialog').waitFor({ state: 'detached' });

  given = [];
  await page.reload();
  await page.locator('#prompts.none', { hasText: 'Nothing to prompt' }).waitFor();
  given = undefined;
  await page.reload();
  await page.locator('#customer-name').waitFor();
  assert.equal(await page.locator('#prompts').count(), 0);
  await page.close();
});

test('a steward reads the workspace but changes nothing in it; keys for changes do nothing', async () => {
  const page = await customerPage(customers[0]!.customer_id, 'steward');
  assert.equal(await page.locator('#edit-btn').count(), 0);
  assert.equal(await page.locator('#log-contact-btn').count(), 0);
  assert.equal(await page.locator('#merge-btn').isVisible(), true, 'the steward\'s own actions are there');
  await page.keyboard.press('e');
  await page.keyboard.press('?');
  await page.locator('#workspace-keys').waitFor();
  assert.equal(await page.locator('#details-dialog').count(), 0);
  await page.close();
});

test('a long history: the timeline shows the latest 50 contacts, "Show older contacts" adds the next page until none is left', async () => {
  const page = await customerPage(longHistory.customer_id);
  const contacts = page.locator('#timeline .tl-item.contact');
  const older = page.locator('#older-contacts');
  assert.equal(await contacts.count(), 50);
  for (let shown = 50; shown < longHistory.contacts; shown = Math.min(shown + 50, longHistory.contacts)) {
    await older.click();
    await page.waitForFunction((n) => document.querySelectorAll('#timeline .tl-item.contact').length === n, Math.min(shown + 50, longHistory.contacts));
  }
  assert.equal(await older.count(), 0, 'nothing older is left');
  const keys = await contacts.evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
  assert.equal(new Set(keys).size, longHistory.contacts, 'each contact once');
  const times = await page.locator('#timeline .tl-item time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));
  assert.deepEqual(times, [...times].sort((a, b) => b - a), 'still newest first');
  assert.match(await contacts.last().innerText(), /billing question 1\b/, 'the oldest at the foot');

  // Logging a contact reads the customer again: the older contacts already shown stay.
  await page.keyboard.press('c');
  await page.locator('#contact-dialog').waitFor();
  await page.fill('#contact-dialog input[name=reason]', 'long-standing customer');
  await page.click('#contact-dialog button[type=submit]');
  await page.locator('#timeline .tl-item.fresh', { hasText: 'long-standing customer' }).waitFor();
  assert.equal(await contacts.count(), longHistory.contacts + 1);
  await page.close();
});
