// The transactional interface (TrI): the front line's writes to the ODS. Each is one transaction that checks the
// customer's row version, changes the ODS (so the next read shows it), records who changed what in the audit trail,
// and puts one outbound change in the outbox for every operational system holding a record of the customer.
import type { OdsDriver, OdsSession } from './driver.ts';
import { type DetailField, type DetailsChange, detailFields, frontLineSource } from './front-line-fields.ts';
import { reapplyPendingChanges } from './front-line-runs.ts';
import type { CustomerRow, Valued } from './rows.ts';
import { rebuildSearchTerms } from './search-terms.ts';
import { OdsInputError } from './stewardship.ts';
import { createTouchedTable } from './upsert.ts';

/** The version named by a write is no longer the customer's: someone changed it since it was read. */
export class OdsConflictError extends Error {
  override name = 'OdsConflictError';
}

/** Nothing to change: no such customer. */
export class OdsNotFoundError extends Error {
  override name = 'OdsNotFoundError';
}

export { type DetailField, type DetailsChange, detailFields, frontLineSource } from './front-line-fields.ts';

/** Who writes, and through which channel: the audit trail's who. */
export interface Actor {
  name: string;
  role: string;
  channel: 'workspace' | 'portal' | 'api';
}


export interface Preferences {
  do_not_contact: boolean;
  marketing: Record<string, boolean>;
  preferred_channel: string | null;
  language: string | null;
}

export interface ContactEntry {
  channel: string;
  reason: string;
  outcome: string | null;
  notes: string | null;
  is_complaint: boolean;
}

export interface ChangeRow {
  change_id: number;
  customer_id: number;
  kind: 'details' | 'preferences' | 'contact' | 'response';
  version: number | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  changed_by: string;
  role: string;
  channel: string;
  changed_at: string;
  applied_run: number | null;
}

/** Where outbound changes go: the sources with an endpoint (null: every source holding a record). */
export type OutboundSources = string[] | null;


const maxAudit = 200;

const defaultPreferences: Preferences = { do_not_contact: false, marketing: {}, preferred_channel: null, language: null };

function primary(list: Valued[]): string | null {
  return list[0]?.value ?? null;
}

async function lockCustomer(session: OdsSession, customerId: number): Promise<CustomerRow> {
  const [row] = await session.query<CustomerRow>('select * from customer where customer_id = $1 for update', [customerId]);
  if (!row) throw new OdsNotFoundError(`no customer ${customerId}`);
  return row;
}

async function insertChange(session: OdsSession, customerId: number, kind: ChangeRow['kind'], version: number | null,
  before: object, after: object, actor: Actor): Promise<ChangeRow> {
  if (!actor.name) throw new OdsInputError('changed_by: who makes the change is required');
  const [row] = await session.query<ChangeRow>(
    `insert into customer_change (customer_id, kind, version, before, after, changed_by, role, channel)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning *`,
    [customerId, kind, version, JSON.stringify(before), JSON.stringify(after), actor.name, actor.role, actor.channel],
  );
  return row!;
}

/** One outbound change for every operational system that holds a record of the customer (and has an endpoint). */
async function enqueueOutbound(session: OdsSession, change: ChangeRow, payload: object, sources: OutboundSources): Promise<number> {
  const rows = await session.query<{ n: number }>(
    `with sent as (
       insert into outbox (change_id, customer_id, source, source_key, payload)
       select $1, customer_id, source, source_key, $3 from customer_source
       where customer_id = $2 and ($4::text[] is null or source = any($4::text[]))
       order by source, source_key
       returning 1)
     select count(*)::integer as n from sent`,
    [change.change_id, change.customer_id, JSON.stringify(payload), sources],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Changes a customer's details, provided `version` is still the customer's: otherwise an OdsConflictError and
 * nothing written. Fields equal to what the customer has are left out of the change; a change of nothing is
 * refused. Returns the new golden record, the audit row and how many outbound changes were queued.
 */
export async function updateCustomerDetails(driver: OdsDriver, input: { customerId: number; version: number; change: DetailsChange; actor: Actor;
  outbound: OutboundSources }): Promise<{ customer: CustomerRow; change: ChangeRow; outbound: number }> {
  return driver.transaction(async (session) => {
    const current = await lockCustomer(session, input.customerId);
    if (current.version !== input.version) {
      throw new OdsConflictError(`customer ${input.customerId} was changed since version ${input.version} was read (it is now version ${current.version}): read it again`);
    }
    const before: DetailsChange = {};
    const after: DetailsChange = {};
    const now: Record<DetailField, string | null> = {
      given_name: current.given_name, middle_name: current.middle_name, family_name: current.family_name, address_line: current.address_line,
      city: current.city, region: current.region, postcode: current.postcode, email: primary(current.emails), phone: primary(current.phones),
    };
    for (const field of detailFields) {
      if (!(field in input.change) || input.change[field] === undefined) continue;
      const value = input.change[field] ?? null;
      if (value === now[field]) continue;
      if (value === null && !['middle_name', 'region'].includes(field)) throw new OdsInputError(`${field}: cannot be removed, only changed`);
      before[field] = now[field];
      after[field] = value;
    }
    if (Object.keys(after).length === 0) throw new OdsInputError('body: no field differs from the customer as it is: nothing to change');
    // The change goes into the audit trail first, then the customer row takes every change of theirs still
    // waiting for a run: the same rule a load applies after it writes, so the two cannot disagree.
    const change = await insertChange(session, input.customerId, 'details', current.version + 1, before, after, input.actor);
    await createTouchedTable(session);
    if ((await reapplyPendingChanges(session, input.customerId)) !== 1) throw new Error(`customer ${input.customerId}: the change did not apply`);
    const [customer] = await session.query<CustomerRow>('select * from customer where customer_id = $1', [input.customerId]);
    const outbound = await enqueueOutbound(session, change, { kind: 'details', changed: after, before }, input.outbound);
    await rebuildSearchTerms(session);
    return { customer: customer!, change, outbound };
  });
}

export async function getPreferences(session: OdsSession, customerId: number): Promise<Preferences> {
  const [row] = await session.query<Preferences>(
    'select do_not_contact, marketing, preferred_channel, language from customer_preference where customer_id = $1', [customerId]);
  return row ?? { ...defaultPreferences };
}

/** Changes preferences and consent (the fields given; the rest stay), audited and sent to the operational systems. */
export async function updatePreferences(driver: OdsDriver, input: { customerId: number; change: Partial<Preferences>; actor: Actor;
  outbound: OutboundSources }): Promise<{ preferences: Preferences; change: ChangeRow; outbound: number }> {
  return driver.transaction(async (session) => {
    await lockCustomer(session, input.customerId);
    const current = await getPreferences(session, input.customerId);
    const next: Preferences = {
      ...current,
      ...Object.fromEntries(Object.entries(input.change).filter(([, v]) => v !== undefined)),
      marketing: { ...current.marketing, ...(input.change.marketing ?? {}) },
    };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const key of Object.keys(next) as (keyof Preferences)[]) {
      if (JSON.stringify(next[key]) !== JSON.stringify(current[key])) {
        before[key] = current[key];
        after[key] = next[key];
      }
    }
    if (Object.keys(after).length === 0) throw new OdsInputError('body: no preference differs from what the customer has: nothing to change');
    await session.query(
      `insert into customer_preference (customer_id, do_not_contact, marketing, preferred_channel, language, updated_at)
       values ($1, $2, $3, $4, $5, now())
       on conflict (customer_id) do update set do_not_contact = excluded.do_not_contact, marketing = excluded.marketing,
         preferred_channel = excluded.preferred_channel, language = excluded.language, updated_at = now()`,
      [input.customerId, next.do_not_contact, JSON.stringify(next.marketing), next.preferred_channel, next.language],
    );
    const change = await insertChange(session, input.customerId, 'preferences', null, before, after, input.actor);
    const outbound = await enqueueOutbound(session, change, { kind: 'preferences', changed: after, before }, input.outbound);
    return { preferences: next, change, outbound };
  });
}

/**
 * Logs a contact with the customer (or, kind 'response', a response to a campaign offer) in the contact history,
 * audited. Contacts are the factory's own: nothing goes back to the operational systems.
 */
export async function logContact(driver: OdsDriver, input: { customerId: number; contact: ContactEntry; kind?: 'contact' | 'response';
  actor: Actor }): Promise<{ change: ChangeRow; contactKey: string }> {
  return driver.transaction(async (session) => {
    await lockCustomer(session, input.customerId);
    const change = await insertChange(session, input.customerId, input.kind ?? 'contact', null, {}, input.contact, input.actor);
    const contactKey = `FL-${change.change_id}`;
    await session.query(
      `insert into contact (source, contact_key, customer_id, channel, contacted_at, reason, outcome, is_complaint, notes, loaded_run)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0)`,
      [frontLineSource, contactKey, input.customerId, input.contact.channel, change.changed_at, input.contact.reason, input.contact.outcome,
        input.contact.is_complaint, input.contact.notes],
    );
    return { change, contactKey };
  });
}

/** A customer's audit trail, newest first. */
export async function listChanges(session: OdsSession, customerId: number, limit = maxAudit): Promise<ChangeRow[]> {
  return session.query<ChangeRow>('select * from customer_change where customer_id = $1 order by change_id desc limit $2',
    [customerId, Math.min(Math.max(Math.trunc(limit), 1), maxAudit)]);
}

/**
 * Before a load removes customers merged into others: their front-line contacts and preferences go with them to
 * the customer they were merged into (the contacts' foreign key would otherwise refuse the whole load). The audit
 * trail keeps the id it was written under; reads of that id follow the redirect.
 */
export async function carryFrontLineOver(session: OdsSession, removed: number[]): Promise<void> {
  await session.query(
    `update contact c set customer_id = r.to_id from customer_redirect r
     where c.source = '${frontLineSource}' and c.customer_id = any($1::bigint[]) and r.from_id = c.customer_id`, [removed]);
  await session.query(
    `insert into customer_preference (customer_id, do_not_contact, marketing, preferred_channel, language, updated_at)
     select r.to_id, p.do_not_contact, p.marketing, p.preferred_channel, p.language, p.updated_at
     from customer_preference p join customer_redirect r on r.from_id = p.customer_id where p.customer_id = any($1::bigint[])
     on conflict (customer_id) do nothing`, [removed]);
  await session.query('delete from customer_preference where customer_id = any($1::bigint[])', [removed]);
}
