// The data-mining mart: one row per customer per month they held a product, with the features a model needs as
// they stood at that month's end, and the outcome of the months that follow (left, or took another product line).
// A model trained on month m learns from what was known then and what happened after; the last months, whose
// following months have not happened yet, have no outcome.
import type { Duck } from '../duckdb/index.ts';
import { inScope, type Scope, writeMartTable } from './mart-scope.ts';

/** How many months after a month its outcome looks. */
export const defaultOutcomeMonths = 3;

/** Columns a mining mart built by an earlier version lacks: a refresh then builds the marts anew, since it cannot add them row by row. */
export const latestMiningColumns = ['age_years', 'cancel_requests_3m', 'contacts_12m', 'complaints_12m', 'arrears_months_12m', 'satisfaction_12m',
  `lines_taken_within_${defaultOutcomeMonths}m`];

/** Contacts by channel become one column each (contacts_phone, …): the channels are the data's own, when a column can be named for them. */
export const hasChannelColumn = (channel: string) => /^[a-z][a-z0-9_]*$/.test(channel);

async function contactChannels(duck: Duck): Promise<string[]> {
  return (await duck.all<{ channel: string }>(`SELECT DISTINCT channel FROM dw.fact_contact WHERE channel IS NOT NULL ORDER BY 1`))
    .map((r) => r.channel).filter(hasChannelColumn);
}

/** Writes mart.mining_month from the OLAP mart and the warehouse for the customers in scope (see writeMarts). */
export async function buildMiningMart(duck: Duck, scope: Scope = 'all', outcomeMonths = defaultOutcomeMonths): Promise<void> {
  if (!Number.isInteger(outcomeMonths) || outcomeMonths < 1) throw new Error(`outcome months: a whole number from 1, not ${outcomeMonths}`);
  const channels = await contactChannels(duck);
  const mine = (column = 'customer_id') => inScope(scope, column);
  const byChannel = channels.map((c) => `coalesce(sum(contacts) FILTER (WHERE channel = '${c}'), 0)::INTEGER AS contacts_${c}`).join(', ');
  await writeMartTable(duck, 'mart.mining_month', scope, `
    WITH accounts AS (SELECT source, account_key, customer_id, opened_on FROM dw.dim_account WHERE is_current AND ${mine()}),
    first_held AS (SELECT customer_id, min(opened_on) AS since FROM accounts GROUP BY 1),
    money AS (
      SELECT month, customer_id, sum(amount) FILTER (WHERE kind = 'invoice') AS invoiced, sum(amount) FILTER (WHERE kind = 'payment') AS paid
      FROM (
        SELECT date_trunc('month', d.date)::DATE AS month, a.customer_id, f.amount, 'invoice' AS kind FROM dw.fact_invoice f JOIN dw.dim_date d USING (date_key)
          JOIN accounts a ON a.source = f.account_source AND a.account_key = f.account_key
        UNION ALL
        SELECT date_trunc('month', d.date)::DATE, a.customer_id, f.amount, 'payment' FROM dw.fact_payment f JOIN dw.dim_date d USING (date_key)
          JOIN accounts a ON a.source = f.account_source AND a.account_key = f.account_key) m
      GROUP BY ALL),
    contacts AS (
      SELECT month, customer_id, sum(contacts)::INTEGER AS contacts, sum(complaints)::INTEGER AS complaints${byChannel ? `, ${byChannel}` : ''}
      FROM mart.contact_month WHERE ${mine()} GROUP BY ALL),
    surveys AS (SELECT month, customer_id, sum(answers) AS answers, sum(score_sum) AS score_sum FROM mart.survey_month WHERE ${mine()} GROUP BY ALL),
    -- contacts in which the customer asked to cancel (whatever came of it): the call centres' reasons name it
    cancels AS (
      SELECT date_trunc('month', d.date)::DATE AS month, a.customer_id, count(*)::INTEGER AS cancel_requests
      FROM dw.fact_contact f JOIN dw.dim_date d USING (date_key) JOIN accounts a ON a.source = f.account_source AND a.account_key = f.account_key
      WHERE f.reason ILIKE '%cancel%' GROUP BY ALL),
    born AS (SELECT customer_id, birth_date FROM dw.dim_customer WHERE is_current AND ${mine()}),
    -- the month a customer first held each product line they came to hold
    taken AS (SELECT customer_id, product_line, min(month) AS first_month FROM mart.product_month WHERE active_accounts > 0 AND ${mine()} GROUP BY ALL),
    lines AS (SELECT month, customer_id, list(product_line ORDER BY product_line) FILTER (WHERE active_accounts > 0) AS held FROM mart.product_month WHERE ${mine()} GROUP BY ALL),
    base AS (
      SELECT c.month, c.customer_id, c.household_id, c.region, c.segment, c.product_lines, c.active_accounts, c.revenue::DOUBLE AS revenue,
        c.is_active, l.held, coalesce(k.contacts, 0) AS contacts, coalesce(k.complaints, 0) AS complaints,
        ${channels.map((ch) => `coalesce(k.contacts_${ch}, 0) AS contacts_${ch}`).join(', ')}${channels.length ? ',' : ''}
        coalesce(m.invoiced, 0)::DOUBLE AS invoiced, coalesce(m.paid, 0)::DOUBLE AS paid,
        coalesce(s.answers, 0) AS answers, coalesce(s.score_sum, 0) AS score_sum, coalesce(q.cancel_requests, 0) AS cancel_requests, f.since, b.birth_date
      FROM mart.customer_month c
      LEFT JOIN lines l USING (month, customer_id) LEFT JOIN contacts k USING (month, customer_id)
      LEFT JOIN money m USING (month, customer_id) LEFT JOIN surveys s USING (month, customer_id)
      LEFT JOIN cancels q USING (month, customer_id) LEFT JOIN first_held f USING (customer_id) LEFT JOIN born b USING (customer_id)
      WHERE ${mine('c.customer_id')}),
    windowed AS (
      SELECT *,
        avg(revenue) OVER (PARTITION BY customer_id ORDER BY month RANGE BETWEEN INTERVAL 3 MONTH PRECEDING AND INTERVAL 1 MONTH PRECEDING) AS revenue_before,
        sum(contacts) OVER w3 AS contacts_3m, sum(complaints) OVER w3 AS complaints_3m, sum(cancel_requests) OVER w3 AS cancel_requests_3m,
        sum(contacts) OVER w12 AS contacts_12m, sum(complaints) OVER w12 AS complaints_12m,
        sum(invoiced - paid) OVER (PARTITION BY customer_id ORDER BY month) AS balance_due,
        sum(score_sum) OVER w6 / nullif(sum(answers) OVER w6, 0) AS satisfaction_6m,
        sum(score_sum) OVER w12 / nullif(sum(answers) OVER w12, 0) AS satisfaction_12m,
        -- the outcome: gone at some month end of the next ${outcomeMonths}, or a product line they had never held
        bool_or(is_active IS NOT TRUE) OVER ahead AS leaves,
        max(month) OVER ahead AS seen_until
      FROM base
      WINDOW w3 AS (PARTITION BY customer_id ORDER BY month RANGE BETWEEN INTERVAL 2 MONTH PRECEDING AND CURRENT ROW),
        w6 AS (PARTITION BY customer_id ORDER BY month RANGE BETWEEN INTERVAL 5 MONTH PRECEDING AND CURRENT ROW),
        w12 AS (PARTITION BY customer_id ORDER BY month RANGE BETWEEN INTERVAL 11 MONTH PRECEDING AND CURRENT ROW),
        ahead AS (PARTITION BY customer_id ORDER BY month RANGE BETWEEN INTERVAL 1 MONTH FOLLOWING AND INTERVAL ${outcomeMonths} MONTH FOLLOWING)),
    -- in arrears at a month end: owing more than that month's bills, so an earlier bill is still unpaid
    owing AS (
      SELECT *, count(*) FILTER (WHERE balance_due > invoiced + 0.005) OVER (PARTITION BY customer_id ORDER BY month
        RANGE BETWEEN INTERVAL 11 MONTH PRECEDING AND CURRENT ROW) AS arrears_months_12m
      FROM windowed)
    SELECT w.month, w.customer_id, w.household_id, w.region, w.segment,
      datediff('month', w.since, w.month + INTERVAL 1 MONTH - INTERVAL 1 DAY)::INTEGER AS tenure_months,
      -- whole years at month end, from the birth date the warehouse holds now (none when it is missing or implausible)
      CASE WHEN date_sub('year', w.birth_date, (w.month + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE) BETWEEN 0 AND 120
        THEN date_sub('year', w.birth_date, (w.month + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE)::INTEGER END AS age_years,
      w.product_lines, w.active_accounts, w.held AS product_lines_held, w.revenue,
      round(w.revenue - w.revenue_before, 2) AS revenue_trend, round(w.balance_due, 2) AS balance_due,
      w.contacts, w.complaints, w.contacts_3m::INTEGER AS contacts_3m, w.complaints_3m::INTEGER AS complaints_3m,
      w.cancel_requests_3m::INTEGER AS cancel_requests_3m, w.contacts_12m::INTEGER AS contacts_12m, w.complaints_12m::INTEGER AS complaints_12m,
      w.arrears_months_12m::INTEGER AS arrears_months_12m,
      ${channels.map((ch) => `w.contacts_${ch}`).join(', ')}${channels.length ? ',' : ''}
      round(w.satisfaction_6m, 2) AS satisfaction_6m, round(w.satisfaction_12m, 2) AS satisfaction_12m,
      -- a customer with no row in a later month had left by then (rows stop the month after the last one held)
      CASE WHEN w.month + INTERVAL ${outcomeMonths} MONTH > (SELECT max(month) FROM mart.month) THEN NULL
        ELSE coalesce(w.leaves, false) OR w.seen_until IS NULL OR w.seen_until < w.month + INTERVAL ${outcomeMonths} MONTH END AS left_within_${outcomeMonths}m,
      CASE WHEN w.month + INTERVAL ${outcomeMonths} MONTH > (SELECT max(month) FROM mart.month) THEN NULL
        ELSE EXISTS (SELECT 1 FROM taken t WHERE t.customer_id = w.customer_id AND t.first_month > w.month
          AND t.first_month <= w.month + INTERVAL ${outcomeMonths} MONTH) END AS bought_line_within_${outcomeMonths}m,
      -- which lines those were (empty when none), for models of which line a customer takes next
      CASE WHEN w.month + INTERVAL ${outcomeMonths} MONTH > (SELECT max(month) FROM mart.month) THEN NULL
        ELSE coalesce((SELECT list(t.product_line ORDER BY t.product_line) FROM taken t WHERE t.customer_id = w.customer_id AND t.first_month > w.month
          AND t.first_month <= w.month + INTERVAL ${outcomeMonths} MONTH), []::VARCHAR[]) END AS lines_taken_within_${outcomeMonths}m
    FROM owing w WHERE w.is_active`);
}
