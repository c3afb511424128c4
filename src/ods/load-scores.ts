// The information feedback into the ODS: a scoring run's scores replace the ones held, in one transaction. Pages are
// checked and COPYed into a stage, then merged set-based: unchanged scores are not touched, so loading a run again
// changes nothing; scores of customers the run did not score are removed, being an older run's.
import { ident } from './ddl.ts';
import type { OdsDriver } from './driver.ts';
import { describe, maintainAfter, OdsLoadError, rowsPerCopy } from './load.ts';
import { checkScore, type ScoreInput } from './score-input.ts';
import { columnsOf, stageAll, stageSql } from './stage.ts';
import { OdsInputError } from './stewardship.ts';

/** What a score load did; read = loaded + skipped. */
export interface ScoreLoadCounts {
  /** Rows the run handed over. */
  read: number;
  /** The run's scores the ODS holds now: one per customer scored. */
  loaded: number;
  /** Of those, the ones new or different from what was held (0 when the run is loaded again). */
  changed: number;
  /** Scores of customers the run did not score, removed. */
  removed: number;
  /** Rows of customers the ODS does not hold (merged away or removed since the models read them): not loaded. */
  skipped: number;
}

const stage = 'ods_stage_customer_score';
const columns = columnsOf('customer_score', [
  'customer_id', 'score_run', 'model_version', 'scored_at', 'churn_risk', 'churn_band', 'churn_reasons', 'offers', 'value', 'value_tier',
  'payment_risk', 'collection_treatment', 'collection_description',
]);
const names = columns.map(([c]) => ident(c));
const data = names.filter((c) => c !== ident('customer_id'));

const counted = `select count(*)::bigint as read, count(c.customer_id)::bigint as loaded
  from pg_temp.${stage} s left join customer c on c.customer_id = s.customer_id`;

const twice = `select customer_id, count(*)::integer as n from pg_temp.${stage} group by customer_id having count(*) > 1 order by customer_id limit 1`;

// Only customers the ODS holds (a score of any other would dangle), and of those only scores not held as they are.
const merge = `
with incoming as materialized (
  select s.* from pg_temp.${stage} s
  join customer c on c.customer_id = s.customer_id
  left join customer_score t on t.customer_id = s.customer_id
  where t.customer_id is null or (${data.map((c) => `t.${c}`).join(', ')}) is distinct from (${data.map((c) => `s.${c}`).join(', ')})
), changed as (
  insert into customer_score (${names.join(', ')}, loaded_at)
  select ${names.join(', ')}, now() from incoming
  on conflict (customer_id) do update set ${[...data, '"loaded_at"'].map((c) => `${c} = excluded.${c}`).join(', ')}
  returning 1
)
select count(*)::bigint as n from changed`;

const removeStale = `
with gone as (
  delete from customer_score t where not exists (select 1 from pg_temp.${stage} s where s.customer_id = t.customer_id) returning 1
)
select count(*)::bigint as n from gone`;

/** Checks each page as it comes, counting pages and rows so an error says where the bad row was. */
async function* checked(pages: AsyncIterable<ScoreInput[]>, scoreRun: number): AsyncIterable<ScoreInput[]> {
  let page = 0;
  for await (const rows of pages) {
    page++;
    if (!Array.isArray(rows)) throw new OdsInputError(`scores: page ${page} must be a list of scores (score run ${scoreRun})`);
    rows.forEach((row, i) => checkScore(row, scoreRun, `page ${page}, row ${i + 1}`));
    yield rows;
  }
}

/**
 * Replaces the scores held with those of run `scoreRun`, in one transaction: all of it or none. A bad row is an
 * OdsInputError naming the field (nothing written); a run older than the one held is refused, so a late delivery
 * never undoes a newer run.
 */
export async function loadScores(driver: OdsDriver, scoreRun: number, pages: AsyncIterable<ScoreInput[]>): Promise<ScoreLoadCounts> {
  if (!Number.isSafeInteger(scoreRun) || scoreRun < 1) throw new OdsInputError(`score_run: must be a positive whole number, not ${scoreRun}`);
  let counts: ScoreLoadCounts;
  try {
    counts = await driver.transaction(async (session) => {
      // One score load at a time; readers go on reading the scores held until this one commits.
      await session.query('lock table customer_score in exclusive mode');
      const [held] = await session.query<{ run: number | null }>('select max(score_run) as run from customer_score');
      if (held?.run != null && held.run > scoreRun) {
        throw new OdsInputError(`score_run: run ${scoreRun} is older than run ${held.run}, whose scores the ODS holds: load a newer run`);
      }
      await session.query(stageSql(stage, columns));
      await stageAll(session, stage, columns, checked(pages, scoreRun), rowsPerCopy,
        (batch, error) => new OdsLoadError(`customer_score, batch ${batch}: ${describe(error)}`, { cause: error }));
      const [count] = await session.query<{ read: number; loaded: number }>(counted);
      // A run that scored nobody would remove every score held: a scoring run that went wrong, not a result.
      if (count!.read === 0) throw new OdsInputError(`scores: score run ${scoreRun} has no scores; loading it would remove every score held`);
      const [dup] = await session.query<{ customer_id: number; n: number }>(twice);
      if (dup) throw new OdsInputError(`customer_id: customer ${dup.customer_id} is scored ${dup.n} times in score run ${scoreRun}: once is all`);
      await session.query(`analyze pg_temp.${stage}`);
      const [changed] = await session.query<{ n: number }>(merge);
      const [removed] = await session.query<{ n: number }>(removeStale);
      return { read: count!.read, loaded: count!.loaded, changed: changed!.n, removed: removed!.n, skipped: count!.read - count!.loaded };
    });
  } catch (error) {
    if (error instanceof OdsInputError) throw error;
    const message = error instanceof OdsLoadError ? error.message : describe(error);
    throw new OdsLoadError(`score load of run ${scoreRun} failed, nothing was written: ${message}`, { cause: error });
  }
  // As after a load: PGlite has no autovacuum, and a run replaces many scores. Housekeeping only, so its failure is no load's.
  if (!driver.autovacuum && counts.changed + counts.removed >= maintainAfter) await driver.query('vacuum analyze customer_score').catch(() => undefined);
  return counts;
}

/** The score run whose scores the ODS holds (null when none): a later run's scores are still to be loaded. */
export async function heldScoreRun(driver: OdsDriver): Promise<number | null> {
  const [held] = await driver.query<{ run: number | null }>('select max(score_run) as run from customer_score');
  return held?.run ?? null;
}
