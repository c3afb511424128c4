// The comparable form of every customer record: lower-case names, the formal names a given name may stand for,
// and address and birth-date keys. Rebuilt from acquisition's current records when identity runs.
import type { Duck } from '../duckdb/index.ts';

export async function buildMatchRecords(duck: Duck): Promise<void> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_record AS
    SELECT row_number() OVER (ORDER BY s.source, s.source_key)::INTEGER AS rid, s.source, s.source_key,
      lower(s.given_name) AS given,
      lower(regexp_replace(s.family_name, '[^A-Za-z]', '', 'g')) AS family,
      s.name_suffix AS suffix, s.birth_date AS dob, strftime(s.birth_date, '%Y%m%d') AS dob_text,
      s.email, s.phone, s.postcode,
      CASE WHEN s.address_line IS NOT NULL AND s.postcode IS NOT NULL THEN s.address_line || '|' || s.postcode END AS address_key
    FROM staging.customer s`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_roots AS
    SELECT r.rid, list_distinct(list_append(coalesce(list(n.root) FILTER (WHERE n.root IS NOT NULL), []), r.given)) AS roots
    FROM id_record r LEFT JOIN identity.name_root n ON n.name = r.given GROUP BY r.rid, r.given`);
}
