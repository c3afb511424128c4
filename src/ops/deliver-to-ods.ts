// Delivers to the ODS what every run not yet delivered changed, in one ODS transaction. If the process dies
// between the warehouse commit and this delivery, the next run delivers it first: ODS upserts are idempotent.
import type { Duck } from '../duckdb/index.ts';
import * as identity from '../identity/index.ts';
// The row shapes are the ODS's; identity and the warehouse produce them by column name from their SQL.
import type { AccountInput, ContactInput, CustomerEventInput, CustomerInput, CustomerSourceInput, HouseholdInput, Ods, ReviewPairInput } from '../ods/index.ts';
import * as warehouse from '../warehouse/index.ts';
import { markDelivered, runsAwaitingOds, sourceCounts } from './run-log.ts';

export async function deliverToOds(duck: Duck, ods: Ods): Promise<{ runs: number[]; counts: Record<string, unknown> } | null> {
  const { runs, lastSynced } = await runsAwaitingOds(duck);
  if (runs.length === 0) return null;
  const upTo = runs[runs.length - 1].run_id;
  const redirects = await identity.redirectsSince(duck, lastSynced);
  const counts = await ods.load(upTo, {
    upsert: {
      customer: identity.customerChanges(duck, lastSynced) as AsyncIterable<CustomerInput[]>,
      customer_source: identity.sourceRecordChanges(duck, lastSynced) as AsyncIterable<CustomerSourceInput[]>,
      household: identity.householdChanges(duck, lastSynced) as AsyncIterable<HouseholdInput[]>,
      account: warehouse.accountChanges(duck, lastSynced) as AsyncIterable<AccountInput[]>,
      contact: warehouse.contactsSince(duck, lastSynced) as AsyncIterable<ContactInput[]>,
    },
    remove: { customer: redirects.map((r) => r.from_id), household: await identity.removedHouseholdsSince(duck, lastSynced) },
    redirects,
    review: identity.reviewQueue(duck) as AsyncIterable<ReviewPairInput[]>,
    events: identity.eventsSince(duck, lastSynced) as AsyncIterable<CustomerEventInput[]>,
    model: await identity.loadModel(duck),
    // Details changes identity took and contacts the warehouse took: each leaves the ODS's pending list.
    frontLineTaken: [...await identity.frontLineTakenSince(duck, lastSynced), ...await warehouse.frontLineContactsTakenSince(duck, lastSynced)],
  });
  // Steward decisions these runs applied are marked so in the ODS (and so leave its pending list).
  const applied = await identity.decisionsAppliedSince(duck, lastSynced);
  for (const runId of new Set(applied.map((d) => d.runId))) {
    await ods.markDecisionsApplied(applied.filter((d) => d.runId === runId).map((d) => d.decisionId), runId);
  }
  const finishedAt = new Date().toISOString();
  await markDelivered(duck, upTo, finishedAt);
  for (const run of runs) {
    await ods.recordRun({
      run_id: run.run_id, started_at: run.started_at, finished_at: run.finished_at ?? finishedAt, status: 'succeeded', error: null,
      sources: await sourceCounts(duck, run.run_id),
    });
  }
  return { runs: runs.map((r) => r.run_id), counts };
}
