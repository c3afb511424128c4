// The DuckDB engine as the factory uses it: one file holds staging, identity and the warehouse,
// one connection per process (DuckDB lets only one process hold a file).
import { totalmem } from 'node:os';
import { DuckDBConnection, DuckDBDataChunk, DuckDBInstance, DuckDBScalarFunction, type DuckDBValue, VARCHAR } from '@duckdb/node-api';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

export interface Duck {
  run(sql: string, params?: Params): Promise<void>;
  all<T = Row>(sql: string, params?: Params): Promise<T[]>;
  /** Rows with the result's column names and DuckDB types, for answers that describe themselves. */
  described<T = Row>(sql: string, params?: Params): Promise<{ columns: Column[]; rows: T[] }>;
  one<T = Row>(sql: string, params?: Params): Promise<T | undefined>;
  /** Streams a query's rows in batches of up to batchRows (default 50,000), JSON-friendly values. */
  stream<T = Row>(sql: string, params?: Params, batchRows?: number): AsyncIterable<T[]>;
  /** Runs fn inside one transaction: all of it or none of it. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Appends columns of equal length to an existing table (temp tables: catalog "temp"), fast, in chunks. */
  append(table: { name: string; schema?: string; catalog?: string }, columns: ArrayLike<DuckDBValue>[]): Promise<void>;
  /** A scalar SQL function VARCHAR → VARCHAR computed in JavaScript, for what a library does better than SQL. */
  defineTextFunction(name: string, fn: (value: string) => string | null): void;
  /** Another connection to the same database: its queries run beside this one's and can be interrupted alone. */
  connect(): Promise<Duck>;
  /** Stops the query running on this connection: it fails with DuckDB's "Interrupted" error. */
  interrupt(): void;
  /** Closes the connection, and the database too when this is the connection openDuck gave. */
  close(): void;
}

export interface Column {
  name: string;
  type: string;
}

/**
 * DuckDB would otherwise take up to 80% of the machine's memory for its buffers, beside the ODS and the
 * server: cap it (CIF_DUCKDB_MEMORY, e.g. "8GB"; default 35% of RAM) and let large operations spill to disk.
 */
function memoryLimit(env: NodeJS.ProcessEnv = process.env): string {
  return env.CIF_DUCKDB_MEMORY || `${Math.max(1, Math.floor((totalmem() * 0.35) / 2 ** 30))}GB`;
}

export async function openDuck(path: string = ':memory:', settings: { memoryLimit?: string; tempDirectory?: string } = {}): Promise<Duck> {
  const options: Record<string, string> = { memory_limit: settings.memoryLimit ?? memoryLimit() };
  if (settings.tempDirectory ?? path !== ':memory:') options.temp_directory = settings.tempDirectory ?? `${path}.tmp`;
  const instance = await DuckDBInstance.create(path, options);
  const connection = await instance.connect();
  return wrap(instance, connection, true);
}

const chunkRows = 2048;

function wrap(instance: DuckDBInstance, connection: DuckDBConnection, ownsInstance: boolean): Duck {
  const duck: Duck = {
    async run(sql, params) {
      await connection.run(sql, params);
    },
    async all<T>(sql: string, params?: Params) {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJson() as T[];
    },
    async described<T>(sql: string, params?: Params) {
      const reader = await connection.runAndReadAll(sql, params);
      const types = reader.columnTypes();
      const columns = reader.columnNames().map((name, i) => ({ name, type: String(types[i]) }));
      return { columns, rows: reader.getRowObjectsJson() as T[] };
    },
    async one<T>(sql: string, params?: Params) {
      const rows = await duck.all<T>(sql, params);
      return rows[0];
    },
    // DuckDB hands out chunks of about 2,048 rows; a consumer that pays per batch (a COPY and a merge into the
    // ODS) wants fewer, larger ones, still bounded in memory.
    async *stream<T>(sql: string, params?: Params, batchRows = 50_000) {
      const result = await connection.stream(sql, params);
      let batch: T[] = [];
      for await (const rows of result.yieldRowObjectJson()) {
        for (const row of rows) batch.push(row as T);
        if (batch.length >= batchRows) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    async transaction(fn) {
      await connection.run('BEGIN TRANSACTION');
      try {
        const result = await fn();
        await connection.run('COMMIT');
        return result;
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
    async append(table, columns) {
      const appender = await connection.createAppender(table.name, table.schema ?? null, table.catalog ?? null);
      try {
        const types = Array.from({ length: appender.columnCount }, (_, i) => appender.columnType(i));
        const rows = columns[0]?.length ?? 0;
        for (let start = 0; start < rows; start += chunkRows) {
          const end = Math.min(rows, start + chunkRows);
          const chunk = DuckDBDataChunk.create(types, end - start);
          chunk.setColumns(columns.map((column) => Array.prototype.slice.call(column, start, end) as DuckDBValue[]));
          appender.appendDataChunk(chunk);
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
    },
    defineTextFunction(name, fn) {
      connection.registerScalarFunction(DuckDBScalarFunction.create({
        name, returnType: VARCHAR, parameterTypes: [VARCHAR],
        mainFunction: (_info, input, output) => {
          const values = input.getColumnVector(0);
          for (let row = 0; row < input.rowCount; row++) {
            const value = values.getItem(row);
            output.setItem(row, typeof value === 'string' ? fn(value) : null);
          }
          output.flush();
        },
      }));
    },
    async connect() {
      return wrap(instance, await instance.connect(), false);
    },
    interrupt() {
      connection.interrupt();
    },
    close() {
      connection.closeSync();
      if (ownsInstance) instance.closeSync();
    },
  };
  return duck;
}

/** A SQL string literal, for the few places where DuckDB takes no parameter (file paths in table functions). */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A quoted identifier, for source column names that come from configuration. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
