// A query's result written whole to a CSV or Parquet file by DuckDB's COPY, for download: an analyst's SELECT
// (exploration) and an OLAP answer alike.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Duck, literal } from '../duckdb/index.ts';

export type FileFormat = 'csv' | 'parquet';

export interface ResultFile {
  /** A file in the directory given: remove() it once sent. */
  path: string;
  rows: number;
  /** The result had more rows than the limit: the file holds the first `limit`. */
  truncated: boolean;
  remove(): void;
}

/**
 * The first `limit` rows of `select` in a new file in `dir` (one the DuckDB may write to). `run` wraps each
 * statement (exploration's time limit); on failure the file is removed.
 */
export async function writeResultFile(duck: Duck, select: string, format: FileFormat, dir: string, limit: number,
  run: <T>(statement: () => Promise<T>) => Promise<T> = (statement) => statement()): Promise<ResultFile> {
  const path = join(dir, `${randomUUID()}.${format}`);
  const remove = () => rmSync(path, { force: true });
  try {
    const copied = await run(() => duck.one<{ Count: string }>(
      `COPY (SELECT * FROM (\n${select}\n) LIMIT ${limit}) TO ${literal(path)} (FORMAT ${format === 'csv' ? 'csv, HEADER true' : 'parquet'})`));
    const rows = Number(copied?.Count ?? 0);
    // Only a result that filled the file can have had more rows: ask for one more, and no more.
    const more = rows === limit && (await run(() => duck.one<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM (\n${select}\n) LIMIT ${limit + 1})`)));
    return { path, rows, truncated: more ? Number(more.n) > limit : false, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
