// cif score and cif analytics report: the models trained and every customer scored (the scores to the ODS and the
// publication), and the latest score run's report, read from the published warehouse like cif kpis.
import { existsSync } from 'node:fs';
import * as analytics from '../analytics/index.ts';
import type { Factory } from '../config/index.ts';
import { openPublished } from '../marts/index.ts';
import { lockDirectory, openStores, publish, scoreAndFeedBack } from '../ops/index.ts';
import { UsageError } from './usage-error.ts';

export async function scoreCommand(factory: Factory, log: (line: string) => void): Promise<void> {
  if (!existsSync(factory.warehouseFile)) throw new UsageError(`no warehouse yet in ${factory.dir}: run cif run first`);
  const lock = lockDirectory(factory.dataDir, 'cif score');
  try {
    const stores = await openStores(factory);
    try {
      const last = await stores.duck.one<{ run_id: number | null }>(`SELECT max(run_id) AS run_id FROM ops.run WHERE status <> 'failed'`);
      if (!last?.run_id) throw new UsageError(`no run has loaded the warehouse in ${factory.dir}: run cif run first`);
      const step = await scoreAndFeedBack(factory, stores.duck, stores.ods, last.run_id, log);
      // Not the user's doing (a warehouse too young to learn from, say): the message says what.
      if (step.error) throw new Error(step.error);
      const scoreRun = step.report!.scoreRun;
      if ((await stores.ods.heldScoreRun()) !== scoreRun) {
        throw new Error(`the scores of run ${scoreRun} did not reach the ODS (see above): cif score again, or the next run, delivers them`);
      }
      const { publishError } = await publish(factory, stores.duck, last.run_id, log);
      if (publishError) process.exitCode = 1;
    } finally {
      await stores.close();
    }
  } finally {
    lock.release();
  }
}

const figure = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '—' : v.toFixed(digits));
const share = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const counts = (by: Record<string, number>) => Object.entries(by).map(([k, n]) => `${k} ${n.toLocaleString('en-US')}`).join(', ');

function printReport(r: analytics.AnalyticsReport): void {
  console.log(`score run ${r.scoreRun} (models ${r.modelVersion}), trained ${r.trainedAt}, after run ${r.runId}: ${r.scored.toLocaleString('en-US')} customers of ${r.month}`);
  const c = r.churn;
  console.log(`churn:      AUC ${figure(c.auc)} on ${c.holdoutMonths} held-out months (${c.holdoutMonthsRange.from} to ${c.holdoutMonthsRange.to}), ` +
    `precision in the top decile ${share(c.precisionAtTopDecile)} against a base rate of ${share(c.baseRate)}`);
  console.log(`            calibration by decile (predicted / observed): ${c.calibration.map((d) => `${share(d.predicted)}/${share(d.observed)}`).join('  ')}`);
  console.log(`            bands: ${counts(c.bands)}`);
  console.log(`cross-sell: hit rate at 1 ${share(r.crossSell.hitRateAt1)} (the most popular line not held: ${share(r.crossSell.baseRateAt1)})`);
  console.log(`value:      tiers ${counts(r.value.tiers)}; payment risk ${counts(r.value.paymentRisk)}`);
  console.log(`            treatments ${counts(r.value.treatments)}`);
  console.log(`seconds:    training ${figure(r.seconds.train, 1)}, scoring ${figure(r.seconds.score, 1)}`);
}

export async function analyticsReportCommand(factory: Factory, json: boolean): Promise<void> {
  const published = await openPublished(factory.dataDir);
  let report: analytics.AnalyticsReport | null;
  try {
    const duck = await published.connect();
    try {
      report = await analytics.latestReport(duck);
    } finally {
      duck.close();
    }
  } finally {
    published.close();
  }
  if (!report) throw new UsageError(`nothing scored yet in ${factory.dir}: cif score (or cif run) scores the customers`);
  if (json) console.log(JSON.stringify(report, null, 2));
  else printReport(report);
}
