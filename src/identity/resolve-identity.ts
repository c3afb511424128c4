// One identity run of the factory. The records that are new or changed since the last run are compared with all
// records (blocking keeps that cheap); only the customers they touch are clustered again, keep their ids or hand
// them on (stable-ids.ts), and get new golden records. The first run, or a retraining, does all of it.
import type { Duck } from '../duckdb/index.ts';
import { applyDecisions, refreshReviewQueue, sameDecisions, stewardLinks } from './decisions.ts';
import { addRecordsWithFrequencies, type IdentityModel, withTermFrequencies } from './fellegi-sunter.ts';
import { assignHouseholds } from './householding.ts';
import { clusterLinks, scoreCandidates, type Thresholds } from './link-records.ts';
import { loadModel, type ModelOverrides, overrideModel, saveModel } from './model-store.ts';
import { recordCustomers, updateRecordFeatures } from './record-features.ts';
import { assignStableIds, type IdChanges } from './stable-ids.ts';
import { type StepTimes, stepTimer } from './step-times.ts';
import { applyFrontLineValues, followMerges, frontLineCustomers } from './front-line-values.ts';
import { buildGoldenRecords } from './survivorship.ts';

export interface IdentitySettings {
  matchThreshold: number;
  reviewThreshold: number;
  /** Estimate the model again from all records (otherwise only when there is none). */
  retrain?: boolean;
  /** Parameters to use instead of the estimated ones: comparison → level label → { m, u }. */
  overrides?: ModelOverrides;
  /** Systems that keep one record per person by these identifiers: source → source_key | email | phone. */
  uniqueWithinSource?: Record<string, string[]>;
}

export const defaultIdentitySettings: IdentitySettings = { matchThreshold: 0.95, reviewThreshold: 0.5 };

export interface IdentitySummary extends IdChanges {
  skipped: boolean;
  records: number;
  changedRecords: number;
  pairsCompared: number;
  blockingRecall: number | null;
  matches: number;
  uncertain: number;
  customers: number;
  households: number;
  retrained: boolean;
  /** Seconds per step. */
  steps?: StepTimes;
}

const goldenColumns = ['given_name', 'middle_name', 'family_name', 'name_suffix', 'name_source', 'birth_date', 'birth_date_source',
  'address_line', 'city', 'region', 'postcode', 'address_source', 'emails', 'phones'];

export async function resolveIdentity(duck: Duck, runId: number, settings: IdentitySettings = defaultIdentitySettings): Promise<IdentitySummary> {
  const thresholds: Thresholds = { match: settings.matchThreshold, review: Math.min(settings.reviewThreshold, settings.matchThreshold) };
  const staged = await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM staging.customer WHERE run_id = $1`, [runId]);
  const decided = await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM identity.decision WHERE run_id = $1`, [runId]);
  let model = await loadModel(duck);
  const retrain = !model || settings.retrain === true;
  const nothing = { skipped: true, changedRecords: 0, pairsCompared: 0, blockingRecall: null, matches: 0, uncertain: 0, newCustomers: 0, merged: 0, split: 0, reassignedRecords: 0, retrained: false };
  if (!staged?.n && !decided?.n && !retrain) {
    // No record changed, but the front line may have: those customers' golden records take its values.
    const frontLine = await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${frontLineCustomers(runId)})`);
    if (frontLine?.n) {
      await duck.run(`CREATE OR REPLACE TEMP TABLE id_touched_customer AS
        SELECT customer_id FROM (${frontLineCustomers(runId)}) WHERE customer_id IN (SELECT customer_id FROM identity.customer)`);
      await updateGoldenRecords(duck, runId);
      await assignHouseholds(duck, runId);
      return { ...(await counts(duck)), ...nothing, skipped: false };
    }
    return { ...(await counts(duck)), ...nothing };
  }
  const { lap, skip, times } = stepTimer();
  const changedRecords = await updateRecordFeatures(duck, runId, retrain);
  lap('prepare');
  // Comparing needs each value's frequency among all records, but only for the records in a pair: on an
  // incremental run, the changed records and their candidates.
  const features = {
    table: 'id_rec',
    build: (pairs: string) => withTermFrequencies(duck, { population: 'identity.record', into: 'id_rec',
      rids: retrain ? undefined : `(SELECT a AS rid FROM ${pairs} UNION SELECT b FROM ${pairs} UNION SELECT rid FROM id_changed)` }),
  };
  const configured = (m: IdentityModel): IdentityModel => ({ ...overrideModel(m, settings.overrides), uniqueWithinSource: settings.uniqueWithinSource });
  const scored = await scoreCandidates(duck, { times, features,
    records: 'identity.record', prefix: 'id_', thresholds, model: retrain ? undefined : configured(model!), changed: retrain ? undefined : 'id_changed', adjust: configured,
    uniqueWithinSource: settings.uniqueWithinSource,
  });
  skip();
  model = scored.model;
  if (retrain) await saveModel(duck, model, runId);

  // The links and conflicts of changed records are replaced by this run's.
  for (const table of ['identity.link', 'identity.conflict']) {
    if (retrain) await duck.run(`DELETE FROM ${table}`);
    // Two deletes, not one with OR: each is a hash semi-join.
    else for (const side of ['a', 'b']) await duck.run(`DELETE FROM ${table} WHERE ${side} IN (SELECT rid FROM id_changed)`);
  }
  await duck.run(`INSERT INTO identity.link SELECT a, b, probability, $1 FROM id_scored WHERE probability >= ${thresholds.review}`, [runId]);
  await duck.run(`INSERT INTO identity.conflict SELECT a, b, generations, $1 FROM id_scored WHERE conflict AND probability < ${thresholds.match}`, [runId]);
  await applyDecisions(duck, runId);
  lap('links');
  await collectAffected(duck, retrain, thresholds);
  if (!retrain) await addRecordsWithFrequencies(duck, { population: 'identity.record', into: 'id_rec', rids: 'id_affected' });
  lap('affected');
  await stewardLinks(duck, 'id_affected');
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_cluster_links AS
    SELECT a, b, probability FROM identity.link WHERE probability >= ${thresholds.match}
      AND a IN (SELECT rid FROM id_affected) AND b IN (SELECT rid FROM id_affected)
      AND (least(a, b), greatest(a, b)) NOT IN (SELECT (least(a, b), greatest(a, b)) FROM id_steward_cannot)
    UNION ALL SELECT a, b, 1.0 FROM id_steward_must`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_cluster_cannot AS
    SELECT a, b, generations FROM identity.conflict WHERE a IN (SELECT rid FROM id_affected) AND b IN (SELECT rid FROM id_affected)
    UNION ALL SELECT a, b, false FROM id_steward_cannot`);
  await clusterLinks(duck, { links: 'id_cluster_links', cannot: 'id_cluster_cannot', records: 'id_rec', population: 'identity.record', stewarded: true,
    model, thresholds, into: 'id_linked' });
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_record AS
    SELECT r.rid, r.src AS source, r.source_key FROM identity.record r WHERE r.rid IN (SELECT rid FROM id_affected)`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_cluster AS
    SELECT r.rid, coalesce(l.cluster, r.rid) AS cluster FROM id_record r LEFT JOIN id_linked l USING (rid)`);
  lap('cluster');
  const ids = await assignStableIds(duck, runId);
  await followMerges(duck, runId);
  await duck.run(`INSERT INTO id_touched_customer SELECT customer_id FROM (${frontLineCustomers(runId)})
    WHERE customer_id IN (SELECT customer_id FROM identity.customer) EXCEPT SELECT customer_id FROM id_touched_customer`);
  lap('ids');
  await updateGoldenRecords(duck, runId);
  lap('golden');
  await assignHouseholds(duck, runId);
  lap('households');
  await refreshReviewQueue(duck, runId, thresholds);
  lap('review');
  return { ...(await counts(duck)), ...ids, skipped: false, changedRecords, pairsCompared: scored.pairsCompared, blockingRecall: scored.blockingRecall,
    matches: scored.matches, uncertain: scored.uncertain, retrained: retrain, steps: times };
}

/**
 * id_affected (rid): the changed records, every record of a customer they belong to or link to, and so on until
 * no customer is left half in: a customer is clustered again whole or not at all.
 */
async function collectAffected(duck: Duck, all: boolean, thresholds: Thresholds): Promise<void> {
  if (all) {
    await duck.run('CREATE OR REPLACE TEMP TABLE id_affected AS SELECT rid FROM identity.record');
    return;
  }
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_customer_of AS ${recordCustomers}`);
  await sameDecisions(duck);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_affected AS
    SELECT rid FROM id_changed UNION SELECT rid FROM id_decided_records`);
  for (let round = 0; round < 20; round++) {
    const before = await duck.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM id_affected');
    await duck.run(`CREATE OR REPLACE TEMP TABLE id_affected AS
      WITH joined AS (SELECT a, b FROM identity.link WHERE probability >= ${thresholds.match} UNION ALL SELECT a, b FROM id_same_decisions),
      linked AS (
        SELECT b AS rid FROM joined WHERE a IN (SELECT rid FROM id_affected)
        UNION SELECT a FROM joined WHERE b IN (SELECT rid FROM id_affected)),
      customers AS (SELECT DISTINCT customer_id FROM id_customer_of WHERE rid IN (SELECT rid FROM id_affected UNION SELECT rid FROM linked))
      SELECT rid FROM id_affected UNION SELECT rid FROM linked
      UNION SELECT rid FROM id_customer_of WHERE customer_id IN (SELECT customer_id FROM customers)`);
    const after = await duck.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM id_affected');
    if (after?.n === before?.n) break;
  }
}

/** Golden records of the customers this run touched; a golden record gets this run's id only when a value changed. */
async function updateGoldenRecords(duck: Duck, runId: number): Promise<void> {
  await buildGoldenRecords(duck, 'id_touched_customer');
  await applyFrontLineValues(duck);
  await duck.run('CREATE OR REPLACE TEMP TABLE id_first_run AS SELECT customer_id, first_run FROM identity.customer WHERE customer_id IN (SELECT customer_id FROM id_touched_customer)');
  // Gone: merged into another customer, or left with no records.
  await duck.run(`DELETE FROM identity.customer WHERE customer_id IN (SELECT customer_id FROM id_touched_customer)
    AND customer_id NOT IN (SELECT customer_id FROM id_golden)`);
  await duck.run(`DELETE FROM identity.customer WHERE customer_id IN (
    SELECT c.customer_id FROM identity.customer c JOIN id_golden n USING (customer_id)
    WHERE (${goldenColumns.map((c) => `c.${c}`).join(', ')}) IS DISTINCT FROM (${goldenColumns.map((c) => `n.${c}`).join(', ')}))`);
  await duck.run(`INSERT INTO identity.customer BY NAME
    SELECT n.*, NULL::INTEGER AS household_id, coalesce(f.first_run, $1) AS first_run, $1 AS run_id
    FROM id_golden n LEFT JOIN id_first_run f USING (customer_id) ANTI JOIN identity.customer c USING (customer_id)`, [runId]);
}

async function counts(duck: Duck): Promise<{ records: number; customers: number; households: number }> {
  const row = await duck.one<{ records: number; customers: number; households: number }>(`SELECT
    (SELECT count(*) FROM identity.xref)::INTEGER AS records,
    (SELECT count(*) FROM identity.customer)::INTEGER AS customers,
    (SELECT count(*) FROM identity.household)::INTEGER AS households`);
  return row ?? { records: 0, customers: 0, households: 0 };
}
