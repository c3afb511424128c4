// Rows for the ODS tests: complete rows with defaults, so each test states only what it is about.
import type { AccountInput, ContactInput, CustomerInput, CustomerSourceInput, HouseholdInput, ReviewPairInput } from './rows.ts';
import type { ScoreInput } from './score-input.ts';

export function customer(customer_id: number, over: Partial<CustomerInput> = {}): CustomerInput {
  return {
    customer_id,
    given_name: 'Robert',
    middle_name: null,
    family_name: 'Smith',
    name_suffix: null,
    name_source: 'core',
    birth_date: '1970-01-31',
    birth_date_source: 'core',
    address_line: '1 Main St',
    city: 'Springfield',
    region: 'IL',
    postcode: '62701',
    address_source: 'core',
    emails: [],
    phones: [],
    household_id: null,
    ...over,
  };
}

export function sourceRecord(source: string, source_key: string, customer_id: number, over: Partial<CustomerSourceInput> = {}): CustomerSourceInput {
  return {
    source,
    source_key,
    customer_id,
    given_name: 'Robert',
    middle_name: null,
    family_name: 'Smith',
    name_suffix: null,
    birth_date: '1970-01-31',
    email: null,
    phone: null,
    address_line: '1 Main St',
    city: 'Springfield',
    region: 'IL',
    postcode: '62701',
    updated_on: '2024-01-01',
    ...over,
  };
}

export function household(household_id: number, member_count: number, over: Partial<HouseholdInput> = {}): HouseholdInput {
  return { household_id, address_line: '1 Main St', city: 'Springfield', region: 'IL', postcode: '62701', member_count, ...over };
}

export function account(source: string, account_key: string, customer_id: number, over: Partial<AccountInput> = {}): AccountInput {
  return {
    source,
    account_key,
    customer_id,
    product_line: 'wireless',
    product: 'Unlimited',
    status: 'active',
    opened_on: '2020-05-01',
    closed_on: null,
    monthly_amount: 45.5,
    ...over,
  };
}

export function contact(source: string, contact_key: string, customer_id: number, contacted_at: string, over: Partial<ContactInput> = {}): ContactInput {
  return { source, contact_key, customer_id, channel: 'phone', contacted_at, reason: 'billing', outcome: 'resolved', is_complaint: false, notes: null, ...over };
}

/** A customer's scores from scoring run `score_run`: high churn risk with two reasons, two offers, top value, a courtesy call. */
export function score(customer_id: number, score_run: number, over: Partial<ScoreInput> = {}): ScoreInput {
  return {
    customer_id,
    score_run,
    model_version: 'churn-gbm 2.1; offers 1.4',
    scored_at: '2025-03-01T06:00:00.000Z',
    churn_risk: 0.72,
    churn_band: 'high',
    churn_reasons: ['complained twice in the last three months', 'monthly charge up 20% this year'],
    offers: [
      { productLine: 'cable', propensity: 0.41, discountPercent: 15, expectedValue: 182.4 },
      { productLine: 'long_distance', propensity: 0.22, discountPercent: 10, expectedValue: 64 },
    ],
    value: 2140.5,
    value_tier: 'top',
    payment_risk: 'medium',
    collection_treatment: 'courtesy call before dunning',
    collection_description: 'Call to remind them kindly before any dunning letter goes out.',
    ...over,
  };
}

/** The rows as an async iterable of batches of `size`. */
export async function* batches<T>(rows: T[], size = rows.length || 1): AsyncIterable<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

/** A pair of the review queue between two records (each `source:key`), with identity's pair id. */
export function reviewPair(a: string, aCustomer: number, b: string, bCustomer: number, probability: number, over: Partial<ReviewPairInput> = {}): ReviewPairInput {
  const [a_source, a_key] = splitRef(a);
  const [b_source, b_key] = splitRef(b);
  return { pair_id: `${a}|${b}`, a_source, a_key, b_source, b_key, a_customer_id: aCustomer, b_customer_id: bCustomer, probability, ...over };
}

function splitRef(ref: string): [string, string] {
  const at = ref.indexOf(':');
  return [ref.slice(0, at), ref.slice(at + 1)];
}

/** A timestamp `days` whole days (and a minute) before now: facts counted in whole days see exactly `days`. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000 - 60_000).toISOString();
}
