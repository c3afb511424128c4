// One acquisition run over every source: extract what is new, cleanse, integrate identity, load the warehouse
// (all in one DuckDB transaction: a run that fails leaves the stores as they were), then deliver to the ODS.
import { mkdirSync } from 'node:fs';
import { ensureManifest } from '../sources/index.ts';
import * as acquisition from '../acquisition/index.ts';
import * as analytics from '../analytics/index.ts';
import type { Factory } from '../config/index.ts';
import { type Duck, openDuck } from '../duckdb/index.ts';
import * as identity from '../identity/index.ts';
import * as marts from '../marts/index.ts';
import { type Ods, openOds } from '../ods/index.ts';
import * as warehouse from '../warehouse/index.ts';
import { acquireNewFiles } from './acquire-new-files.ts';
import { deliverToOds } from './deliver-to-ods.ts';
import { pendingFrontLineChanges, pendingFrontLineContacts } from './front-line-changes.ts';
import { lockDirectory } from './directory-lock.ts';
import { analyticsSettingsOf, deliverPendingScores, scoreAndFeedBack, type ScoreStep } from './score-step.ts';
import { ensureRunLog, nextRunId, type SourceCount, writeRun } from './run-log.ts';

export interface RunReport {
  runId: number;
  status: 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string;
  seconds: number;
  sources: SourceCount[];
  identity: identity.IdentitySummary | null;
  warehouse: { customerVersions: number; householdVersions: number; accountVersions: number; facts: Record<string, number> } | null;
  marts: marts.MartBuild | null;
  ods: Record<string, unknown> | null;
  /** The scoring that followed (null when the run failed); its error, if any, leaves the run succeeded. */
  analytics: ScoreStep | null;
  /** The warehouse published as Parquet for readers (null when the run failed, or publishing did: see publishError). */
  published: marts.PublishReport | null;
  publishError?: string;
  error?: string;
}

export type Log = (line: string) => void;

/** The stores of a factory, opened and ready; the caller holds the directory lock. */
export interface OpenStores {
  duck: Duck;
  ods: Ods;
  close(): Promise<void>;
}

export async function openStores(factory: Factory): Promise<OpenStores> {
  mkdirSync(factory.dataDir, { recursive: true });
  const duck = await openDuck(factory.warehouseFile);
  try {
    await acquisition.createStandardiseMacros(duck);
    await ensureManifest(duck);
    await acquisition.ensureStaging(duck);
    await identity.ensureIdentityTables(duck);
    await warehouse.ensureWarehouse(duck);
    await ensureRunLog(duck);
    const ods = await openOds(factory.ods);
    return { duck, ods, close: async () => { await ods.close(); duck.close(); } };
  } catch (error) {
    duck.close();
    throw error;
  }
}

export async function runFactory(factory: Factory, log: Log = () => undefined): Promise<RunReport> {
  const lock = lockDirectory(factory.dataDir, 'cif run');
  try {
    const stores = await openStores(factory);
    try {
      return await runWith(factory, stores, log);
    } finally {
      await stores.close();
    }
  } finally {
    lock.release();
  }
}

export async function runWith(factory: Factory, { duck, ods }: OpenStores, print: Log): Promise<RunReport> {
  const started = new Date();
  const log: Log = (line) => print(`${secondsSince(started).toFixed(1).padStart(6)} s  ${line}`);
  const pending = await deliverToOds(duck, ods);
  if (pending) log(`delivered runs ${pending.runs.join(', ')} left undelivered to the ODS by an earlier run`);

  const runId = await nextRunId(duck);
  const startedAt = started.toISOString();
  let counts: SourceCount[] = [];
  let summary: identity.IdentitySummary | null = null;
  let dw: RunReport['warehouse'] = null;
  let built: marts.MartBuild | null = null;
  log(`run ${runId} started`);
  try {
    await duck.transaction(async () => {
      await acquisition.clearBatches(duck);
      counts = await acquireNewFiles(duck, factory, runId, log);
      // Decisions stewards took since the last run (in the ODS) are applied by this one.
      const decided = await identity.recordDecisions(duck, runId, await ods.pendingDecisions());
      if (decided) log(`  identity: ${decided} steward decision(s) to apply`);
      // So are the front line's changes of customers' details: the golden records keep them.
      const frontLine = await identity.recordFrontLineChanges(duck, runId, pendingFrontLineChanges(ods));
      if (frontLine) log(`  identity: ${frontLine} front-line change(s) to take in`);
      const settings = factory.config.identity;
      summary = await identity.resolveIdentity(duck, runId, { matchThreshold: settings.matchThreshold, reviewThreshold: settings.reviewThreshold,
        retrain: settings.retrain, overrides: settings.model, uniqueWithinSource: settings.uniqueWithinSource });
      log(summary.skipped ? '  identity: no customer record changed' :
        `  identity: ${summary.changedRecords} of ${summary.records} records resolved${summary.retrained ? ' (model estimated)' : ''}, ` +
        `${summary.pairsCompared} pairs compared (blocking recall ≈ ${((summary.blockingRecall ?? 1) * 100).toFixed(2)}%), ${summary.matches} matches, ` +
        `${summary.uncertain} uncertain → ${summary.customers} customers (${summary.newCustomers} new, ${summary.merged} merged, ${summary.split} split), ` +
        `${summary.households} households`);
      if (summary.steps) log(`  identity steps: ${Object.entries(summary.steps).map(([step, s]) => `${step} ${s.toFixed(1)} s`).join(', ')}`);
      const customers = await warehouse.loadCustomerHistory(duck, runId, startedAt);
      const households = await warehouse.loadHouseholdHistory(duck, runId, startedAt);
      const accounts = await warehouse.loadAccountHistory(duck, runId, startedAt);
      const facts = await warehouse.loadFacts(duck, runId);
      facts.frontline_contact = await warehouse.loadFrontLineContacts(duck, runId, pendingFrontLineContacts(ods));
      await warehouse.loadConformedDimensions(duck, runId);
      dw = { customerVersions: customers.versions, householdVersions: households.versions, accountVersions: accounts.versions, facts };
      log(`  warehouse: ${customers.versions} customer versions, ${households.versions} household versions, ${accounts.versions} account versions, ` +
        `facts ${JSON.stringify(facts)}`);
      // The marts are made from the warehouse alone: they refresh what the run changed in it, if anything.
      built = await buildMarts(duck, factory, runId);
      log(`  marts: ${marts.describeBuild(built)}`);
      log('  committing');
      await writeRun(duck, { run_id: runId, started_at: startedAt, finished_at: new Date().toISOString(), status: 'loaded', error: null, ods_synced: false }, counts);
    });
  } catch (error) {
    const message = (error as Error).message;
    const finishedAt = new Date().toISOString();
    await writeRun(duck, { run_id: runId, started_at: startedAt, finished_at: finishedAt, status: 'failed', error: message, ods_synced: true }, counts);
    await ods.recordRun({ run_id: runId, started_at: startedAt, finished_at: finishedAt, status: 'failed', error: message, sources: counts });
    log(`run ${runId} failed: ${message}`);
    return { runId, status: 'failed', startedAt, finishedAt, seconds: secondsSince(started), sources: counts, identity: null, warehouse: null, marts: null, ods: null,
      analytics: null, published: null, error: message };
  }
  log('  delivering to the ODS');
  const delivered = await deliverToOds(duck, ods);
  // The models learn again when the marts moved (and the first time); the scores follow them to the ODS.
  const scored = analyticsSettingsOf(factory).scoreAfterRun && (built!.kind !== 'unchanged' || !(await analytics.latestReport(duck)))
    ? await scoreAndFeedBack(factory, duck, ods, runId, log)
    : { report: null, delivered: await deliverPendingScores(duck, ods, log) };
  const { published, publishError } = await publish(factory, duck, runId, log);
  const finishedAt = new Date().toISOString();
  log(`run ${runId} succeeded in ${secondsSince(started).toFixed(1)} s`);
  return {
    runId, status: 'succeeded', startedAt, finishedAt, seconds: secondsSince(started), sources: counts, identity: summary, warehouse: dw, marts: built,
    ods: delivered?.counts ?? null, analytics: scored, published, publishError,
  };
}

/** The marts, brought up to the warehouse as the run left it (in its transaction, or alone by `cif deliver`), or built anew. */
export function buildMarts(duck: Duck, factory: Factory, runId: number, full = false): Promise<marts.MartBuild> {
  const segments = factory.config.semantic?.segments;
  return full ? marts.buildOlapMart(duck, runId, segments) : marts.refreshMarts(duck, runId, segments);
}

/**
 * The committed warehouse as Parquet for the readers that cannot open the DuckDB file. A publication that fails
 * leaves the previous one whole and the run done: the next run publishes what this one did not.
 */
export async function publish(factory: Factory, duck: Duck, runId: number, log: Log): Promise<{ published: marts.PublishReport | null; publishError?: string }> {
  try {
    const published = await marts.publishWarehouse(duck, factory.dataDir, { runId });
    log(published.changed
      ? `  published: ${published.written.length} file(s), ${published.rowsWritten} rows, publication ${published.publication} in ${published.seconds.toFixed(1)} s`
      : '  published: nothing new');
    return { published };
  } catch (error) {
    const message = (error as Error).message;
    log(`  publishing the warehouse failed (the next run tries again): ${message}`);
    return { published: null, publishError: message };
  }
}

function secondsSince(start: Date): number {
  return (Date.now() - start.getTime()) / 1000;
}
