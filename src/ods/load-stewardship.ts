// The stewardship part of a load, inside the load's transaction: the review queue (the complete open queue,
// replacing the one held), merge and split events (a run's events replace an earlier delivery of that run),
// and the matching model (one row). Each is set-based, and a repeated delivery changes nothing.
import { ident } from './ddl.ts';
import type { OdsSession } from './driver.ts';
import type { CustomerEventInput, LoadCounts, ReviewPairInput } from './rows.ts';
import { columnsOf, stageAll, stageSql } from './stage.ts';

type Counts = LoadCounts[string];

const reviewColumns = columnsOf('review_pair', ['pair_id', 'a_source', 'a_key', 'b_source', 'b_key', 'a_customer_id', 'b_customer_id', 'probability', 'run_id']);
const eventColumns = columnsOf('customer_event', ['customer_id', 'kind', 'other_id', 'reason', 'evidence', 'run_id']);

const reviewData = ['a_source', 'a_key', 'b_source', 'b_key', 'a_customer_id', 'b_customer_id', 'probability'].map(ident);

// New pairs are inserted open; open pairs whose data changed are updated (and take the run); decided pairs stay as
// the steward left them. Unchanged pairs are filtered out first, so a re-delivery writes nothing.
const mergeReview = `
with incoming as materialized (
  select distinct on (s.pair_id) s.pair_id, ${reviewData.map((c) => `s.${c}`).join(', ')}, coalesce(s.run_id, $1::bigint) as run_id
  from pg_temp.ods_stage_review_pair s
  where not exists (
    select 1 from review_pair t where t.pair_id = s.pair_id
      and (t.status = 'decided' or (${reviewData.map((c) => `t.${c}`).join(', ')}) is not distinct from (${reviewData.map((c) => `s.${c}`).join(', ')})))
  order by s.pair_id, s.probability desc
), changed as (
  insert into review_pair (pair_id, ${reviewData.join(', ')}, run_id)
  select * from incoming
  on conflict (pair_id) do update set ${[...reviewData, 'run_id'].map((c) => `${c} = excluded.${c}`).join(', ')}
  where review_pair.status = 'open'
  returning (xmax = 0) as inserted
)
select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated from changed`;

const dropClosedPairs = `
with gone as (
  delete from review_pair t where t.status = 'open'
    and not exists (select 1 from pg_temp.ods_stage_review_pair s where s.pair_id = t.pair_id)
  returning 1
)
select count(*) as n from gone`;

export async function loadReview(session: OdsSession, batches: AsyncIterable<ReviewPairInput[]>, runId: number, counts: Counts, rowsPerCopy: number, fail: (batch: number, error: unknown) => Error) {
  await session.query(stageSql('ods_stage_review_pair', reviewColumns));
  await stageAll(session, 'ods_stage_review_pair', reviewColumns, batches, rowsPerCopy, fail);
  const [merged] = await session.query<{ inserted: number; updated: number }>(mergeReview, [runId]);
  const [gone] = await session.query<{ n: number }>(dropClosedPairs);
  counts.inserted += merged!.inserted;
  counts.updated += merged!.updated;
  counts.deleted += gone!.n;
}

// One event is the same as another when every column matches (run included); nulls match nulls.
const sameEvent = (s: string, e: string) =>
  `${e}.run_id = coalesce(${s}.run_id, $1::bigint) and ${e}.customer_id = ${s}.customer_id and ${e}.kind = ${s}.kind
   and ${e}.other_id is not distinct from ${s}.other_id and ${e}.reason = ${s}.reason and ${e}.evidence is not distinct from ${s}.evidence`;

// The runs delivered (the load's own, and any other an event names) keep exactly the events delivered now.
const dropStaleEvents = `
with runs as (select distinct coalesce(run_id, $1::bigint) as run_id from pg_temp.ods_stage_customer_event union select $1::bigint),
gone as (
  delete from customer_event e using runs where e.run_id = runs.run_id
    and not exists (select 1 from pg_temp.ods_stage_customer_event s where ${sameEvent('s', 'e')})
  returning 1
)
select count(*) as n from gone`;

// In the order delivered, each distinct event once, skipping those already held.
const addEvents = `
with added as (
  insert into customer_event (customer_id, kind, other_id, reason, evidence, run_id)
  select customer_id, kind, other_id, reason, evidence, run_id from (
    select distinct on (s.customer_id, s.kind, s.other_id, s.reason, s.evidence, coalesce(s.run_id, $1::bigint))
      s.customer_id, s.kind, s.other_id, s.reason, s.evidence, coalesce(s.run_id, $1::bigint) as run_id, s.ord
    from pg_temp.ods_stage_customer_event s
    where not exists (select 1 from customer_event e where ${sameEvent('s', 'e')})
    order by s.customer_id, s.kind, s.other_id, s.reason, s.evidence, coalesce(s.run_id, $1::bigint), s.ord
  ) fresh
  order by ord
  returning 1
)
select count(*) as n from added`;

export async function loadEvents(session: OdsSession, batches: AsyncIterable<CustomerEventInput[]>, runId: number, counts: Counts, rowsPerCopy: number, fail: (batch: number, error: unknown) => Error) {
  // ord numbers the rows in the order COPY reads them.
  await session.query(stageSql('ods_stage_customer_event', eventColumns, 'ord bigint generated always as identity, '));
  await stageAll(session, 'ods_stage_customer_event', eventColumns, batches, rowsPerCopy, fail);
  const [gone] = await session.query<{ n: number }>(dropStaleEvents, [runId]);
  const [added] = await session.query<{ n: number }>(addEvents, [runId]);
  counts.deleted += gone!.n;
  counts.inserted += added!.n;
}

/** Replaces the model held unless it is the same one; null removes it. */
export async function loadModel(session: OdsSession, model: unknown, runId: number, counts: Counts) {
  if (model === null) {
    const [gone] = await session.query<{ n: number }>('with gone as (delete from identity_model returning 1) select count(*) as n from gone');
    counts.deleted += gone!.n;
    return;
  }
  if (typeof model !== 'object' || Array.isArray(model)) throw new Error(`model: expected a JSON object, got ${Array.isArray(model) ? 'an array' : typeof model}`);
  const json = JSON.stringify(model);
  const held = await session.query<{ same: boolean }>('select model = $1::text::jsonb as same from identity_model', [json]);
  if (held.length === 1 && held[0]!.same) return;
  await session.query('delete from identity_model');
  await session.query('insert into identity_model (model, run_id) values ($1::text::jsonb, $2)', [json, runId]);
  if (held.length === 0) counts.inserted += 1;
  else counts.updated += 1;
}
