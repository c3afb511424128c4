// The server engine: PostgreSQL 15+ through a `pg` pool. Scales with concurrent readers; loads take one connection.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ident } from './ddl.ts';
import type { OdsDriver, OdsSession } from './driver.ts';
import { oid, valueParsers } from './value-parsers.ts';

const int4Array = 1007;

// Per pool, not pg's global parsers, so other users of `pg` in the process keep theirs.
const types = {
  getTypeParser(typeId: number, format?: string) {
    if (format !== 'binary') {
      const parse = valueParsers[typeId];
      if (parse) return parse;
      // int4[]'s parser reads int8[] as numbers too (its oid is not in pg's list of builtin types).
      if (typeId === oid.int8Array) return (pg.types.getTypeParser as (typeId: number, format: 'text') => unknown)(int4Array, 'text');
    }
    return pg.types.getTypeParser(typeId, format as 'text');
  },
} as pg.CustomTypesConfig;

function session(client: pg.Pool | pg.PoolClient): OdsSession {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await client.query(sql, params);
      return result.rows as T[];
    },
    async copyCsv(table, columns, csv) {
      if (!('release' in client)) throw new Error('COPY needs a transaction');
      const stream = client.query(copyFrom(`copy ${ident(table)} (${columns.map(ident).join(', ')}) from stdin with (format csv)`));
      await pipeline(Readable.from([csv]), stream);
    },
  };
}

export async function openPostgresDriver(url: string): Promise<OdsDriver> {
  // No JIT: the ODS runs short lookups and set-based loads whose row estimates (set-returning functions)
  // look expensive enough to trigger it, and compiling then costs seconds more than it saves.
  const pool = new pg.Pool({ connectionString: url, types, application_name: 'cif-ods', max: 10, options: '-c jit=off' });
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const probe = await pool.connect(); // fail at open, with the server's message, not at the first read
  probe.release();
  const outside = session(pool);
  let closed = false;
  const open = () => {
    if (closed) throw new Error('the ODS is closed');
  };
  return {
    engine: 'postgres',
    autovacuum: true,
    async query(sql, params) {
      open();
      return outside.query(sql, params);
    },
    copyCsv: outside.copyCsv,
    async transaction(fn) {
      open();
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('begin');
        const result = await fn(session(client));
        await client.query('commit');
        return result;
      } catch (error) {
        // A connection that cannot even roll back is discarded rather than returned to the pool.
        await client.query('rollback').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
