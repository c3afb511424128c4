// The PostgreSQL side of the front-line benchmark: a server to run on (CIF_BENCH_PG_URL, or a cluster of our own
// like .ci/run starts), and a copy of a PGlite ODS in it, so both engines answer over the same rows.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { buildIndexes, dropIndexes, ident as q, literal } from '../src/ods/ddl.ts';
import { openOds, tables, type Ods, type Table } from '../src/ods/index.ts';

export const pgUrlVariable = 'CIF_BENCH_PG_URL';

export type BenchPostgres = { url: string; stop(): void } | { skip: string };

function run(command: string, args: string[], asPostgres: boolean): { ok: boolean; output: string } {
  // initdb refuses to run as root: as root, the cluster belongs to the postgres user, as in .ci/run.
  const r = asPostgres
    ? spawnSync('su', ['postgres', '-c', [command, ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ')], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error?.message ?? ''}`.trim() };
}

/**
 * The server named by CIF_BENCH_PG_URL, else a cluster of our own under /tmp (kept between runs, so a copied ODS
 * is reused; stopped when the benchmark ends), else a reason to skip PostgreSQL.
 */
export function benchPostgres(): BenchPostgres {
  const given = process.env[pgUrlVariable];
  if (given) return { url: given, stop() {} };
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)) : [];
  if (versions.length === 0) {
    return { skip: `no PostgreSQL: set ${pgUrlVariable}=postgres://… or install the server (apt-get install postgresql)` };
  }
  const bin = `/usr/lib/postgresql/${versions.sort((a, b) => Number(a) - Number(b)).at(-1)}/bin`;
  const root = process.env.CIF_BENCH_PG_DIR ?? '/tmp/cif-bench-postgres';
  const port = Number(process.env.CIF_BENCH_PG_PORT ?? 55441);
  const data = join(root, 'data');
  const asPostgres = process.getuid?.() === 0;
  if (asPostgres && spawnSync('id', ['postgres']).status !== 0) return { skip: `no postgres user to run a cluster as: set ${pgUrlVariable}` };
  if (!existsSync(join(data, 'PG_VERSION'))) {
    mkdirSync(root, { recursive: true });
    if (asPostgres) {
      const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
      chownSync(root, id('-u'), id('-g'));
    }
    const init = run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync'], asPostgres);
    if (!init.ok) return { skip: `initdb failed: ${init.output.split('\n').at(-1)}` };
  }
  const pgCtl = join(bin, 'pg_ctl');
  // A cluster left running by a benchmark that was killed is stopped first, so ours starts with our settings.
  if (existsSync(join(data, 'postmaster.pid'))) run(pgCtl, ['-D', data, 'stop', '-m', 'fast'], asPostgres);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=4GB`;
  const start = run(pgCtl, ['-D', data, '-o', options, '-l', join(root, 'log'), '-w', 'start'], asPostgres);
  if (!start.ok) {
    const logged = existsSync(join(root, 'log')) ? readFileSync(join(root, 'log'), 'utf8').trim().split('\n').filter((l) => /FATAL|ERROR/.test(l)).at(-1) : undefined;
    return { skip: `could not start PostgreSQL in ${root} on port ${port}: ${logged ?? start.output.split('\n').at(-1)} (CIF_BENCH_PG_PORT picks another port)` };
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    run(pgCtl, ['-D', data, 'stop', '-m', 'fast'], asPostgres);
  };
  process.once('exit', stop);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'cif-bench' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** What the copy was taken from: when the PGlite ODS has had another run since, the copy is taken again. */
async function fingerprint(ods: Ods, odsDir: string): Promise<string> {
  // The last run's start tells a rebuilt enterprise (whose runs are numbered from 1 again) from the one copied;
  // the migrations, a schema that has changed since.
  const [row] = await ods.query<{ run: number | null; started: string | null; customers: number; schema: string }>(
    `select max(run_id) as run, max(started_at)::text as started, (select count(*)::int from customer) as customers,
       (select string_agg(version || ' ' || name, '; ' order by version) from schema_migration) as schema
     from run`);
  return JSON.stringify({ from: resolve(odsDir), run: row?.run ?? null, started: row?.started ?? null, customers: row?.customers ?? 0, schema: row?.schema });
}

/** Tables whose primary key no foreign key points at: their indexes can be dropped for the copy and built after. */
function rebuildable(): Set<string> {
  const referenced = new Set(Object.values(tables as Record<string, Table>).flatMap((t) => (t.foreignKeys ?? []).map((fk) => fk.references.table)));
  return new Set(Object.keys(tables).filter((name) => !referenced.has(name)));
}

// Pages per batch: about 16 MB of table at a time, so no table is ever whole in memory.
const pagesPerBatch = 2_000;

/** One row as a CSV line, made in SQL: every value quoted, so only NULL is an unquoted empty field. */
function csvLine(columns: string[]): string {
  return columns.map((c) => `coalesce('"' || replace(${q(c)}::text, '"', '""') || '"', '')`).join(` || ',' || `);
}

/**
 * Streams one table from the PGlite ODS into PostgreSQL's COPY, a range of pages (ctid) at a time. The ODS's own
 * query does the reading (the extensions its tables need are loaded as it opens), each batch one CSV text.
 */
async function copyTable(ods: Ods, client: pg.Client, name: string, table: Table): Promise<number> {
  const columns = Object.keys(table.columns);
  const [size] = await ods.query<{ pages: number }>(`select (pg_relation_size($1) / current_setting('block_size')::int)::int as pages`, [name]);
  const sink = client.query(copyFrom(`copy ${q(name)} (${columns.map(q).join(', ')}) from stdin with (format csv)`));
  const done = new Promise<void>((resolvePromise, reject) => {
    sink.on('finish', resolvePromise);
    sink.on('error', reject);
  });
  let bytes = 0;
  for (let first = 0; first < (size?.pages ?? 0); first += pagesPerBatch) {
    const [batch] = await ods.query<{ csv: string | null }>(
      `select string_agg(${csvLine(columns)}, E'\n') || E'\n' as csv from ${q(name)}
       where ctid >= '(${first},0)'::tid and ctid < '(${first + pagesPerBatch},0)'::tid`);
    if (!batch?.csv) continue;
    const chunk = Buffer.from(batch.csv);
    bytes += chunk.length;
    if (!sink.write(chunk)) await once(sink, 'drain');
  }
  sink.end();
  await done;
  return bytes;
}

/**
 * A PostgreSQL database named `database` holding the same ODS as the PGlite directory: created through the ODS
 * (its migrations make the schema), then every table copied. A copy of the same PGlite ODS is reused.
 */
export async function copyOdsToPostgres(odsDir: string, serverUrl: string, database: string, log: (line: string) => void): Promise<string> {
  const url = databaseUrl(serverUrl, database);
  const source = await openOds({ dir: odsDir });
  try {
    const want = await fingerprint(source, odsDir);
    const have = await withClient(serverUrl, async (client) => {
      const r = await client.query<{ note: string | null }>(`select shobj_description(oid, 'pg_database') as note from pg_database where datname = $1`, [database]);
      return r.rows[0]?.note ?? undefined;
    });
    if (have === want) {
      log(`PostgreSQL: reusing database ${database} (a copy of ${odsDir})`);
      return url;
    }
    log(`PostgreSQL: copying ${odsDir} into database ${database}…`);
    await withClient(serverUrl, async (client) => {
      await client.query(`drop database if exists ${q(database)} with (force)`);
      await client.query(`create database ${q(database)}`);
    });
    await (await openOds({ url })).close();
    const started = performance.now();
    await withClient(url, async (client) => {
      const dropFirst = rebuildable();
      for (const [name, table] of Object.entries(tables as Record<string, Table>)) {
        if (name === 'schema_migration') continue; // the migrations just recorded themselves
        const t0 = performance.now();
        const rebuild = dropFirst.has(name);
        if (rebuild) for (const sql of dropIndexes(name, table)) await client.query(sql);
        const bytes = await copyTable(source, client, name, table);
        if (rebuild) for (const sql of buildIndexes(name, table)) await client.query(sql);
        for (const [column, def] of Object.entries(table.columns)) {
          if (def.generated !== 'identity') continue;
          // Copied rows kept their numbers: the next one the database hands out comes after them.
          await client.query(`select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${q(column)}) from ${q(name)}), 0) + 1, false)`, [name, column]);
        }
        if (bytes > 0) log(`  ${name}: ${(bytes / 1024 / 1024).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
      // Statistics and the visibility map now, as a server that had loaded these rows itself would have them.
      await client.query('vacuum analyze');
      await client.query(`comment on database ${q(database)} is ${literal(want)}`);
    });
    log(`PostgreSQL: copied in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return url;
  } finally {
    await source.close();
  }
}

export const benchDatabase = (customers: number) => `cif_bench_${customers}`;
