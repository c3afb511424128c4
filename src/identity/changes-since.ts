// What identity changed after a given run, shaped as ODS rows, for delivery to the ODS. Streams in chunks.
import type { Duck } from '../duckdb/index.ts';
import { recordCustomers } from './record-features.ts';

export function customerChanges(duck: Duck, sinceRun: number) {
  return duck.stream<Record<string, unknown>>(`SELECT customer_id, given_name, middle_name, family_name, name_suffix, name_source,
      birth_date, birth_date_source, address_line, city, region, postcode, address_source,
      emails, phones, household_id, first_run, run_id AS updated_run
    FROM identity.customer WHERE run_id > $1 ORDER BY customer_id`, [sinceRun]);
}

/** Source records whose values or whose customer changed. */
export function sourceRecordChanges(duck: Duck, sinceRun: number) {
  return duck.stream<Record<string, unknown>>(`SELECT s.source, s.source_key, x.customer_id, s.given_name, s.middle_name, s.family_name, s.name_suffix,
      s.birth_date, s.email, s.phone, s.address_line, s.city, s.region, s.postcode, s.updated_on, greatest(s.run_id, x.run_id) AS loaded_run
    FROM staging.customer s JOIN identity.xref x USING (source, source_key)
    WHERE s.run_id > $1 OR x.run_id > $1 ORDER BY s.source, s.source_key`, [sinceRun]);
}

export function householdChanges(duck: Duck, sinceRun: number) {
  return duck.stream<Record<string, unknown>>(`SELECT household_id, address_line, city, region, postcode, member_count, run_id AS updated_run
    FROM identity.household WHERE run_id > $1 ORDER BY household_id`, [sinceRun]);
}

export async function redirectsSince(duck: Duck, sinceRun: number) {
  return duck.all<{ from_id: number; to_id: number; run_id: number; reason: string }>(
    `SELECT from_id, to_id, run_id, reason FROM identity.redirect WHERE run_id > $1 ORDER BY run_id, from_id`, [sinceRun]);
}

export async function removedHouseholdsSince(duck: Duck, sinceRun: number): Promise<number[]> {
  const rows = await duck.all<{ household_id: number }>(`SELECT DISTINCT household_id FROM identity.household_removed
    WHERE run_id > $1 AND household_id NOT IN (SELECT household_id FROM identity.household)`, [sinceRun]);
  return rows.map((r) => r.household_id);
}

/** The whole current review queue, shaped for the ODS. */
export function reviewQueue(duck: Duck) {
  return duck.stream<Record<string, unknown>>(`WITH customer_of AS (${recordCustomers})
    SELECT ca.source || ':' || ca.source_key || '|' || cb.source || ':' || cb.source_key AS pair_id,
      ca.source AS a_source, ca.source_key AS a_key, cb.source AS b_source, cb.source_key AS b_key,
      ca.customer_id AS a_customer_id, cb.customer_id AS b_customer_id, q.probability, q.run_id
    FROM identity.review q JOIN customer_of ca ON ca.rid = q.a JOIN customer_of cb ON cb.rid = q.b ORDER BY q.probability DESC, pair_id`);
}

/** Merges and splits recorded after a given run, shaped for the ODS. */
export function eventsSince(duck: Duck, sinceRun: number) {
  return duck.stream<Record<string, unknown>>(`SELECT customer_id, kind, other_id, reason, evidence::VARCHAR AS evidence, run_id
    FROM identity.event WHERE run_id > $1 ORDER BY run_id, customer_id, kind`, [sinceRun]);
}
