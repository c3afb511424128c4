// The collection treatment follows the policy table: the first row that matches tier and payment risk, "*" for any;
// the same in TypeScript and in the SQL that scores everyone, for the default table and for one changed in cif.yaml.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Duck, openDuck } from '../duckdb/index.ts';
import { analyticsSettings, type CollectionPolicyRow, collectionTreatment, defaultCollectionPolicy, type PaymentRisk } from './index.ts';
import { policySql } from './collection-policy.ts';

const risks: PaymentRisk[] = ['low', 'medium', 'high'];
let duck: Duck;
before(async () => {
  duck = await openDuck();
});
after(() => duck.close());

/** Every tier and risk through the policy's SQL. */
async function bySql(policy: CollectionPolicyRow[], tiers: string[]): Promise<Record<string, string>> {
  const rows = await duck.all<{ tier: string; risk: string; treatment: string; description: string }>(`
    SELECT tier, risk, ${policySql(policy, 'tier', 'risk', 'treatment')} AS treatment, ${policySql(policy, 'tier', 'risk', 'description')} AS description
    FROM unnest(${JSON.stringify(tiers).replaceAll('"', "'")}::VARCHAR[]) t(tier), unnest(['low', 'medium', 'high']) r(risk)`);
  return Object.fromEntries(rows.map((r) => [`${r.tier}/${r.risk}`, `${r.treatment}: ${r.description}`]));
}

test('the default table: the top tier gets a courtesy call before any dunning letter', async () => {
  const { collectionPolicy, value } = analyticsSettings();
  assert.deepEqual(collectionPolicy, defaultCollectionPolicy);
  const tiers = value.tiers.map((t) => t.name);
  assert.deepEqual(tiers, ['top', 'high', 'medium', 'low']);
  assert.equal(collectionTreatment(collectionPolicy, 'top', 'low')!.treatment, 'courtesy-call');
  assert.equal(collectionTreatment(collectionPolicy, 'top', 'medium')!.treatment, 'courtesy-call');
  assert.equal(collectionTreatment(collectionPolicy, 'top', 'high')!.treatment, 'account-manager-call', 'a call still comes first');
  assert.match(collectionTreatment(collectionPolicy, 'top', 'high')!.description, /before any dunning letter/);
  assert.equal(collectionTreatment(collectionPolicy, 'high', 'high')!.treatment, 'reminder-call');
  assert.equal(collectionTreatment(collectionPolicy, 'low', 'high')!.treatment, 'strict-dunning');
  assert.equal(collectionTreatment(collectionPolicy, 'medium', 'medium')!.treatment, 'standard-dunning');
  assert.equal(collectionTreatment(collectionPolicy, 'low', 'low')!.treatment, 'standard-terms');
  const sql = await bySql(collectionPolicy, tiers);
  for (const tier of tiers) {
    for (const risk of risks) {
      const row = collectionTreatment(collectionPolicy, tier, risk)!;
      assert.equal(sql[`${tier}/${risk}`], `${row.treatment}: ${row.description}`, `${tier}/${risk}`);
    }
  }
});

test('a changed table: its own rows, in its own order, first match wins', async () => {
  const settings = analyticsSettings({
    value: { tiers: [{ name: 'gold', minValue: 2000 }, { name: 'rest' }] },
    collectionPolicy: [
      { tier: '*', paymentRisk: 'high', treatment: 'hand-to-agency', description: 'Passed to the collection agency.' },
      { tier: 'gold', paymentRisk: '*', treatment: 'letter-first', description: "A friendly letter, then the standard steps; it's gold." },
      { tier: '*', paymentRisk: '*', treatment: 'standard', description: 'Standard steps.' },
    ],
  });
  const policy = settings.collectionPolicy;
  assert.equal(collectionTreatment(policy, 'gold', 'high')!.treatment, 'hand-to-agency', 'the first row matches before the gold one');
  assert.equal(collectionTreatment(policy, 'gold', 'low')!.treatment, 'letter-first');
  assert.equal(collectionTreatment(policy, 'rest', 'medium')!.treatment, 'standard');
  assert.deepEqual(await bySql(policy, ['gold', 'rest']), {
    'gold/low': "letter-first: A friendly letter, then the standard steps; it's gold.", 'gold/medium': "letter-first: A friendly letter, then the standard steps; it's gold.",
    'gold/high': 'hand-to-agency: Passed to the collection agency.', 'rest/low': 'standard: Standard steps.', 'rest/medium': 'standard: Standard steps.',
    'rest/high': 'hand-to-agency: Passed to the collection agency.',
  });
});
