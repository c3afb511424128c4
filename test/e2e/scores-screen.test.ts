// The information feedback on the front line, in Debian's Chromium: scores written to the ODS through loadScores (as
// a scoring run writes them) show on the customer's screen as a Scores panel and as prompts with reasons; a customer
// without scores shows no panel; the API carries them to staff and never to the customer.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { addTestUser } from '../../src/server/access/test-users.ts';
import type { RunningServer } from '../../src/server/index.ts';
import { batches, score } from '../../src/ods/test-rows.ts';
import { checkedPage, launchChromium } from './chromium.ts';
import { servedEnterprise } from './served-enterprise.ts';
import { apiToken, signInOnPage } from './sign-in.ts';

let server: RunningServer;
let browser: Browser;
/** A customer scored by the run, and one it did not score. */
let scored: number;
let unscored: number;

before(async () => {
  ({ server } = await servedEnterprise(600, ['agent'], 41, async (ods) => {
    const rows = await ods.query<{ customer_id: number }>(
      'select customer_id from customer c where exists (select 1 from account a where a.customer_id = c.customer_id) order by customer_id limit 2');
    [scored, unscored] = rows.map((r) => Number(r.customer_id)) as [number, number];
    const counts = await ods.loadScores(1, batches([score(scored, 1)]));
    assert.equal(counts.loaded, 1);
    await addTestUser(ods, 'customer', { customerId: scored });
  }));
  browser = await launchChromium();
  mkdirSync('tmp/screens', { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const get = async (as: string, path: string) => {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${await apiToken(server.url, as)}` } });
  return { status: res.status, json: (await res.json()) as any };
};

test('the API: scores on the customer answer for staff, null without them, nowhere for the customer', async () => {
  const { status, json } = await get('agent', `/api/customers/${scored}`);
  assert.equal(status, 200);
  assert.equal(json.scores.churnRisk.band, 'high');
  assert.equal(json.scores.churnRisk.probability, 0.72);
  assert.deepEqual(json.scores.churnRisk.reasons, score(scored, 1).churn_reasons);
  assert.deepEqual(json.scores.nextBestOffer, { productLine: 'cable', propensity: 0.41, discountPercent: 15, expectedValue: 182.4 });
  assert.equal(json.scores.offers.length, 2);
  assert.deepEqual([json.scores.value, json.scores.valueTier, json.scores.paymentRisk], [2140.5, 'top', 'medium']);
  assert.deepEqual([json.scores.modelVersion, json.scores.scoreRun, json.scores.scoredAt], ['churn-gbm 2.1; offers 1.4', 1, '2025-03-01T06:00:00.000Z']);
  assert.equal(json.scores.collectionTreatment, 'courtesy call before dunning');
  assert.equal((await get('agent', `/api/customers/${unscored}`)).json.scores, null);

  const me = await get('customer', '/api/me');
  assert.equal(me.status, 200);
  assert.equal(me.json.customer.customer_id, scored);
  assert.equal('scores' in me.json, false);
  assert.doesNotMatch(JSON.stringify(me.json), /churn|nextBestOffer|valueTier|collection/i);
  assert.equal((await get('customer', `/api/customers/${scored}`)).status, 403);
});

test("the customer's screen shows the churn risk with its reasons, the next best offer, the value tier; no panel without scores", async () => {
  const page = await checkedPage(browser);
  await page.goto(`${server.url}/#/customers/${scored}`);
  await signInOnPage(page, 'agent');
  await page.locator('#customer-name').waitFor();
  const panel = page.locator('#scores');
  await panel.waitFor();

  const churn = panel.locator('[data-score="churn"]');
  assert.equal(await churn.locator('.risk').innerText(), 'High');
  assert.equal(await churn.locator('.score-figure').innerText(), '72%');
  assert.deepEqual(await churn.locator('.score-reasons li').allInnerTexts(), score(scored, 1).churn_reasons);
  const offer = panel.locator('[data-score="offer"]');
  assert.equal((await offer.locator('.offer-line').innerText()).toLowerCase(), 'cable');
  assert.equal(await offer.locator('.discount').innerText(), '15% off');
  assert.match(await offer.locator('.score-sub').innerText(), /41% likely to take it · worth \$182\.40/);
  assert.match(await offer.locator('.other-offers li').innerText(), /long distance\s+10% off · 22% likely · worth \$64\.00/i);
  const value = panel.locator('[data-score="value"]');
  assert.equal(await value.locator('.tier').innerText(), 'Top');
  assert.match(await value.locator('.score-sub').innerText(), /\$2,140\.50 over the last 12 months/);
  const payment = panel.locator('[data-score="payment"]');
  assert.equal(await payment.locator('.risk').innerText(), 'Medium');
  assert.match(await payment.innerText(), /Courtesy call before dunning/);
  assert.match(await panel.locator('.scores-meta').innerText(), /churn-gbm 2\.1; offers 1\.4 · scored 2025-03-01 06:00/);

  // The same scores as prompts, each with its reason.
  const churnPrompt = page.locator('.prompt[data-rule="churn-risk-high"]');
  assert.match(await churnPrompt.locator('.prompt-text').innerText(), /Churn risk high \(72%\)/);
  assert.match(await churnPrompt.locator('.prompt-reason').innerText(), /complained twice in the last three months/);
  assert.match(await page.locator('.prompt[data-rule="next-best-offer"] .prompt-text').innerText(), /Offer the cable bundle at 15% off/);
  await page.screenshot({ path: 'tmp/screens/scores.png', fullPage: true });

  await page.goto(`${server.url}/#/customers/${unscored}`);
  await page.locator(`#customer-name`).waitFor();
  await page.locator('#accounts').waitFor();
  await page.waitForFunction((id) => document.querySelector('.cust-name .id')?.textContent === `#${id}`, unscored);
  assert.equal(await page.locator('#scores').count(), 0, 'no scores, no panel');
  assert.equal(await page.locator('.prompt[data-rule="churn-risk-high"]').count(), 0);
  await page.close();
});

test('the portal shows the customer nothing of their scores', async () => {
  const page = await checkedPage(browser);
  await page.goto(`${server.url}/portal`);
  await signInOnPage(page, 'customer');
  await page.locator('#hello').waitFor();
  assert.doesNotMatch(await page.locator('body').innerText(), /churn|next best offer|value tier|dunning/i);
  await page.close();
});
