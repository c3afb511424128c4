// The HTTP face of the factory: the API (the ODS reads: search, one customer, stats, runs; data stewardship: the
// review queue, decisions, merges and splits, match explanations) and the screens.
export { createApp, type DecisionSupportSources } from './app.ts';
export { type DecisionSupport, publishedDecisionSupport } from './dsi-routes.ts';
export { serveFactory, type RunningServer } from './serve-factory.ts';
