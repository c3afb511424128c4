// The next best offer: each line a customer does not hold, with its propensity, the bundle discount to offer and the
// offer's expected value, the likeliest first. A bundle discount takes a percentage off the customer's whole bill
// once they take the line: what they pay now and the new line's typical monthly revenue. Over the horizon the company
// gains the line's margin and gives away the discount:
//
//   expected value = propensity × horizon months × (margin × line revenue − discount × (current bill + line revenue))
//
// The discount offered is the largest configured one that keeps this positive. A customer who already pays a lot
// gets a smaller one, since the discount costs more on a larger bill. No response to discounts has been measured, so
// the propensity is taken as it is; the discount is what the company can afford to give to win the line.
import type { AnalyticsSettings } from './analytics-config.ts';
import { sqlText } from './features.ts';

export interface LineOffer {
  line: string;
  /** SQL: the line's log-odds for a row of the scored table. */
  logOdds: string;
  /** The line's typical monthly revenue per customer holding it. */
  monthlyRevenue: number;
}

/** The gain over the horizon, as SQL, for a discount (percent) given current bill and line revenue. */
function expectedValueSql(settings: AnalyticsSettings['offers'], discount: string, current: string, line: string, propensity: string): string {
  return `${propensity} * ${settings.horizonMonths} * (${settings.margin} * ${line} - ${discount} / 100 * (${current} + ${line}))`;
}

/**
 * Into temp table analytics_offers (customer_id, offers): for each customer of `scored` (customer_id, revenue, held),
 * the lines they do not hold as a list of {product_line, propensity, discount_percent, expected_value}, ranked.
 * Customers holding every line have no row.
 */
export async function offerLines(run: (sql: string) => Promise<void>, scored: string, lines: LineOffer[], settings: AnalyticsSettings['offers']): Promise<void> {
  if (lines.length === 0) {
    await run(`CREATE OR REPLACE TEMP TABLE analytics_offers AS SELECT customer_id,
      []::STRUCT(product_line VARCHAR, propensity DOUBLE, discount_percent DOUBLE, expected_value DOUBLE)[] AS offers FROM ${scored} WHERE false`);
    return;
  }
  const discounts = [...new Set(settings.discounts)].sort((a, b) => b - a);
  const discount = `CASE ${discounts.map((d) => `WHEN ${expectedValueSql(settings, String(d), 'current', 'typical', '1')} > 0 THEN ${d}`).join(' ')} ELSE 0 END`;
  const candidates = lines.map((l) => `SELECT s.customer_id, ${sqlText(l.line)} AS line, analytics_sigmoid(${l.logOdds}) AS propensity,
      ${Number.isFinite(l.monthlyRevenue) ? l.monthlyRevenue : 0}::DOUBLE AS typical, greatest(coalesce(s.revenue, 0), 0)::DOUBLE AS current
    FROM ${scored} s WHERE NOT list_contains(coalesce(s.held, []), ${sqlText(l.line)})`);
  await run(`CREATE OR REPLACE TEMP TABLE analytics_offers AS
    SELECT customer_id, list({'product_line': line, 'propensity': propensity, 'discount_percent': discount::DOUBLE,
        'expected_value': round(${expectedValueSql(settings, 'discount', 'current', 'typical', 'propensity')}, 2)} ORDER BY propensity DESC, line) AS offers
    FROM (SELECT *, ${discount} AS discount FROM (${candidates.join(' UNION ALL ')}))
    GROUP BY customer_id`);
}
