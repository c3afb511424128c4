// The semantic layer: the measures and dimensions the decision-support interface answers in, by name, with what
// each means. A measure says how to compute it from each mart table that can; a dimension names a column. The
// defaults are here; cif.yaml's `semantic:` adds measures and dimensions or replaces them by name.
import { z } from 'zod';

/**
 * The mart tables a measure can be computed from (in schema mart). A table can be cut by the dimensions whose column
 * it has. The cubes are small pre-aggregates of the customer and product months, tried first.
 */
export const measureTables = ['month_cube', 'customer_cube', 'product_cube', 'customer_month', 'product_month', 'contact_month', 'survey_month'] as const;
export type MartTable = (typeof measureTables)[number];

export interface Dimension {
  description: string;
  /** The column that holds it, in every mart table that has it. */
  column: string;
}

export interface Measure {
  description: string;
  /**
   * An SQL aggregate per mart table that can compute it, in order of preference; with `grouped`, only when the
   * question is cut by those dimensions (a cube's count of customers adds up across regions, not across months).
   */
  from: Partial<Record<MartTable, string | { sql: string; grouped: string[] }>>;
  /** How to show it: a count, an amount of money, a ratio (0 to 1), or a plain number. */
  format: 'count' | 'money' | 'ratio' | 'number';
}

export interface SemanticLayer {
  dimensions: Record<string, Dimension>;
  measures: Record<string, Measure>;
}

const activeCustomers = 'count(DISTINCT customer_id) FILTER (WHERE is_active)';
/** The product lines the company sells: the warehouse's product dimension, a few rows. */
const linesSold = '(SELECT nullif(count(DISTINCT product_line), 0) FROM dw.dim_product)';

export const defaultSemanticLayer: SemanticLayer = {
  dimensions: {
    month: { column: 'month', description: 'Calendar month (YYYY-MM); stocks such as customers are counted at its end.' },
    productLine: { column: 'product_line', description: 'Product line: cellular, long distance, cable, …' },
    region: { column: 'region', description: "The customer's region (state or province), as the warehouse knows it now." },
    segment: { column: 'segment', description: "Value band of the customer's revenue in the month: high, medium, low or none." },
    channel: { column: 'channel', description: 'Channel of a contact: phone, chat, branch, web, …' },
  },
  measures: {
    customers: {
      description: 'Customers holding at least one product at month end (over several months: any of them).',
      from: { customer_cube: { sql: 'sum(active)', grouped: ['month'] }, product_cube: { sql: 'sum(customers)', grouped: ['month', 'productLine'] },
        customer_month: activeCustomers, product_month: 'count(DISTINCT customer_id) FILTER (WHERE active_accounts > 0)' },
      format: 'count',
    },
    households: {
      description: 'Households with at least one customer holding a product at month end.',
      from: { month_cube: { sql: 'sum(households)', grouped: ['month'] }, customer_month: 'count(DISTINCT household_id) FILTER (WHERE is_active)',
        product_month: 'count(DISTINCT household_id) FILTER (WHERE active_accounts > 0)' },
      format: 'count',
    },
    activeAccounts: {
      description: 'Accounts held at month end (summed over the months asked for).',
      from: { customer_cube: 'sum(active_accounts)', product_cube: 'sum(active_accounts)', product_month: 'sum(active_accounts)' },
      format: 'count',
    },
    revenue: { description: 'Amount invoiced in the month.', from: { customer_cube: 'sum(revenue)', product_cube: 'sum(revenue)', product_month: 'sum(revenue)' }, format: 'money' },
    newCustomers: {
      description: 'Customers holding a product at month end who held none the month before (not counted in the first month of the facts).',
      from: { customer_cube: 'sum(new)', customer_month: 'count(*) FILTER (WHERE is_new)' },
      format: 'count',
    },
    churnedCustomers: {
      description: 'Customers who held a product at the end of the month before and hold none at the end of this one.',
      from: { customer_cube: 'sum(churned)', customer_month: 'count(*) FILTER (WHERE is_churned)' },
      format: 'count',
    },
    churnRate: {
      description: 'Churned customers as a share of the customers holding a product at the start of the month.',
      from: { customer_cube: 'sum(churned) / nullif(sum(was_active), 0)', customer_month: 'count(*) FILTER (WHERE is_churned) / nullif(count(*) FILTER (WHERE was_active), 0)' },
      format: 'ratio',
    },
    retentionRate: {
      description: 'Customers holding a product at the start of the month who still hold one at its end, as a share of them (one less the churn rate).',
      from: { customer_cube: '(sum(was_active) - sum(churned)) / nullif(sum(was_active), 0)',
        customer_month: 'count(*) FILTER (WHERE was_active AND is_active) / nullif(count(*) FILTER (WHERE was_active), 0)' },
      format: 'ratio',
    },
    crossSoldCustomers: {
      description: 'Customers holding a product at the start of the month who took a product line they had never held by its end.',
      from: { customer_cube: 'sum(cross_sold)', customer_month: 'count(*) FILTER (WHERE is_cross_sold)' },
      format: 'count',
    },
    crossSellRate: {
      description: 'Cross-sold customers as a share of the customers holding a product at the start of the month.',
      from: { customer_cube: 'sum(cross_sold) / nullif(sum(was_active), 0)',
        customer_month: 'count(*) FILTER (WHERE is_cross_sold) / nullif(count(*) FILTER (WHERE was_active), 0)' },
      format: 'ratio',
    },
    multiProductCustomers: {
      description: 'Customers holding two product lines or more at month end.',
      from: { customer_cube: { sql: 'sum(multi)', grouped: ['month'] }, customer_month: 'count(DISTINCT customer_id) FILTER (WHERE product_lines >= 2)' },
      format: 'count',
    },
    multiProductShare: {
      description: 'Share of customer-months with two product lines or more, among those with at least one.',
      from: { customer_cube: 'sum(multi) / nullif(sum(active), 0)', customer_month: 'count(*) FILTER (WHERE product_lines >= 2) / nullif(count(*) FILTER (WHERE is_active), 0)' },
      format: 'ratio',
    },
    productsPerCustomer: {
      description: 'Product lines held per customer at month end (averaged over the months asked for).',
      from: { customer_cube: 'sum(product_lines) / nullif(sum(active), 0)', customer_month: 'sum(product_lines) FILTER (WHERE is_active) / nullif(count(*) FILTER (WHERE is_active), 0)' },
      format: 'number',
    },
    shareOfWallet: {
      description: "Product lines held per customer at month end as a share of the lines the company sells: how much of what a customer could buy from us they do; their spending elsewhere is unknown.",
      from: { customer_cube: `sum(product_lines) / nullif(sum(active), 0) / ${linesSold}`,
        customer_month: `sum(product_lines) FILTER (WHERE is_active) / nullif(count(*) FILTER (WHERE is_active), 0) / ${linesSold}` },
      format: 'ratio',
    },
    contacts: { description: 'Contacts through any channel.', from: { contact_month: 'sum(contacts)' }, format: 'count' },
    complaints: { description: 'Contacts that were complaints.', from: { contact_month: 'sum(complaints)' }, format: 'count' },
    satisfaction: {
      description: 'Mean survey score (0 to 10).',
      from: { survey_month: 'sum(score_sum) / nullif(sum(answers), 0)' },
      format: 'number',
    },
  },
};

const name = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'a name is a letter then letters and digits (camelCase)');
const table = z.enum(measureTables);

/** cif.yaml `semantic:`: measures and dimensions added to the defaults, or replacing one of the same name; the value bands. */
export const semanticConfigSchema = z.strictObject({
  segments: z.array(z.strictObject({ name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a segment name is lower case'), minRevenue: z.number().positive() }))
    .min(1).optional(),
  measures: z.record(name, z.strictObject({
    description: z.string().min(1, 'say what the measure means'),
    from: z.partialRecord(table, z.union([z.string().min(1), z.strictObject({ sql: z.string().min(1), grouped: z.array(name) })])).refine((from) => Object.keys(from).length > 0, 'at least one mart table to compute it from'),
    format: z.enum(['count', 'money', 'ratio', 'number']).default('number'),
  })).optional(),
  dimensions: z.record(name, z.strictObject({
    description: z.string().min(1, 'say what the dimension means'),
    column: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'a column name'),
  })).optional(),
});
export type SemanticConfig = z.infer<typeof semanticConfigSchema>;

/** The defaults with the configuration's measures and dimensions over them: a copy of its own, the defaults untouched. */
export function semanticLayer(config?: SemanticConfig): SemanticLayer {
  return structuredClone({
    dimensions: { ...defaultSemanticLayer.dimensions, ...(config?.dimensions ?? {}) },
    measures: { ...defaultSemanticLayer.measures, ...((config?.measures ?? {}) as Record<string, Measure>) },
  });
}
