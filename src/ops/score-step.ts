// The information feedback: the analytics learn from the marts a run left, score every customer (kept as history in
// the warehouse file), and the scores go to the ODS, where the front line sees them. Scoring has its own transaction,
// after the run's: a scoring that fails leaves the run done and the scores held as they were.
import * as analytics from '../analytics/index.ts';
import type { Factory } from '../config/index.ts';
import type { Duck } from '../duckdb/index.ts';
import type { Ods, ScoreLoadCounts } from '../ods/index.ts';
import type { Log } from './run-factory.ts';

export interface ScoreStep {
  report: analytics.AnalyticsReport | null;
  /** What the ODS did with the scores (null when it held them already). */
  delivered: ScoreLoadCounts | null;
  error?: string;
}

export function analyticsSettingsOf(factory: Factory): analytics.AnalyticsSettings {
  return factory.config.analytics ?? analytics.analyticsSettings();
}

/** Trains, scores and delivers; an error is reported, not thrown (the run it follows stands). */
export async function scoreAndFeedBack(factory: Factory, duck: Duck, ods: Ods, runId: number, log: Log): Promise<ScoreStep> {
  let report: analytics.AnalyticsReport | null = null;
  let error: string | undefined;
  try {
    report = await duck.transaction(() => analytics.scoreCustomers(duck, analyticsSettingsOf(factory), { runId }));
    log(`  analytics: ${describeScoring(report)}`);
  } catch (failure) {
    error = (failure as Error).message;
    log(`  analytics: no scores this time: ${error}`);
  }
  // These scores, or those an earlier scoring left undelivered.
  return { report, delivered: await deliverPendingScores(duck, ods, log), error };
}

/** As deliverScores, for a run that goes on whatever happens: a failure is logged, and the next run delivers again. */
export async function deliverPendingScores(duck: Duck, ods: Ods, log: Log): Promise<ScoreLoadCounts | null> {
  try {
    return await deliverScores(duck, ods, log);
  } catch (error) {
    log(`  analytics: the scores did not reach the ODS (the next run tries again): ${(error as Error).message}`);
    return null;
  }
}

/** The latest score run to the ODS, unless it holds it already (a delivery cut short is made by the next one). */
export async function deliverScores(duck: Duck, ods: Ods, log: Log): Promise<ScoreLoadCounts | null> {
  const latest = await analytics.latestReport(duck);
  if (!latest || (await ods.heldScoreRun()) === latest.scoreRun) return null;
  const counts = await ods.loadScores(latest.scoreRun, analytics.scoresOfRun(duck, latest.scoreRun));
  log(`  analytics: scores of run ${latest.scoreRun} in the ODS: ${counts.loaded} held, ${counts.changed} changed, ${counts.removed} removed` +
    `${counts.skipped ? `, ${counts.skipped} of customers the ODS no longer holds skipped` : ''}`);
  return counts;
}

const figure = (value: number | null) => (value === null ? '—' : value.toFixed(3));

export function describeScoring(report: analytics.AnalyticsReport): string {
  return `score run ${report.scoreRun} scored ${report.scored} customers of ${report.month} (churn AUC ${figure(report.churn.auc)}, ` +
    `cross-sell hit rate at 1 ${figure(report.crossSell.hitRateAt1)}) in ${(report.seconds.train + report.seconds.score).toFixed(1)} s`;
}
