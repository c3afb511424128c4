// Matching as one set of steps over prepared person records, shared by the factory's identity run and by
// `cif resolve`: block, compare, estimate the model (or use a saved one), score, cluster.
import type { Duck } from '../duckdb/index.ts';
import { findAmbiguousRecords } from './ambiguous-records.ts';
import { type BlockingSummary, blockPairs, estimateBlockingRecall } from './blocking.ts';
import type { Comparison } from './comparisons.ts';
import { constrainedClusters, type Link } from './constrained-clusters.ts';
import { type StepTimes, stepTimer } from './step-times.ts';
import { conflictSql, generationsSql, trustedSql, vetoSql } from './deterministic-rules.ts';
import { activeComparisons, comparePairs, type IdentityModel, matchWeightSql, modelComparisons, probabilitySql, trainModel } from './fellegi-sunter.ts';

export interface Thresholds {
  /** Pairs at or above this match probability are the same person. */
  match: number;
  /** Pairs between this and `match` are uncertain: a steward should look. */
  review: number;
}

export const defaultThresholds: Thresholds = { match: 0.95, review: 0.5 };

export interface ScoreSummary {
  model: IdentityModel;
  blocking: BlockingSummary;
  pairsCompared: number;
  /** Estimated share of true matching pairs the blocking rules let through to comparison. */
  blockingRecall: number | null;
  matches: number;
  uncertain: number;
}

const logit = (p: number) => Math.log2(p / (1 - p));

/** SQL: a pair's probability of being one person: 1 for a trusted identifier, 0 for a veto, the model's otherwise. */
function probabilityOfPair(): string {
  return `CASE WHEN trusted THEN 1.0 WHEN veto THEN 0.0 ELSE ${probabilitySql('weight')} END`;
}

/**
 * Builds `${prefix}scored` (a, b, rules, g_*, tf_*, weight, probability, conflict): every candidate pair that is
 * at least uncertain, or that marks two records as different people.
 */
export async function scoreCandidates(duck: Duck, options: { records: string; prefix: string; model?: IdentityModel; thresholds: Thresholds;
  linkOnly?: boolean; changed?: string; adjust?: (model: IdentityModel) => IdentityModel; times?: StepTimes;
  uniqueWithinSource?: Record<string, string[]>;
  /** Records are blocked in `records` but compared in `features` (with term frequencies), built once the pairs are known. */
  features?: { table: string; build(pairs: string): Promise<void> } }): Promise<ScoreSummary> {
  const { prefix } = options;
  const { lap } = stepTimer(options.times);
  const blocking = await blockPairs(duck, { records: options.records, into: `${prefix}pairs`, linkOnly: options.linkOnly, changed: options.changed });
  lap('block');
  await options.features?.build(`${prefix}pairs`);
  const records = options.features?.table ?? options.records;
  lap('frequencies');
  const active: Comparison[] = options.model ? modelComparisons(options.model) : await activeComparisons(duck, records);
  await comparePairs(duck, { pairs: `${prefix}pairs`, records, into: `${prefix}compared`, active, uniqueWithinSource: options.uniqueWithinSource });
  lap('compare');
  const estimated = options.model ?? await trainModel(duck, { records, compared: `${prefix}compared`, active, linkOnly: options.linkOnly });
  lap('estimate');
  const model = options.adjust ? options.adjust(estimated) : estimated;
  const weight = matchWeightSql(model);
  await duck.run(`CREATE OR REPLACE TEMP TABLE ${prefix}scored AS
    SELECT *, ${probabilityOfPair()} AS probability FROM (
      SELECT *, ${weight} AS weight, ${conflictSql(model)} AS conflict, ${vetoSql(model)} AS veto, ${generationsSql(model)} AS generations,
        ${trustedSql(model)} AS trusted FROM ${prefix}compared)
    WHERE weight >= ${logit(options.thresholds.review)} OR conflict OR trusted`);
  await duck.run(`DROP TABLE ${prefix}compared`);
  await duck.run(`DROP TABLE ${prefix}pairs`);
  const counts = await duck.one<{ matches: number; uncertain: number }>(`SELECT
      count(*) FILTER (WHERE probability >= ${options.thresholds.match})::INTEGER AS matches,
      count(*) FILTER (WHERE probability < ${options.thresholds.match} AND probability >= ${options.thresholds.review})::INTEGER AS uncertain
    FROM ${prefix}scored`);
  const blockingRecall = await estimateBlockingRecall(duck, `(SELECT rules FROM ${prefix}scored WHERE probability >= ${options.thresholds.match})`);
  lap('score');
  return { model, blocking, pairsCompared: blocking.pairs, blockingRecall, matches: counts?.matches ?? 0, uncertain: counts?.uncertain ?? 0 };
}

export interface ClusterSummary {
  clusters: number;
  /** Records left unlinked (in id_ambiguous) for a steward, because they could be either of two generations. */
  ambiguous: number;
  refusedLinks: number;
  chainChecks: number;
}

/**
 * Clusters records by `links` (a, b, probability), strongest first, never joining a `cannot` pair (a, b,
 * generations: true for a parent and a junior). Then
 * checks each new cluster of three or more against its members: pairs inside it that were never compared are
 * compared now, and a pair that cannot be one person splits the cluster at its weakest link. Records that could be
 * either of two generations (ambiguous-records.ts, with `stewarded` and `population`) keep only the links a
 * steward or a trusted identifier made. Writes `into` (rid, cluster, strength) for records in clusters of two or more.
 */
export async function clusterLinks(duck: Duck, options: { links: string; cannot: string; records: string; population?: string; stewarded?: boolean;
  model: IdentityModel; thresholds: Thresholds; into: string }): Promise<ClusterSummary> {
  await findAmbiguousRecords(duck, options);
  const links: Link[] = [];
  for await (const batch of duck.stream<Link>(`SELECT a, b, probability FROM ${options.links}
      WHERE probability >= 1 OR (a NOT IN (SELECT rid FROM id_ambiguous) AND b NOT IN (SELECT rid FROM id_ambiguous))
      ORDER BY probability DESC, a, b`)) {
    for (const link of batch) links.push(link);
  }
  const cannot: [number, number][] = [];
  for await (const batch of duck.stream<{ a: number; b: number }>(`SELECT a, b FROM ${options.cannot}`)) {
    for (const pair of batch) cannot.push([pair.a, pair.b]);
  }
  let result = constrainedClusters(links, cannot);
  let checks = 0;
  for (; checks < 3; checks++) {
    const found = await chainConflicts(duck, result.cluster, options.records, options.model, options.thresholds);
    if (found.length === 0) break;
    cannot.push(...found);
    result = constrainedClusters(links, cannot);
  }
  await duck.run(`CREATE OR REPLACE TEMP TABLE ${options.into} (rid INTEGER, cluster INTEGER, strength DOUBLE)`);
  const rids = [...result.cluster.keys()];
  await duck.append({ name: options.into, catalog: 'temp' }, [rids, rids.map((r) => result.cluster.get(r)!), rids.map((r) => result.strength.get(r) ?? 1)]);
  const ambiguous = await duck.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM id_ambiguous');
  return { clusters: new Set(result.cluster.values()).size, ambiguous: ambiguous?.n ?? 0, refusedLinks: result.refused, chainChecks: checks };
}

/** Pairs inside clusters of three or more that were joined only through others and cannot be one person. */
async function chainConflicts(duck: Duck, cluster: Map<number, number>, records: string, model: IdentityModel, thresholds: Thresholds): Promise<[number, number][]> {
  const sizes = new Map<number, number>();
  for (const label of cluster.values()) sizes.set(label, (sizes.get(label) ?? 0) + 1);
  const rids = [...cluster.keys()].filter((rid) => (sizes.get(cluster.get(rid)!) ?? 0) >= 3);
  if (rids.length === 0) return [];
  await duck.run('CREATE OR REPLACE TEMP TABLE id_check_member (rid INTEGER, cluster INTEGER)');
  await duck.append({ name: 'id_check_member', catalog: 'temp' }, [rids, rids.map((r) => cluster.get(r)!)]);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_check_pairs AS
    SELECT l.rid AS a, r.rid AS b, 0 AS rules FROM id_check_member l JOIN id_check_member r ON l.cluster = r.cluster AND l.rid < r.rid`);
  await comparePairs(duck, { pairs: 'id_check_pairs', records, into: 'id_check_compared', active: modelComparisons(model), uniqueWithinSource: model.uniqueWithinSource });
  const rows = await duck.all<{ a: number; b: number }>(`SELECT a, b FROM id_check_compared
    WHERE ${conflictSql(model)} AND ${matchWeightSql(model)} < ${logit(thresholds.match)}`);
  for (const t of ['id_check_member', 'id_check_pairs', 'id_check_compared']) await duck.run(`DROP TABLE ${t}`);
  return rows.map((r) => [r.a, r.b]);
}
