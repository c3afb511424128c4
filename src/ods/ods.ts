// The operational data store: current, integrated, volatile customer data, on PGlite or PostgreSQL.
import { addApiKey, addUser, apiKeySource, createSession, endSession, findUser, listUsers, type SessionUser, sessionUser, type UserInput, type UserRecord } from './access.ts';
import { type ContactPage, listContacts } from './contacts.ts';
import type { Engine, OdsDriver } from './driver.ts';
import { loadOds } from './load.ts';
import { heldScoreRun, loadScores, type ScoreLoadCounts } from './load-scores.ts';
import { migrations } from './migrations.ts';
import { migrate } from './migrator.ts';
import { operFigures, type OperFigures } from './oper-figures.ts';
import { dueDeliveries, listOutbound, markDelivered, markFailed, replayDead, type OutboundPage, type OutboxRow, type OutboxStatus } from './outbox.ts';
import { openPgliteDriver } from './pglite-driver.ts';
import { openPostgresDriver } from './postgres-driver.ts';
import { type ChangeRow, getPreferences, listChanges, logContact, type Preferences, updateCustomerDetails, updatePreferences } from './front-line.ts';
import { type PendingContact, pendingContacts, pendingDetailsChanges, type PendingDetailsChange } from './front-line-runs.ts';
import { getCustomer } from './profile.ts';
import { survivingCustomerId } from './redirects.ts';
import type { ScoreInput } from './score-input.ts';
import { type CustomerScores, scoresOf } from './scores.ts';
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
  /** The customer an id names now, following merges (the id itself when it still exists); null when none. */
  survivingCustomerId(id: number): Promise<number | null>;
  /**
   * A customer's contacts newest first, `limit` (1–100, default 50) at a time from the `before` cursor (a profile's
   * `olderContacts`, a page's `next`); follows merges like getCustomer. A bad cursor is an OdsInputError naming `before`.
   */
  listContacts(customerId: number, page?: { before?: string; limit?: number }): Promise<ContactPage | null>;
  /** A customer's latest scores from the analytics; follows merges like getCustomer; null when none (or no such customer). */
  scoresOf(customerId: number): Promise<CustomerScores | null>;
  stats(): Promise<OdsStats>;
  /** The oper mart: today's contacts, open complaints by age, address changes not delivered yet (see oper-figures.ts). */
  operFigures(timeZone?: string): Promise<OperFigures>;
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
  // front line (the transactional interface)
  /** Changes details if `version` is still the customer's (else OdsConflictError); audited; queues outbound changes. */
  updateCustomerDetails(input: Parameters<typeof updateCustomerDetails>[1]): ReturnType<typeof updateCustomerDetails>;
  updatePreferences(input: Parameters<typeof updatePreferences>[1]): ReturnType<typeof updatePreferences>;
  getPreferences(customerId: number): Promise<Preferences>;
  logContact(input: Parameters<typeof logContact>[1]): ReturnType<typeof logContact>;
  /** A customer's audit trail, newest first. */
  listChanges(customerId: number, limit?: number): Promise<ChangeRow[]>;
  // access
  /** Adds a user; a taken name or a missing customer is an OdsInputError naming the field. */
  addUser(input: UserInput): Promise<UserRecord>;
  findUser(name: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  /** Records a session by the hash of its token (expiresAt: ISO timestamp). */
  createSession(userName: string, tokenHash: string, expiresAt: string): Promise<void>;
  /** The user of a live session; null when unknown, expired, or the user is disabled. */
  sessionUser(tokenHash: string): Promise<SessionUser | null>;
  endSession(tokenHash: string): Promise<void>;
  addApiKey(source: string, keyHash: string): Promise<void>;
  /** The operational system holding a key that is not revoked, else null. */
  apiKeySource(keyHash: string): Promise<string | null>;
  // outbound
  /** Pending rows due at `now`, each the oldest undelivered one of its customer for its system (see outbox.ts). */
  dueDeliveries(limit: number, now?: Date | string, exceptSources?: string[]): Promise<OutboxRow[]>;
  markDelivered(id: number): Promise<OutboxRow>;
  /** Counts an attempt that failed; `dead` parks the row until it is replayed. */
  markFailed(id: number, error: string, nextAttemptAt: Date | string, dead: boolean): Promise<OutboxRow>;
  /** Rows newest first (limit 1–500, default 50), with the counts by status. */
  listOutbound(page?: { status?: OutboxStatus | null; limit?: number; offset?: number }): Promise<OutboundPage>;
  /** Dead rows back to pending (one by id, or all): returns how many. */
  replayDead(id?: number): Promise<number>;
  close(): Promise<void>;
}

export interface Ods extends OdsReader {
  engine: Engine;
  /** One transaction: all of it or none of it. */
  load(runId: number, load: OdsLoad): Promise<LoadCounts>;
  /**
   * The information feedback: a scoring run's scores replace those held, in one transaction (see load-scores.ts).
   * Scores of customers the run did not score are removed; loading the same run again changes nothing.
   */
  loadScores(scoreRun: number, pages: AsyncIterable<ScoreInput[]>): Promise<ScoreLoadCounts>;
  /** The score run whose scores the ODS holds, null when none. */
  heldScoreRun(): Promise<number | null>;
  /** Inserts the run, or replaces it (and its per-source rows) by run_id. */
  recordRun(run: RunRecord): Promise<void>;
  /** Front-line details changes no run has taken, after a change id, oldest first, a page at a time. */
  pendingDetailsChanges(afterChangeId?: number, limit?: number): Promise<PendingDetailsChange[]>;
  /** Contacts the front line logged that no run has taken into the warehouse, after a change id, oldest first, a page at a time. */
  pendingContacts(afterChangeId?: number, limit?: number): Promise<PendingContact[]>;
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
    survivingCustomerId: (id) => survivingCustomerId(driver, id),
    listContacts: (customerId, page) => listContacts(driver, customerId, page),
    scoresOf: (customerId) => scoresOf(driver, customerId),
    stats: () => stats(driver),
    operFigures: (timeZone) => operFigures(driver, timeZone),
    listRuns: (limit) => listRuns(driver, limit),
    getSourceRecords: (refs) => getSourceRecords(driver, refs),
    listReview: (page) => listReview(driver, page),
    getReviewPair: (pairId) => getReviewPair(driver, pairId),
    recordDecision: async (decision) => (await recordDecisions(driver, [decision]))[0]!,
    recordDecisions: (decisions) => recordDecisions(driver, decisions),
    pendingDecisions: () => pendingDecisions(driver),
    markDecisionsApplied: (ids, runId) => markDecisionsApplied(driver, ids, runId),
    identityModel: () => identityModel(driver),
    // front line
    updateCustomerDetails: (input) => updateCustomerDetails(driver, input),
    updatePreferences: (input) => updatePreferences(driver, input),
    getPreferences: (customerId) => getPreferences(driver, customerId),
    logContact: (input) => logContact(driver, input),
    listChanges: (customerId, limit) => listChanges(driver, customerId, limit),
    // access
    addUser: (input) => addUser(driver, input),
    findUser: (name) => findUser(driver, name),
    listUsers: () => listUsers(driver),
    createSession: (userName, tokenHash, expiresAt) => createSession(driver, userName, tokenHash, expiresAt),
    sessionUser: (tokenHash) => sessionUser(driver, tokenHash),
    endSession: (tokenHash) => endSession(driver, tokenHash),
    addApiKey: (source, keyHash) => addApiKey(driver, source, keyHash),
    apiKeySource: (keyHash) => apiKeySource(driver, keyHash),
    // outbound
    dueDeliveries: (limit, now, exceptSources) => dueDeliveries(driver, limit, now, exceptSources),
    markDelivered: (id) => markDelivered(driver, id),
    markFailed: (id, error, nextAttemptAt, dead) => markFailed(driver, id, error, nextAttemptAt, dead),
    listOutbound: (page) => listOutbound(driver, page),
    replayDead: (id) => replayDead(driver, id),
    load: (runId, load) => loadOds(driver, runId, load),
    loadScores: (scoreRun, pages) => loadScores(driver, scoreRun, pages),
    heldScoreRun: () => heldScoreRun(driver),
    recordRun: (run) => recordRun(driver, run),
    pendingDetailsChanges: (afterChangeId, limit) => pendingDetailsChanges(driver, afterChangeId, limit),
    pendingContacts: (afterChangeId, limit) => pendingContacts(driver, afterChangeId, limit),
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
