// Identity's persistent tables (schema `identity`): which customer each source record belongs to, where merged
// customer ids went, the golden records and the households. Ids are never reused.
import type { Duck } from '../duckdb/index.ts';

export const firstCustomerId = 1_000_001;
export const firstHouseholdId = 5_000_001;

export async function ensureIdentityTables(duck: Duck): Promise<void> {
  await duck.run('CREATE SCHEMA IF NOT EXISTS identity');
  await duck.run(`CREATE TABLE IF NOT EXISTS identity.xref (
    source VARCHAR NOT NULL, source_key VARCHAR NOT NULL, customer_id INTEGER NOT NULL, run_id INTEGER NOT NULL)`);
  await duck.run(`CREATE TABLE IF NOT EXISTS identity.redirect (
    from_id INTEGER NOT NULL, to_id INTEGER NOT NULL, run_id INTEGER NOT NULL, reason VARCHAR NOT NULL)`);
  await duck.run(`CREATE TABLE IF NOT EXISTS identity.id_counter (kind VARCHAR NOT NULL, last_id INTEGER NOT NULL)`);
  await duck.run(`CREATE TABLE IF NOT EXISTS identity.customer (
    customer_id INTEGER NOT NULL, given_name VARCHAR, middle_name VARCHAR, family_name VARCHAR, name_suffix VARCHAR, name_source VARCHAR,
    birth_date DATE, birth_date_source VARCHAR, address_line VARCHAR, city VARCHAR, region VARCHAR, postcode VARCHAR, address_source VARCHAR,
    emails STRUCT(value VARCHAR, source VARCHAR)[], phones STRUCT(value VARCHAR, source VARCHAR)[],
    household_id INTEGER, first_run INTEGER NOT NULL, run_id INTEGER NOT NULL)`);
  await duck.run(`CREATE TABLE IF NOT EXISTS identity.household (
    household_id INTEGER NOT NULL, address_key VARCHAR NOT NULL, address_line VARCHAR, city VARCHAR, region VARCHAR, postcode VARCHAR,
    member_count INTEGER NOT NULL, run_id INTEGER NOT NULL)`);
  await duck.run(`CREATE TABLE IF NOT EXISTS identity.household_removed (household_id INTEGER NOT NULL, run_id INTEGER NOT NULL)`);
  await duck.run(`INSERT INTO identity.id_counter SELECT * FROM (VALUES ('customer', ${firstCustomerId - 1}), ('household', ${firstHouseholdId - 1}), ('record', 0)) v(kind, last_id)
    ANTI JOIN identity.id_counter c USING (kind)`);
  // Each source record in the comparable form matching uses (person-fields.ts), under a record id kept for good.
  await duck.run(`CREATE TABLE IF NOT EXISTS identity.record (
    rid INTEGER NOT NULL, src VARCHAR NOT NULL, source_key VARCHAR NOT NULL, given VARCHAR, given_roots VARCHAR[], given_kin VARCHAR[], given_ph VARCHAR,
    middle VARCHAR, family VARCHAR, family_ph VARCHAR, suffix VARCHAR, dob DATE, dob_text VARCHAR, gender VARCHAR, email VARCHAR,
    email_local VARCHAR, phone VARCHAR, phone7 VARCHAR, street_number VARCHAR, street VARCHAR, address_key VARCHAR, postcode VARCHAR,
    city VARCHAR, state VARCHAR, geo VARCHAR, national_id VARCHAR)`);
  // The matching model in use, as JSON (readable, and overridable in configuration).
  await duck.run(`CREATE TABLE IF NOT EXISTS identity.model (model JSON NOT NULL, run_id INTEGER NOT NULL)`);
  // Scored pairs between source records (by record id, see identity.record): links at or above the review
  // threshold, and conflicts (pairs that cannot be one person).
  await duck.run(`CREATE TABLE IF NOT EXISTS identity.link (a INTEGER NOT NULL, b INTEGER NOT NULL, probability DOUBLE NOT NULL, run_id INTEGER NOT NULL)`);
  await duck.run(`CREATE TABLE IF NOT EXISTS identity.conflict (a INTEGER NOT NULL, b INTEGER NOT NULL, generations BOOLEAN NOT NULL, run_id INTEGER NOT NULL)`);
  // The steward's review queue: pairs of records of different customers in the uncertain band, not yet decided.
  await duck.run(`CREATE TABLE IF NOT EXISTS identity.review (a INTEGER NOT NULL, b INTEGER NOT NULL, probability DOUBLE NOT NULL, run_id INTEGER NOT NULL)`);
  // A steward's decision about two source records: same or different person. Honoured by every later run.
  await duck.run(`CREATE TABLE IF NOT EXISTS identity.decision (decision_id BIGINT NOT NULL,
    a_source VARCHAR NOT NULL, a_key VARCHAR NOT NULL, b_source VARCHAR NOT NULL, b_key VARCHAR NOT NULL,
    decision VARCHAR NOT NULL, reason VARCHAR NOT NULL, decided_by VARCHAR NOT NULL, decided_at TIMESTAMP NOT NULL, run_id INTEGER NOT NULL)`);
  // Values the front line set, one row per field of a change (see front-line-values.ts), under the run that took them.
  await duck.run(`CREATE TABLE IF NOT EXISTS identity.frontline_value (
    change_id BIGINT NOT NULL, customer_id INTEGER NOT NULL, field VARCHAR NOT NULL, value VARCHAR, changed_at TIMESTAMP NOT NULL, run_id INTEGER NOT NULL)`);
  // Every merge and split of customers, with its reason and evidence.
  await duck.run(`CREATE TABLE IF NOT EXISTS identity.event (
    customer_id INTEGER NOT NULL, kind VARCHAR NOT NULL, other_id INTEGER, reason VARCHAR NOT NULL, evidence JSON, run_id INTEGER NOT NULL)`);
}
