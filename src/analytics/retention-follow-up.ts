// Did the front line act on the churn model, and did it help? For each score run: the customers it put in the high
// band, how many of them were contacted after the scoring (by any channel or system, the front line's included), and
// how many still hold a product now — those contacted and those not, side by side.
import type { Duck } from '../duckdb/index.ts';
import { joinCustomerNow } from '../warehouse/index.ts';
import { hasTables } from './analytics-tables.ts';

export interface RetentionFollowUp {
  scoreRun: number;
  scoredAt: string;
  /** The month scored ('YYYY-MM'). */
  month: string;
  highRisk: number;
  contacted: number;
  /** contacted / highRisk; null when no customer was in the high band. */
  contactedShare: number | null;
  /** Of the high-risk customers, those who hold a product now: all of them, the contacted, the others. */
  stayed: number;
  stayedShare: number | null;
  stayedContacted: number;
  stayedNotContacted: number;
}

/** The latest `limit` score runs, newest first; none before anything was scored. */
export async function retentionFollowUp(duck: Duck, limit = 12): Promise<RetentionFollowUp[]> {
  if (!(await hasTables(duck))) return [];
  return duck.all<RetentionFollowUp>(`
    WITH runs AS (SELECT score_run, scored_at, month FROM analytics.model_run ORDER BY score_run DESC LIMIT ${Math.max(1, Math.trunc(limit))}),
    high AS (
      SELECT s.score_run, r.scored_at, now.customer_id FROM analytics.customer_score s JOIN runs r USING (score_run) ${joinCustomerNow('s.customer_id')}
      WHERE s.churn_band = 'high'),
    -- a contact is the customer's wherever it was recorded: by an account they hold, or by their id (after any merge)
    contacts AS (
      SELECT a.customer_id, f.contacted_at FROM dw.fact_contact f
        JOIN dw.dim_account a ON a.is_current AND a.source = f.account_source AND a.account_key = f.account_key
      UNION ALL
      SELECT now.customer_id, f.contacted_at FROM dw.fact_contact f ${joinCustomerNow('f.customer_id')} WHERE f.account_key IS NULL),
    holding AS (SELECT DISTINCT customer_id FROM dw.dim_account WHERE is_current AND closed_on IS NULL),
    flagged AS (
      SELECT h.score_run,
        EXISTS (SELECT 1 FROM contacts c WHERE c.customer_id = h.customer_id AND c.contacted_at >= h.scored_at) AS contacted,
        h.customer_id IN (SELECT customer_id FROM holding) AS stayed
      FROM high h)
    SELECT r.score_run AS "scoreRun", strftime(r.scored_at, '%Y-%m-%dT%H:%M:%SZ') AS "scoredAt", strftime(r.month, '%Y-%m') AS month,
      count(f.score_run)::INTEGER AS "highRisk", count(*) FILTER (WHERE f.contacted)::INTEGER AS contacted,
      round(count(*) FILTER (WHERE f.contacted) / nullif(count(f.score_run), 0), 4)::DOUBLE AS "contactedShare",
      count(*) FILTER (WHERE f.stayed)::INTEGER AS stayed,
      round(count(*) FILTER (WHERE f.stayed) / nullif(count(f.score_run), 0), 4)::DOUBLE AS "stayedShare",
      count(*) FILTER (WHERE f.stayed AND f.contacted)::INTEGER AS "stayedContacted",
      count(*) FILTER (WHERE f.stayed AND NOT f.contacted)::INTEGER AS "stayedNotContacted"
    FROM runs r LEFT JOIN flagged f USING (score_run) GROUP BY r.score_run, r.scored_at, r.month ORDER BY r.score_run DESC`);
}
