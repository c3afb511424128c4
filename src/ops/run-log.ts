// The record of every run (schema `ops` in the DuckDB file; mirrored to the ODS for the screens): when, how it
// ended, and per source file group the counts read, loaded and rejected, which reconcile.
import type { Duck } from '../duckdb/index.ts';
import type { RunSourceRecord } from '../ods/index.ts';

/** Per source and entity of a run: files read, records read, loaded and rejected (read = loaded + rejected). */
export type SourceCount = RunSourceRecord;

export interface RunRow {
  run_id: number;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'loaded' | 'succeeded' | 'failed';
  error: string | null;
  ods_synced: boolean;
}

export async function ensureRunLog(duck: Duck): Promise<void> {
  await duck.run('CREATE SCHEMA IF NOT EXISTS ops');
  await duck.run(`CREATE TABLE IF NOT EXISTS ops.run (run_id INTEGER NOT NULL, started_at VARCHAR NOT NULL, finished_at VARCHAR,
    status VARCHAR NOT NULL, error VARCHAR, ods_synced BOOLEAN NOT NULL DEFAULT false)`);
  await duck.run(`CREATE TABLE IF NOT EXISTS ops.run_source (run_id INTEGER NOT NULL, source VARCHAR NOT NULL, entity VARCHAR NOT NULL,
    files INTEGER NOT NULL, read INTEGER NOT NULL, loaded INTEGER NOT NULL, rejected INTEGER NOT NULL)`);
}

export async function nextRunId(duck: Duck): Promise<number> {
  const row = await duck.one<{ n: number }>('SELECT coalesce(max(run_id), 0)::INTEGER + 1 AS n FROM ops.run');
  return row?.n ?? 1;
}

export async function writeRun(duck: Duck, run: RunRow, sources: SourceCount[]): Promise<void> {
  await duck.run('DELETE FROM ops.run WHERE run_id = $1', [run.run_id]);
  await duck.run('DELETE FROM ops.run_source WHERE run_id = $1', [run.run_id]);
  await duck.run('INSERT INTO ops.run VALUES ($1, $2, $3, $4, $5, $6)', [run.run_id, run.started_at, run.finished_at, run.status, run.error, run.ods_synced]);
  for (const s of sources) {
    await duck.run('INSERT INTO ops.run_source VALUES ($1, $2, $3, $4, $5, $6, $7)', [run.run_id, s.source, s.entity, s.files, s.read, s.loaded, s.rejected]);
  }
}

export async function runsAwaitingOds(duck: Duck): Promise<{ runs: RunRow[]; lastSynced: number }> {
  const runs = await duck.all<RunRow>(`SELECT * FROM ops.run WHERE status = 'loaded' AND NOT ods_synced ORDER BY run_id`);
  const last = await duck.one<{ n: number }>(`SELECT coalesce(max(run_id), 0)::INTEGER AS n FROM ops.run WHERE ods_synced`);
  return { runs, lastSynced: last?.n ?? 0 };
}

export async function sourceCounts(duck: Duck, runId: number): Promise<SourceCount[]> {
  return duck.all<SourceCount>(`SELECT source, entity, files, read, loaded, rejected FROM ops.run_source WHERE run_id = $1 ORDER BY source, entity`, [runId]);
}

export async function markDelivered(duck: Duck, upToRun: number, finishedAt: string): Promise<void> {
  await duck.run(`UPDATE ops.run SET ods_synced = true, status = 'succeeded', finished_at = coalesce(finished_at, $2)
    WHERE status = 'loaded' AND run_id <= $1`, [upToRun, finishedAt]);
}
