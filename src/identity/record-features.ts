// The factory's customer records in comparable form, kept between runs (identity.record) so that a run prepares
// only the records that are new or changed. Each source record keeps one record id (rid) for good.
import type { Duck } from '../duckdb/index.ts';
import { prepareRecords } from './person-fields.ts';

/** Each prepared record with the customer it belongs to now (rid, source, source_key, customer_id). */
export const recordCustomers = `SELECT r.rid, r.src AS source, r.source_key, x.customer_id
  FROM identity.record r JOIN identity.xref x ON x.source = r.src AND x.source_key = r.source_key`;

/** The staged customer fields in the roles matching knows. */
const roleOfField = `s.given_name AS first_name, s.middle_name, s.family_name AS last_name, s.name_suffix, s.birth_date, s.email, s.phone,
  s.address_line AS address_1, s.city, s.postcode, s.region AS state`;

/**
 * Prepares the customer records staged in this run (all of them with `all`), stores them in identity.record and
 * leaves their ids in temp table id_changed (rid). Returns how many.
 */
export async function updateRecordFeatures(duck: Duck, runId: number, all: boolean): Promise<number> {
  const last = await duck.one<{ last_id: number }>(`SELECT last_id FROM identity.id_counter WHERE kind = 'record'`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_input AS
    SELECT coalesce(x.rid, ($1 + row_number() OVER (PARTITION BY x.rid IS NULL ORDER BY s.source, s.source_key))::INTEGER) AS rid,
      s.source AS src, s.source_key, ${roleOfField}
    FROM staging.customer s LEFT JOIN identity.record x ON x.src = s.source AND x.source_key = s.source_key
    ${all ? '' : 'WHERE s.run_id = $2'}`, all ? [last?.last_id ?? 0] : [last?.last_id ?? 0, runId]);
  await duck.run(`UPDATE identity.id_counter SET last_id = greatest(last_id, (SELECT coalesce(max(rid), 0) FROM id_input)) WHERE kind = 'record'`);
  await prepareRecords(duck, {
    from: 'id_input', into: 'id_prepared',
    roles: ['first_name', 'middle_name', 'last_name', 'name_suffix', 'birth_date', 'email', 'phone', 'address_1', 'city', 'postcode', 'state'],
  });
  await duck.run('DELETE FROM identity.record WHERE rid IN (SELECT rid FROM id_prepared)');
  await duck.run('INSERT INTO identity.record BY NAME SELECT i.source_key, p.* FROM id_prepared p JOIN id_input i USING (rid)');
  await duck.run('CREATE OR REPLACE TEMP TABLE id_changed AS SELECT rid FROM id_prepared');
  await duck.run('DROP TABLE id_prepared');
  const row = await duck.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM id_changed');
  return row?.n ?? 0;
}
