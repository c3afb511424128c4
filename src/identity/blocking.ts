// Blocking: only records that share the key of at least one rule are compared. Each rule is cheap and misses
// some true pairs; their union keeps recall high while comparing a tiny fraction of all pairs. A key value held
// by very many records (a shared office number, a common name alone) says little and would swamp the run, so its
// block is left out and counted.
import type { Duck } from '../duckdb/index.ts';

export interface BlockingRule {
  name: string;
  /** SQL over one prepared record; a list-valued key (given-name roots) puts the record in several blocks. */
  key: string;
  /** Feature columns that must be present. */
  needs: string[];
  /** Blocks larger than this are left out (default: BlockingOptions.maxBlock). */
  maxBlock?: number;
  /** Comparisons the rule forces to agree: the model learns nothing about them from this rule's pairs. */
  fixes: string[];
  /**
   * The model learns from this rule's pairs. Not from rules on what a household shares (address, phone, e-mail):
   * their pairs mix one person's records with relatives', a third kind of pair that estimation would take for
   * the matches. Pairs that share a birth date or both names are mostly one person or strangers.
   */
  train?: boolean;
}

export const blockingRules: BlockingRule[] = [
  { name: 'e-mail', key: 'email', needs: ['email'], fixes: ['email'] },
  { name: 'phone', key: 'phone', needs: ['phone'], fixes: ['phone'] },
  { name: 'national id', key: 'national_id', needs: ['national_id'], fixes: ['national_id'] },
  { name: 'birth date and family name sound', key: "dob_text || '|' || family_ph", needs: ['dob_text', 'family_ph'], fixes: ['birth_date', 'last_name'], train: true },
  { name: 'birth date and given name (or its formal form)', key: "dob_text || '|' || unnest(given_roots)", needs: ['dob_text', 'given_roots'], fixes: ['birth_date', 'first_name'], train: true },
  { name: 'birth date and place', key: "dob_text || '|' || geo", needs: ['dob_text', 'geo'], fixes: ['birth_date', 'address'], train: true },
  { name: 'names and place', key: "family_ph || '|' || unnest(given_roots) || '|' || geo", needs: ['family_ph', 'given_roots', 'geo'], fixes: ['first_name', 'last_name', 'address'], train: true },
  { name: 'street address', key: 'address_key', needs: ['address_key'], fixes: ['address'] },
  { name: 'names by sound, either order', key: "array_to_string(list_sort([given_ph, family_ph]), '|') || '|' || coalesce(left(dob_text, 4), geo, '')", needs: ['given_ph', 'family_ph'], fixes: ['first_name', 'last_name'], train: true },
  { name: 'e-mail name', key: 'email_local', needs: ['email_local'], fixes: ['email'] },
];

export interface BlockingOptions {
  records: string;
  into: string;
  /** Only pairs across inputs (linking two files), not within one. */
  linkOnly?: boolean;
  /** Only pairs with at least one record in this table (rid column): an incremental run. */
  changed?: string;
  maxBlock?: number;
}

export interface BlockingSummary {
  pairs: number;
  rules: { name: string; pairs: number; skippedBlocks: number }[];
}

/** Builds `into` (a, b, rules): each candidate pair once, a < b, with a bit per rule that found it. */
export async function blockPairs(duck: Duck, options: BlockingOptions): Promise<BlockingSummary> {
  const maxBlock = options.maxBlock ?? 100;
  const summary: BlockingSummary = { pairs: 0, rules: [] };
  await duck.run(`CREATE OR REPLACE TEMP TABLE ${options.into}_found (a INTEGER, b INTEGER, rule TINYINT)`);
  for (const [index, rule] of blockingRules.entries()) {
    const present = rule.needs.map((c) => `${c} IS NOT NULL`).join(' AND ');
    // An incremental run needs only the blocks its changed records are in.
    const keys = `(SELECT rid, src, ${rule.key} AS k FROM ${options.records} WHERE ${present})`;
    const wanted = options.changed ? `WHERE k IN (SELECT k FROM ${keys} WHERE rid IN (SELECT rid FROM ${options.changed}))` : '';
    await duck.run(`CREATE OR REPLACE TEMP TABLE id_block AS
      SELECT rid, src, k, count(*) OVER (PARTITION BY k) AS n FROM (SELECT * FROM ${keys} ${wanted}) WHERE k IS NOT NULL`);
    const cap = rule.maxBlock ?? maxBlock;
    const skipped = await duck.one<{ n: number }>(`SELECT count(DISTINCT k)::INTEGER AS n FROM id_block WHERE n > ${cap}`);
    const left = options.changed ? `(SELECT * FROM id_block WHERE rid IN (SELECT rid FROM ${options.changed}))` : 'id_block';
    const order = options.changed ? `(l.rid <> r.rid AND (r.rid NOT IN (SELECT rid FROM ${options.changed}) OR l.rid < r.rid))` : 'l.rid < r.rid';
    await duck.run(`INSERT INTO ${options.into}_found
      SELECT DISTINCT least(l.rid, r.rid), greatest(l.rid, r.rid), ${index}
      FROM ${left} l JOIN id_block r ON l.k = r.k AND ${order}
      WHERE l.n <= ${cap}${options.linkOnly ? ' AND l.src <> r.src' : ''}`);
    const found = await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${options.into}_found WHERE rule = ${index}`);
    summary.rules.push({ name: rule.name, pairs: found?.n ?? 0, skippedBlocks: skipped?.n ?? 0 });
  }
  await duck.run('DROP TABLE id_block');
  await duck.run(`CREATE OR REPLACE TEMP TABLE ${options.into} AS
    SELECT a, b, bit_or((1::INTEGER << rule)::INTEGER) AS rules FROM ${options.into}_found GROUP BY a, b`);
  await duck.run(`DROP TABLE ${options.into}_found`);
  summary.pairs = (await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${options.into}`))?.n ?? 0;
  return summary;
}

/**
 * How many true pairs the blocking probably missed, from how often the matches it found were found by one rule
 * only versus by two (Chao's estimator of unseen classes: f0 ≈ f1² / 2 f2). Returns the estimated recall.
 */
export async function estimateBlockingRecall(duck: Duck, matches: string): Promise<number | null> {
  const row = await duck.one<{ seen: number; f1: number; f2: number }>(`SELECT count(*)::INTEGER AS seen,
      count(*) FILTER (WHERE bit_count(rules) = 1)::INTEGER AS f1, count(*) FILTER (WHERE bit_count(rules) = 2)::INTEGER AS f2
    FROM ${matches}`);
  if (!row || row.seen === 0) return null;
  const unseen = row.f2 > 0 ? (row.f1 * row.f1) / (2 * row.f2) : (row.f1 * (row.f1 - 1)) / 2;
  return row.seen / (row.seen + unseen);
}
