// The outbox: front-line changes waiting to be delivered to the operational systems, their attempts, and the
// dead letters an administrator replays. The deliverer (src/outbound/) asks what is due and reports each attempt.
//
// Order rule: per customer and system, only the oldest row not yet delivered may go out. A later change never
// overtakes an earlier one that is still being retried, and a dead row blocks that customer's later changes for
// that system until it is replayed (so a system never applies an old change on top of a newer one).
import type { OdsSession } from './driver.ts';
import { OdsInputError } from './stewardship.ts';

export type OutboxStatus = 'pending' | 'delivered' | 'dead';
export const outboxStatuses: OutboxStatus[] = ['pending', 'delivered', 'dead'];

export interface OutboxRow {
  outbox_id: number;
  change_id: number;
  customer_id: number;
  source: string;
  source_key: string;
  payload: unknown;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export type OutboxCounts = Record<OutboxStatus, number>;

export interface OutboundPage {
  status: OutboxStatus | null;
  /** Rows with that status (all rows without one). */
  total: number;
  counts: OutboxCounts;
  items: OutboxRow[];
}

export const maxOutboundLimit = 500;
const maxErrorLength = 2000;

function validId(id: unknown): number {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new OdsInputError(`id: an outbox row number is a positive integer, not ${JSON.stringify(id)}`);
  return id;
}

function validTime(value: unknown, field: string): string {
  const time = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  if (!time || Number.isNaN(time.getTime())) throw new OdsInputError(`${field}: expected a time, not ${JSON.stringify(value)}`);
  return time.toISOString();
}

function clamp(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(Math.max(Math.trunc(value), min), max);
}

/**
 * Rows due now, oldest first: pending, next_attempt_at come, and the oldest undelivered row of their customer for
 * their system. Rows of `exceptSources` are left out (systems the caller cannot deliver to).
 * Without `now`, the database's clock decides: it wrote next_attempt_at to the microsecond, and a client's clock,
 * to the millisecond, would leave a row written in the same millisecond not yet due.
 */
export async function dueDeliveries(session: OdsSession, limit: number, now?: Date | string, exceptSources: string[] = []): Promise<OutboxRow[]> {
  return session.query<OutboxRow>(
    `select o.* from outbox o
     where o.status = 'pending' and o.next_attempt_at <= coalesce($2::timestamptz, statement_timestamp()) and o.source <> all($3::text[])
       and not exists (select 1 from outbox e where e.customer_id = o.customer_id and e.source = o.source and e.status <> 'delivered' and e.outbox_id < o.outbox_id)
     order by o.outbox_id limit $1`,
    [clamp(limit, 50, 1, maxOutboundLimit), now === undefined ? null : validTime(now, 'now'), exceptSources.map(String)],
  );
}

async function pendingRow(session: OdsSession, id: number, sql: string, params: unknown[]): Promise<OutboxRow> {
  const [row] = await session.query<OutboxRow>(sql, params);
  if (row) return row;
  const [existing] = await session.query<{ status: string }>('select status from outbox where outbox_id = $1', [id]);
  throw new OdsInputError(existing ? `id: outbox row ${id} is ${existing.status}, not pending` : `id: no outbox row ${id}`);
}

/** The system accepted the row. */
export async function markDelivered(session: OdsSession, id: number): Promise<OutboxRow> {
  const outboxId = validId(id);
  return pendingRow(session, outboxId,
    `update outbox set status = 'delivered', attempts = attempts + 1, delivered_at = now(), last_error = null
     where outbox_id = $1 and status = 'pending' returning *`, [outboxId]);
}

/** An attempt failed: counted, with its reason; tried again at nextAttemptAt, or parked as dead. */
export async function markFailed(session: OdsSession, id: number, error: string, nextAttemptAt: Date | string, dead: boolean): Promise<OutboxRow> {
  const outboxId = validId(id);
  if (typeof error !== 'string' || error.trim() === '') throw new OdsInputError('error: required: why the attempt failed');
  return pendingRow(session, outboxId,
    `update outbox set attempts = attempts + 1, last_error = $2, next_attempt_at = $3::timestamptz, status = case when $4 then 'dead' else 'pending' end
     where outbox_id = $1 and status = 'pending' returning *`,
    [outboxId, error.slice(0, maxErrorLength), validTime(nextAttemptAt, 'nextAttemptAt'), dead === true]);
}

export async function outboxCounts(session: OdsSession): Promise<OutboxCounts> {
  const rows = await session.query<{ status: OutboxStatus; n: number }>('select status, count(*) as n from outbox group by status');
  const counts: OutboxCounts = { pending: 0, delivered: 0, dead: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/** A page of rows, newest first, with the counts by status. */
export async function listOutbound(session: OdsSession, page: { status?: OutboxStatus | null; limit?: number; offset?: number } = {}): Promise<OutboundPage> {
  const status = page.status ?? null;
  if (status !== null && !outboxStatuses.includes(status)) throw new OdsInputError(`status: one of ${outboxStatuses.join(', ')}, not ${JSON.stringify(status)}`);
  const [items, counts] = await Promise.all([
    session.query<OutboxRow>('select * from outbox where $1::text is null or status = $1 order by outbox_id desc limit $2 offset $3', [
      status, clamp(page.limit, 50, 1, maxOutboundLimit), clamp(page.offset, 0, 0, Number.MAX_SAFE_INTEGER),
    ]),
    outboxCounts(session),
  ]);
  const total = status ? counts[status] : counts.pending + counts.delivered + counts.dead;
  return { status, total, counts, items };
}

/** Dead rows back to pending, attempts from 0, due now: one (which must be dead) or, without an id, all. Returns how many. */
export async function replayDead(session: OdsSession, id?: number): Promise<number> {
  const replay = `update outbox set status = 'pending', attempts = 0, next_attempt_at = now() where status = 'dead'`;
  if (id === undefined || id === null) {
    const [row] = await session.query<{ n: number }>(`with r as (${replay} returning 1) select count(*) as n from r`);
    return row!.n;
  }
  const outboxId = validId(id);
  const [row] = await session.query<{ outbox_id: number }>(`${replay} and outbox_id = $1 returning outbox_id`, [outboxId]);
  if (row) return 1;
  const [existing] = await session.query<{ status: string }>('select status from outbox where outbox_id = $1', [outboxId]);
  throw new OdsInputError(existing ? `id: outbox row ${outboxId} is ${existing.status}, not dead` : `id: no outbox row ${outboxId}`);
}
