// The models' screen and its API over a generated enterprise that cif run has scored and published: GET
// /api/analytics answers the latest report and the follow-up exactly as they read from the published warehouse, only
// for those who may use the dashboard; in Debian's Chromium the screen shows the same AUC, the calibration per decile
// and the latest score run's high-risk customers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { latestReport, retentionFollowUp } from '../../src/analytics/index.ts';
import type { Factory } from '../../src/config/index.ts';
import { openPublished } from '../../src/marts/index.ts';
import type { RunningServer } from '../../src/server/index.ts';
import type { AnalyticsAnswer } from '../../src/server/analytics-routes.ts';
import { checkedPage, launchChromium } from './chromium.ts';
import { servedEnterprise } from './served-enterprise.ts';
import { apiToken, signInOnPage } from './sign-in.ts';

let factory: Factory;
let server: RunningServer;
let browser: Browser;
/** GET /api/analytics as a role (signed in once), answered as it came. */
let analytics: (role: 'analyst' | 'agent') => Promise<Response>;

before(async () => {
  // Enough customers for the hold-out months to have leavers: a smaller enterprise may not be scored at all.
  ({ factory, server } = await servedEnterprise(5_000, ['analyst', 'agent'], 7));
  const tokens = { analyst: await apiToken(server.url, 'analyst'), agent: await apiToken(server.url, 'agent') };
  analytics = (role) => fetch(`${server.url}/api/analytics`, { headers: { authorization: `Bearer ${tokens[role]}` } });
  browser = await launchChromium();
});

after(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

async function answer(): Promise<AnalyticsAnswer> {
  const res = await analytics('analyst');
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as AnalyticsAnswer;
}

test('GET /api/analytics: the published report and follow-up for an analyst, refused to an agent', async () => {
  assert.equal((await analytics('agent')).status, 403);

  const { report, followUp } = await answer();
  const published = await openPublished(factory.dataDir);
  try {
    const duck = await published.connect();
    try {
      assert.deepEqual(report, await latestReport(duck));
      assert.deepEqual(followUp, await retentionFollowUp(duck));
    } finally {
      duck.close();
    }
  } finally {
    published.close();
  }
  assert.ok(report, 'the run scored the customers');
  assert.ok(report.scored > 0 && report.churn.auc !== null);
  assert.equal(report.churn.calibration.length, 10);
  assert.equal(followUp[0]?.scoreRun, report.scoreRun, 'the latest score run comes first');
  assert.ok(followUp[0]!.highRisk > 0);
});

test('the models\' screen: the AUC of the API, calibration for ten deciles, the latest run\'s high-risk customers', async () => {
  const { report, followUp } = await answer();
  const page = await checkedPage(browser, { width: 1280, height: 900 });
  await page.goto(`${server.url}/#/analytics`);
  await signInOnPage(page, 'analyst');
  await page.locator('#analytics .charts[aria-busy="false"]').waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('#nav-analytics').isVisible(), true);

  const tile = (kpi: string) => page.locator(`#analytics [data-kpi="${kpi}"] .kpi-value`);
  assert.equal(await tile('auc').innerText(), report!.churn.auc!.toFixed(3));
  assert.equal(Number(await tile('auc').getAttribute('data-value')), report!.churn.auc);
  assert.equal(await tile('scored').innerText(), report!.scored.toLocaleString('en-US'));
  assert.match(await page.locator('#analytics [data-kpi="auc"] .kpi-note').innerText(),
    new RegExp(`${report!.churn.holdoutMonthsRange.from} to ${report!.churn.holdoutMonthsRange.to}`));

  const calibration = await page.evaluate(() => {
    const chart = (window as any).Chart.getChart(document.querySelector('#chart-calibration canvas'));
    return { labels: chart.data.labels.length as number, series: chart.data.datasets.map((d: any) => d.data) as number[][] };
  });
  assert.equal(calibration.labels, 10);
  assert.deepEqual(calibration.series, [report!.churn.calibration.map((d) => d.predicted), report!.churn.calibration.map((d) => d.observed)]);

  const first = page.locator('#follow-up-table tbody tr').first();
  assert.equal(await first.locator('th').innerText(), String(followUp[0]!.scoreRun));
  assert.equal(await first.locator('td').nth(2).innerText(), followUp[0]!.highRisk.toLocaleString('en-US'));
  assert.equal(await page.locator('#per-line-table tbody tr').count(), report!.crossSell.perLine.length);
  await page.close();
});
