// The operational data store: current, integrated, volatile customer data, on PGlite or PostgreSQL.
import type { Engine, OdsDriver } from './driver.ts';
import { loadOds } from './load.ts';
import { migrations } from './migrations.ts';
import { migrate } from './migrator.ts';
import { openPgliteDriver } from './pglite-driver.ts';
import { openPostgresDriver } from './postgres-driver.ts';
import { getCustomer } from './profile.ts';
import type {
  CustomerHit,
  CustomerProfile,
  CustomerSourceRow,
  DecisionInput,
  LoadCounts,
  OdsLoad,
  OdsStats,
  RecordRef,
  ReviewItem,
  RunRecord,
  StewardDecision,
} from './rows.ts';
import { listRuns, recordRun } from './runs.ts';
import { searchCustomers } from './search.ts';
import { stats } from './stats.ts';
import {
  getReviewPair,
  getSourceRecords,
  identityModel,
  listReview,
  markDecisionsApplied,
  pendingDecisions,
  recordDecisions,
} from './stewardship.ts';

export type OdsConfig = {
  /** postgres://… (or postgresql://…): a PostgreSQL 15+ server. */
  url?: string;
  /** PGlite data directory. With neither url nor dir, PGlite runs in memory. */
  dir?: string;
};

/** What a server asks of the ODS: reads, and the stewards' decisions (small writes, each one transaction). */
export interface OdsReader {
  searchCustomers(q: string, page?: { limit?: number; offset?: number }): Promise<{ total: number; items: CustomerHit[] }>;
  /** Follows merges: for an id merged into another, that one, with `redirectedFrom` set to the id asked for. */
  getCustomer(id: number): Promise<CustomerProfile | null>;
  stats(): Promise<OdsStats>;
  listRuns(limit?: number): Promise<RunRecord[]>;
  /** Source records by key; keys the ODS does not hold are left out. */
  getSourceRecords(refs: RecordRef[]): Promise<CustomerSourceRow[]>;
  /** The open review queue, most probable first (limit 1–200, default 50). */
  listReview(page?: { limit?: number; offset?: number }): Promise<{ total: number; items: ReviewItem[] }>;
  /** One pair of the queue, open or decided; null when the queue never held it. */
  getReviewPair(pairId: string): Promise<ReviewItem | null>;
  /** Records a decision and closes its pair in the queue, in one transaction. Bad input: an OdsInputError naming the field. */
  recordDecision(decision: DecisionInput): Promise<StewardDecision>;
  /** Several decisions in one transaction: all of them or none. */
  recordDecisions(decisions: DecisionInput[]): Promise<StewardDecision[]>;
  /** Decisions no run has applied yet, oldest first. */
  pendingDecisions(): Promise<StewardDecision[]>;
  /** Marks decisions applied by a run; returns how many were marked (one already applied keeps its run). */
  markDecisionsApplied(ids: number[], runId: number): Promise<number>;
  /** The matching model identity delivered (JSON), or null before the first delivery. */
  identityModel(): Promise<unknown>;
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
    getSourceRecords: (refs) => getSourceRecords(driver, refs),
    listReview: (page) => listReview(driver, page),
    getReviewPair: (pairId) => getReviewPair(driver, pairId),
    recordDecision: async (decision) => (await recordDecisions(driver, [decision]))[0]!,
    recordDecisions: (decisions) => recordDecisions(driver, decisions),
    pendingDecisions: () => pendingDecisions(driver),
    markDecisionsApplied: (ids, runId) => markDecisionsApplied(driver, ids, runId),
    identityModel: () => identityModel(driver),
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
