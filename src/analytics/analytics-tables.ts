// The analytics schema in the warehouse's DuckDB file: each score run (its models and report) and every customer's
// scores of it. History: a run adds its rows and never rewrites another's.
import type { Duck } from '../duckdb/index.ts';
import type { AnalyticsReport, CustomerScore } from './analytics-report.ts';

const tables = [
  `CREATE TABLE IF NOT EXISTS analytics.model_run (score_run INTEGER NOT NULL, model_version VARCHAR NOT NULL, trained_at TIMESTAMP NOT NULL,
     scored_at TIMESTAMP NOT NULL, seed BIGINT NOT NULL, run_id INTEGER NOT NULL, mart_run INTEGER, mart_refreshed_at TIMESTAMP, month DATE NOT NULL,
     scored INTEGER NOT NULL, report JSON NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS analytics.customer_score (score_run INTEGER NOT NULL, customer_id INTEGER NOT NULL, month DATE NOT NULL,
     churn_risk DOUBLE NOT NULL, churn_band VARCHAR NOT NULL, churn_reasons VARCHAR[] NOT NULL,
     offers STRUCT(product_line VARCHAR, propensity DOUBLE, discount_percent DOUBLE, expected_value DOUBLE)[] NOT NULL,
     value DOUBLE NOT NULL, value_tier VARCHAR NOT NULL, payment_risk VARCHAR NOT NULL, collection_treatment VARCHAR NOT NULL,
     collection_description VARCHAR NOT NULL)`,
];

export async function ensureAnalyticsTables(duck: Duck): Promise<void> {
  await duck.run('CREATE SCHEMA IF NOT EXISTS analytics');
  for (const sql of tables) await duck.run(sql);
}

/**
 * The number of the next score run. Rows of a run that never got recorded (a call outside a transaction that failed
 * half way) are not history: they go first, so the number can be used again.
 */
export async function nextScoreRun(duck: Duck): Promise<number> {
  const last = (await duck.one<{ n: number }>('SELECT coalesce(max(score_run), 0)::INTEGER AS n FROM analytics.model_run'))?.n ?? 0;
  await duck.run('DELETE FROM analytics.customer_score WHERE score_run > $1', [last]);
  return last + 1;
}

export async function recordRun(duck: Duck, report: AnalyticsReport, scoredAt: string, martRefreshedAt: string | null): Promise<void> {
  await duck.run(`INSERT INTO analytics.model_run VALUES ($1, $2, $3::TIMESTAMP, $4::TIMESTAMP, $5, $6, $7, $8::TIMESTAMP, ($9 || '-01')::DATE, $10, $11::JSON)`, [
    report.scoreRun, report.modelVersion, utcTimestamp(report.trainedAt), utcTimestamp(scoredAt), report.seed, report.runId, report.martRun,
    martRefreshedAt, report.month, report.scored, JSON.stringify(report),
  ]);
}

/** Timestamps are kept in UTC, without a zone: the ISO text without its Z. */
const utcTimestamp = (iso: string) => iso.replace('T', ' ').replace(/Z$/, '');

/** Whether the warehouse (or its publication) has the score tables: nothing has been scored before they exist. */
export async function hasTables(duck: Duck): Promise<boolean> {
  const n = await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM information_schema.tables
    WHERE table_schema = 'analytics' AND table_name IN ('model_run', 'customer_score')`);
  return n?.n === 2;
}

/** The report of the latest score run; null when nothing has been scored yet. */
export async function latestReport(duck: Duck): Promise<AnalyticsReport | null> {
  if (!(await hasTables(duck))) return null;
  const row = await duck.one<{ report: string }>('SELECT report::VARCHAR AS report FROM analytics.model_run ORDER BY score_run DESC LIMIT 1');
  return row ? (JSON.parse(row.report) as AnalyticsReport) : null;
}

/** Every customer's scores of one run, in pages, by customer, shaped as the ODS keeps them. */
export async function* scoresOfRun(duck: Duck, scoreRun: number, pageRows = 50_000): AsyncIterable<CustomerScore[]> {
  if (!Number.isInteger(scoreRun)) throw new Error(`a score run is a whole number, not ${scoreRun}`);
  const runs = (await hasTables(duck))
    ? await duck.one<{ known: boolean; last: number | null }>('SELECT bool_or(score_run = $1) AS known, max(score_run) AS last FROM analytics.model_run', [scoreRun])
    : undefined;
  if (!runs?.known) throw new Error(`no score run ${scoreRun}: ${runs?.last ? `the runs go from 1 to ${runs.last}` : 'nothing has been scored yet'}`);
  yield* duck.stream<CustomerScore>(`
    SELECT s.customer_id, s.score_run, r.model_version, strftime(r.scored_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS scored_at, s.churn_risk, s.churn_band,
      s.churn_reasons,
      [{'productLine': o.product_line, 'propensity': o.propensity, 'discountPercent': o.discount_percent, 'expectedValue': o.expected_value} FOR o IN s.offers] AS offers,
      s.value, s.value_tier, s.payment_risk, s.collection_treatment, s.collection_description
    FROM analytics.customer_score s JOIN analytics.model_run r USING (score_run)
    WHERE s.score_run = $1 ORDER BY s.customer_id`, [scoreRun], pageRows);
}
