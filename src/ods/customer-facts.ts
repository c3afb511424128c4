// What the ODS knows about one customer, in a few facts the front line's prompts are written over: from the customer's
// rows, and from the analytics' latest scores. One statement computes them all, so a profile read costs one more
// query, not the customer's rows in JavaScript.
import type { OdsSession } from './driver.ts';
import { isOpenComplaint } from './open-complaints.ts';

export type FactKind = 'number' | 'boolean' | 'text' | 'list';

/** Every fact, its kind and what it means: the names prompt rules may use. */
export const customerFactKinds = {
  productLines: { kind: 'list', description: 'Product lines of the active accounts, in name order.' },
  activeAccounts: { kind: 'number', description: 'Active accounts.' },
  monthlyValue: { kind: 'number', description: 'Sum of the monthly charges of the active accounts.' },
  tenureYears: { kind: 'number', description: 'Whole years since the first account (active or closed) was opened; null without accounts.' },
  openComplaints: { kind: 'number', description: 'Complaints still open (see resolvingOutcomes).' },
  complaintOpenDays: { kind: 'number', description: 'Whole days since the oldest open complaint; null when none is open.' },
  contactsLast30Days: { kind: 'number', description: 'Contacts of any kind, from any system, in the last 30 days.' },
  addressesDiffer: { kind: 'boolean', description: "The customer's source records hold more than one address (street line and postcode)." },
  addressChangedIn: { kind: 'text', description: 'When they differ: the systems holding the most recently updated address.' },
  addressNotChangedIn: { kind: 'text', description: 'When they differ: the systems holding another address.' },
  doNotContact: { kind: 'boolean', description: 'The customer is to be contacted only to be served, never to sell.' },
  marketingConsent: { kind: 'boolean', description: 'The customer consents to marketing on at least one channel.' },
  // The analytics' latest scores (customer_score): unknown, every one, for a customer no scoring run scored.
  churnBand: { kind: 'text', description: 'Churn risk as a band: high, medium or low.' },
  churnRiskPercent: { kind: 'number', description: 'Probability that the customer leaves, in whole percent.' },
  churnReasons: { kind: 'text', description: 'Why the churn risk is what it is, most important first, joined by "; "; unknown when the models gave none.' },
  offerLine: { kind: 'text', description: 'Product line of the next best offer; unknown when the models have no offer.' },
  offerPropensityPercent: { kind: 'number', description: 'How likely the customer takes the next best offer, in whole percent.' },
  offerDiscountPercent: { kind: 'number', description: 'Discount of the next best offer, in percent.' },
  offerExpectedValue: { kind: 'number', description: 'What the next best offer is expected to be worth.' },
  valueTier: { kind: 'text', description: 'Value tier the customer falls in (top, high, medium, low…).' },
  valueLast12Months: { kind: 'number', description: 'What the customer was worth over the last 12 months.' },
  paymentRisk: { kind: 'text', description: 'Risk that the customer does not pay: low, medium or high.' },
  collectionTreatment: { kind: 'text', description: 'How collections treat the customer (e.g. courtesy call before dunning).' },
  collectionDescription: { kind: 'text', description: 'What the collection treatment means.' },
} as const satisfies Record<string, { kind: FactKind; description: string }>;

export type FactName = keyof typeof customerFactKinds;

type ValueOf<K extends FactKind> = K extends 'number' ? number : K extends 'boolean' ? boolean : K extends 'text' ? string : string[];
export type CustomerFacts = { [F in FactName]: ValueOf<(typeof customerFactKinds)[F]['kind']> | null };

const sameAddress = (c: string) => `upper(regexp_replace(trim(${c}.address_line), '\\s+', ' ', 'g')) || '|' || upper(coalesce(trim(${c}.postcode), ''))`;

const factsSql = `
with active as (
  select coalesce(array_agg(distinct product_line order by product_line), '{}') as product_lines,
         count(*)::integer as accounts, coalesce(sum(monthly_amount), 0)::double precision as monthly
  from account where customer_id = $1 and status = 'active'),
first_account as (select min(opened_on) as opened_on from account where customer_id = $1),
open_complaint as (select c.contacted_at from contact c where c.customer_id = $1 and ${isOpenComplaint}),
address as (
  select source, ${sameAddress('s')} as address, updated_on
  from customer_source s where customer_id = $1 and address_line is not null),
newest as (select address from address order by updated_on desc nulls last, source limit 1),
sources as (
  select string_agg(distinct source, ', ' order by source) filter (where address = (select address from newest)) as changed_in,
         string_agg(distinct source, ', ' order by source) filter (where address <> (select address from newest)) as not_changed_in,
         count(distinct address) > 1 as differ
  from address)
select
  active.product_lines as "productLines",
  active.accounts as "activeAccounts",
  round(active.monthly::numeric, 2)::double precision as "monthlyValue",
  extract(year from age(current_date, first_account.opened_on))::integer as "tenureYears",
  (select count(*)::integer from open_complaint) as "openComplaints",
  (select greatest(0, floor(extract(epoch from now() - contacted_at) / 86400))::integer from open_complaint order by contacted_at limit 1) as "complaintOpenDays",
  (select count(*)::integer from contact where customer_id = $1 and contacted_at > now() - interval '30 days') as "contactsLast30Days",
  sources.differ as "addressesDiffer",
  case when sources.differ then sources.changed_in end as "addressChangedIn",
  case when sources.differ then sources.not_changed_in end as "addressNotChangedIn",
  coalesce(p.do_not_contact, false) as "doNotContact",
  coalesce((select bool_or(value = 'true'::jsonb) from jsonb_each(p.marketing)), false) as "marketingConsent",
  score.churn_band as "churnBand",
  round(score.churn_risk * 100)::integer as "churnRiskPercent",
  (select string_agg(reason, '; ' order by n) from jsonb_array_elements_text(score.churn_reasons) with ordinality as r(reason, n)) as "churnReasons",
  score.offers->0->>'productLine' as "offerLine",
  round((score.offers->0->>'propensity')::numeric * 100)::integer as "offerPropensityPercent",
  (score.offers->0->>'discountPercent')::double precision as "offerDiscountPercent",
  (score.offers->0->>'expectedValue')::double precision as "offerExpectedValue",
  score.value_tier as "valueTier",
  score.value::double precision as "valueLast12Months",
  score.payment_risk as "paymentRisk",
  score.collection_treatment as "collectionTreatment",
  score.collection_description as "collectionDescription"
from active, first_account, sources
left join customer_preference p on p.customer_id = $1
left join customer_score score on score.customer_id = $1`;

export async function customerFacts(session: OdsSession, customerId: number): Promise<CustomerFacts> {
  const [facts] = await session.query<CustomerFacts>(factsSql, [customerId]);
  return facts!;
}
