// Blocking: only records that share one of these keys are compared. The union keeps recall high; a key value held
// by very many records (a shared switchboard number, a default e-mail) is too common to say anything and is skipped.
import type { Duck } from '../duckdb/index.ts';

const blockingKeys = [
  'email',
  'phone',
  "dob_text || '|' || left(family, 3)",
  "dob_text || '|' || postcode",
  "address_key || '|' || left(given, 1)",
  "dob_text || '|' || left(given, 2)",
  "address_key || '|' || family",
];

const maxBlock = 200;

export async function buildCandidatePairs(duck: Duck): Promise<number> {
  const blocks = blockingKeys.map((key) => `
    SELECT l.rid AS a, r.rid AS b FROM
      (SELECT rid, ${key} AS k, count(*) OVER (PARTITION BY ${key}) AS n FROM id_record WHERE ${key} IS NOT NULL) l
      JOIN (SELECT rid, ${key} AS k FROM id_record WHERE ${key} IS NOT NULL) r ON l.k = r.k AND l.rid < r.rid
    WHERE l.n <= ${maxBlock}`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_pair AS SELECT DISTINCT a, b FROM (${blocks.join(' UNION ALL ')})`);
  const row = await duck.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM id_pair');
  return row?.n ?? 0;
}
