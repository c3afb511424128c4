// The ODS at a glance: how many customers, households and source records, rejects, and product holdings.
import type { OdsSession } from './driver.ts';
import type { OdsStats } from './rows.ts';

const counts = `
select
  (select count(*) from customer) as customers,
  (select count(*) from household) as households,
  (select count(*) from customer_source) as source_records,
  (select coalesce(sum(s.rejected), 0) from run_source s join run r using (run_id) where r.status = 'succeeded') as rejects`;

// Customers with none active are counted too (the left join), as product count 0.
const productsPerCustomer = `
select products, count(*) as customers from (
  select c.customer_id, count(distinct a.product_line) as products
  from customer c left join account a on a.customer_id = c.customer_id and a.status = 'active'
  group by c.customer_id
) held
group by products
order by products`;

export async function stats(session: OdsSession): Promise<OdsStats> {
  const [[totals], histogram] = await Promise.all([
    session.query<{ customers: number; households: number; source_records: number; rejects: number }>(counts),
    session.query<{ products: number; customers: number }>(productsPerCustomer),
  ]);
  const perCustomer: Record<string, number> = { '0': 0 };
  let multiProductCustomers = 0;
  for (const { products, customers } of histogram) {
    perCustomer[String(products)] = customers;
    if (products >= 2) multiProductCustomers += customers;
  }
  return {
    customers: totals!.customers,
    households: totals!.households,
    sourceRecords: totals!.source_records,
    rejects: totals!.rejects,
    productsPerCustomer: perCustomer,
    multiProductCustomers,
  };
}
