// What a score run reports: how good each model was on the hold-out, what it weighs, and what the scores add up to.
// Kept with the run in analytics.model_run, and printed by `cif analytics report --json`.
import type { ChurnBand, PaymentRisk } from './analytics-config.ts';
import type { ChurnEvaluation } from './churn-model.ts';
import type { CrossSellEvaluation } from './cross-sell-model.ts';

export interface AnalyticsReport {
  /** Customers scored: those holding a product at the end of the month scored. */
  scored: number;
  scoreRun: number;
  modelVersion: string;
  trainedAt: string;
  /** The month scored ('YYYY-MM'): the latest the data-mining mart has. */
  month: string;
  /** The factory run the caller scored after, and the warehouse run the marts reflected. */
  runId: number;
  martRun: number | null;
  seed: number;
  sample: { rows: number; fraction: number };
  churn: Omit<ChurnEvaluation, 'holdoutMonthsRange'> & { holdoutMonths: number; holdoutMonthsRange: { from: string; to: string }; trainedAt: string;
    bands: Record<ChurnBand, number> };
  crossSell: CrossSellEvaluation & { monthlyRevenue: Record<string, number> };
  value: { tiers: Record<string, number>; treatments: Record<string, number>; paymentRisk: Record<PaymentRisk, number> };
  seconds: { train: number; score: number };
}

/** One customer's scores as the ODS keeps them. */
export interface CustomerScore {
  customer_id: number;
  score_run: number;
  model_version: string;
  /** ISO 8601, UTC. */
  scored_at: string;
  churn_risk: number;
  churn_band: ChurnBand;
  /** The features that pushed the risk up, strongest first, in words. */
  churn_reasons: string[];
  /** The lines not held, the likeliest first; empty when every line is held. */
  offers: { productLine: string; propensity: number; discountPercent: number; expectedValue: number }[];
  value: number;
  value_tier: string;
  payment_risk: PaymentRisk;
  collection_treatment: string;
  collection_description: string;
}
