// npm run bench:analytics [-- CUSTOMERS [OUT]]: the analytics models over the warehouse bench:backbone left in
// OUT/<CUSTOMERS>/.cif (bench/out and 1,000,000 unless told): the data-mining mart made again (a warehouse from before
// its latest columns lacks them), training on the sample, scoring every customer, and reading the scores back a page
// at a time as the ODS does. All of it in one transaction that is rolled back, so the warehouse stays as it was.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyticsSettings, type AnalyticsReport, scoreCustomers, scoresOfRun } from '../src/analytics/index.ts';
import { openDuck } from '../src/duckdb/index.ts';
import { buildMiningMart } from '../src/marts/index.ts';

const customers = Number(process.argv[2] ?? 1_000_000);
const dir = resolve(process.argv[3] ?? 'bench/out', String(customers), '.cif');
const file = join(dir, 'warehouse.duckdb');
if (!existsSync(file)) throw new Error(`no warehouse in ${dir}: run npm run bench:backbone -- ${customers} first`);

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const count = (n: number) => n.toLocaleString('en-US');
const peak = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;

const duck = await openDuck(file);
try {
  await duck.transaction(async () => {
    console.log(`\nanalytics at ${count(customers)} customers (${file}; rolled back at the end)`);
    let started = performance.now();
    await buildMiningMart(duck);
    const mined = (await duck.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM mart.mining_month'))!.n;
    console.log(`  mining mart made again   ${seconds(started).padStart(6)} s  ${count(mined)} customer-months; peak RSS ${peak()}`);

    started = performance.now();
    const run = (await duck.one<{ run: number }>('SELECT coalesce(max(run_id), 0)::INTEGER AS run FROM dw.dim_customer'))!.run;
    const report: AnalyticsReport = await scoreCustomers(duck, analyticsSettings(), { runId: run });
    const wall = seconds(started);
    console.log(`  training                 ${report.seconds.train.toFixed(1).padStart(6)} s  ${count(report.sample.rows)} customer-months sampled ` +
      `(${(report.sample.fraction * 100).toFixed(1)}% of those with a known outcome); churn and ${report.crossSell.perLine.length} cross-sell models, each fitted twice`);
    console.log(`  scoring                  ${report.seconds.score.toFixed(1).padStart(6)} s  ${count(report.scored)} customers (risk, reasons, offers, value, treatment) written; ` +
      `${wall} s in all; peak RSS ${peak()}`);

    started = performance.now();
    let rows = 0;
    let pages = 0;
    for await (const page of scoresOfRun(duck, report.scoreRun)) {
      rows += page.length;
      pages++;
    }
    console.log(`  reading the scores       ${seconds(started).padStart(6)} s  ${count(rows)} rows in ${pages} pages, as the ODS reads them`);
    console.log(`  churn AUC ${report.churn.auc}, precision at the top decile ${report.churn.precisionAtTopDecile} (base rate ${report.churn.baseRate}); ` +
      `cross-sell hit rate at 1 ${report.crossSell.hitRateAt1} (most popular line ${report.crossSell.baseRateAt1})`);
    console.log(`  peak RSS                 ${peak()}`);
    throw new Error('rolled back');
  });
} catch (error) {
  if ((error as Error).message !== 'rolled back') throw error;
} finally {
  duck.close();
}
