// What a scoring run hands the ODS, one row per customer scored, and the checks each row passes before anything is
// written: the first thing wrong is an OdsInputError naming the field and where the row was.
import { OdsInputError } from './stewardship.ts';

export const churnBands = ['high', 'medium', 'low'] as const;
export type ChurnBand = (typeof churnBands)[number];
export const paymentRisks = ['low', 'medium', 'high'] as const;
export type PaymentRisk = (typeof paymentRisks)[number];

/** One offer to a customer: the product line, how likely they take it, the discount, and what it is worth. */
export interface ScoreOffer {
  productLine: string;
  /** Probability that the customer accepts, 0 to 1. */
  propensity: number;
  discountPercent: number;
  expectedValue: number;
}

/** A customer's scores from one scoring run, in the ODS's row style. */
export interface ScoreInput {
  customer_id: number;
  score_run: number;
  model_version: string;
  /** ISO time with its zone. */
  scored_at: string;
  /** Probability that the customer leaves, 0 to 1. */
  churn_risk: number;
  churn_band: ChurnBand;
  /** Plain words, most important first. */
  churn_reasons: string[];
  /** Ranked, best first; [] when none. */
  offers: ScoreOffer[];
  /** What the customer was worth over the last 12 months. */
  value: number;
  value_tier: string;
  payment_risk: PaymentRisk;
  collection_treatment: string;
  collection_description: string;
}

/** What is wrong with a value (said after the field's name), or null when it is right. */
type Check = (value: unknown) => string | null;

const shown = (value: unknown): string => {
  const text = value === undefined ? 'missing' : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};
const number = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const text = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

const id: Check = (v) => (Number.isSafeInteger(v) && (v as number) > 0 ? null : 'must be a positive whole number');
const words: Check = (v) => (text(v) ? null : 'must be a text, not empty');
const anyText: Check = (v) => (typeof v === 'string' ? null : 'must be a text');
const oneOf = (values: readonly string[]): Check => (v) => (values.includes(v as string) ? null : `must be one of ${values.join(', ')}`);
const between = (min: number, max: number): Check => (v) => (number(v) && v >= min && v <= max ? null : `must be a number from ${min} to ${max}`);
// numeric(14,2) holds amounts below a trillion.
const amount: Check = (v) => (number(v) && Math.abs(v) < 1e12 ? null : 'must be an amount (a number)');
const isoTime: Check = (v) =>
  typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(v) && !Number.isNaN(Date.parse(v))
    ? null : 'must be an ISO time with its zone, e.g. 2025-03-01T06:00:00Z';
const reasons: Check = (v) => (Array.isArray(v) && v.every(text) ? null : 'must be a list of texts, none empty ([] when there is none)');

const offerChecks: Record<keyof ScoreOffer, Check> = {
  productLine: words, propensity: between(0, 1), discountPercent: between(0, 100), expectedValue: amount,
};

const rowChecks: Record<keyof ScoreInput, Check> = {
  customer_id: id, score_run: id, model_version: words, scored_at: isoTime, churn_risk: between(0, 1), churn_band: oneOf(churnBands),
  churn_reasons: reasons, offers: (v) => (Array.isArray(v) ? null : 'must be a list of offers, best first ([] when there is none)'),
  value: amount, value_tier: words, payment_risk: oneOf(paymentRisks), collection_treatment: words, collection_description: anyText,
};

/** The first field of `object` that is unknown or fails its check, as "field: what is wrong, not value". */
function firstWrong(object: Record<string, unknown>, checks: Record<string, Check>, what: string, prefix = ''): string | null {
  for (const key of Object.keys(object)) {
    if (!Object.hasOwn(checks, key)) return `${prefix}${key}: is not a field of ${what} (fields: ${Object.keys(checks).join(', ')})`;
  }
  for (const [key, check] of Object.entries(checks)) {
    const wrong = check(object[key]);
    if (wrong) return `${prefix}${key}: ${wrong}, not ${shown(object[key])}`;
  }
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function wrongWith(row: unknown, scoreRun: number): string | null {
  if (!isObject(row)) return `score: must be an object, not ${shown(row)}`;
  const wrong = firstWrong(row, rowChecks, 'a score');
  if (wrong) return wrong;
  if (row.score_run !== scoreRun) return `score_run: the row is of run ${row.score_run}, the load of run ${scoreRun}`;
  for (const [i, offer] of (row.offers as unknown[]).entries()) {
    if (!isObject(offer)) return `offers.${i}: must be an offer {${Object.keys(offerChecks).join(', ')}}, not ${shown(offer)}`;
    const wrongOffer = firstWrong(offer, offerChecks, 'an offer', `offers.${i}.`);
    if (wrongOffer) return wrongOffer;
  }
  return null;
}

/** Throws an OdsInputError naming the field when the row is not a score of run `scoreRun`; `where` says which row it was. */
export function checkScore(row: unknown, scoreRun: number, where: string): asserts row is ScoreInput {
  const wrong = wrongWith(row, scoreRun);
  if (!wrong) return;
  const customer = isObject(row) && Number.isSafeInteger(row.customer_id) ? `, customer ${row.customer_id}` : '';
  throw new OdsInputError(`${wrong} (score run ${scoreRun}, ${where}${customer})`);
}
