// Customer value, for satisfaction and risk management: over the last twelve months, the revenue invoiced (each year
// of tenure, up to a cap, adds a share: a customer of long standing is likelier to stay), less the cost to serve
// (each contact, and each complaint on top) and less what is still owed (revenue not yet paid is not yet earned).
// Payment risk is what is owed in months of the customer's bills, and how often they were behind this year. Tiers
// rank the customers by value (shares from the top) or draw lines (minimum values); the collection policy maps tier
// and payment risk to a treatment.
import type { AnalyticsSettings, ValueTier } from './analytics-config.ts';
import { sqlText } from './features.ts';

/** The tier of a customer whose value is `value` and whose rank from the top, as a share of everyone scored, is `fromTop`. */
export function tierSql(tiers: ValueTier[], value: string, fromTop: string): string {
  const last = tiers.at(-1)!;
  const lines = tiers.slice(0, -1).map((tier) => tier.topShare !== undefined
    ? `WHEN ${fromTop} <= ${Number(tier.topShare)} THEN ${sqlText(tier.name)}`
    : `WHEN ${value} >= ${Number(tier.minValue)} THEN ${sqlText(tier.name)}`);
  return lines.length === 0 ? sqlText(last.name) : `CASE ${lines.join(' ')} ELSE ${sqlText(last.name)} END`;
}

/**
 * Into temp table analytics_value (customer_id, value, value_tier, payment_risk): the customers of `scored` (a table
 * with customer_id, balance_due, arrears_months_12m and tenure_months) valued over the twelve months to `month` ('YYYY-MM-01').
 */
export async function valueCustomers(run: (sql: string) => Promise<void>, scored: string, month: string, settings: AnalyticsSettings['value']): Promise<void> {
  const m = `DATE '${month}'`;
  const window = `month > ${m} - INTERVAL 12 MONTH AND month <= ${m} AND customer_id IN (SELECT customer_id FROM ${scored})`;
  const risk = settings.paymentRisk;
  await run(`CREATE OR REPLACE TEMP TABLE analytics_value AS
    WITH billed AS (
      SELECT customer_id, sum(revenue)::DOUBLE AS revenue_12m,
        -- the customer's monthly bill: the mean of the last three months
        (coalesce(sum(revenue) FILTER (WHERE month > ${m} - INTERVAL 3 MONTH), 0) / 3)::DOUBLE AS monthly_bill
      FROM mart.customer_month WHERE ${window} GROUP BY 1),
    served AS (SELECT customer_id, sum(contacts)::DOUBLE AS contacts, sum(complaints)::DOUBLE AS complaints FROM mart.contact_month WHERE ${window} GROUP BY 1),
    base AS (
      SELECT s.customer_id, coalesce(b.revenue_12m, 0) AS revenue_12m, coalesce(b.monthly_bill, 0) AS monthly_bill,
        coalesce(k.contacts, 0) AS contacts, coalesce(k.complaints, 0) AS complaints,
        greatest(coalesce(s.balance_due, 0), 0)::DOUBLE AS owed, coalesce(s.arrears_months_12m, 0) AS late, coalesce(s.tenure_months, 0) / 12 AS years
      FROM ${scored} s LEFT JOIN billed b USING (customer_id) LEFT JOIN served k USING (customer_id)),
    valued AS (
      SELECT customer_id,
        round(revenue_12m * (1 + ${Number(settings.loyaltyPerYear)} * least(years, ${Number(settings.loyaltyYears)}))
          - ${Number(settings.costPerContact)} * contacts - ${Number(settings.costPerComplaint)} * complaints - owed, 2) AS value,
        CASE WHEN late >= ${Number(risk.highLateMonths)} OR owed > 0 AND (monthly_bill <= 0 OR owed / monthly_bill >= ${Number(risk.highMonthsOwed)}) THEN 'high'
          WHEN late >= ${Number(risk.mediumLateMonths)} OR owed > 0 AND owed / monthly_bill >= ${Number(risk.mediumMonthsOwed)} THEN 'medium'
          ELSE 'low' END AS payment_risk
      FROM base)
    SELECT customer_id, value, payment_risk, ${tierSql(settings.tiers, 'value', 'from_top')} AS value_tier
    FROM (SELECT *, row_number() OVER (ORDER BY value DESC, customer_id) / count(*) OVER () AS from_top FROM valued)`);
}
