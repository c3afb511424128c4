// The embedded engine: PGlite (PostgreSQL in WASM) in a data directory, or in memory when none is given.
// One connection only; its queries block the event loop, so servers run it off their thread (off-thread.ts).
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { ident } from './ddl.ts';
import type { OdsDriver, OdsSession } from './driver.ts';
import { valueParsers } from './value-parsers.ts';

type Queryable = Pick<PGlite, 'query'> | Transaction;

function session(db: Queryable): OdsSession {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await db.query<T>(sql, params);
      return result.rows;
    },
    async copyCsv(table, columns, csv) {
      // PGlite reads COPY input from a blob handed over with the query.
      await db.query(`copy ${ident(table)} (${columns.map(ident).join(', ')}) from '/dev/blob' with (format csv)`, [], {
        blob: new Blob([csv]),
      });
    },
  };
}

export async function openPgliteDriver(dir?: string): Promise<OdsDriver> {
  const db = await PGlite.create({ dataDir: dir, parsers: valueParsers, extensions: { pg_trgm } });
  const outside = session(db);
  const open = () => {
    if (db.closed) throw new Error('the ODS is closed');
  };
  return {
    engine: 'pglite',
    autovacuum: false,
    async query(sql, params) {
      open();
      return outside.query(sql, params);
    },
    copyCsv: outside.copyCsv,
    // PGlite's own transaction holds its lock, so no other caller's statement lands inside ours.
    async transaction(fn) {
      open();
      return db.transaction((tx) => fn(session(tx)));
    },
    async close() {
      if (!db.closed) await db.close();
    },
  };
}
