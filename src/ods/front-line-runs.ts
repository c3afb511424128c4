// The front line's changes and the runs. A run takes the details changes no run has taken yet into identity, so
// the golden record (and the warehouse's history) keeps them. The load that delivers the run marks them taken,
// then applies again any change still waiting: one made while the run was under way, which the run's golden
// records do not know yet and would otherwise undo until the next run.
import type { OdsSession } from './driver.ts';
import { addressFields, type DetailsChange, detailFields, frontLineSource } from './front-line-fields.ts';
import type { ContactRow } from './rows.ts';
import { OdsInputError } from './stewardship.ts';
import { touchedTable } from './upsert.ts';

/** A details change no run has taken: the fields it set, as the audit trail has them. */
export interface PendingDetailsChange {
  change_id: number;
  customer_id: number;
  changed_at: string;
  after: DetailsChange;
}

/** A contact the front line logged that no run has taken into the warehouse yet, under the customer it is now with. */
export type PendingContact = Omit<ContactRow, 'source' | 'loaded_run'> & { change_id: number };

/** A change and the run that took it. */
export interface TakenChange {
  changeId: number;
  runId: number;
}

export const maxPendingPage = 10_000;

/** Details changes waiting for a run, after `afterChangeId`, oldest first: a page at a time, however many wait. */
export async function pendingDetailsChanges(session: OdsSession, afterChangeId = 0, limit = maxPendingPage): Promise<PendingDetailsChange[]> {
  if (!Number.isSafeInteger(afterChangeId)) throw new OdsInputError(`afterChangeId: must be an integer, got ${afterChangeId}`);
  return session.query<PendingDetailsChange>(
    `select change_id, customer_id, changed_at, after from customer_change
     where kind = 'details' and applied_run is null and change_id > $1 order by change_id limit $2`,
    [afterChangeId, Math.min(Math.max(Math.trunc(limit), 1), maxPendingPage)],
  );
}

/** Contacts (and responses) logged by the front line waiting for a run, after `afterChangeId`, oldest first, a page at a time. */
export async function pendingContacts(session: OdsSession, afterChangeId = 0, limit = maxPendingPage): Promise<PendingContact[]> {
  if (!Number.isSafeInteger(afterChangeId)) throw new OdsInputError(`afterChangeId: must be an integer, got ${afterChangeId}`);
  return session.query<PendingContact>(
    `select c.change_id, k.contact_key, k.customer_id, k.channel, k.contacted_at, k.reason, k.outcome, k.is_complaint, k.notes
     from customer_change c join contact k on k.source = '${frontLineSource}' and k.contact_key = 'FL-' || c.change_id
     where c.kind in ('contact', 'response') and c.applied_run is null and c.change_id > $1 order by c.change_id limit $2`,
    [afterChangeId, Math.min(Math.max(Math.trunc(limit), 1), maxPendingPage)],
  );
}

/** Marks changes as taken by their runs; a change already marked keeps its run. */
export async function markChangesTaken(session: OdsSession, taken: TakenChange[]): Promise<number> {
  if (taken.some((t) => !Number.isSafeInteger(t.changeId) || !Number.isSafeInteger(t.runId))) throw new OdsInputError('frontLineTaken: change and run ids are integers');
  if (taken.length === 0) return 0;
  const [marked] = await session.query<{ n: number }>(
    `with marked as (
       update customer_change c set applied_run = t.run_id from unnest($1::bigint[], $2::bigint[]) as t(change_id, run_id)
       where c.change_id = t.change_id and c.applied_run is null returning 1)
     select count(*) as n from marked`,
    [taken.map((t) => t.changeId), taken.map((t) => t.runId)],
  );
  return marked!.n;
}

const nameFields = ['given_name', 'middle_name', 'family_name'];
const columnFields = detailFields.filter((f) => f !== 'email' && f !== 'phone');

/** The value first, from the front line; the customer's other values behind it. */
const firstOf = (list: string, field: string) =>
  `case when p.has_${field} then jsonb_build_array(jsonb_build_object('value', p.${field}, 'source', '${frontLineSource}'))
     || coalesce((select jsonb_agg(e) from jsonb_array_elements(c.${list}) e where e->>'value' <> p.${field}), '[]'::jsonb)
   else c.${list} end`;

/**
 * The latest value of every field that changes still waiting for a run set, written over the customer row: after
 * a load, over what it just wrote; after a front-line write, that write too (of one customer). Returns how many
 * customers it changed (their version moves on; they go into the touched table, for their search terms).
 */
export async function reapplyPendingChanges(session: OdsSession, customerId?: number): Promise<number> {
  const latest = detailFields.map((f) => `bool_or(field = '${f}') as has_${f}, max(value) filter (where field = '${f}') as ${f}`).join(',\n      ');
  const set = (field: string) => `case when p.has_${field} then p.${field} else c.${field} end`;
  const any = (fields: string[]) => fields.map((f) => `p.has_${f}`).join(' or ');
  const [row] = await session.query<{ n: number }>(
    `with latest as (
       select distinct on (customer_id, field) customer_id, field, value
       from (select customer_id, change_id, e.key as field, e.value #>> '{}' as value
             from customer_change, jsonb_each(after) e
             where kind = 'details' and applied_run is null${customerId === undefined ? '' : ' and customer_id = $1'}) v
       order by customer_id, field, change_id desc),
     p as (select customer_id,
      ${latest}
       from latest group by customer_id),
     next as (
       select c.customer_id, ${columnFields.map((f) => `${set(f)} as ${f}`).join(', ')},
         case when ${any(nameFields)} then '${frontLineSource}' else c.name_source end as name_source,
         case when ${any(addressFields)} then '${frontLineSource}' else c.address_source end as address_source,
         ${firstOf('emails', 'email')} as emails, ${firstOf('phones', 'phone')} as phones
       from customer c join p using (customer_id)),
     changed as (
       update customer c set ${[...columnFields, 'name_source', 'address_source', 'emails', 'phones'].map((f) => `${f} = n.${f}`).join(', ')},
         version = c.version + 1
       from next n where c.customer_id = n.customer_id
         and (${[...columnFields, 'name_source', 'address_source', 'emails', 'phones'].map((f) => `c.${f}`).join(', ')})
           is distinct from (${[...columnFields, 'name_source', 'address_source', 'emails', 'phones'].map((f) => `n.${f}`).join(', ')})
       returning c.customer_id),
     touched as (insert into pg_temp.${touchedTable} (customer_id) select customer_id from changed)
     select count(*) as n from changed`,
    customerId === undefined ? [] : [customerId],
  );
  return row!.n;
}
