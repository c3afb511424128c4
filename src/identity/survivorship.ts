// The golden record: for each customer, the best value of each attribute among its source records, and the
// source it came from. Given name: the most common, the formal form before a nickname; family name and address:
// the most recently maintained record (people marry and move); birth date: the most common.
import type { Duck } from '../duckdb/index.ts';

/** id_golden: the golden record of each customer in `customers` (customer_id) that still has records. */
export async function buildGoldenRecords(duck: Duck, customers: string): Promise<void> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_source_row AS
    SELECT x.customer_id, s.*, coalesce(s.updated_on, DATE '1900-01-01') AS upd,
      count(*) OVER (PARTITION BY x.customer_id, lower(s.given_name)) AS given_votes,
      count(s.birth_date) OVER (PARTITION BY x.customer_id, s.birth_date) AS dob_votes
    FROM staging.customer s JOIN identity.xref x USING (source, source_key)
    WHERE x.customer_id IN (SELECT customer_id FROM ${customers})`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_golden AS
    WITH emails AS (
      SELECT customer_id, list({'value': email, 'source': source} ORDER BY upd DESC, email) AS emails
      FROM (SELECT customer_id, email, first(source ORDER BY upd DESC, source) AS source, max(upd) AS upd
            FROM id_source_row WHERE email IS NOT NULL GROUP BY ALL) GROUP BY customer_id),
    phones AS (
      SELECT customer_id, list({'value': phone, 'source': source} ORDER BY upd DESC, phone) AS phones
      FROM (SELECT customer_id, phone, first(source ORDER BY upd DESC, source) AS source, max(upd) AS upd
            FROM id_source_row WHERE phone IS NOT NULL GROUP BY ALL) GROUP BY customer_id),
    best AS (
      SELECT customer_id,
        first(given_name ORDER BY given_votes DESC, length(given_name) DESC, upd DESC, source, source_key) AS given_name,
        first({'family': family_name, 'source': source} ORDER BY upd DESC, source, source_key) AS fam,
        first(middle_name ORDER BY middle_name IS NULL, length(middle_name) DESC, upd DESC, source) AS middle_name,
        first(name_suffix ORDER BY name_suffix IS NULL, upd DESC, source) AS name_suffix,
        first({'d': birth_date, 'source': source} ORDER BY birth_date IS NULL, dob_votes DESC, upd DESC, source, source_key) AS dob,
        first({'line': address_line, 'city': city, 'region': region, 'postcode': postcode, 'source': source}
              ORDER BY address_line IS NULL, upd DESC, source, source_key) AS addr
      FROM id_source_row GROUP BY customer_id)
    SELECT b.customer_id, b.given_name, b.middle_name, b.fam.family AS family_name, b.name_suffix, b.fam.source AS name_source,
      b.dob.d AS birth_date, CASE WHEN b.dob.d IS NOT NULL THEN b.dob.source END AS birth_date_source,
      b.addr.line AS address_line, b.addr.city AS city, b.addr.region AS region, b.addr.postcode AS postcode,
      CASE WHEN b.addr.line IS NOT NULL THEN b.addr.source END AS address_source,
      coalesce(e.emails, []) AS emails, coalesce(p.phones, []) AS phones
    FROM best b LEFT JOIN emails e USING (customer_id) LEFT JOIN phones p USING (customer_id)`);
}
