// A customer as the warehouse knew them on a day: the version of the golden record, and of each of their accounts,
// current at that day's end. Versions are kept by when the warehouse learnt them (the run's time).
import type { Duck } from '../duckdb/index.ts';

export interface CustomerAsOf {
  asOf: string;
  customer: Record<string, unknown> & { customer_id: number; valid_from: string; valid_to: string | null };
  /** The customer's household that day (null when they had none, or the warehouse kept no household then). */
  household: Record<string, unknown> | null;
  accounts: Record<string, unknown>[];
}

const validOn = (alias: string) => `${alias}.valid_from < $2::TIMESTAMP AND ${alias}.valid_to >= $2::TIMESTAMP`;
const openEndedYear = 9999;

/** The customer's version at the end of `day` (YYYY-MM-DD), with the accounts they held then; null when the warehouse did not know them. */
export async function customerAsOf(duck: Duck, customerId: number, day: string): Promise<CustomerAsOf | null> {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const params = [customerId, next.toISOString().slice(0, 19).replace('T', ' ')];
  const [customer] = await duck.all<CustomerAsOf['customer']>(`SELECT customer_id, given_name, middle_name, family_name, name_suffix,
      strftime(birth_date, '%Y-%m-%d') AS birth_date, address_line, city, region, postcode, household_id, email, phone,
      strftime(valid_from, '%Y-%m-%dT%H:%M:%SZ') AS valid_from,
      CASE WHEN year(valid_to) = ${openEndedYear} THEN NULL ELSE strftime(valid_to, '%Y-%m-%dT%H:%M:%SZ') END AS valid_to, run_id
    FROM dw.dim_customer c WHERE c.customer_id = $1 AND ${validOn('c')}`, params);
  if (!customer) return null;
  const accounts = await duck.all(`SELECT source, account_key, product_line, product, status, strftime(opened_on, '%Y-%m-%d') AS opened_on,
      strftime(closed_on, '%Y-%m-%d') AS closed_on, monthly_amount::DOUBLE AS monthly_amount
    FROM dw.dim_account a WHERE a.customer_id = $1 AND ${validOn('a')} ORDER BY product_line, source, account_key`, params);
  const [household] = await duck.all(`SELECT household_id, address_line, city, region, postcode, member_count
    FROM dw.dim_household h WHERE h.household_id = $1 AND ${validOn('h')}`, [customer.household_id as number | null, params[1]!]);
  return { asOf: day, customer, household: household ?? null, accounts };
}
