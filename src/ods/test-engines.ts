// Runs a suite of ODS tests on every engine: PGlite in a temporary directory, and PostgreSQL when
// CIF_TEST_PG_URL names a server (each store is then a fresh database, dropped afterwards).
// Other parts' tests reuse it: forEachEngine('my part', (engine) => { test('…', async () => { const ods = await engine.open(); … }) }).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Engine } from './driver.ts';
import { openOds, type Ods, type OdsConfig } from './ods.ts';

export const pgTestUrlVariable = 'CIF_TEST_PG_URL';

export interface TestEngine {
  readonly name: Engine;
  /** A new, empty store, not yet migrated; removed when the suite ends. */
  fresh(): Promise<OdsConfig>;
  /** Opens the ODS on `config`, or on a fresh store; whatever a test leaves open is closed when the suite ends. */
  open(config?: OdsConfig): Promise<Ods>;
}

const scratch: string[] = [];
process.on('exit', () => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

// Creating a PGlite directory runs initdb (seconds); copying a freshly created one takes a tenth of that.
let template: Promise<string> | undefined;
function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = join(scratchDir('cif-ods-template-'), 'data');
    const db = await PGlite.create({ dataDir: dir });
    await db.close();
    return dir;
  })();
  return template;
}

function pgliteStores(): { fresh(): Promise<OdsConfig>; dispose(): Promise<void> } {
  const dirs: string[] = [];
  return {
    async fresh() {
      const dir = join(scratchDir('cif-ods-test-'), 'data');
      cpSync(await pgliteTemplate(), dir, { recursive: true });
      dirs.push(dir);
      return { dir };
    },
    async dispose() {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresStores(url: string): { fresh(): Promise<OdsConfig>; dispose(): Promise<void> } {
  const databases: string[] = [];
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    async fresh() {
      const name = `cif_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      await admin((client) => client.query(`create database ${name}`));
      databases.push(name);
      const target = new URL(url);
      target.pathname = `/${name}`;
      return { url: target.toString() };
    },
    async dispose() {
      if (databases.length === 0) return;
      await admin(async (client) => {
        for (const name of databases) await client.query(`drop database if exists ${name} with (force)`);
      });
    },
  };
}

/** Declares `name (pglite)` and `name (postgres)` suites; fn declares the tests, once per engine. */
export function forEachEngine(name: string, fn: (engine: TestEngine) => void): void {
  const url = process.env[pgTestUrlVariable];
  for (const engine of ['pglite', 'postgres'] as const) {
    const title = `${name} (${engine})`;
    if (engine === 'postgres' && !url) {
      test(title, (t) => t.skip(`${pgTestUrlVariable} not set`));
      continue;
    }
    describe(title, () => {
      const stores = engine === 'pglite' ? pgliteStores() : postgresStores(url!);
      const opened: Ods[] = [];
      after(async () => {
        for (const ods of opened) await ods.close().catch(() => undefined);
        await stores.dispose();
      });
      fn({
        name: engine,
        fresh: () => stores.fresh(),
        async open(config) {
          const ods = await openOds(config ?? (await stores.fresh()));
          opened.push(ods);
          return ods;
        },
      });
    });
  }
}
