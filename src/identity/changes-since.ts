// What identity changed after a given run, shaped as ODS rows, for delivery to the ODS. Streams in chunks.
import type { Duck } from '../duckdb/index.ts';

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
