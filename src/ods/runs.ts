// The runs that loaded the ODS, with what each read, loaded and rejected per source.
import type { OdsDriver, OdsSession } from './driver.ts';
import type { RunRecord, RunSourceRecord } from './rows.ts';

export const defaultRunLimit = 20;

/** Inserts the run, or replaces it and its per-source rows when the run id is already there. */
export async function recordRun(driver: OdsDriver, run: RunRecord): Promise<void> {
  await driver.transaction(async (session) => {
    await session.query(
      `insert into run (run_id, started_at, finished_at, status, error) values ($1, $2, $3, $4, $5)
       on conflict (run_id) do update set started_at = excluded.started_at, finished_at = excluded.finished_at,
         status = excluded.status, error = excluded.error`,
      [run.run_id, run.started_at, run.finished_at, run.status, run.error],
    );
    await session.query('delete from run_source where run_id = $1', [run.run_id]);
    if (run.sources.length === 0) return;
    await session.query(
      `insert into run_source (run_id, source, entity, files, read, loaded, rejected)
       select $1, * from unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[])`,
      [
        run.run_id,
        run.sources.map((s) => s.source),
        run.sources.map((s) => s.entity),
        run.sources.map((s) => s.files),
        run.sources.map((s) => s.read),
        run.sources.map((s) => s.loaded),
        run.sources.map((s) => s.rejected),
      ],
    );
  });
}

/** The latest runs first. */
export async function listRuns(session: OdsSession, limit = defaultRunLimit): Promise<RunRecord[]> {
  const runs = await session.query<Omit<RunRecord, 'sources'>>(
    'select run_id, started_at, finished_at, status, error from run order by run_id desc limit $1',
    [Math.max(Math.trunc(limit), 0)],
  );
  if (runs.length === 0) return [];
  const sources = await session.query<RunSourceRecord & { run_id: number }>(
    `select run_id, source, entity, files, read, loaded, rejected from run_source
     where run_id = any($1::bigint[]) order by source, entity`,
    [runs.map((r) => r.run_id)],
  );
  return runs.map((run) => ({
    ...run,
    sources: sources.filter((s) => s.run_id === run.run_id).map(({ run_id: _, ...source }) => source),
  }));
}
