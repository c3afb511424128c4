// The features the models read, each an SQL expression over a row of the data-mining mart (alias m), so the same
// definition fills the training arrays and scores every customer in SQL. A churn feature also says, in words an
// agent can repeat to the customer's face, what it was for this customer when it pushed the risk up.

export interface Feature {
  name: string;
  /** A number from mart.mining_month's row m; NULL when unknown (see imputed). */
  sql: string;
  /** Unknown values count as the training rows' mean; a companion feature says whether it was known. */
  imputed?: boolean;
  /** VARCHAR: what the feature was for the customer, when it raised their risk; NULL when there is nothing to say. */
  words?: string;
}

/** A literal for SQL text. */
export const sqlText = (value: string) => `'${value.replaceAll("'", "''")}'`;

const times = (n: string) => `CASE ${n} WHEN 1 THEN 'once' WHEN 2 THEN 'twice' ELSE ${n} || ' times' END`;
const money = (x: string) => `printf('%.2f', ${x})`;

const satisfaction: Feature = {
  name: 'satisfaction_12m', sql: 'm.satisfaction_12m', imputed: true,
  words: `CASE WHEN m.satisfaction_12m < 6 THEN 'satisfaction low (' || printf('%.1f', m.satisfaction_12m) || ' of 10)'
    WHEN m.satisfaction_12m IS NOT NULL THEN 'satisfaction ' || printf('%.1f', m.satisfaction_12m) || ' of 10 in surveys this year' END`,
};
/** Whether the customer answered a survey in the year: the satisfaction of those who did not is not known. */
const surveyed: Feature = { name: 'surveyed_12m', sql: '(m.satisfaction_12m IS NOT NULL)::INTEGER' };
const complaints: Feature = {
  name: 'complaints_3m', sql: 'coalesce(m.complaints_3m, 0)',
  words: `CASE WHEN m.complaints_3m > 0 THEN 'complained ' || ${times('m.complaints_3m')} || ' in the last three months' END`,
};
const tenure: Feature = {
  // capped: twenty years or thirty say the same
  name: 'tenure_months', sql: 'least(coalesce(m.tenure_months, 0), 240)',
  words: `CASE WHEN m.tenure_months < 24 THEN 'customer for ' || m.tenure_months || ' months'
    WHEN m.tenure_months IS NOT NULL THEN 'customer for ' || (m.tenure_months // 12) || ' years' END`,
};
const revenue: Feature = { name: 'revenue', sql: 'coalesce(m.revenue, 0)', words: `'bills ' || ${money('m.revenue')} || ' a month'` };

/**
 * The months a twelve-month window of row m covers: fewer at the start of the facts, or of the customer's tenure.
 * Counts over the window are divided by it, so that a month early in the history and a late one mean the same.
 */
const windowMonths = `least(12, datediff('month', (SELECT min(month) FROM mart.month), m.month) + 1, coalesce(m.tenure_months, 11) + 1)`;

/** What makes a customer leave, as far as the mart can tell at a month's end. */
export const churnFeatures: Feature[] = [
  {
    name: 'cancel_requests_3m', sql: 'coalesce(m.cancel_requests_3m, 0)',
    words: `CASE WHEN m.cancel_requests_3m = 1 THEN 'asked to cancel in the last three months'
      WHEN m.cancel_requests_3m > 1 THEN 'asked to cancel ' || ${times('m.cancel_requests_3m')} || ' in the last three months' END`,
  },
  complaints,
  {
    name: 'complaints_per_month_12m', sql: `coalesce(m.complaints_12m, 0) / ${windowMonths}`,
    words: `CASE WHEN m.complaints_12m > 0 THEN 'complained ' || ${times('m.complaints_12m')} || ' in the last ' || ${windowMonths} || ' months' END`,
  },
  {
    name: 'contacts_per_month_12m', sql: `coalesce(m.contacts_12m, 0) / ${windowMonths}`,
    words: `CASE WHEN m.contacts_12m > 0 THEN 'contacted us ' || ${times('m.contacts_12m')} || ' in the last ' || ${windowMonths} || ' months' END`,
  },
  {
    name: 'arrears_share_12m', sql: `coalesce(m.arrears_months_12m, 0) / ${windowMonths}`,
    words: `CASE WHEN m.arrears_months_12m > 0 THEN 'behind with payments at ' || m.arrears_months_12m || ' of the last ' || ${windowMonths} || ' month ends' END`,
  },
  {
    name: 'contacts_3m', sql: 'coalesce(m.contacts_3m, 0)',
    words: `CASE WHEN m.contacts_3m > 0 THEN 'contacted us ' || ${times('m.contacts_3m')} || ' in the last three months' END`,
  },
  satisfaction,
  surveyed,
  {
    // what is owed grows with each bill left unpaid; its logarithm, so a few large debts do not outweigh the rest
    name: 'balance_due', sql: 'ln(1 + greatest(coalesce(m.balance_due, 0), 0))',
    words: `CASE WHEN m.balance_due > 0 THEN 'bills unpaid: balance due ' || ${money('m.balance_due')} END`,
  },
  {
    name: 'revenue_trend', sql: 'coalesce(m.revenue_trend, 0)',
    words: `CASE WHEN m.revenue_trend < 0 THEN 'bills down ' || ${money('-m.revenue_trend')} || ' a month on the months before'
      WHEN m.revenue_trend > 0 THEN 'bills up ' || ${money('m.revenue_trend')} || ' a month on the months before' END`,
  },
  revenue,
  {
    name: 'product_lines', sql: 'm.product_lines',
    words: `CASE WHEN m.product_lines = 1 THEN 'holds one product line only' ELSE 'holds ' || m.product_lines || ' product lines' END`,
  },
  tenure,
];

/** Holds the line at month end: 1 or 0. */
export const holdsLine = (line: string): Feature => ({ name: `holds_${line}`, sql: `list_contains(coalesce(m.product_lines_held, []), ${sqlText(line)})::INTEGER` });

/**
 * What makes a customer take a line they do not hold: what they hold already, their age (what a person of that age
 * buys), how long they have been with us, what they spend, and how satisfied they are.
 */
export function crossSellFeatures(lines: string[], line: string): Feature[] {
  return [
    ...lines.filter((other) => other !== line).map(holdsLine),
    { name: 'age_years', sql: 'm.age_years', imputed: true },
    { name: 'age_known', sql: '(m.age_years IS NOT NULL)::INTEGER' },
    tenure,
    revenue,
    satisfaction,
    surveyed,
    complaints,
  ];
}

/** Every feature of the given lists once, by name: the columns read for training. */
export function distinctFeatures(...lists: Feature[][]): Feature[] {
  const byName = new Map<string, Feature>();
  for (const feature of lists.flat()) if (!byName.has(feature.name)) byName.set(feature.name, feature);
  return [...byName.values()];
}
