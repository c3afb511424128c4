// Turns this run's clusters into enterprise customer ids without renumbering anyone: a cluster keeps the id its
// records already had; when it gathers records of several customers, the oldest (lowest) id survives and the
// others redirect to it; a cluster of new records, or one split away from a customer that lives on elsewhere,
// gets a new id.
import type { Duck } from '../duckdb/index.ts';

export interface IdChanges {
  newCustomers: number;
  merged: number;
  /** Customers that lost records to a new customer. */
  split: number;
  reassignedRecords: number;
}

export async function assignStableIds(duck: Duck, runId: number): Promise<IdChanges> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_prev_of AS
    SELECT r.rid, x.customer_id FROM id_record r JOIN identity.xref x ON x.source = r.source AND x.source_key = r.source_key`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_prev AS
    SELECT c.cluster, x.customer_id, count(*) AS n
    FROM id_cluster c JOIN id_record r USING (rid) JOIN identity.xref x ON x.source = r.source AND x.source_key = r.source_key
    GROUP BY ALL`);
  // Each earlier id stays with the cluster holding most of its records.
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_owner AS
    SELECT customer_id, cluster FROM id_prev QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY n DESC, cluster) = 1`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_survivor AS SELECT cluster, min(customer_id) AS customer_id FROM id_owner GROUP BY cluster`);
  const last = await duck.one<{ last_id: number }>(`SELECT last_id FROM identity.id_counter WHERE kind = 'customer'`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_assigned AS
    SELECT cluster, customer_id FROM id_survivor
    UNION ALL
    SELECT cluster, ($1 + row_number() OVER (ORDER BY min_key))::INTEGER FROM (
      SELECT c.cluster, min(r.source || chr(0) || r.source_key) AS min_key
      FROM id_cluster c JOIN id_record r USING (rid)
      WHERE c.cluster NOT IN (SELECT cluster FROM id_survivor) GROUP BY c.cluster)`, [last?.last_id ?? 0]);

  const merged = await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM id_owner o JOIN id_survivor s USING (cluster) WHERE o.customer_id <> s.customer_id`);
  await duck.run(`INSERT INTO identity.redirect
    SELECT o.customer_id, s.customer_id, $1, 'merged: this run found records of both to be one person'
    FROM id_owner o JOIN id_survivor s USING (cluster) WHERE o.customer_id <> s.customer_id`, [runId]);
  // The evidence of a merge: the strongest link between a record of each.
  await duck.run(`INSERT INTO identity.event
    SELECT s.customer_id, 'merged', o.customer_id,
      CASE WHEN ev.probability >= 1 AND ev.steward THEN 'a steward decided these records are one person'
        ELSE 'new evidence: records of both are one person' END,
      to_json({'records': [ev.a_source || ':' || ev.a_key, ev.b_source || ':' || ev.b_key], 'probability': ev.probability}), $1
    FROM id_owner o JOIN id_survivor s USING (cluster)
    LEFT JOIN LATERAL (
      SELECT ra.source AS a_source, ra.source_key AS a_key, rb.source AS b_source, rb.source_key AS b_key, l.probability,
        (least(l.a, l.b), greatest(l.a, l.b)) IN (SELECT (least(a, b), greatest(a, b)) FROM id_steward_must) AS steward
      FROM id_cluster_links l JOIN id_record ra ON ra.rid = l.a JOIN id_record rb ON rb.rid = l.b
      JOIN id_cluster ca ON ca.rid = l.a JOIN id_cluster cb ON cb.rid = l.b
      LEFT JOIN id_prev_of pa ON pa.rid = l.a LEFT JOIN id_prev_of pb ON pb.rid = l.b
      WHERE ca.cluster = o.cluster AND cb.cluster = o.cluster AND pa.customer_id IS DISTINCT FROM pb.customer_id
        AND (pa.customer_id = o.customer_id OR pb.customer_id = o.customer_id)
      ORDER BY l.probability DESC LIMIT 1) ev ON true
    WHERE o.customer_id <> s.customer_id`, [runId]);

  await duck.run(`CREATE OR REPLACE TEMP TABLE id_xref_next AS
    SELECT r.source, r.source_key, a.customer_id FROM id_cluster c JOIN id_record r USING (rid) JOIN id_assigned a USING (cluster)`);
  const reassigned = await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM id_xref_next n JOIN identity.xref x USING (source, source_key) WHERE n.customer_id <> x.customer_id`);
  const created = await duck.one<{ n: number; top: number | null }>(`SELECT count(*)::INTEGER AS n, max(customer_id)::INTEGER AS top FROM id_assigned WHERE cluster NOT IN (SELECT cluster FROM id_survivor)`);
  await duck.run(`DELETE FROM identity.xref WHERE (source, source_key) IN (
    SELECT (n.source, n.source_key) FROM id_xref_next n LEFT JOIN identity.xref x USING (source, source_key)
    WHERE x.customer_id IS NULL OR x.customer_id <> n.customer_id)`);
  await duck.run(`INSERT INTO identity.xref SELECT n.source, n.source_key, n.customer_id, $1
    FROM id_xref_next n ANTI JOIN identity.xref x USING (source, source_key)`, [runId]);
  if (created?.top) await duck.run(`UPDATE identity.id_counter SET last_id = $1 WHERE kind = 'customer'`, [created.top]);
  // A split: records of a customer that lives on now belong to a customer new in this run.
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_split AS
    SELECT DISTINCT a.customer_id AS new_id, p.customer_id AS old_id
    FROM id_prev_of p JOIN id_cluster c USING (rid) JOIN id_assigned a USING (cluster)
    WHERE a.cluster NOT IN (SELECT cluster FROM id_survivor) AND p.customer_id IN (SELECT customer_id FROM id_owner)`);
  // Its reason: a steward's decision that a record of the new customer and one of the old are two people, or else
  // the evidence (a conflict found between the records).
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_split_reason AS
    SELECT s.new_id, s.old_id, CASE WHEN EXISTS (
        SELECT 1 FROM id_steward_cannot d JOIN id_record ra ON ra.rid = d.a JOIN id_record rb ON rb.rid = d.b
        JOIN id_xref_next na ON na.source = ra.source AND na.source_key = ra.source_key
        JOIN id_xref_next nb ON nb.source = rb.source AND nb.source_key = rb.source_key
        WHERE (na.customer_id = s.new_id AND nb.customer_id = s.old_id) OR (na.customer_id = s.old_id AND nb.customer_id = s.new_id))
      THEN 'a steward decided these records are another person' ELSE 'records that cannot be one person with the rest left for a new customer' END AS reason
    FROM id_split s`);
  await duck.run(`INSERT INTO identity.event
    SELECT old_id, 'split', new_id, reason, NULL, $1 FROM id_split_reason
    UNION ALL SELECT new_id, 'split from', old_id, reason, NULL, $1 FROM id_split_reason`, [runId]);
  const split = await duck.one<{ n: number }>('SELECT count(DISTINCT old_id)::INTEGER AS n FROM id_split');
  // Every customer this run may have changed: the ids its records had and the ids they have now.
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_touched_customer AS
    SELECT customer_id FROM id_prev_of UNION SELECT customer_id FROM id_assigned`);
  return { newCustomers: created?.n ?? 0, merged: merged?.n ?? 0, split: split?.n ?? 0, reassignedRecords: reassigned?.n ?? 0 };
}
