// Reads the published warehouse without holding the DuckDB file: an in-memory DuckDB with one view per manifest
// table over its Parquet files. Any number of processes can do this while a run holds the warehouse.
import { mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Duck, ident, literal, openDuck } from '../duckdb/index.ts';
import { manifestFile, type Manifest, type PublishedTable, publishedDirectory, readManifest } from './published-manifest.ts';
import { publishedSchemas } from './warehouse-catalog.ts';

export class NotPublishedError extends Error {
  override name = 'NotPublishedError';
  constructor(publishedDir: string) {
    super(`no published warehouse in ${publishedDir} yet: run cif run first`);
  }
}

export interface PublishedWarehouse {
  /** A connection of its own for one query (close it after), the views following the latest manifest. */
  connect(): Promise<Duck>;
  /** The manifest the views follow. */
  manifest(): Manifest;
  /** A private directory the queries may write result files to (and nowhere else). */
  readonly scratchDir: string;
  close(): void;
}

/** How often, at most, the manifest's time stamp is looked at: a stat per second is nothing. */
const checkEveryMs = 1000;

export async function openPublished(dataDir: string, options: { memoryLimit?: string } = {}): Promise<PublishedWarehouse> {
  let manifest = readManifest(publishedDirectory(dataDir));
  if (!manifest) throw new NotPublishedError(publishedDirectory(dataDir));
  // DuckDB compares the paths it is given with the allowed directories as they are: no symbolic links in either.
  const dir = realpathSync(publishedDirectory(dataDir));
  let seen = stamp(dir);
  const scratchDir = realpathSync(mkdtempSync(join(tmpdir(), 'cif-published-')));
  const duck = await openDuck(':memory:', { memoryLimit: options.memoryLimit ?? process.env.CIF_DSI_MEMORY ?? '1GB', tempDirectory: join(scratchDir, 'spill') });
  try {
    for (const schema of publishedSchemas) await duck.run(`CREATE SCHEMA ${schema}`);
    // Queries reach the published files and the scratch directory, no other file: read_csv('/etc/passwd'), COPY
    // to a path, ATTACH and extensions are refused, and the settings cannot be changed back.
    await duck.run(`SET allowed_directories = [${[dir, scratchDir].map((d) => literal(`${d}/`)).join(', ')}]`);
    await duck.run('SET enable_external_access = false');
    await duck.run('SET lock_configuration = true');
    await createViews(duck, dir, manifest, null);
  } catch (error) {
    duck.close();
    rmSync(scratchDir, { recursive: true, force: true });
    throw error;
  }

  let checkedAt = Date.now();
  let refreshing: Promise<void> | undefined;
  const refresh = async () => {
    if (Date.now() - checkedAt < checkEveryMs) return;
    checkedAt = Date.now();
    const now = stamp(dir);
    if (now === seen || now === null) return;
    const next = readManifest(dir)!;
    await createViews(duck, dir, next, manifest);
    manifest = next;
    seen = now;
  };
  return {
    async connect() {
      await (refreshing ??= refresh().finally(() => (refreshing = undefined)));
      return duck.connect();
    },
    manifest: () => manifest!,
    scratchDir,
    close() {
      duck.close();
      rmSync(scratchDir, { recursive: true, force: true });
    },
  };
}

/** The server opens the reader at its first use, and again after a failure (no run yet, say). */
export interface PublishedOnDemand {
  open(): Promise<PublishedWarehouse>;
  close(): Promise<void>;
}

export function publishedOnDemand(dataDir: string, options: { memoryLimit?: string } = {}): PublishedOnDemand {
  let opening: Promise<PublishedWarehouse> | undefined;
  return {
    open() {
      opening ??= openPublished(dataDir, options).catch((error: unknown) => {
        opening = undefined;
        throw error;
      });
      return opening;
    },
    async close() {
      const published = await opening?.catch(() => undefined);
      published?.close();
      opening = undefined;
    },
  };
}

/** The manifest is replaced by a rename: a new inode, even when the clock has not moved. */
function stamp(dir: string): string | null {
  try {
    const s = statSync(manifestFile(dir));
    return `${s.ino}:${s.mtimeMs}:${s.size}`;
  } catch {
    return null;
  }
}

/** One transaction: a query that starts meanwhile sees the old views or the new ones, not a mixture. */
async function createViews(duck: Duck, dir: string, manifest: Manifest, before: Manifest | null): Promise<void> {
  await duck.transaction(async () => {
    for (const table of manifest.tables) await duck.run(`CREATE OR REPLACE VIEW ${ident(table.schema)}.${ident(table.name)} AS ${viewQuery(dir, table)}`);
    for (const gone of before?.tables.filter((t) => !manifest.tables.some((n) => n.schema === t.schema && n.name === t.name)) ?? []) {
      await duck.run(`DROP VIEW IF EXISTS ${ident(gone.schema)}.${ident(gone.name)}`);
    }
  });
}

function viewQuery(dir: string, table: PublishedTable): string {
  if (table.files.length === 0) {
    // No rows published: the view still has the table's columns and types.
    return `SELECT ${table.columns.map((c) => `CAST(NULL AS ${c.type}) AS ${ident(c.name)}`).join(', ')} WHERE false`;
  }
  return `SELECT * FROM read_parquet([${table.files.map((f) => literal(join(dir, f.path))).join(', ')}])`;
}
