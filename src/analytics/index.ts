// Analytics: what the factory learns from the data-mining mart and hands back to the front line. Retention (a churn
// model and each customer's risk with its reasons in words), cross-sell (the lines a customer does not hold, ranked,
// with the next best offer), and customer value with its credit and collection treatment. Models are logistic
// regressions, trained and scored in the warehouse's DuckDB file; every score run is kept (schema analytics).
export {
  analyticsConfigSchema, analyticsSettings, type AnalyticsConfig, type AnalyticsSettings, type ChurnBand, type CollectionPolicyRow, defaultCollectionPolicy,
  defaultValueTiers, type PaymentRisk, type ValueTier,
} from './analytics-config.ts';
export { anyValue, collectionTreatment } from './collection-policy.ts';
export type { AnalyticsReport, CustomerScore } from './analytics-report.ts';
export { ensureAnalyticsTables, latestReport, scoresOfRun } from './analytics-tables.ts';
export { scoreCustomers } from './score-customers.ts';
export { retentionFollowUp, type RetentionFollowUp } from './retention-follow-up.ts';
