// The standard key performance indicators: the whole customer base now, the latest month of the facts, and each
// month before it, for the management dashboard and `cif kpis`. Computed through the semantic layer like any
// OLAP question, so a KPI means what its measure's description says.
import type { Duck } from '../duckdb/index.ts';
import { askOlap } from './olap-query.ts';
import type { SemanticLayer } from './semantic-layer.ts';

/** The measures of the standard set, per month. */
export const kpiMeasures = ['customers', 'households', 'newCustomers', 'churnedCustomers', 'churnRate', 'retentionRate', 'crossSellRate',
  'productsPerCustomer', 'multiProductShare', 'shareOfWallet', 'revenue', 'contacts', 'complaints', 'satisfaction'] as const;
export type KpiMeasure = (typeof kpiMeasures)[number];

export interface Kpis {
  /** Customers and households as identity knows them now: the numbers `cif stats` gives. */
  customers: number;
  households: number;
  /** The latest month of the facts (YYYY-MM), and its value of each measure. */
  month: string | null;
  latest: Record<KpiMeasure, number | null>;
  /** Every month, oldest first. */
  monthly: ({ month: string } & Record<KpiMeasure, number | null>)[];
}

export async function standardKpis(duck: Duck, layer: SemanticLayer): Promise<Kpis> {
  const [now] = await duck.all<{ customers: number; households: number }>(
    `SELECT count(*)::DOUBLE AS customers, count(DISTINCT household_id)::DOUBLE AS households FROM dw.dim_customer WHERE is_current`);
  const { rows } = await askOlap(duck, layer, { measures: [...kpiMeasures], dimensions: ['month'] });
  const monthly = rows as Kpis['monthly'];
  const last = monthly.at(-1);
  const latest = Object.fromEntries(kpiMeasures.map((m) => [m, last?.[m] ?? null])) as Kpis['latest'];
  return { customers: now?.customers ?? 0, households: now?.households ?? 0, month: last?.month ?? null, latest, monthly };
}
