// Turns this run's clusters into enterprise customer ids without renumbering anyone: a cluster keeps the id its
// records already had; when it gathers records of several customers, the oldest (lowest) id survives and the
// others redirect to it; a cluster of new records, or one split away from a customer that lives on elsewhere,
// gets a new id.
import type { Duck } from '../duckdb/index.ts';

export interface IdChanges {
  newCustomers: number;
  merged: number;
  reassignedRecords: number;
}

export async function assignStableIds(duck: Duck, runId: number): Promise<IdChanges> {
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
  return { newCustomers: created?.n ?? 0, merged: merged?.n ?? 0, reassignedRecords: reassigned?.n ?? 0 };
}
