// The warehouse (schema `dw`): time-variant and non-volatile. Dimensions keep every version (type 2: valid_from,
// valid_to, is_current, the run that made it and the run that closed it); facts are only ever appended, each row carrying its run.
import type { Duck } from '../duckdb/index.ts';

export const openEnded = "TIMESTAMP '9999-12-31 00:00:00'";

const tables = [
  `CREATE TABLE IF NOT EXISTS dw.dim_date (date_key INTEGER NOT NULL, date DATE NOT NULL, year INTEGER, quarter INTEGER, month INTEGER,
     month_name VARCHAR, day INTEGER, day_of_week INTEGER, day_name VARCHAR, is_weekend BOOLEAN)`,
  `CREATE SEQUENCE IF NOT EXISTS dw.customer_sk`,
  `CREATE TABLE IF NOT EXISTS dw.dim_customer (customer_sk INTEGER NOT NULL, customer_id INTEGER NOT NULL,
     given_name VARCHAR, middle_name VARCHAR, family_name VARCHAR, name_suffix VARCHAR, birth_date DATE,
     address_line VARCHAR, city VARCHAR, region VARCHAR, postcode VARCHAR, household_id INTEGER,
     email VARCHAR, phone VARCHAR, valid_from TIMESTAMP NOT NULL, valid_to TIMESTAMP NOT NULL, is_current BOOLEAN NOT NULL, run_id INTEGER NOT NULL,
     closed_run INTEGER)`,
  `CREATE SEQUENCE IF NOT EXISTS dw.account_sk`,
  `CREATE TABLE IF NOT EXISTS dw.dim_account (account_sk INTEGER NOT NULL, source VARCHAR NOT NULL, account_key VARCHAR NOT NULL,
     customer_id INTEGER NOT NULL, product_line VARCHAR, product VARCHAR, status VARCHAR, opened_on DATE, closed_on DATE,
     monthly_amount DECIMAL(14, 2), valid_from TIMESTAMP NOT NULL, valid_to TIMESTAMP NOT NULL, is_current BOOLEAN NOT NULL, run_id INTEGER NOT NULL,
     closed_run INTEGER)`,
  `CREATE SEQUENCE IF NOT EXISTS dw.household_sk`,
  `CREATE TABLE IF NOT EXISTS dw.dim_household (household_sk INTEGER NOT NULL, household_id INTEGER NOT NULL, address_line VARCHAR, city VARCHAR,
     region VARCHAR, postcode VARCHAR, member_count INTEGER, valid_from TIMESTAMP NOT NULL, valid_to TIMESTAMP NOT NULL, is_current BOOLEAN NOT NULL,
     run_id INTEGER NOT NULL, closed_run INTEGER)`,
  // Conformed dimensions every mart and source shares: each value once, from the run that first saw it.
  `CREATE TABLE IF NOT EXISTS dw.dim_channel (channel VARCHAR NOT NULL, run_id INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS dw.dim_geography (region VARCHAR, city VARCHAR, postcode VARCHAR, run_id INTEGER NOT NULL)`,
  `CREATE SEQUENCE IF NOT EXISTS dw.product_sk`,
  `CREATE TABLE IF NOT EXISTS dw.dim_product (product_sk INTEGER NOT NULL, product_line VARCHAR NOT NULL, product VARCHAR, run_id INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS dw.fact_invoice (run_id INTEGER NOT NULL, source VARCHAR NOT NULL, source_key VARCHAR NOT NULL,
     account_source VARCHAR NOT NULL, account_key VARCHAR NOT NULL, customer_id INTEGER, date_key INTEGER NOT NULL, amount DECIMAL(14, 2) NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS dw.fact_payment (run_id INTEGER NOT NULL, source VARCHAR NOT NULL, source_key VARCHAR NOT NULL,
     account_source VARCHAR NOT NULL, account_key VARCHAR NOT NULL, customer_id INTEGER, date_key INTEGER NOT NULL, amount DECIMAL(14, 2) NOT NULL)`,
  // A contact logged on the front line names a customer and no account.
  `CREATE TABLE IF NOT EXISTS dw.fact_contact (run_id INTEGER NOT NULL, source VARCHAR NOT NULL, source_key VARCHAR NOT NULL,
     account_source VARCHAR, account_key VARCHAR, customer_id INTEGER, date_key INTEGER NOT NULL, contacted_at TIMESTAMP NOT NULL,
     channel VARCHAR, reason VARCHAR, outcome VARCHAR, is_complaint BOOLEAN, notes VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS dw.fact_event (run_id INTEGER NOT NULL, source VARCHAR NOT NULL, source_key VARCHAR NOT NULL,
     customer_id INTEGER, date_key INTEGER NOT NULL, occurred_at TIMESTAMP NOT NULL, cookie VARCHAR, event_type VARCHAR, page VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS dw.fact_survey (run_id INTEGER NOT NULL, source VARCHAR NOT NULL, source_key VARCHAR NOT NULL,
     account_source VARCHAR NOT NULL, account_key VARCHAR NOT NULL, customer_id INTEGER, date_key INTEGER NOT NULL, score DECIMAL(14, 2) NOT NULL, comment VARCHAR)`,
  // Where a merged-away customer went, by the run that merged them: facts that name a customer follow it.
  `CREATE TABLE IF NOT EXISTS dw.customer_merge (from_id INTEGER NOT NULL, to_id INTEGER NOT NULL, run_id INTEGER NOT NULL)`,
  // Which customer a web cookie belongs to, learnt from events that carried a known e-mail.
  `CREATE TABLE IF NOT EXISTS dw.cookie_customer (cookie VARCHAR NOT NULL, customer_id INTEGER NOT NULL, run_id INTEGER NOT NULL)`,
];

export async function ensureWarehouse(duck: Duck): Promise<void> {
  await duck.run('CREATE SCHEMA IF NOT EXISTS dw');
  for (const sql of tables) await duck.run(sql);
  // The run that closed a version: warehouses from before it was kept gain the column (their closings stay unknown).
  for (const dim of ['dw.dim_customer', 'dw.dim_account']) await duck.run(`ALTER TABLE ${dim} ADD COLUMN IF NOT EXISTS closed_run INTEGER`);
  // Front-line contacts have no account: warehouses from before they were taken lose the constraint.
  for (const column of ['account_source', 'account_key']) await duck.run(`ALTER TABLE dw.fact_contact ALTER COLUMN ${column} DROP NOT NULL`);
  const dates = await duck.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM dw.dim_date');
  if (!dates?.n) {
    await duck.run(`INSERT INTO dw.dim_date
      SELECT strftime(d, '%Y%m%d')::INTEGER, d::DATE, year(d), quarter(d), month(d), monthname(d), day(d), isodow(d), dayname(d), isodow(d) >= 6
      FROM range(DATE '1990-01-01', DATE '2041-01-01', INTERVAL 1 DAY) t(d)`);
  }
}
