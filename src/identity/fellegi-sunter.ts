// The Fellegi–Sunter model, estimated without labels. For each comparison level: m, how often two records of one
// person land on it, and u, how often two records of different people do. The weight of a level is log2(m/u);
// a pair's match weight is the prior's log-odds plus the sum of its levels' weights. u comes from random pairs
// (most are different people); m from expectation–maximisation over the blocked pairs, rule by rule, learning
// only the attributes a rule does not force to agree, starting from typical values that also hold a small file
// steady; the prior from the expected matches among all pairs.
import type { Duck } from '../duckdb/index.ts';
import { blockingRules } from './blocking.ts';
import { type Comparison, comparisons, levelColumns } from './comparisons.ts';

export interface ModelLevel {
  label: string;
  m: number;
  u: number;
  /** Exact level weighted by how rare the shared value is. */
  tf?: string;
}

export interface IdentityModel {
  version: 1;
  trainedAt: string;
  records: number;
  /** Probability that two records drawn at random are the same person. */
  prior: number;
  /** Systems that hold one record per person by these identifiers (source_key, email, phone, national_id): two
   * records of one of them with different values are two people. From configuration, not estimated. */
  uniqueWithinSource?: Record<string, string[]>;
  comparisons: { name: string; description: string; levels: ModelLevel[] }[];
}

/** Comparisons that have data in the prepared records (a file without phones gets no phone comparison). */
export async function activeComparisons(duck: Duck, records: string): Promise<Comparison[]> {
  const row = await duck.one<Record<string, number>>(`SELECT ${comparisons.map((c) => `count(${c.columns[0]})::INTEGER AS "${c.name}"`).join(', ')} FROM ${records}`);
  return comparisons.filter((c) => (row?.[c.name] ?? 0) > 1);
}

export const termFrequencyColumns = [...new Set(comparisons.flatMap((c) => c.levels.flatMap((l) => (l.tf ? [l.tf] : []))))];

/** Adds tf_<column>: the share of records holding the same value, for term-frequency adjustment. */
export async function addTermFrequencies(duck: Duck, records: string): Promise<void> {
  await withTermFrequencies(duck, { population: records, into: records });
}

/**
 * Builds `into`: the records of `population` (only those in `rids`, a relation of rid, when given) with
 * tf_<column>, each value's share among all of the population. The frequency tables stay (`${into}_tf_<column>`)
 * for addRecordsWithFrequencies.
 */
export async function withTermFrequencies(duck: Duck, options: { population: string; into: string; rids?: string }): Promise<void> {
  for (const c of termFrequencyColumns) {
    await duck.run(`CREATE OR REPLACE TEMP TABLE ${options.into}_tf_${c} AS
      SELECT ${c} AS v, count(*) / sum(count(*)) OVER () AS tf FROM ${options.population} WHERE ${c} IS NOT NULL GROUP BY ${c}`);
  }
  await duck.run(`CREATE OR REPLACE TEMP TABLE ${options.into} AS ${frequencySelect(options.population, options.into)}
    ${options.rids ? `WHERE r.rid IN (SELECT rid FROM ${options.rids})` : ''} ORDER BY r.rid`);
}

/** Adds to `into` the records of `rids` it lacks, with the frequencies withTermFrequencies computed. */
export async function addRecordsWithFrequencies(duck: Duck, options: { population: string; into: string; rids: string }): Promise<void> {
  await duck.run(`INSERT INTO ${options.into} ${frequencySelect(options.population, options.into)}
    WHERE r.rid IN (SELECT rid FROM ${options.rids}) AND r.rid NOT IN (SELECT rid FROM ${options.into})`);
}

function frequencySelect(population: string, into: string): string {
  return `SELECT r.*, ${termFrequencyColumns.map((c) => `f_${c}.tf AS tf_${c}`).join(', ')} FROM ${population} r
    ${termFrequencyColumns.map((c) => `LEFT JOIN ${into}_tf_${c} f_${c} ON f_${c}.v = r.${c}`).join(' ')}`;
}

/** Builds `into` (a, b, rules, g_<comparison>…, tf_<comparison>…): the level each pair lands on per comparison. */
export async function comparePairs(duck: Duck, options: { pairs: string; records: string; into: string; active: Comparison[]; uniqueWithinSource?: Record<string, string[]> }): Promise<void> {
  const tf = options.active.filter((c) => c.levels.some((l) => l.tf)).map((c) =>
    `CASE g_${c.name} ${c.levels.flatMap((l, i) => (l.tf ? [`WHEN ${i} THEN tf_${l.tf}`] : [])).join(' ')} END AS tf_${c.name}`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE ${options.into} AS
    SELECT ${['a', 'b', 'rules', ...options.active.map((c) => `g_${c.name}`), ...tf, 'distinct_in_source'].join(', ')} FROM (
      SELECT ${['p.a', 'p.b', 'p.rules', levelColumns(options.active), ...termFrequencyColumns.map((c) => `l.tf_${c}`),
        `${distinctInSourceSql(options.uniqueWithinSource)} AS distinct_in_source`].filter(Boolean).join(', ')}
      FROM ${options.pairs} p JOIN ${options.records} l ON l.rid = p.a JOIN ${options.records} r ON r.rid = p.b)`);
}

/**
 * SQL over a pair (l, r): both records come from a system that keeps one record per person by one of its
 * identifiers, and they hold two different values of it (model.uniqueWithinSource: source → columns).
 */
function distinctInSourceSql(unique: Record<string, string[]> = {}): string {
  const terms = Object.entries(unique).map(([source, columns]) =>
    `(l.src = ${sqlText(source)} AND (${columns.map((c) => `l.${c} <> r.${c}`).join(' OR ')}))`);
  return terms.length ? `coalesce(l.src = r.src AND (${terms.join(' OR ')}), false)` : 'false';
}

function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * u from random pairs of a sample of records. The exact level's u is computed from value frequencies over all
 * records instead: random pairs almost never share an e-mail, too rarely to count.
 */
async function estimateU(duck: Duck, records: string, active: Comparison[], sample: number): Promise<number[][]> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_u_sample AS SELECT * FROM ${records} USING SAMPLE reservoir(${sample} ROWS) REPEATABLE (42)`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_u_pairs AS SELECT l.rid AS a, r.rid AS b, 0 AS rules FROM id_u_sample l JOIN id_u_sample r ON l.rid < r.rid`);
  await comparePairs(duck, { pairs: 'id_u_pairs', records: 'id_u_sample', into: 'id_u_levels', active });
  const u: number[][] = [];
  for (const c of active) {
    const rows = await duck.all<{ g: number; n: number }>(`SELECT g_${c.name} AS g, count(*)::DOUBLE AS n FROM id_u_levels WHERE g_${c.name} IS NOT NULL GROUP BY 1`);
    const counts = c.levels.map((_, i) => rows.find((r) => r.g === i)?.n ?? 0);
    const exactColumn = c.levels[0].tf ?? c.columns[0];
    const exact = await duck.one<{ u: number }>(`SELECT sum(n * (n - 1)) / greatest(sum(n) * (sum(n) - 1), 1) AS u FROM (
      SELECT count(*)::DOUBLE AS n FROM ${records} WHERE ${exactColumn} IS NOT NULL GROUP BY ${exactColumn})`);
    // Never below one pair in all the pairs there are: a value nobody shares here is not proof of identity.
    const present = (await duck.one<{ n: number }>(`SELECT count(${exactColumn})::DOUBLE AS n FROM ${records}`))?.n ?? 0;
    const u0 = Math.min(0.5, Math.max(exact?.u ?? 0, 1 / ((present * (present - 1)) / 2 + 1)));
    // The other levels share what the exact level leaves, in the sample's proportions (one pseudo-count each,
    // so that a level never seen among strangers is rare, not impossible).
    const rest = counts.slice(1).map((n) => n + 1);
    const total = rest.reduce((s, n) => s + n, 0);
    u.push([u0, ...rest.map((n) => ((1 - u0) * n) / total)]);
  }
  for (const t of ['id_u_sample', 'id_u_pairs', 'id_u_levels']) await duck.run(`DROP TABLE ${t}`);
  return u;
}

interface Pattern {
  levels: (number | null)[];
  rules: number;
  n: number;
}

/** Pseudo-matches of typical m that estimation starts from, so that a few pairs cannot swing a level's m. */
const typicalWeight = 10;

/**
 * Expectation–maximisation over one blocking rule's pairs, by pattern: m of the comparisons the rule does not fix
 * (`learn`), u fixed. A comparison the rule fixes says nothing within its pairs and is left out, as if missing.
 * Returns the share of matches among the pairs.
 */
function emForRule(patterns: Pattern[], m: number[][], u: number[][], typical: number[][], learn: boolean[], iterations = 40): number {
  let prior = 0.3;
  for (let it = 0; it < iterations; it++) {
    const sums = typical.map((levels) => levels.map((x) => x * typicalWeight));
    let matches = 0;
    let total = 0;
    for (const p of patterns) {
      let pm = prior;
      let pu = 1 - prior;
      p.levels.forEach((g, k) => {
        if (g === null || !learn[k]) return;
        pm *= m[k][g];
        pu *= u[k][g];
      });
      const posterior = pm / (pm + pu);
      matches += posterior * p.n;
      total += p.n;
      p.levels.forEach((g, k) => {
        if (g !== null && learn[k]) sums[k][g] += posterior * p.n;
      });
    }
    prior = matches / total;
    sums.forEach((levels, k) => {
      if (!learn[k]) return;
      const s = levels.reduce((a, b) => a + b, 0);
      m[k] = levels.map((x) => x / s);
    });
  }
  return prior;
}

/** The number of records and of all possible pairs among them (across inputs only when linking). */
async function pairSpace(duck: Duck, records: string, linkOnly: boolean): Promise<{ records: number; pairs: number }> {
  const rows = await duck.all<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${records} GROUP BY src`);
  const n = rows.reduce((s, r) => s + r.n, 0);
  const within = rows.reduce((s, r) => s + (r.n * (r.n - 1)) / 2, 0);
  return { records: n, pairs: Math.max(1, linkOnly ? (n * (n - 1)) / 2 - within : (n * (n - 1)) / 2) };
}

/** Estimates the model from prepared records and their compared candidate pairs. */
export async function trainModel(duck: Duck, options: { records: string; compared: string; active: Comparison[]; linkOnly?: boolean; sample?: number }): Promise<IdentityModel> {
  const { active } = options;
  const u = await estimateU(duck, options.records, active, options.sample ?? 1200);
  const rows = await duck.all<Record<string, number | null>>(`SELECT ${['rules', ...active.map((c) => `g_${c.name}`)].join(', ')}, count(*)::DOUBLE AS n
    FROM ${options.compared} GROUP BY ALL`);
  const patterns: Pattern[] = rows.map((r) => ({ rules: r.rules as number, n: r.n as number, levels: active.map((c) => r[`g_${c.name}`] as number | null) }));
  const typical = active.map((c) => [...c.typical]);
  // m learnt rule by rule (only from rules whose pairs are mostly one person or strangers), then averaged with
  // the weight of the matches each rule holds.
  const sum = active.map((c) => c.levels.map(() => 0));
  const weight = active.map(() => 0);
  for (const [index, rule] of blockingRules.entries()) {
    if (!rule.train) continue;
    const own = patterns.filter((p) => p.rules & (1 << index));
    const pairs = own.reduce((s, p) => s + p.n, 0);
    if (pairs === 0) continue;
    const learn = active.map((c) => !rule.fixes.includes(c.name));
    const m = typical.map((levels) => [...levels]);
    const expected = emForRule(own, m, u, typical, learn) * pairs;
    active.forEach((_, k) => {
      if (!learn[k]) return;
      weight[k] += expected;
      m[k].forEach((x, i) => (sum[k][i] += x * expected));
    });
  }
  const m = active.map((_, k) => (weight[k] > 0 ? sum[k].map((x) => x / weight[k]) : typical[k]));
  // The prior: the share of all pairs that are matches, self-consistent with the matches expected among the
  // candidates (pairs never compared are almost all different people).
  const space = await pairSpace(duck, options.records, options.linkOnly ?? false);
  let prior = Math.min(0.5, space.records / space.pairs);
  for (let it = 0; it < 30; it++) {
    let expected = 0;
    for (const p of patterns) {
      let odds = prior / (1 - prior);
      p.levels.forEach((g, k) => {
        if (g !== null) odds *= m[k][g] / u[k][g];
      });
      expected += (p.n * odds) / (1 + odds);
    }
    prior = Math.min(0.5, Math.max(expected, 1) / space.pairs);
  }
  return {
    version: 1, trainedAt: new Date().toISOString(), records: space.records, prior,
    comparisons: active.map((c, k) => ({
      name: c.name, description: c.description,
      levels: c.levels.map((level, i) => ({ label: level.label, m: round(m[k][i]), u: round(u[k][i]), ...(level.tf ? { tf: level.tf } : {}) })),
    })),
  };
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}

/** Log2 of the Bayes factor of each level, with the term-frequency form where the level has one. */
function levelWeightSql(c: IdentityModel['comparisons'][number]): string {
  const cases = c.levels.map((level, i) => {
    const plain = Math.log2(Math.max(level.m, 1e-9) / Math.max(level.u, 1e-12));
    const w = level.tf ? `log2(${Math.max(level.m, 1e-9)} / greatest(coalesce(tf_${c.name}, ${level.u}), 1e-9))` : `${plain}`;
    return `WHEN ${i} THEN ${w}`;
  });
  return `CASE g_${c.name} ${cases.join(' ')} ELSE 0 END`;
}

/** -log2 u of the level a pair landed on (the rarity of the agreement), with the term frequency where the level has one. */
function rarenessSql(c: IdentityModel['comparisons'][number]): string {
  const cases = c.levels.map((level, i) => `WHEN ${i} THEN ${level.tf ? `-log2(greatest(coalesce(tf_${c.name}, ${level.u}), 1e-9))` : `${-Math.log2(Math.max(level.u, 1e-12))}`}`);
  return `CASE g_${c.name} ${cases.join(' ')} ELSE 0 END`;
}

/**
 * Attributes a household shares. Two relatives at one address agree on the surname, the address and the home phone
 * together, far more often than the product of three coincidences that independence assumes: when several of
 * them agree, their rarity counts once (the rarest), while each still brings its m. Without this, a spouse or a
 * twin scores like the same person.
 */
export const householdAttributes = ['last_name', 'address', 'phone'];

/** SQL: the correction (≤ 0) that counts the rarity of agreeing household attributes once. */
export function householdSql(model: IdentityModel): string {
  const group = model.comparisons.filter((c) => householdAttributes.includes(c.name));
  if (group.length < 2) return '0';
  const rareness = group.map((c) => `CASE WHEN ${levelWeightSql(c)} > 0 THEN ${rarenessSql(c)} ELSE 0 END`);
  return `(greatest(${rareness.join(', ')}) - (${rareness.join(' + ')}))`;
}

/** SQL for each comparison's weight (w_<name>) and the household correction (w_household) over compared pairs. */
export function weightColumns(model: IdentityModel): string {
  return [...model.comparisons.map((c) => `${levelWeightSql(c)} AS w_${c.name}`), `${householdSql(model)} AS w_household`].join(', ');
}

/** SQL for a compared pair's total match weight. */
export function matchWeightSql(model: IdentityModel): string {
  const prior = Math.log2(model.prior / (1 - model.prior));
  return `(${prior} + ${model.comparisons.map(levelWeightSql).join(' + ')} + ${householdSql(model)})`;
}

export function probabilitySql(weight: string): string {
  return `(1 / (1 + pow(2, -(${weight}))))`;
}

/** The comparisons of a model, in the order and form comparePairs needs. */
export function modelComparisons(model: IdentityModel): Comparison[] {
  return model.comparisons.map((mc) => {
    const c = comparisons.find((x) => x.name === mc.name);
    if (!c) throw new Error(`identity model: unknown comparison "${mc.name}"`);
    return c;
  });
}
