// A score run: train the churn and cross-sell models on a sample of the data-mining mart, measure them on the
// hold-out, then score every customer holding a product in the latest month, set-based in SQL (the models written
// out as SQL expressions), with their value, tier and collection treatment, and keep it all as history. Everything
// runs on the caller's connection, so inside the caller's transaction when there is one.
import { createHash } from 'node:crypto';
import type { Duck } from '../duckdb/index.ts';
import { type AnalyticsSettings, churnBands, paymentRisks } from './analytics-config.ts';
import type { AnalyticsReport } from './analytics-report.ts';
import { ensureAnalyticsTables, nextScoreRun, recordRun } from './analytics-tables.ts';
import { trainChurn } from './churn-model.ts';
import { policySql } from './collection-policy.ts';
import { type LineModel, trainCrossSell } from './cross-sell-model.ts';
import { valueCustomers } from './customer-value.ts';
import { churnFeatures, crossSellFeatures, distinctFeatures } from './features.ts';
import { contributionsSql, type FittedModel, linearPredictorSql, round } from './fitted-model.ts';
import { offerLines } from './next-best-offer.ts';
import { leftColumn, productLines, readTrainingSample, takenColumn, timeSplit } from './training-sample.ts';

/** A feature pushing the log-odds up by less than this is not worth telling the agent. */
const reasonFloor = 0.1;
/** Bumped when the features or the way models are fitted change: a model version says which. */
const modelGeneration = 1;

/** The mart columns the models read. */
const requiredColumns = [leftColumn, takenColumn, 'product_lines_held', 'cancel_requests_3m', 'age_years', 'satisfaction_12m', 'complaints_12m',
  'contacts_12m', 'arrears_months_12m', 'balance_due', 'tenure_months'];

export async function scoreCustomers(duck: Duck, settings: AnalyticsSettings, options: { runId: number }): Promise<AnalyticsReport> {
  const started = performance.now();
  await checkMiningMart(duck);
  await ensureAnalyticsTables(duck);
  const lines = await productLines(duck);
  const sampleFeatures = distinctFeatures(churnFeatures, ...lines.map((line) => crossSellFeatures(lines, line)));
  const sample = await readTrainingSample(duck, sampleFeatures, lines, settings);
  const split = timeSplit(sample, settings.holdoutMonths);
  const churn = trainChurn(sample, sampleFeatures, split, settings.regularisation);
  const crossSell = trainCrossSell(sample, sampleFeatures, lines, split, settings.regularisation);
  const trainedAt = new Date().toISOString();
  const train = (performance.now() - started) / 1000;

  const scoring = performance.now();
  const scoreRun = await nextScoreRun(duck);
  const month = (await duck.one<{ month: string }>(`SELECT strftime(max(month), '%Y-%m') AS month FROM mart.mining_month`))!.month;
  const monthlyRevenue = await typicalMonthlyRevenue(duck, month);
  await writeScores(duck, { scoreRun, month, churn: churn.model, lines: crossSell.models, monthlyRevenue, settings });
  const counts = await countsOf(duck, scoreRun);
  const mart = await lastRefresh(duck);
  const scoredAt = new Date().toISOString();

  const report: AnalyticsReport = {
    scored: counts.scored, scoreRun, modelVersion: modelVersion(settings, churn.model, crossSell.models.map((m) => m.model)), trainedAt, month,
    runId: options.runId, martRun: mart?.run_id ?? null, seed: settings.seed,
    sample: { rows: sample.x.rows, fraction: round(sample.fraction, 6) },
    churn: { ...churn.evaluation, holdoutMonths: settings.holdoutMonths, trainedAt, bands: fill(churnBands, counts.bands) },
    crossSell: { ...crossSell.evaluation, monthlyRevenue },
    value: { tiers: fill(settings.value.tiers.map((t) => t.name), counts.tiers), treatments: counts.treatments, paymentRisk: fill(paymentRisks, counts.risks) },
    seconds: { train: round(train, 2), score: round((performance.now() - scoring) / 1000, 2) },
  };
  await recordRun(duck, report, scoredAt, mart?.refreshed_at ?? null);
  return report;
}

/** Every customer of the month scored into analytics.customer_score: risk and reasons, offers, value and treatment. */
async function writeScores(duck: Duck, s: { scoreRun: number; month: string; churn: FittedModel; lines: LineModel[]; monthlyRevenue: Record<string, number>;
  settings: AnalyticsSettings }): Promise<void> {
  const { settings } = s;
  const run = (sql: string) => duck.run(sql);
  await duck.run(`CREATE OR REPLACE TEMP MACRO analytics_sigmoid(x) AS CASE WHEN x >= 0 THEN 1 / (1 + exp(-x)) ELSE exp(x) / (1 + exp(x)) END`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE analytics_scoring AS
    SELECT m.customer_id, m.month, m.revenue, m.balance_due, m.arrears_months_12m, m.tenure_months, m.product_lines_held AS held,
      ${linearPredictorSql(s.churn)} AS churn_log_odds, ${contributionsSql(s.churn)} AS churn_parts
      ${s.lines.map((m, i) => `, ${linearPredictorSql(m.model)} AS line_${i}`).join('')}
    FROM mart.mining_month m WHERE m.month = DATE '${s.month}-01'`);
  await offerLines(run, 'analytics_scoring', s.lines.map((m, i) => ({ line: m.line, logOdds: `s.line_${i}`, monthlyRevenue: s.monthlyRevenue[m.line] ?? 0 })),
    settings.offers);
  await valueCustomers(run, 'analytics_scoring', `${s.month}-01`, settings.value);
  const bands = settings.churnBands;
  await duck.run(`INSERT INTO analytics.customer_score
    SELECT ${s.scoreRun}, s.customer_id, s.month, s.churn_risk,
      CASE WHEN s.churn_risk >= ${bands.high} THEN 'high' WHEN s.churn_risk >= ${bands.medium} THEN 'medium' ELSE 'low' END,
      [p.t FOR p IN list_reverse_sort(s.churn_parts) IF p.c >= ${reasonFloor} AND p.t IS NOT NULL][1:${settings.maxReasons}],
      coalesce(o.offers, []), v.value, v.value_tier, v.payment_risk,
      ${policySql(settings.collectionPolicy, 'v.value_tier', 'v.payment_risk', 'treatment')},
      ${policySql(settings.collectionPolicy, 'v.value_tier', 'v.payment_risk', 'description')}
    FROM (SELECT *, analytics_sigmoid(churn_log_odds) AS churn_risk FROM analytics_scoring) s
    JOIN analytics_value v USING (customer_id) LEFT JOIN analytics_offers o USING (customer_id)
    ORDER BY s.customer_id`);
  for (const table of ['analytics_scoring', 'analytics_offers', 'analytics_value']) await duck.run(`DROP TABLE IF EXISTS ${table}`);
}

async function checkMiningMart(duck: Duck): Promise<void> {
  const columns = new Set((await duck.all<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns
    WHERE table_schema = 'mart' AND table_name = 'mining_month'`)).map((c) => c.name));
  if (columns.size === 0) throw new Error('no data-mining mart (mart.mining_month) to learn from: run the factory first (cif run), which builds the marts');
  const missing = requiredColumns.filter((c) => !columns.has(c));
  if (missing.length > 0) throw new Error(`the data-mining mart lacks ${missing.join(', ')}: it was built by an older version; build the marts anew (cif deliver --full)`);
  const rows = await duck.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM mart.mining_month');
  if (!rows?.n) throw new Error('the data-mining mart has no rows: nobody held a product in the months the warehouse covers');
}

/** Per line: the median monthly revenue of a customer holding it, over the last three months (what an offer would bring in). */
async function typicalMonthlyRevenue(duck: Duck, month: string): Promise<Record<string, number>> {
  const rows = await duck.all<{ line: string; revenue: number }>(`SELECT product_line AS line, round(median(revenue), 2)::DOUBLE AS revenue FROM mart.product_month
    WHERE active_accounts > 0 AND revenue > 0 AND month > DATE '${month}-01' - INTERVAL 3 MONTH AND month <= DATE '${month}-01' GROUP BY 1 ORDER BY 1`);
  return Object.fromEntries(rows.map((r) => [r.line, r.revenue]));
}

async function countsOf(duck: Duck, scoreRun: number) {
  const by = async (column: string) => Object.fromEntries((await duck.all<{ k: string; n: number }>(
    `SELECT ${column} AS k, count(*)::INTEGER AS n FROM analytics.customer_score WHERE score_run = $1 GROUP BY 1 ORDER BY 1`, [scoreRun])).map((r) => [r.k, r.n]));
  const bands = await by('churn_band');
  return { scored: Object.values(bands).reduce((a, b) => a + b, 0), bands, tiers: await by('value_tier'), treatments: await by('collection_treatment'), risks: await by('payment_risk') };
}

/** Every key with its count, zero when none. */
function fill<K extends string>(keys: readonly K[], counts: Record<string, number>): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, counts[k] ?? 0])) as Record<K, number>;
}

async function lastRefresh(duck: Duck): Promise<{ run_id: number; refreshed_at: string } | undefined> {
  const has = await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_schema = 'mart' AND table_name = 'refresh'`);
  if (!has?.n) return undefined;
  return duck.one(`SELECT run_id, strftime(refreshed_at, '%Y-%m-%d %H:%M:%S.%f') AS refreshed_at FROM mart.refresh ORDER BY refreshed_at DESC, run_id DESC LIMIT 1`);
}

/** The same settings and the same fitted weights make the same version, whenever they were trained. */
function modelVersion(settings: AnalyticsSettings, ...models: (FittedModel | FittedModel[])[]): string {
  const fitted = models.flat().map((m) => ({ f: m.features.map((f) => f.name), i: m.imputations, b: m.model.intercept, w: [...m.model.weights], mu: [...m.model.means], s: [...m.model.scales] }));
  const digest = createHash('sha256').update(JSON.stringify({ settings, fitted })).digest('hex');
  return `v${modelGeneration}-${digest.slice(0, 12)}`;
}
