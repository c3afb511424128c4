// Stewards' decisions: two source records are the same person, or are not. A decision is kept for good and
// honoured by every later run, above anything the model says: "same" links the two records, "different" keeps
// them in different customers. A steward's merge or split of customers is recorded as such decisions.
import type { Duck } from '../duckdb/index.ts';
import { recordCustomers } from './record-features.ts';

export interface Decision {
  /** The decision's id where it was taken (the ODS), so that it is recorded once. */
  decisionId: number;
  a: { source: string; sourceKey: string };
  b: { source: string; sourceKey: string };
  decision: 'same' | 'different';
  reason: string;
  decidedBy: string;
  decidedAt: string;
}

/** Records decisions to be applied by run `runId` (the run about to resolve identity); one already recorded is skipped. */
export async function recordDecisions(duck: Duck, runId: number, decisions: Decision[]): Promise<number> {
  let recorded = 0;
  for (const d of decisions) {
    const known = await duck.one('SELECT 1 FROM identity.decision WHERE decision_id = $1', [d.decisionId]);
    if (known) continue;
    await duck.run('INSERT INTO identity.decision VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::TIMESTAMP, $10)',
      [d.decisionId, d.a.source, d.a.sourceKey, d.b.source, d.b.sourceKey, d.decision, d.reason, d.decidedBy, d.decidedAt, runId]);
    recorded++;
  }
  return recorded;
}

/** The decisions applied by runs after `sinceRun`, to be marked as applied where they were taken. */
export async function decisionsAppliedSince(duck: Duck, sinceRun: number): Promise<{ decisionId: number; runId: number }[]> {
  const rows = await duck.all<{ decision_id: number; run_id: number }>('SELECT decision_id::DOUBLE AS decision_id, run_id FROM identity.decision WHERE run_id > $1 ORDER BY decision_id', [sinceRun]);
  return rows.map((r) => ({ decisionId: r.decision_id, runId: r.run_id }));
}

/** The latest decision about each pair of records, by record id. */
const latest = `SELECT least(ra.rid, rb.rid) AS a, greatest(ra.rid, rb.rid) AS b, d.decision, d.reason
  FROM identity.decision d
  JOIN identity.record ra ON ra.src = d.a_source AND ra.source_key = d.a_key
  JOIN identity.record rb ON rb.src = d.b_source AND rb.source_key = d.b_key
  QUALIFY row_number() OVER (PARTITION BY least(ra.rid, rb.rid), greatest(ra.rid, rb.rid) ORDER BY d.decided_at DESC, d.run_id DESC) = 1`;

/** id_decided_records (rid): the records named by decisions taken for this run; their customers are clustered again. */
export async function applyDecisions(duck: Duck, runId: number): Promise<void> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_decided_records AS
    SELECT r.rid FROM identity.decision d JOIN identity.record r ON r.src = d.a_source AND r.source_key = d.a_key WHERE d.run_id = $1
    UNION SELECT r.rid FROM identity.decision d JOIN identity.record r ON r.src = d.b_source AND r.source_key = d.b_key WHERE d.run_id = $1`, [runId]);
}

/** id_steward_must and id_steward_cannot (a, b): the standing decisions among the records in `records`. */
export async function stewardLinks(duck: Duck, records: string): Promise<void> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_steward AS SELECT * FROM (${latest})
    WHERE a IN (SELECT rid FROM ${records}) AND b IN (SELECT rid FROM ${records})`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_steward_must AS SELECT a, b FROM id_steward WHERE decision = 'same'`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_steward_cannot AS SELECT a, b FROM id_steward WHERE decision = 'different'`);
}

/** id_same_decisions (a, b): every standing "same" decision, so a customer joined by a steward is clustered whole. */
export async function sameDecisions(duck: Duck): Promise<void> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_same_decisions AS SELECT a, b FROM (${latest}) WHERE decision = 'same'`);
}

/**
 * identity.review: the pairs a steward should look at. Uncertain links (between the review and the match
 * threshold) between records of two different customers, and links left aside as ambiguous, not yet decided.
 * A pair keeps the run that first queued it.
 */
export async function refreshReviewQueue(duck: Duck, runId: number, thresholds: { match: number; review: number }): Promise<void> {
  // One join at a time: inside a first run's transaction the planner thinks identity.link is empty and, given
  // both customer lookups at once, pairs every record with every other on customer_id <> customer_id.
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_review_decided AS SELECT a, b FROM (${latest})`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_review_customer AS ${recordCustomers}`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_review_next AS
    WITH candidate AS (SELECT l.a, l.b, l.probability, ca.customer_id AS customer_a FROM identity.link l
      JOIN id_review_customer ca ON ca.rid = l.a WHERE l.probability >= ${thresholds.review})
    SELECT c.a, c.b, c.probability FROM candidate c JOIN id_review_customer cb ON cb.rid = c.b
      ANTI JOIN id_review_decided d ON d.a = least(c.a, c.b) AND d.b = greatest(c.a, c.b)
    WHERE c.customer_a <> cb.customer_id`);
  await duck.run(`DELETE FROM identity.review r WHERE NOT EXISTS (SELECT 1 FROM id_review_next n WHERE n.a = r.a AND n.b = r.b)`);
  await duck.run(`UPDATE identity.review r SET probability = n.probability FROM id_review_next n WHERE n.a = r.a AND n.b = r.b`);
  await duck.run(`INSERT INTO identity.review SELECT a, b, probability, $1 FROM id_review_next n ANTI JOIN identity.review r USING (a, b)`, [runId]);
}
