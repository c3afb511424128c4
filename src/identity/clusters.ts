// Records joined by matches form one customer: connected components by repeated min-label propagation,
// a handful of set-based passes since clusters are small.
import type { Duck } from '../duckdb/index.ts';

export async function buildClusters(duck: Duck): Promise<number> {
  await duck.run('CREATE OR REPLACE TEMP TABLE id_edge AS SELECT a, b FROM id_match UNION ALL SELECT b, a FROM id_match');
  await duck.run('CREATE OR REPLACE TEMP TABLE id_cluster AS SELECT rid, rid AS cluster FROM id_record');
  for (let pass = 1; ; pass++) {
    await duck.run(`CREATE OR REPLACE TEMP TABLE id_cluster_next AS
      SELECT c.rid, least(c.cluster, coalesce(m.cluster, c.cluster)) AS cluster
      FROM id_cluster c LEFT JOIN (
        SELECT e.a AS rid, min(n.cluster) AS cluster FROM id_edge e JOIN id_cluster n ON n.rid = e.b GROUP BY e.a) m USING (rid)`);
    const changed = await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM id_cluster c JOIN id_cluster_next x USING (rid) WHERE c.cluster <> x.cluster`);
    await duck.run('DROP TABLE id_cluster');
    await duck.run('ALTER TABLE id_cluster_next RENAME TO id_cluster');
    if (!changed?.n) return pass;
  }
}
