// Merged customer ids: record where each went, and move whatever a merged id still holds to its survivor,
// so removing the merged customer never strands a source record, an account or a contact.
import type { OdsSession } from './driver.ts';
import type { LoadCounts, RedirectRow } from './rows.ts';
import { touchedTable } from './upsert.ts';

/** Longest chain of merges followed; a longer one is a cycle. */
export const maxRedirectDepth = 32;

// The first customer along the id's chain of merges that still exists (the id itself, if it does).
const surviving = `
with recursive chain (id, depth) as (
  select $1::bigint, 0
  union all
  select r.to_id, chain.depth + 1 from customer_redirect r join chain on r.from_id = chain.id
  where chain.depth < ${maxRedirectDepth} and not exists (select 1 from customer c where c.customer_id = chain.id)
)
select c.customer_id from chain join customer c on c.customer_id = chain.id order by chain.depth limit 1`;

/** The customer an id stands for now, following merges; null when there is none. */
export async function survivingCustomerId(session: OdsSession, id: number): Promise<number | null> {
  if (!Number.isSafeInteger(id)) return null;
  const [found] = await session.query<{ customer_id: number }>(surviving, [id]);
  return found?.customer_id ?? null;
}

const upsertRedirects = `
with changed as (
  insert into customer_redirect (from_id, to_id, run_id, reason)
  select * from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[])
  on conflict (from_id) do update set to_id = excluded.to_id, run_id = excluded.run_id, reason = excluded.reason
  where (customer_redirect.to_id, customer_redirect.reason) is distinct from (excluded.to_id, excluded.reason)
  returning (xmax = 0) as inserted
)
select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated from changed`;

// Each merged id's survivor: the first customer along its chain that exists and is not being removed.
const survivors = `
create temp table ods_survivor on commit drop as
with recursive chain (from_id, id, depth) as (
  select from_id, to_id, 1 from customer_redirect where from_id = any($1::bigint[])
  union all
  select chain.from_id, r.to_id, chain.depth + 1
  from chain join customer_redirect r on r.from_id = chain.id
  where chain.depth < ${maxRedirectDepth}
    and not exists (select 1 from customer c where c.customer_id = chain.id and c.customer_id <> all($2::bigint[]))
)
select distinct on (from_id) from_id, id as to_id from chain
where id <> all($2::bigint[]) and exists (select 1 from customer c where c.customer_id = chain.id)
order by from_id, depth`;

const heldByCustomer = [
  { table: 'customer_source', stamp: 'loaded_run' },
  { table: 'account', stamp: 'updated_run' },
  { table: 'contact', stamp: 'loaded_run' },
] as const;

export async function applyRedirects(
  session: OdsSession,
  redirects: RedirectRow[],
  removing: number[],
  runId: number,
  counts: LoadCounts,
): Promise<void> {
  if (redirects.length === 0) return;
  for (const r of redirects) {
    if (r.from_id === r.to_id) throw new Error(`redirect: customer ${r.from_id} cannot be merged into itself`);
  }
  const [redirected] = await session.query<{ inserted: number; updated: number }>(upsertRedirects, [
    redirects.map((r) => r.from_id),
    redirects.map((r) => r.to_id),
    redirects.map((r) => r.run_id),
    redirects.map((r) => r.reason),
  ]);
  counts.customer_redirect!.inserted += redirected!.inserted;
  counts.customer_redirect!.updated += redirected!.updated;

  await session.query(survivors, [redirects.map((r) => r.from_id), removing]);
  for (const { table, stamp } of heldByCustomer) {
    const [moved] = await session.query<{ n: number }>(
      `with moved as (
        update ${table} t set customer_id = s.to_id, ${stamp} = $1 from pg_temp.ods_survivor s
        where t.customer_id = s.from_id returning s.from_id, s.to_id
      ), touched as (
        insert into pg_temp.${touchedTable} (customer_id) select from_id from moved union all select to_id from moved
      )
      select count(*) as n from moved`,
      [runId],
    );
    counts[table]!.updated += moved!.n;
  }
}
