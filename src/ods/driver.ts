// What the ODS needs from an engine. PGlite and PostgreSQL each implement it; nothing else asks which one it has.

export type Engine = 'pglite' | 'postgres';

/** One connection's worth of work: inside a transaction, or on whatever connection is free. */
export interface OdsSession {
  /** One statement with $1… parameters; values come back normalised (see value-parsers.ts). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Bulk-loads CSV text (no header) into a table's columns with COPY. */
  copyCsv(table: string, columns: string[], csv: string): Promise<void>;
}

export interface OdsDriver extends OdsSession {
  readonly engine: Engine;
  /** Whether the engine vacuums by itself; PGlite has no background workers, so the ODS vacuums after a load. */
  readonly autovacuum: boolean;
  /** Runs fn on one connection inside BEGIN … COMMIT; any error rolls all of it back and is rethrown. */
  transaction<T>(fn: (session: OdsSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
