// Data stewardship in the ODS: the review queue identity delivers, the decisions stewards take (recorded here,
// applied by identity at the next run), a customer's merges and splits, and the matching model for explanations.
import type { OdsDriver, OdsSession } from './driver.ts';
import type {
  CustomerHistoryItem,
  CustomerSourceRow,
  DecisionInput,
  RecordFields,
  RecordRef,
  ReviewItem,
  ReviewPairRow,
  StewardDecision,
  StewardDecisionRow,
} from './rows.ts';

/** Bad input to an ODS write: nothing was written, and the message names the field. */
export class OdsInputError extends Error {
  override name = 'OdsInputError';
}

export const defaultReviewLimit = 50;
export const maxReviewLimit = 200;
const maxReasonLength = 2000;
const maxHistory = 100;

const fieldNames = ['given_name', 'middle_name', 'family_name', 'name_suffix', 'birth_date', 'email', 'phone', 'address_line', 'city', 'region', 'postcode'] as const;

function clamp(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(Math.max(Math.trunc(value), min), max);
}

/** The person fields of a source record. */
export function recordFields(row: Pick<CustomerSourceRow, (typeof fieldNames)[number]>): RecordFields {
  return Object.fromEntries(fieldNames.map((f) => [f, row[f]])) as RecordFields;
}

// Each pair with both records' current customer (a_current, b_current) and fields (a_given_name, …), which are
// null when the ODS no longer holds the record.
const reviewSelect = `
select r.*, ${(['a', 'b'] as const).flatMap((side) => [`r${side}.customer_id as ${side}_current`, ...fieldNames.map((f) => `r${side}.${f} as ${side}_${f}`)]).join(', ')}
from review_pair r
left join customer_source ra on ra.source = r.a_source and ra.source_key = r.a_key
left join customer_source rb on rb.source = r.b_source and rb.source_key = r.b_key`;

type PairRow = ReviewPairRow & Record<string, unknown>;

function reviewItem(row: PairRow): ReviewItem {
  const side = (s: 'a' | 'b') => {
    const held = row[`${s}_current`] !== null && row[`${s}_current`] !== undefined;
    return {
      source: row[`${s}_source`] as string,
      sourceKey: row[`${s}_key`] as string,
      customerId: (held ? row[`${s}_current`] : row[`${s}_customer_id`]) as number,
      fields: held ? (Object.fromEntries(fieldNames.map((f) => [f, row[`${s}_${f}`] ?? null])) as RecordFields) : null,
    };
  };
  return {
    pairId: row.pair_id,
    probability: row.probability,
    runId: row.run_id,
    status: row.status,
    decision: row.decision,
    decidedAt: row.decided_at,
    a: side('a'),
    b: side('b'),
  };
}

/** The open queue, most probable first. */
export async function listReview(session: OdsSession, page: { limit?: number; offset?: number } = {}): Promise<{ total: number; items: ReviewItem[] }> {
  const limit = clamp(page.limit, defaultReviewLimit, 1, maxReviewLimit);
  const offset = clamp(page.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  const [rows, [count]] = await Promise.all([
    session.query<PairRow>(`${reviewSelect} where r.status = 'open' order by r.probability desc, r.pair_id limit $1 offset $2`, [limit, offset]),
    session.query<{ n: number }>(`select count(*) as n from review_pair where status = 'open'`),
  ]);
  return { total: count!.n, items: rows.map(reviewItem) };
}

/** One pair, open or decided; null when the queue never held it. */
export async function getReviewPair(session: OdsSession, pairId: string): Promise<ReviewItem | null> {
  if (typeof pairId !== 'string' || pairId === '') return null;
  const [row] = await session.query<PairRow>(`${reviewSelect} where r.pair_id = $1`, [pairId]);
  return row ? reviewItem(row) : null;
}

/** Source records by key, in no particular order; keys the ODS does not hold are left out. */
export async function getSourceRecords(session: OdsSession, refs: RecordRef[]): Promise<CustomerSourceRow[]> {
  if (!Array.isArray(refs) || refs.length === 0) return [];
  return session.query<CustomerSourceRow>(
    `select c.* from customer_source c join unnest($1::text[], $2::text[]) as k (source, source_key) using (source, source_key)
     order by c.source, c.source_key`,
    [refs.map((r) => String(r.source)), refs.map((r) => String(r.sourceKey))],
  );
}

function decisionOf(row: StewardDecisionRow): StewardDecision {
  return {
    decisionId: row.decision_id,
    a: { source: row.a_source, sourceKey: row.a_key, customerId: row.a_customer_id },
    b: { source: row.b_source, sourceKey: row.b_key, customerId: row.b_customer_id },
    decision: row.decision,
    reason: row.reason,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    appliedRun: row.applied_run,
  };
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Checks one decision's shape; the error names the field (with `prefix`, e.g. "decisions[2]."). */
function validDecision(input: DecisionInput, prefix: string): DecisionInput {
  if (typeof input !== 'object' || input === null) throw new OdsInputError(`${prefix || 'decision'}: expected an object`);
  const ref = (side: 'a' | 'b'): RecordRef => {
    const value = input[side] as Partial<RecordRef> | undefined;
    if (typeof value !== 'object' || value === null) throw new OdsInputError(`${prefix}${side}: the record is required, as {source, sourceKey}`);
    if (!nonEmpty(value.source)) throw new OdsInputError(`${prefix}${side}.source: required`);
    if (!nonEmpty(value.sourceKey)) throw new OdsInputError(`${prefix}${side}.sourceKey: required`);
    return { source: value.source, sourceKey: value.sourceKey };
  };
  const a = ref('a');
  const b = ref('b');
  if (a.source === b.source && a.sourceKey === b.sourceKey) throw new OdsInputError(`${prefix}b: the same record as a (${a.source}:${a.sourceKey})`);
  if (input.decision !== 'same' && input.decision !== 'different') {
    throw new OdsInputError(`${prefix}decision: must be "same" or "different", not ${JSON.stringify(input.decision ?? null)}`);
  }
  if (!nonEmpty(input.reason)) throw new OdsInputError(`${prefix}reason: required: say why`);
  if (input.reason.length > maxReasonLength) throw new OdsInputError(`${prefix}reason: at most ${maxReasonLength} characters`);
  if (!nonEmpty(input.decidedBy)) throw new OdsInputError(`${prefix}decidedBy: required: who decided`);
  return { a, b, decision: input.decision, reason: input.reason.trim(), decidedBy: input.decidedBy.trim() };
}

const insertDecision = `
insert into steward_decision (a_source, a_key, b_source, b_key, a_customer_id, b_customer_id, decision, reason, decided_by)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *`;

// The pair in the queue, either way round.
const closePair = `
update review_pair set status = 'decided', decision = $5, decided_at = $6
where status = 'open' and ((a_source, a_key, b_source, b_key) = ($1, $2, $3, $4) or (a_source, a_key, b_source, b_key) = ($3, $4, $1, $2))`;

/**
 * Records decisions, each closing its pair in the review queue if the queue holds it: in ONE transaction, so a
 * bad decision anywhere leaves nothing written. Every record must be in the ODS.
 */
export async function recordDecisions(driver: OdsDriver, inputs: DecisionInput[]): Promise<StewardDecision[]> {
  if (!Array.isArray(inputs) || inputs.length === 0) throw new OdsInputError('decisions: at least one is required');
  const many = inputs.length > 1;
  const valid = inputs.map((input, i) => validDecision(input, many ? `decisions[${i}].` : ''));
  return driver.transaction(async (session) => {
    const recorded: StewardDecision[] = [];
    for (const [i, d] of valid.entries()) {
      const prefix = many ? `decisions[${i}].` : '';
      const records = await getSourceRecords(session, [d.a, d.b]);
      const customerOf = (side: 'a' | 'b') => {
        const ref = d[side];
        const found = records.find((r) => r.source === ref.source && r.source_key === ref.sourceKey);
        if (!found) throw new OdsInputError(`${prefix}${side}: no source record ${ref.source}:${ref.sourceKey} in the ODS`);
        return found.customer_id;
      };
      const [row] = await session.query<StewardDecisionRow>(insertDecision, [
        d.a.source, d.a.sourceKey, d.b.source, d.b.sourceKey, customerOf('a'), customerOf('b'), d.decision, d.reason, d.decidedBy,
      ]);
      await session.query(closePair, [d.a.source, d.a.sourceKey, d.b.source, d.b.sourceKey, d.decision, row!.decided_at]);
      recorded.push(decisionOf(row!));
    }
    return recorded;
  });
}

/** Decisions no run has applied yet, oldest first. */
export async function pendingDecisions(session: OdsSession): Promise<StewardDecision[]> {
  const rows = await session.query<StewardDecisionRow>('select * from steward_decision where applied_run is null order by decided_at, decision_id');
  return rows.map(decisionOf);
}

/** Marks decisions as applied by a run; a decision already applied keeps its run. Returns how many were marked. */
export async function markDecisionsApplied(driver: OdsDriver, ids: number[], runId: number): Promise<number> {
  if (!Array.isArray(ids) || ids.some((id) => !Number.isSafeInteger(id))) throw new OdsInputError('ids: expected decision ids (integers)');
  if (!Number.isSafeInteger(runId)) throw new OdsInputError(`runId: must be an integer, got ${runId}`);
  if (ids.length === 0) return 0;
  const [marked] = await driver.query<{ n: number }>(
    `with marked as (update steward_decision set applied_run = $2 where decision_id = any($1::bigint[]) and applied_run is null returning 1)
     select count(*) as n from marked`,
    [ids, runId],
  );
  return marked!.n;
}

/** The matching model identity delivered last, or null. */
export async function identityModel(session: OdsSession): Promise<unknown> {
  const [row] = await session.query<{ model: unknown }>('select model from identity_model order by run_id desc limit 1');
  return row?.model ?? null;
}

/** A customer's merges and splits (those recorded under the ids given), latest first. */
export async function customerHistory(session: OdsSession, ids: number[]): Promise<CustomerHistoryItem[]> {
  return session.query<CustomerHistoryItem>(
    `select e.kind, e.other_id as "otherId", e.reason, e.evidence, e.run_id as "runId", coalesce(r.finished_at, r.started_at) as at
     from customer_event e left join run r on r.run_id = e.run_id
     where e.customer_id = any($1::bigint[]) order by e.run_id desc, e.event_id desc limit ${maxHistory}`,
    [ids],
  );
}

/** Pending decisions about any of a customer's source records, oldest first. */
export async function customerPendingDecisions(session: OdsSession, customerId: number): Promise<StewardDecision[]> {
  const rows = await session.query<StewardDecisionRow>(
    `select d.* from steward_decision d where d.applied_run is null and d.decision_id in (
       select d.decision_id from customer_source s join steward_decision d on d.a_source = s.source and d.a_key = s.source_key where s.customer_id = $1
       union
       select d.decision_id from customer_source s join steward_decision d on d.b_source = s.source and d.b_key = s.source_key where s.customer_id = $1)
     order by d.decided_at, d.decision_id`,
    [customerId],
  );
  return rows.map(decisionOf);
}
