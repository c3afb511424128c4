// Households are kept apart from persons: customers whose golden address is the same standardised address live
// in one household. A household id stays with its address; a customer without an address is a household alone.
import type { Duck } from '../duckdb/index.ts';

export async function assignHouseholds(duck: Duck, runId: number): Promise<void> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_home AS
    SELECT customer_id, coalesce(address_line || '|' || postcode, 'alone:' || customer_id) AS address_key,
      address_line, city, region, postcode FROM identity.customer`);
  const last = await duck.one<{ last_id: number }>(`SELECT last_id FROM identity.id_counter WHERE kind = 'household'`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_household_next AS
    WITH homes AS (
      SELECT address_key, first(address_line ORDER BY customer_id) AS address_line, first(city ORDER BY customer_id) AS city,
        first(region ORDER BY customer_id) AS region, first(postcode ORDER BY customer_id) AS postcode, count(*)::INTEGER AS member_count
      FROM id_home GROUP BY address_key)
    SELECT coalesce(h.household_id, ($1 + row_number() OVER (PARTITION BY h.household_id IS NULL ORDER BY n.address_key))::INTEGER) AS household_id,
      n.address_key, n.address_line, n.city, n.region, n.postcode, n.member_count
    FROM homes n LEFT JOIN identity.household h USING (address_key)`, [last?.last_id ?? 0]);
  await duck.run(`UPDATE identity.id_counter SET last_id = greatest(last_id, (SELECT coalesce(max(household_id), 0) FROM id_household_next)) WHERE kind = 'household'`);

  await duck.run(`INSERT INTO identity.household_removed
    SELECT household_id, $1 FROM identity.household WHERE household_id NOT IN (SELECT household_id FROM id_household_next)`, [runId]);
  const cols = ['address_key', 'address_line', 'city', 'region', 'postcode', 'member_count'];
  await duck.run(`DELETE FROM identity.household WHERE household_id NOT IN (
    SELECT h.household_id FROM identity.household h JOIN id_household_next n ON n.household_id = h.household_id
      AND (${cols.map((c) => `h.${c}`).join(', ')}) IS NOT DISTINCT FROM (${cols.map((c) => `n.${c}`).join(', ')}))`);
  await duck.run(`INSERT INTO identity.household
    SELECT n.*, $1 FROM id_household_next n ANTI JOIN identity.household h USING (household_id)`, [runId]);
  // A customer whose household changed is changed too.
  await duck.run(`UPDATE identity.customer c SET household_id = m.household_id, run_id = $1
    FROM (SELECT h.customer_id, n.household_id FROM id_home h JOIN id_household_next n USING (address_key)) m
    WHERE m.customer_id = c.customer_id AND c.household_id IS DISTINCT FROM m.household_id`, [runId]);
}
