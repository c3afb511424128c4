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
  await duck.run(`INSERT INTO identity.id_counter SELECT * FROM (VALUES ('customer', ${firstCustomerId - 1}), ('household', ${firstHouseholdId - 1})) v(kind, last_id)
    WHERE NOT EXISTS (SELECT 1 FROM identity.id_counter)`);
}
