// Publishes the warehouse and the marts as Parquet under <dataDir>/published/, for readers that cannot open the
// DuckDB file (one process holds it): the server, `cif sql`, any tool that reads Parquet. Append-only facts are
// published a run at a time; every other table is rewritten whole when it changed. Files are written under a
// temporary name and renamed into place, the manifest last; files the manifest no longer names are deleted one
// publication later, so a reader still on the previous manifest keeps its files.
import { mkdirSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Duck, ident, literal } from '../duckdb/index.ts';
import { filesOf, manifestFormat, type Manifest, moveIntoPlace, type PublishedFile, publishedDirectory, type PublishedTable, readManifest, writeManifest } from './published-manifest.ts';
import { type CatalogTable, publishedSchemas, publishedType, warehouseCatalog } from './warehouse-catalog.ts';

export interface PublishOptions {
  /** The run being published: recorded for tables that carry no run_id of their own. */
  runId?: number;
}

export interface PublishReport {
  /** False when nothing had changed: no file and no manifest written. */
  changed: boolean;
  publication: number;
  /** Files written, relative to the published directory. */
  written: string[];
  rowsWritten: number;
  /** Files of publications before the previous one, deleted. */
  deleted: string[];
  tables: number;
  seconds: number;
}

/** Runs after a run's transaction committed: it reads the warehouse as committed and writes nothing into it. */
export async function publishWarehouse(duck: Duck, dataDir: string, options: PublishOptions = {}): Promise<PublishReport> {
  const started = performance.now();
  const dir = publishedDirectory(dataDir);
  mkdirSync(dir, { recursive: true });
  const previous = readManifest(dir);
  const publication = (previous?.publication ?? 0) + 1;
  const target: Target = { duck, dir, publication, taken: new Set(filesOf(previous)), now: new Date().toISOString(), runId: options.runId ?? null, written: [] };

  const catalog = await warehouseCatalog(duck);
  const tables: PublishedTable[] = [];
  for (const table of catalog) {
    const before = previous?.tables.find((t) => t.schema === table.schema && t.name === table.name);
    tables.push(table.appendedBy ? await publishRuns(target, table, table.appendedBy, before) : await publishWhole(target, table, before));
  }
  const changed = !previous || tables.length !== previous.tables.length || tables.some((t, i) => t !== previous.tables[i]);
  const manifest: Manifest | null = changed
    ? { format: manifestFormat, publication, writtenAt: target.now, run: latest(tables.map((t) => t.run)), tables }
    : previous;
  if (changed) writeManifest(dir, manifest!);
  const deleted = removeUnlisted(dir, new Set([...filesOf(manifest), ...filesOf(previous)]));
  return {
    changed, publication: manifest!.publication, written: target.written.map((f) => f.path), rowsWritten: target.written.reduce((n, f) => n + f.rows, 0),
    deleted, tables: tables.length, seconds: (performance.now() - started) / 1000,
  };
}

interface Target {
  duck: Duck;
  dir: string;
  publication: number;
  /** Paths the previous manifest names: a reader may be using them, so a new file never takes one. */
  taken: Set<string>;
  now: string;
  runId: number | null;
  written: PublishedFile[];
}

/** A fact table: a file for each run (`by`) not yet published (or whose row count differs from what was published). */
async function publishRuns(target: Target, table: CatalogTable, by: string, before: PublishedTable | undefined): Promise<PublishedTable> {
  const columns = publishedColumns(table);
  const kept = before?.kind === 'append' && sameColumns(before.columns, columns) ? before.files : [];
  const runs = await target.duck.all<{ run: number; rows: string }>(
    `SELECT ${ident(by)} AS run, count(*) AS rows FROM ${qualified(table)} GROUP BY ALL ORDER BY 1`);
  const files: PublishedFile[] = [];
  for (const { run, rows } of runs) {
    const published = kept.find((f) => f.run === run);
    files.push(published && published.rows === Number(rows) ? published
      : await writeFile(target, table, `run-${pad(run)}`, `WHERE ${ident(by)} = ${Number(run)}`, run));
  }
  const unchanged = before !== undefined && files.length === before.files.length && files.every((f, i) => f === before.files[i]);
  if (unchanged && sameColumns(before.columns, columns)) return before;
  return { schema: table.schema, name: table.name, kind: 'append', columns, rows: sum(files), run: latest(files.map((f) => f.run)), fingerprint: null, writtenAt: target.now, files };
}

/** Any other table: rewritten whole when its row count or the hash of its rows changed. */
async function publishWhole(target: Target, table: CatalogTable, before: PublishedTable | undefined): Promise<PublishedTable> {
  const columns = publishedColumns(table);
  const hasRun = table.columns.some((c) => c.name === 'run_id');
  // The alias names the whole row: hash(row) covers every column without listing them.
  const state = await target.duck.one<{ rows: string; hash: string; run: number | null }>(
    `SELECT count(*) AS rows, coalesce(sum(hash(published_row)::HUGEINT), 0)::VARCHAR AS hash, ${hasRun ? 'max(run_id)' : 'NULL'} AS run
     FROM ${qualified(table)} AS published_row`);
  const fingerprint = `${state!.rows}:${state!.hash}`;
  if (before?.kind === 'whole' && before.fingerprint === fingerprint && sameColumns(before.columns, columns)) return before;
  const files = Number(state!.rows) > 0 ? [await writeFile(target, table, `publication-${pad(target.publication)}`, '', null)] : [];
  return {
    schema: table.schema, name: table.name, kind: 'whole', columns, rows: sum(files), run: hasRun ? state!.run : target.runId,
    fingerprint, writtenAt: target.now, files,
  };
}

/** COPY streams the rows from DuckDB to the file: nothing passes through JavaScript. */
async function writeFile(target: Target, table: CatalogTable, stem: string, where: string, run: number | null): Promise<PublishedFile> {
  const folder = `${table.schema}/${table.name}`;
  mkdirSync(join(target.dir, folder), { recursive: true });
  let path = `${folder}/${stem}.parquet`;
  if (target.taken.has(path)) path = `${folder}/${stem}-publication-${pad(target.publication)}.parquet`;
  const file = join(target.dir, path);
  const temporary = join(target.dir, folder, `.${stem}.parquet.tmp-${process.pid}`);
  const select = table.columns.map((c) => (publishedType(c.type) === c.type ? ident(c.name) : `CAST(${ident(c.name)} AS ${publishedType(c.type)}) AS ${ident(c.name)}`));
  const copied = await target.duck.one<{ Count: string }>(
    `COPY (SELECT ${select.join(', ')} FROM ${qualified(table)} ${where}) TO ${literal(temporary)} (FORMAT parquet)`);
  moveIntoPlace(temporary, file);
  const written = { path, rows: Number(copied?.Count ?? 0), run };
  target.written.push(written);
  return written;
}

/** Deletes the files under the schemas' folders that neither manifest names (and leftovers of a publish cut short). */
function removeUnlisted(dir: string, keep: Set<string>): string[] {
  const deleted: string[] = [];
  const sweep = (relative: string): boolean => {
    let empty = true;
    for (const entry of readdirSync(join(dir, relative), { withFileTypes: true })) {
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory() ? sweep(path) : !keep.has(path)) {
        rmSync(join(dir, path), { recursive: true, force: true });
        if (!entry.isDirectory()) deleted.push(path);
      } else {
        empty = false;
      }
    }
    return empty;
  };
  for (const schema of publishedSchemas) {
    try {
      if (sweep(schema)) rmdirSync(join(dir, schema));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return deleted;
}

const qualified = (table: CatalogTable) => `${ident(table.schema)}.${ident(table.name)}`;
const publishedColumns = (table: CatalogTable) => table.columns.map((c) => ({ name: c.name, type: publishedType(c.type) }));
const sameColumns = (a: PublishedTable['columns'], b: PublishedTable['columns']) => JSON.stringify(a) === JSON.stringify(b);
const sum = (files: PublishedFile[]) => files.reduce((n, f) => n + f.rows, 0);
const pad = (n: number) => String(n).padStart(6, '0');

function latest(runs: (number | null)[]): number | null {
  const known = runs.filter((r): r is number => r !== null);
  return known.length ? Math.max(...known) : null;
}
