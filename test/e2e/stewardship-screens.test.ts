// The steward's screens in Debian's Chromium: the review queue (open a pair, read the evidence, decide), and the
// customer screen's explanation, history, merge and split. The ODS is PGlite off the server's thread, as cif serve runs it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { serve } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { openOds, openOdsOffThread, type OdsReader } from '../../src/ods/index.ts';
import { addTestUser } from '../../src/server/access/test-users.ts';
import { createApp } from '../../src/server/index.ts';
import { type StewardshipFixture, loadStewardshipFixture } from '../../src/server/stewardship-fixture.ts';
import { checkedPage, launchChromium } from './chromium.ts';
import { signInOnPage } from './sign-in.ts';

const screens = 'tmp/screens';
let ods: OdsReader;
let server: ReturnType<typeof serve>;
let url: string;
let browser: Browser;
let fixture: StewardshipFixture;

before(async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'cif-stewardship-')), 'ods');
  const loading = await openOds({ dir });
  fixture = await loadStewardshipFixture(loading);
  await addTestUser(loading, 'steward');
  await loading.close();
  ods = await openOdsOffThread({ dir });
  const app = createApp(ods);
  server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  mkdirSync(screens, { recursive: true });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await ods?.close();
});

const newPage = () => checkedPage(browser, { width: 1280, height: 900 });

/** A page at the path, signed in as the steward. */
async function stewardPage(path: string): Promise<Page> {
  const page = await newPage();
  await page.goto(`${url}${path}`);
  await signInOnPage(page, 'steward');
  return page;
}

test('review queue: open the most probable pair, read the waterfall, decide with the keyboard', async () => {
  const page = await stewardPage('/#/review');
  await page.locator('#queue tbody tr').first().waitFor();
  assert.equal(await page.locator('#queue tbody tr').count(), fixture.pairs.length);
  assert.equal(await page.locator('#review-count').innerText(), String(fixture.pairs.length));
  await page.screenshot({ path: `${screens}/review-queue.png` });

  // j, k move the selection; Enter opens the selected pair
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  const [first, second] = fixture.pairs;
  await page.waitForURL((u) => decodeURIComponent(u.hash) === `#/review/${first!.pairId}`);
  await page.locator('#compare').waitFor();
  assert.match(await page.locator('#pair-title').innerText(), /Robert J Smith\s+and\s+Bobby Smyth/);
  // differences marked character by character: Smith / Smyth
  assert.equal(await page.locator('#compare tr[data-field="family_name"].diff mark').first().innerText(), 'i');
  assert.equal(await page.locator('#compare tr[data-field="birth_date"]').getAttribute('class'), 'diff');
  // the waterfall: prior, a bar per attribute (for and against), the total
  const fall = page.locator('.pair-grid .waterfall');
  assert.equal(await fall.locator('.wf-row.prior').count(), 1);
  assert.ok((await fall.locator('.wf-bar.pos').count()) >= 4);
  assert.ok((await fall.locator('.wf-bar.neg').count()) >= 1, 'the phones differ');
  assert.match(await fall.locator('.wf-row.total').innerText(), /one person/);
  assert.match(await fall.locator('.wf-row[data-comparison="first_name"]').innerText(), /nickname/);
  await page.screenshot({ path: `${screens}/review-pair.png` });

  // Enter in the reason box without a choice records nothing
  await page.locator('#reason').fill('looks alike');
  await page.locator('#reason').press('Enter');
  await page.locator('.toast.show.warn').waitFor();
  assert.deepEqual(await ods.pendingDecisions(), []);

  // s: same person, then the reason, then Enter
  await page.locator('#reason').press('Escape');
  await page.keyboard.press('s');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'reason');
  assert.equal(await page.locator('.choice.same').getAttribute('aria-checked'), 'true');
  await page.locator('#reason').fill('Same e-mail name, same street; Bobby is Robert');
  await page.locator('#decided-by').fill('ann.steward');
  await page.screenshot({ path: `${screens}/review-deciding.png` });
  await page.locator('#reason').press('Enter');
  // on to the next pair, the queue one shorter
  await page.waitForURL((u) => decodeURIComponent(u.hash) === `#/review/${second!.pairId}`);
  await page.locator('#compare').waitFor();
  await page.locator('#review-count', { hasText: String(fixture.pairs.length - 1) }).waitFor();
  const [decided] = await ods.pendingDecisions();
  assert.deepEqual([decided!.decision, decided!.reason, decided!.decidedBy], ['same', 'Same e-mail name, same street; Bobby is Robert', 'ann.steward']);
  assert.equal(`${decided!.a.source}:${decided!.a.sourceKey}`, first!.a);

  // d, a reason, and the click; then Esc back to the queue
  await page.keyboard.press('d');
  await page.locator('#reason').fill('Different addresses, and she never used the name Chen-Walker');
  await page.locator('#record').click();
  await page.locator('.toast.show', { hasText: 'different people' }).waitFor();
  await page.waitForURL((u) => decodeURIComponent(u.hash) !== `#/review/${second!.pairId}`);
  await page.locator('#compare').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('#queue').waitFor();
  assert.equal(await page.locator('#queue tbody tr').count(), fixture.pairs.length - 2);
  assert.equal((await ods.pendingDecisions()).length, 2);
  await page.close();
});

test('customer screen: explanation against the golden record, history, merge and split with a reason', async () => {
  const page = await stewardPage('/#/customers/101');
  await page.locator('#customer-name').waitFor();
  await page.locator('.explain-item').first().waitFor();
  assert.equal(await page.locator('.explain-item').count(), 2);
  assert.equal(await page.locator('.explain-item .waterfall').count(), 2);
  assert.match(await page.locator('.explain-item').nth(1).innerText(), /W-88[\s\S]*Bob Smith[\s\S]*nickname/);
  const history = page.locator('#history .event');
  assert.equal(await history.count(), 1);
  assert.match(await history.innerText(), /Customer #109 merged into #101[\s\S]*Same e-mail address and date of birth/);
  // the decision taken in the queue waits for the next run
  assert.match(await page.locator('#pending').innerText(), /1 steward decision waits for the next run[\s\S]*C-1001 is the same person as wireless:WL-7/);
  await page.screenshot({ path: `${screens}/customer-stewardship.png`, fullPage: true });

  // merge with customer 105, by number, with a reason
  await page.locator('#merge-btn').click();
  const merge = page.locator('#merge-dialog');
  await merge.locator('input[name=otherId]').fill('105');
  await merge.locator('#merge-preview', { hasText: 'John Allen Doe' }).waitFor();
  await merge.locator('button[type=submit]').click();
  // the browser itself refuses a merge without a reason
  assert.equal(await merge.isVisible(), true);
  await merge.locator('textarea[name=reason]').fill('Same person: moved from Pine Court');
  await page.screenshot({ path: `${screens}/customer-merge.png` });
  await merge.locator('button[type=submit]').click();
  await page.locator('#pending', { hasText: '2 steward decisions wait' }).waitFor();

  // split the web record off: ticking every record is refused
  await page.locator('#split-btn').click();
  const split = page.locator('#split-dialog');
  const boxes = split.locator('input[name=record]');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  assert.equal(await split.locator('button[type=submit]').isDisabled(), true);
  await boxes.nth(0).uncheck();
  await split.locator('textarea[name=reason]').fill('The web account is his son’s');
  assert.equal(await split.locator('button[type=submit]').innerText(), 'Split off 1 record');
  await split.locator('button[type=submit]').click();
  await page.locator('#pending', { hasText: '3 steward decisions wait' }).waitFor();
  assert.match(await page.locator('#pending').innerText(), /web:W-88 is a different person from core:C-1001/);
  await page.locator('.explain-item').first().waitFor();
  await page.screenshot({ path: `${screens}/customer-pending.png`, fullPage: true });
  const pending = await ods.pendingDecisions();
  assert.deepEqual(pending.map((d) => d.decision), ['same', 'different', 'same', 'different']);
  await page.close();
});
