// The oper mart: tactical figures for whoever runs the front line today, computed from the ODS as it is now (no
// warehouse, no marts): today's contacts by channel, the complaints still open by how long, and the address changes
// the operational systems or the warehouse have not received yet. Each statement is set-based over an index.
import type { OdsSession } from './driver.ts';
import { addressFields } from './front-line-fields.ts';
import { isOpenComplaint } from './open-complaints.ts';
import { OdsInputError } from './stewardship.ts';

/** How long complaints have been open, in whole days (as a customer's complaintOpenDays counts them). */
export const ageBands = [
  { band: '<1 day', toDays: 0 },
  { band: '1-7 days', toDays: 7 },
  { band: '8-30 days', toDays: 30 },
  { band: '>30 days', toDays: null },
] as const;
export type AgeBand = (typeof ageBands)[number]['band'];

export interface OperFigures {
  /** When the figures were computed, by the ODS's clock: they are the ODS as it was then. */
  computedAt: string;
  /** The time zone "today" is a day of (an IANA name). */
  timeZone: string;
  /** Contacts logged today (from midnight to midnight in timeZone), from every system and the front line. */
  today: {
    day: string;
    from: string;
    to: string;
    contacts: number;
    complaints: number;
    /** Most contacts first; a contact without a channel counts under null. */
    byChannel: { channel: string | null; contacts: number; complaints: number }[];
  };
  /** Complaints still open (see resolvingOutcomes), by whole days since the complaint. */
  openComplaints: { total: number; oldestDays: number | null; byAge: { band: AgeBand; complaints: number }[] };
  /**
   * Address changes (a details change setting any address field, from the workspace, the portal or the API) that have
   * not reached everywhere: deliveries to operational systems still in the outbox (pending, or dead: parked until
   * replayed), or not yet taken by a run into identity and the warehouse.
   */
  pendingAddressChanges: {
    changes: number;
    customers: number;
    /** When the oldest of them was made. */
    oldestAt: string | null;
    /** Changes with a delivery still in the outbox, and those deliveries by status (one per system). */
    outbox: { changes: number; pending: number; dead: number };
    waitingForRun: number;
  };
}

const clock = `
select statement_timestamp() as computed_at,
  to_char(statement_timestamp() at time zone $1, 'YYYY-MM-DD') as day,
  date_trunc('day', statement_timestamp() at time zone $1) at time zone $1 as day_from,
  (date_trunc('day', statement_timestamp() at time zone $1) + interval '1 day') at time zone $1 as day_to`;

// By the index on contacted_at: only today's contacts are read.
const todaysContacts = `
select channel, count(*) as contacts, count(*) filter (where is_complaint) as complaints
from contact where contacted_at >= $1 and contacted_at < $2
group by channel order by contacts desc, channel nulls last`;

// A band by the complaint's time against the clock (whole days of 24 hours), not by its age computed row by row.
const hoursBefore = (days: number) => `$1::timestamptz - interval '${days * 24} hours'`;
const bandColumns = ageBands.map(({ toDays }, i) => {
  const fromDays = i === 0 ? 0 : ageBands[i - 1]!.toDays! + 1;
  const bounds = [fromDays > 0 ? `c.contacted_at <= ${hoursBefore(fromDays)}` : '', toDays === null ? '' : `c.contacted_at > ${hoursBefore(toDays + 1)}`];
  return `count(*) filter (where ${bounds.filter(Boolean).join(' and ')}) as band${i}`;
});

// From the two partial indexes the rule is written over, read alone (no table rows).
const openComplaints = `
select count(*) as total,
  case when count(*) > 0 then greatest(0, floor(extract(epoch from $1::timestamptz - min(c.contacted_at)) / 86400))::integer end as oldest_days,
  ${bandColumns.join(',\n  ')}
from contact c where ${isOpenComplaint}`;

// Only what waits is read: undelivered outbox rows by the status index, changes no run took by their partial index.
const pendingAddressChanges = `
with outbox_waiting as (
  select change_id, count(*) filter (where status = 'pending') as pending, count(*) filter (where status = 'dead') as dead
  from outbox where status in ('pending', 'dead') group by change_id),
waiting as (
  select change_id from outbox_waiting
  union select change_id from customer_change where kind = 'details' and applied_run is null),
address_change as (
  select ch.change_id, ch.customer_id, ch.changed_at, ch.applied_run is null as waiting_for_run, w.pending, w.dead
  from waiting join customer_change ch using (change_id) left join outbox_waiting w using (change_id)
  where ch.kind = 'details' and ch.after ?| $1::text[])
select count(*) as changes, count(distinct customer_id) as customers, min(changed_at) as oldest_at,
  count(*) filter (where pending + dead > 0) as outbox_changes,
  coalesce(sum(pending), 0) as pending, coalesce(sum(dead), 0) as dead,
  count(*) filter (where waiting_for_run) as waiting_for_run
from address_change`;

interface Clock { computed_at: string; day: string; day_from: string; day_to: string }

async function clockIn(session: OdsSession, timeZone: string): Promise<Clock> {
  try {
    return (await session.query<Clock>(clock, [timeZone]))[0]!;
  } catch (error) {
    if (/time zone .* not recognized/.test((error as Error).message)) throw new OdsInputError(`timeZone: "${timeZone}" is not a time zone the ODS knows (an IANA name such as Europe/Paris)`);
    throw error;
  }
}

/** The oper figures now; "today" in `timeZone` (an IANA name; UTC unless given). */
export async function operFigures(session: OdsSession, timeZone = 'UTC'): Promise<OperFigures> {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') throw new OdsInputError('timeZone: an IANA time zone name such as Europe/Paris');
  const now = await clockIn(session, timeZone);
  const [channels, [complaints], [changes]] = await Promise.all([
    session.query<{ channel: string | null; contacts: number; complaints: number }>(todaysContacts, [now.day_from, now.day_to]),
    session.query<Record<string, number | null>>(openComplaints, [now.computed_at]),
    session.query<{ changes: number; customers: number; oldest_at: string | null; outbox_changes: number; pending: number; dead: number; waiting_for_run: number }>(
      pendingAddressChanges, [addressFields]),
  ]);
  return {
    computedAt: now.computed_at,
    timeZone,
    today: {
      day: now.day,
      from: now.day_from,
      to: now.day_to,
      contacts: channels.reduce((n, c) => n + c.contacts, 0),
      complaints: channels.reduce((n, c) => n + c.complaints, 0),
      byChannel: channels,
    },
    openComplaints: {
      total: complaints!.total!,
      oldestDays: complaints!.oldest_days ?? null,
      byAge: ageBands.map(({ band }, i) => ({ band, complaints: complaints![`band${i}`]! })),
    },
    pendingAddressChanges: {
      changes: changes!.changes,
      customers: changes!.customers,
      oldestAt: changes!.oldest_at,
      outbox: { changes: changes!.outbox_changes, pending: changes!.pending, dead: changes!.dead },
      waitingForRun: changes!.waiting_for_run,
    },
  };
}
