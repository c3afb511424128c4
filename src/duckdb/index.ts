// The DuckDB engine as the factory uses it: one file holds staging, identity and the warehouse,
// one connection per process (DuckDB lets only one process hold a file).
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

export interface Duck {
  run(sql: string, params?: Params): Promise<void>;
  all<T = Row>(sql: string, params?: Params): Promise<T[]>;
  one<T = Row>(sql: string, params?: Params): Promise<T | undefined>;
  /** Streams a query's rows in chunks (about 2,048 rows each), JSON-friendly values. */
  stream<T = Row>(sql: string, params?: Params): AsyncIterable<T[]>;
  /** Runs fn inside one transaction: all of it or none of it. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): void;
}

export async function openDuck(path: string = ':memory:'): Promise<Duck> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  return wrap(instance, connection);
}

function wrap(instance: DuckDBInstance, connection: DuckDBConnection): Duck {
  const duck: Duck = {
    async run(sql, params) {
      await connection.run(sql, params);
    },
    async all<T>(sql: string, params?: Params) {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJson() as T[];
    },
    async one<T>(sql: string, params?: Params) {
      const rows = await duck.all<T>(sql, params);
      return rows[0];
    },
    async *stream<T>(sql: string, params?: Params) {
      const result = await connection.stream(sql, params);
      for await (const rows of result.yieldRowObjectJson()) {
        if (rows.length > 0) yield rows as T[];
      }
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
    close() {
      connection.closeSync();
      instance.closeSync();
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
