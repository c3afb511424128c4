// The operational data store: current, integrated, volatile customer data, on PGlite or PostgreSQL.
import type { Engine, OdsDriver } from './driver.ts';
import { loadOds } from './load.ts';
import { migrations } from './migrations.ts';
import { migrate } from './migrator.ts';
import { openPgliteDriver } from './pglite-driver.ts';
import { openPostgresDriver } from './postgres-driver.ts';
import { getCustomer } from './profile.ts';
import type { CustomerHit, CustomerProfile, LoadCounts, OdsLoad, OdsStats, RunRecord } from './rows.ts';
import { listRuns, recordRun } from './runs.ts';
import { searchCustomers } from './search.ts';
import { stats } from './stats.ts';

export type OdsConfig = {
  /** postgres://… (or postgresql://…): a PostgreSQL 15+ server. */
  url?: string;
  /** PGlite data directory. With neither url nor dir, PGlite runs in memory. */
  dir?: string;
};

export interface OdsReader {
  searchCustomers(q: string, page?: { limit?: number; offset?: number }): Promise<{ total: number; items: CustomerHit[] }>;
  /** Follows merges: for an id merged into another, that one, with `redirectedFrom` set to the id asked for. */
  getCustomer(id: number): Promise<CustomerProfile | null>;
  stats(): Promise<OdsStats>;
  listRuns(limit?: number): Promise<RunRecord[]>;
  close(): Promise<void>;
}

export interface Ods extends OdsReader {
  engine: Engine;
  /** One transaction: all of it or none of it. */
  load(runId: number, load: OdsLoad): Promise<LoadCounts>;
  /** Inserts the run, or replaces it (and its per-source rows) by run_id. */
  recordRun(run: RunRecord): Promise<void>;
  /** Any statement, values normalised like every other read; for tests and later parts. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

function openDriver(config: OdsConfig): Promise<OdsDriver> {
  if (config.url !== undefined) {
    // The url is not echoed: it may hold a password.
    if (!/^postgres(ql)?:\/\//.test(config.url)) throw new Error('ODS url must start with postgres:// or postgresql://');
    return openPostgresDriver(config.url);
  }
  return openPgliteDriver(config.dir);
}

function odsOn(driver: OdsDriver): Ods {
  return {
    engine: driver.engine,
    searchCustomers: (q, page) => searchCustomers(driver, q, page),
    getCustomer: (id) => getCustomer(driver, id),
    stats: () => stats(driver),
    listRuns: (limit) => listRuns(driver, limit),
    load: (runId, load) => loadOds(driver, runId, load),
    recordRun: (run) => recordRun(driver, run),
    query: (sql, params) => driver.query(sql, params),
    close: () => driver.close(),
  };
}

/** Opens the ODS and applies any pending migrations. */
export async function openOds(config: OdsConfig): Promise<Ods> {
  const driver = await openDriver(config);
  try {
    await migrate(driver, migrations);
  } catch (error) {
    await driver.close();
    throw error;
  }
  return odsOn(driver);
}
