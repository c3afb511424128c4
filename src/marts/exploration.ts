// Exploration: an analyst's ad-hoc SELECT over the published warehouse and marts, with a row limit and a time
// limit, answered as rows or written whole to a CSV or Parquet file for download.
import { type Column, type Duck, literal, type Row } from '../duckdb/index.ts';
import type { PublishedWarehouse } from './published-reader.ts';
import { type FileFormat, type ResultFile, writeResultFile } from './result-file.ts';

export const explorationLimits = { defaultRows: 1000, maxRows: 100_000, timeoutMs: 30_000 } as const;

/** The query was refused or failed: the message says why (DuckDB's own message for DuckDB's errors). */
export class ExplorationError extends Error {
  override name = 'ExplorationError';
}

export interface ExplorationOptions {
  /** Rows to answer at most (1 to 100,000). */
  limit?: number;
  timeoutMs?: number;
}

export interface ExplorationAnswer {
  columns: Column[];
  rows: Row[];
  /** More rows than the limit: only the first `limit` are answered. */
  truncated: boolean;
  ms: number;
}

export async function explore(published: PublishedWarehouse, sql: string, options: ExplorationOptions = {}): Promise<ExplorationAnswer> {
  const started = performance.now();
  const limit = rowLimit(options.limit ?? explorationLimits.defaultRows);
  return withConnection(published, async (duck) => {
    const select = await singleSelect(duck, sql);
    const { columns, rows } = await withinTime(duck, options, () => duck.described(`SELECT * FROM (\n${select}\n) LIMIT ${limit + 1}`));
    return { columns, rows: plainNumbers(columns, rows.slice(0, limit)), truncated: rows.length > limit, ms: Math.round(performance.now() - started) };
  });
}

export type ExplorationFile = ResultFile & { ms: number };

/** The whole result up to the limit (100,000 rows unless smaller), written by DuckDB's COPY to the reader's scratch directory. */
export async function exportExploration(published: PublishedWarehouse, sql: string, format: FileFormat, options: ExplorationOptions = {}): Promise<ExplorationFile> {
  const started = performance.now();
  const limit = rowLimit(options.limit ?? explorationLimits.maxRows);
  return withConnection(published, async (duck) => {
    const select = await singleSelect(duck, sql);
    const file = await writeResultFile(duck, select, format, published.scratchDir, limit, (statement) => withinTime(duck, options, statement));
    return { ...file, ms: Math.round(performance.now() - started) };
  });
}

function rowLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > explorationLimits.maxRows) {
    throw new ExplorationError(`limit must be a whole number from 1 to ${explorationLimits.maxRows.toLocaleString('en-US')}, not ${limit}`);
  }
  return limit;
}

async function withConnection<T>(published: PublishedWarehouse, fn: (duck: Duck) => Promise<T>): Promise<T> {
  const duck = await published.connect();
  try {
    return await fn(duck);
  } finally {
    duck.close();
  }
}

/**
 * DuckDB's own parser decides: json_serialize_sql serializes SELECT statements only, so anything else (DDL, COPY,
 * SET, ATTACH, PRAGMA, several statements) is refused. The statement run is DuckDB's rendering of what it parsed,
 * so nothing the parser did not see (a second statement, a trailing comment) can ride along.
 */
async function singleSelect(duck: Duck, sql: string): Promise<string> {
  // The parser wants the text as a constant, not a parameter.
  const serialized = (await duck.one<{ json: string }>(`SELECT json_serialize_sql(${literal(sql)}) AS json`))!.json;
  const parsed = JSON.parse(serialized) as { error: boolean; error_message?: string; statements?: unknown[] };
  if (parsed.error) {
    throw new ExplorationError(/Only SELECT/.test(parsed.error_message ?? '')
      ? 'only a single SELECT statement (or WITH … SELECT) may run here: the published warehouse is read-only'
      : `Parser Error: ${parsed.error_message}`);
  }
  if (parsed.statements?.length !== 1) throw new ExplorationError(parsed.statements?.length ? 'one statement at a time' : 'no statement: give a SELECT');
  try {
    return (await duck.one<{ sql: string }>(`SELECT json_deserialize_sql(${literal(serialized)}::JSON) AS sql`))!.sql;
  } catch (error) {
    throw new ExplorationError((error as Error).message);
  }
}

/** Past the time limit the connection is interrupted: DuckDB stops the query where it is. */
async function withinTime<T>(duck: Duck, options: ExplorationOptions, fn: () => Promise<T>): Promise<T> {
  const ms = options.timeoutMs ?? explorationLimits.timeoutMs;
  let stopped = false;
  const timer = setTimeout(() => {
    stopped = true;
    duck.interrupt();
  }, ms);
  try {
    return await fn();
  } catch (error) {
    throw new ExplorationError(stopped ? `the query ran longer than ${ms / 1000} s and was stopped` : (error as Error).message);
  } finally {
    clearTimeout(timer);
  }
}

const integerTypes = new Set(['BIGINT', 'UBIGINT', 'HUGEINT', 'UHUGEINT']);

/** DuckDB hands big integers and decimals over as strings, to lose no digit: numbers where a number holds them exactly. */
function plainNumbers(columns: Column[], rows: Row[]): Row[] {
  const numeric = columns.filter((c) => integerTypes.has(c.type) || c.type.startsWith('DECIMAL'));
  if (numeric.length === 0) return rows;
  for (const row of rows) {
    for (const { name } of numeric) {
      const value = row[name];
      if (typeof value === 'string' && value.replace(/[-.]/g, '').replace(/^0+/, '').length <= 15) row[name] = Number(value);
    }
  }
  return rows;
}
