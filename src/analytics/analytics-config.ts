// cif.yaml `analytics:`: how the models are trained and what the scores turn into. Every setting has a default, so
// the section, and any part of it, may be left out.
import { z } from 'zod';
import { anyValue, matches } from './collection-policy.ts';

export const paymentRisks = ['low', 'medium', 'high'] as const;
export type PaymentRisk = (typeof paymentRisks)[number];
export const churnBands = ['high', 'medium', 'low'] as const;
export type ChurnBand = (typeof churnBands)[number];

const share = z.number().gt(0, 'a share above 0').max(1, 'a share of at most 1');
const money = z.number().min(0, 'an amount of at least 0');
const name = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lower case letters, digits, _ and -');

const valueTier = z.strictObject({
  name,
  /** The customers whose value ranks in this share from the top (cumulative: top 0.05, high 0.2, …) fall in the tier. */
  topShare: share.optional(),
  /** Or: the customers whose value is at least this. */
  minValue: z.number().optional(),
});
export type ValueTier = z.infer<typeof valueTier>;

const policyRow = z.strictObject({
  tier: z.string().min(1, `a tier's name, or "${anyValue}" for any`),
  paymentRisk: z.enum([...paymentRisks, anyValue], { error: `low, medium, high or "${anyValue}" for any` }),
  treatment: name,
  description: z.string().trim().min(1, 'say what the treatment does, for the agent who reads it'),
});
export type CollectionPolicyRow = z.infer<typeof policyRow>;

/** The tiers by value, the highest first. */
export const defaultValueTiers = [
  { name: 'top', topShare: 0.05 },
  { name: 'high', topShare: 0.2 },
  { name: 'medium', topShare: 0.5 },
  { name: 'low' },
];

/**
 * How overdue bills are handled, by value tier and payment risk: the first row that matches a customer decides.
 * The best customers are never sent a dunning letter out of the blue: someone calls them first.
 */
export const defaultCollectionPolicy: CollectionPolicyRow[] = [
  { tier: 'top', paymentRisk: 'high', treatment: 'account-manager-call', description: 'Call personally before any dunning letter and offer a payment plan; no suspension without a manager.' },
  { tier: 'top', paymentRisk: '*', treatment: 'courtesy-call', description: 'A courtesy call before any dunning letter: most of these bills are an oversight.' },
  { tier: 'high', paymentRisk: 'high', treatment: 'reminder-call', description: 'A reminder call, then the standard letters; offer a payment plan on request.' },
  { tier: '*', paymentRisk: 'high', treatment: 'strict-dunning', description: 'Dunning letters from the first day overdue; service suspended after 30 days; no new lines on credit.' },
  { tier: '*', paymentRisk: 'medium', treatment: 'standard-dunning', description: 'A reminder by e-mail or text message, then the standard dunning letters.' },
  { tier: '*', paymentRisk: '*', treatment: 'standard-terms', description: 'Standard billing terms: nothing to do.' },
];

export const analyticsConfigSchema = z.strictObject({
  /** Train and score after every run that moved the marts; false leaves it to `cif score` (on a schedule of its own). */
  scoreAfterRun: z.boolean().default(true),
  /** Which rows are sampled for training (when there are more than sampleRows): the same seed, the same models. */
  seed: z.number().int('a whole number').default(1),
  /** The last months whose outcome is known, held out to measure the models on. */
  holdoutMonths: z.number().int('a whole number of months').min(1, 'at least 1 month').max(24, 'at most 24 months').default(3),
  /** At most this many customer-months are read to train on, drawn by the seed. */
  sampleRows: z.number().int('a whole number of rows').min(1000, 'at least 1,000 rows').max(20_000_000, 'at most 20,000,000 rows').default(1_000_000),
  /** The L2 penalty on the models' weights (see logistic-regression.ts). */
  regularisation: z.number().min(0, 'at least 0').default(1),
  /** Reasons given with a churn risk, the strongest first. */
  maxReasons: z.number().int().min(1, 'at least 1').max(10, 'at most 10').default(3),
  /** Churn risk (the chance of leaving within three months) from which a customer is in the band. */
  churnBands: z.strictObject({ high: share.default(0.12), medium: share.default(0.05) }).prefault({})
    .refine((b) => b.medium < b.high, { message: 'medium must be below high', path: ['medium'] }),
  /** The next best offer: bundle discounts to choose from (percent), the margin on a line's revenue and the months an offer is valued over. */
  offers: z.strictObject({
    discounts: z.array(z.number().min(0, 'a discount of at least 0%').max(100, 'a discount of at most 100%')).min(1, 'at least one discount').default(() => [0, 5, 10, 15, 20])
      .refine((d) => d.includes(0), 'include 0: an offer without a discount'),
    margin: share.default(0.35),
    horizonMonths: z.number().int().min(1, 'at least 1 month').max(120, 'at most 120 months').default(12),
  }).prefault({}),
  /** Customer value over the last twelve months, its tiers, and payment risk. */
  value: z.strictObject({
    costPerContact: money.default(4),
    /** On top of the contact's own cost. */
    costPerComplaint: money.default(25),
    /** Each year of tenure adds this share to the revenue counted, up to loyaltyYears: long-standing customers are likelier to stay. */
    loyaltyPerYear: z.number().min(0).max(1).default(0.05),
    loyaltyYears: z.number().int().min(0).max(50).default(10),
    /**
     * Payment risk is medium, or high, from this balance owed (in months of the customer's bills), or from this many
     * month ends of the last twelve at which they were behind (owing more than that month's bills: paid late or not at all).
     */
    paymentRisk: z.strictObject({
      mediumMonthsOwed: z.number().positive().default(1.5), highMonthsOwed: z.number().positive().default(2.5),
      mediumLateMonths: z.number().int().min(1).max(12).default(3), highLateMonths: z.number().int().min(1).max(12).default(6),
    }).prefault({})
      .refine((r) => r.mediumMonthsOwed < r.highMonthsOwed, { message: 'mediumMonthsOwed must be below highMonthsOwed', path: ['mediumMonthsOwed'] })
      .refine((r) => r.mediumLateMonths < r.highLateMonths, { message: 'mediumLateMonths must be below highLateMonths', path: ['mediumLateMonths'] }),
    tiers: z.array(valueTier).min(1, 'at least one tier').default(() => defaultValueTiers.map((t) => ({ ...t }))),
  }).prefault({})
    .superRefine((value, ctx) => checkTiers(value.tiers, ctx)),
  collectionPolicy: z.array(policyRow).min(1, 'at least one row').default(() => defaultCollectionPolicy.map((r) => ({ ...r }))),
}).superRefine((settings, ctx) => checkPolicy(settings.collectionPolicy, settings.value.tiers.map((t) => t.name), ctx));

export type AnalyticsConfig = z.input<typeof analyticsConfigSchema>;
export type AnalyticsSettings = z.output<typeof analyticsConfigSchema>;

/** The settings with every default filled in; errors name the setting (as cif.yaml's loader does). */
export function analyticsSettings(config: AnalyticsConfig = {}): AnalyticsSettings {
  const parsed = analyticsConfigSchema.safeParse(config);
  if (!parsed.success) throw new Error(`analytics settings: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Every tier but the last draws a line (all by topShare, or all by minValue, in order); the last takes everyone else. */
function checkTiers(tiers: ValueTier[], ctx: z.core.$RefinementCtx): void {
  const path = (i: number, field?: string) => ['tiers', i, ...(field ? [field] : [])];
  const names = new Set<string>();
  tiers.forEach((tier, i) => {
    if (names.has(tier.name)) ctx.addIssue({ code: 'custom', path: path(i, 'name'), message: `tier "${tier.name}" is named twice` });
    names.add(tier.name);
    const last = i === tiers.length - 1;
    const given = [tier.topShare, tier.minValue].filter((v) => v !== undefined).length;
    if (last && given > 0) ctx.addIssue({ code: 'custom', path: path(i), message: 'the last tier takes every customer left: give it neither topShare nor minValue' });
    if (!last && given !== 1) ctx.addIssue({ code: 'custom', path: path(i), message: 'give this tier one of topShare or minValue' });
  });
  const lines = tiers.slice(0, -1);
  const kind = lines[0]?.topShare !== undefined ? 'topShare' : 'minValue';
  lines.forEach((tier, i) => {
    const value = tier[kind];
    if (tier.topShare === undefined && tier.minValue === undefined) return;
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', path: path(i), message: `every tier but the last gives ${kind}, as the first does` });
      return;
    }
    const before = i > 0 ? lines[i - 1]![kind] : undefined;
    if (before === undefined) return;
    if (kind === 'topShare' && value <= before) ctx.addIssue({ code: 'custom', path: path(i, kind), message: `must be above the tier before's (${before}): shares count from the top` });
    if (kind === 'minValue' && value >= before) ctx.addIssue({ code: 'custom', path: path(i, kind), message: `must be below the tier before's (${before}): tiers go from the highest value down` });
  });
}

/** A policy names tiers that exist, and some row matches every tier and payment risk. */
function checkPolicy(policy: CollectionPolicyRow[], tiers: string[], ctx: z.core.$RefinementCtx): void {
  const unknown = policy.findIndex((row) => row.tier !== anyValue && !tiers.includes(row.tier));
  if (unknown >= 0 && JSON.stringify(policy) === JSON.stringify(defaultCollectionPolicy)) {
    ctx.addIssue({ code: 'custom', path: ['collectionPolicy'],
      message: `the default policy names tier "${policy[unknown]!.tier}", which value.tiers lacks: give a collectionPolicy for the tiers ${tiers.join(', ')}` });
    return;
  }
  policy.forEach((row, i) => {
    if (row.tier !== anyValue && !tiers.includes(row.tier)) {
      ctx.addIssue({ code: 'custom', path: ['collectionPolicy', i, 'tier'], message: `no value tier "${row.tier}"; the tiers are ${tiers.join(', ')} (or "${anyValue}")` });
    }
  });
  for (const tier of tiers) {
    for (const risk of paymentRisks) {
      if (policy.some((row) => matches(row, tier, risk))) continue;
      ctx.addIssue({ code: 'custom', path: ['collectionPolicy'], message: `no row matches tier "${tier}" with payment risk "${risk}": add one, or a last row { tier: "${anyValue}", paymentRisk: "${anyValue}" }` });
      return;
    }
  }
}
