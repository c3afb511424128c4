// One load of the ODS: upserts, merges and removals in ONE transaction, all of it or none of it.
// Batches are COPYed into a stage and merged set-based, at most `rowsPerCopy` rows at a time, so memory
// stays bounded however many rows the iterables yield.
import { copyRows } from './copy-csv.ts';
import type { OdsDriver, OdsSession } from './driver.ts';
import { loadEvents, loadModel, loadReview } from './load-stewardship.ts';
import { applyRedirects } from './redirects.ts';
import type { LoadCounts, OdsLoad } from './rows.ts';
import { upsertable } from './schema.ts';
import { rebuildSearchTerms } from './search-terms.ts';
import { createTouchedTable, touchedTable, upsertPlans } from './upsert.ts';
import { carryFrontLineOver } from './front-line.ts';
import { markChangesTaken, reapplyPendingChanges } from './front-line-runs.ts';

/** Rows per COPY: big enough to amortise a statement, small enough to keep a batch's CSV in tens of MB. */
export const rowsPerCopy = 50_000;

/** One stewardship part of a load; its failure names the table (and the batch, when a COPY failed). */
async function part(table: string, fn: (failed: (batch: number, error: unknown) => Error) => Promise<void>): Promise<void> {
  const failed = (batch: number, error: unknown) => new OdsLoadError(`${table}, batch ${batch}: ${describe(error)}`, { cause: error });
  try {
    await fn(failed);
  } catch (error) {
    throw error instanceof OdsLoadError ? error : new OdsLoadError(`${table}: ${describe(error)}`, { cause: error });
  }
}

/** Tables changed by at least this many rows get fresh planner statistics before the load commits (and a vacuum after, where nothing else runs one). */
export const maintainAfter = 1_000;

/** A load that failed: nothing of it was written. The message names the table, batch and, when known, the column. */
export class OdsLoadError extends Error {
  override name = 'OdsLoadError';
}

/** An engine's error in one line: its message, detail and where it happened. */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const pgError = error as Error & { detail?: string; where?: string };
  return [error.message, pgError.detail, pgError.where].filter(Boolean).join('; ');
}

/** Counts for every table a load always reports, and for the stewardship tables this load delivers. */
function emptyCounts(input: OdsLoad): LoadCounts {
  const counts: LoadCounts = {};
  const delivered = [
    ...(input.review ? ['review_pair'] : []),
    ...(input.events ? ['customer_event'] : []),
    ...(input.model !== undefined ? ['identity_model'] : []),
  ];
  for (const table of [...upsertable, 'customer_redirect', ...delivered]) counts[table] = { inserted: 0, updated: 0, deleted: 0 };
  return counts;
}

async function upsertTable(session: OdsSession, table: (typeof upsertable)[number], batches: AsyncIterable<object[]>, runId: number, counts: LoadCounts) {
  const plan = upsertPlans[table];
  await session.query(plan.createStage);
  let batch = 0;
  for await (const rows of batches) {
    for (let start = 0; start < rows.length; start += rowsPerCopy) {
      batch++;
      try {
        await session.query(plan.clearStage);
        await copyRows(session, plan.stage, plan.columns, rows.slice(start, start + rowsPerCopy));
        const [merged] = await session.query<{ inserted: number; updated: number }>(plan.merge, [runId]);
        counts[table]!.inserted += merged!.inserted;
        counts[table]!.updated += merged!.updated;
      } catch (error) {
        throw new OdsLoadError(`${table}, batch ${batch}: ${describe(error)}`, { cause: error });
      }
    }
  }
}

async function remove(session: OdsSession, table: 'customer' | 'household', ids: number[], counts: LoadCounts) {
  if (ids.length === 0) return;
  const key = `${table}_id`;
  const touch = table === 'customer' ? `, touched as (insert into pg_temp.${touchedTable} (customer_id) select ${key} from gone)` : '';
  const [gone] = await session.query<{ n: number }>(
    `with gone as (delete from ${table} where ${key} = any($1::bigint[]) returning ${key})${touch} select count(*) as n from gone`,
    [ids],
  );
  counts[table]!.deleted += gone!.n;
}

/** The tables a load changed enough to need fresh statistics (and, for `dead`, a vacuum). */
function changedTables(counts: LoadCounts, touched: number, dead: boolean): string[] {
  const changed = Object.entries(counts)
    .filter(([, c]) => (dead ? c.updated + c.deleted : c.inserted + c.updated + c.deleted) >= maintainAfter)
    .map(([table]) => table);
  if (touched >= maintainAfter) changed.push('customer_search_term');
  return changed;
}

export async function loadOds(driver: OdsDriver, runId: number, input: OdsLoad): Promise<LoadCounts> {
  if (!Number.isSafeInteger(runId)) throw new OdsLoadError(`run id must be an integer, got ${runId}`);
  const counts = emptyCounts(input);
  let touched = 0;
  try {
    await driver.transaction(async (session) => {
      // Room to hash and sort in memory: deduplicating search terms and building indexes spill to disk otherwise.
      await session.query(`set local work_mem = '64MB'`);
      await session.query(`set local maintenance_work_mem = '256MB'`);
      await createTouchedTable(session);
      for (const table of upsertable) {
        const batches = input.upsert?.[table];
        if (batches) await upsertTable(session, table, batches as AsyncIterable<object[]>, runId, counts);
      }
      const removing = input.remove?.customer ?? [];
      try {
        await applyRedirects(session, input.redirects ?? [], removing, runId, counts);
        if (removing.length) await carryFrontLineOver(session, removing);
        // Their scores are dropped with them, not carried over (customer_score's foreign key cascades; schema.ts says why).
        await remove(session, 'customer', removing, counts);
        await remove(session, 'household', input.remove?.household ?? [], counts);
      } catch (error) {
        throw new OdsLoadError(`merges and removals: ${describe(error)}`, { cause: error });
      }
      try {
        if (input.frontLineTaken) await markChangesTaken(session, input.frontLineTaken);
        await reapplyPendingChanges(session);
      } catch (error) {
        throw new OdsLoadError(`front-line changes: ${describe(error)}`, { cause: error });
      }
      const { review, events, model } = input;
      if (review) await part('review_pair', (failed) => loadReview(session, review, runId, counts.review_pair!, rowsPerCopy, failed));
      if (events) await part('customer_event', (failed) => loadEvents(session, events, runId, counts.customer_event!, rowsPerCopy, failed));
      if (model !== undefined) await part('identity_model', () => loadModel(session, model, runId, counts.identity_model!));
      touched = await rebuildSearchTerms(session);
      for (const table of changedTables(counts, touched, false)) await session.query(`analyze ${table}`);
    });
  } catch (error) {
    // Deferred foreign keys are checked at commit, so a dangling reference surfaces here.
    const message = error instanceof OdsLoadError ? error.message : describe(error);
    throw new OdsLoadError(`ODS load of run ${runId} failed, nothing was written: ${message}`, { cause: error });
  }
  if (!driver.autovacuum) {
    // Outside the transaction: VACUUM cannot run inside one. Updated and deleted rows leave dead versions
    // behind; clearing them is housekeeping, so its failure must not report a committed load as failed.
    for (const table of changedTables(counts, touched, true)) await driver.query(`vacuum ${table}`).catch(() => undefined);
  }
  return counts;
}
