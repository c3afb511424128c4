// What the models learned and what came of it, over HTTP: the latest score run's report (quality on the hold-out,
// weights, bands and tiers) and, per score run, whether the high-risk customers were contacted and stayed. Read from
// the published warehouse, like the KPIs, so a run in progress never blocks it.
import type { Hono } from 'hono';
import { type AnalyticsReport, latestReport, type RetentionFollowUp, retentionFollowUp } from '../analytics/index.ts';
import { type DecisionSupport, withMarts } from './dsi-routes.ts';

export interface AnalyticsAnswer {
  /** null until something has been scored. */
  report: AnalyticsReport | null;
  /** Newest score run first. */
  followUp: RetentionFollowUp[];
}

export function analyticsRoutes(app: Hono, dsi: DecisionSupport | undefined): void {
  app.get('/api/analytics', async (c) => c.json(await withMarts(dsi, async (duck): Promise<AnalyticsAnswer> =>
    ({ report: await latestReport(duck), followUp: await retentionFollowUp(duck) }))));
}
