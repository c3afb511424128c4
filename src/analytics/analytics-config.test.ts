// cif.yaml's analytics section: every setting defaulted, and errors that name the setting and say what is wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { factoryConfigSchema } from '../config/index.ts';
import { analyticsConfigSchema, analyticsSettings } from './index.ts';

const issue = (config: unknown) => {
  const parsed = analyticsConfigSchema.safeParse(config);
  return parsed.success ? 'valid' : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
};

test('every setting has a default', () => {
  const settings = analyticsSettings();
  assert.equal(settings.seed, 1);
  assert.equal(settings.holdoutMonths, 3);
  assert.equal(settings.sampleRows, 1_000_000);
  assert.deepEqual(settings.churnBands, { high: 0.12, medium: 0.05 });
  assert.deepEqual(settings.offers, { discounts: [0, 5, 10, 15, 20], margin: 0.35, horizonMonths: 12 });
  assert.equal(settings.value.costPerContact, 4);
  assert.deepEqual(settings.value.paymentRisk, { mediumMonthsOwed: 1.5, highMonthsOwed: 2.5, mediumLateMonths: 3, highLateMonths: 6 });
  assert.equal(settings.collectionPolicy.at(-1)!.tier, '*');
  // a part given fills the rest of its section
  assert.deepEqual(analyticsSettings({ offers: { margin: 0.5 } }).offers, { discounts: [0, 5, 10, 15, 20], margin: 0.5, horizonMonths: 12 });
});

test('wrong settings are refused, naming the setting', () => {
  assert.match(issue({ holdout: 3 }), /Unrecognized key.*"holdout"/);
  assert.equal(issue({ holdoutMonths: 0 }), 'holdoutMonths: at least 1 month');
  assert.equal(issue({ churnBands: { high: 0.05, medium: 0.1 } }), 'churnBands.medium: medium must be below high');
  assert.equal(issue({ offers: { discounts: [5, 10] } }), 'offers.discounts: include 0: an offer without a discount');
  assert.equal(issue({ offers: { discounts: [0, 120] } }), 'offers.discounts.1: a discount of at most 100%');
  assert.equal(issue({ value: { tiers: [{ name: 'top', topShare: 0.2 }, { name: 'high', topShare: 0.1 }, { name: 'medium', topShare: 0.5 }, { name: 'low' }] } }),
    "value.tiers.1.topShare: must be above the tier before's (0.2): shares count from the top");
  assert.equal(issue({ value: { tiers: [{ name: 'gold', minValue: 100 }, { name: 'rest' }] } }),
    'collectionPolicy: the default policy names tier "top", which value.tiers lacks: give a collectionPolicy for the tiers gold, rest');
  const policy = [{ tier: '*', paymentRisk: '*', treatment: 'x', description: 'X.' }];
  assert.equal(issue({ value: { tiers: [{ name: 'top', topShare: 0.2 }, { name: 'rest', minValue: 5 }] }, collectionPolicy: policy }),
    'value.tiers.1: the last tier takes every customer left: give it neither topShare nor minValue');
  assert.equal(issue({ value: { tiers: [{ name: 'top', topShare: 0.2 }, { name: 'mid', minValue: 100 }, { name: 'rest' }] }, collectionPolicy: policy }),
    'value.tiers.1: every tier but the last gives topShare, as the first does');
  assert.equal(issue({ value: { tiers: [{ name: 'top' }, { name: 'rest' }] }, collectionPolicy: policy }), 'value.tiers.0: give this tier one of topShare or minValue');
  assert.equal(issue({ value: { paymentRisk: { mediumLateMonths: 6, highLateMonths: 6 } } }), 'value.paymentRisk.mediumLateMonths: mediumLateMonths must be below highLateMonths');
  assert.equal(issue({ collectionPolicy: [{ tier: 'gold', paymentRisk: '*', treatment: 'call', description: 'Call.' }, { tier: '*', paymentRisk: '*', treatment: 'x', description: 'X.' }] }),
    'collectionPolicy.0.tier: no value tier "gold"; the tiers are top, high, medium, low (or "*")');
  assert.equal(issue({ collectionPolicy: [{ tier: 'top', paymentRisk: '*', treatment: 'call', description: 'Call.' }] }),
    'collectionPolicy: no row matches tier "high" with payment risk "low": add one, or a last row { tier: "*", paymentRisk: "*" }');
  assert.match(issue({ collectionPolicy: [{ tier: '*', paymentRisk: 'late', treatment: 'x', description: 'X.' }] }), /^collectionPolicy\.0\.paymentRisk: low, medium, high or "\*" for any/);
  assert.equal(issue({ collectionPolicy: [{ tier: '*', paymentRisk: '*', treatment: 'x', description: ' ' }] }),
    'collectionPolicy.0.description: say what the treatment does, for the agent who reads it');
  assert.throws(() => analyticsSettings({ seed: 1.5 }), /^Error: analytics settings: seed: a whole number$/);
});

test('cif.yaml takes the section as analytics:, optional', () => {
  assert.equal(factoryConfigSchema.parse({}).analytics, undefined);
  const config = factoryConfigSchema.parse({ analytics: { seed: 7, holdoutMonths: 2 } });
  assert.equal(config.analytics?.seed, 7);
  assert.equal(config.analytics?.churnBands.high, 0.12, 'the rest defaulted');
  const refused = factoryConfigSchema.safeParse({ analytics: { churnBands: { high: 2 } } });
  assert.equal(refused.success, false);
  assert.deepEqual(refused.error!.issues[0]!.path, ['analytics', 'churnBands', 'high']);
});
