// One identity run: compare the current customer records, cluster them into customers with stable ids,
// build golden records and households. Skipped when no customer record changed since the last run.
import type { Duck } from '../duckdb/index.ts';
import { buildCandidatePairs } from './candidate-pairs.ts';
import { buildClusters } from './clusters.ts';
import { assignHouseholds } from './householding.ts';
import { buildMatchRecords } from './match-features.ts';
import { scorePairs } from './match-rules.ts';
import { ensureNameRoots } from './nicknames.ts';
import { assignStableIds, type IdChanges } from './stable-ids.ts';
import { buildGoldenRecords } from './survivorship.ts';

export interface IdentitySummary extends IdChanges {
  skipped: boolean;
  records: number;
  pairsCompared: number;
  matches: number;
  customers: number;
  households: number;
}

const goldenColumns = ['given_name', 'middle_name', 'family_name', 'name_suffix', 'name_source', 'birth_date', 'birth_date_source',
  'address_line', 'city', 'region', 'postcode', 'address_source', 'emails', 'phones', 'household_id'];

export async function resolveIdentity(duck: Duck, runId: number): Promise<IdentitySummary> {
  const changed = await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM staging.customer WHERE run_id = $1`, [runId]);
  if (!changed?.n) return { ...(await counts(duck)), skipped: true, pairsCompared: 0, matches: 0, newCustomers: 0, merged: 0, reassignedRecords: 0 };

  await ensureNameRoots(duck);
  await buildMatchRecords(duck);
  const pairsCompared = await buildCandidatePairs(duck);
  const matches = await scorePairs(duck);
  await buildClusters(duck);
  const ids = await assignStableIds(duck, runId);
  await buildGoldenRecords(duck);
  await assignHouseholds(duck, runId);

  // The golden record changes (and gets this run's id) only when a value of it changed.
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_customer_next AS
    SELECT g.*, h.household_id FROM id_golden g JOIN id_home m USING (customer_id) JOIN id_household_next h USING (address_key)`);
  await duck.run('CREATE OR REPLACE TEMP TABLE id_first_run AS SELECT customer_id, first_run FROM identity.customer');
  await duck.run(`DELETE FROM identity.customer WHERE customer_id NOT IN (
    SELECT c.customer_id FROM identity.customer c JOIN id_customer_next n USING (customer_id)
    WHERE (${goldenColumns.map((c) => `c.${c}`).join(', ')}) IS NOT DISTINCT FROM (${goldenColumns.map((c) => `n.${c}`).join(', ')}))
    AND customer_id IN (SELECT customer_id FROM id_customer_next)`);
  await duck.run(`DELETE FROM identity.customer WHERE customer_id NOT IN (SELECT customer_id FROM id_customer_next)`);
  await duck.run(`INSERT INTO identity.customer
    SELECT ${['customer_id', ...goldenColumns].map((c) => `n.${c}`).join(', ')},
      coalesce(f.first_run, $1), $1
    FROM id_customer_next n LEFT JOIN id_first_run f USING (customer_id) ANTI JOIN identity.customer c USING (customer_id)`, [runId]);
  return { ...(await counts(duck)), skipped: false, pairsCompared, matches, ...ids };
}

async function counts(duck: Duck): Promise<{ records: number; customers: number; households: number }> {
  const row = await duck.one<{ records: number; customers: number; households: number }>(`SELECT
    (SELECT count(*) FROM identity.xref)::INTEGER AS records,
    (SELECT count(*) FROM identity.customer)::INTEGER AS customers,
    (SELECT count(*) FROM identity.household)::INTEGER AS households`);
  return row ?? { records: 0, customers: 0, households: 0 };
}
