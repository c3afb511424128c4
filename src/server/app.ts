// The HTTP API over the ODS. Input is validated at the edge; errors become JSON with a status in one place.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { PublishedOnDemand } from '../marts/index.ts';
import type { OdsReader } from '../ods/index.ts';
import { pageFor, webAssets } from '../web/index.ts';
import { authRoutes, maskHits, requireAccess, signedIn, type SignInLimit } from './access/index.ts';
import { analyticsRoutes } from './analytics-routes.ts';
import { customerAsOfAnswer, type DecisionSupport, dsiRoutes } from './dsi-routes.ts';
import { explorationRoutes } from './exploration-routes.ts';
import { operRoutes } from './oper-routes.ts';
import { outboundRoutes } from './outbound-routes.ts';
import { type FrontLineOptions, frontLineRoutes, staffView } from './front-line-routes.ts';
import { badRequest, stewardshipRoutes } from './stewardship.ts';

const searchQuery = z.object({
  q: z.string().trim().min(1, 'q (what to search for) is required').max(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

const customerId = z.coerce.number().int().positive();

/**
 * What the decision-support interface reads: the published warehouse (exploration), and the marts through it with
 * the semantic layer (OLAP, KPIs, a customer as of a day).
 */
export interface DecisionSupportSources {
  published?: PublishedOnDemand;
  marts?: DecisionSupport;
}

/** `signInLimit`: the failed sign-ins' memory; tests give one on their own clock. */
export function createApp(
  ods: OdsReader, frontLine: FrontLineOptions = { outboundSources: [], country: 'US' }, access: { signInLimit?: SignInLimit } = {}, dsi: DecisionSupportSources = {},
): Hono {
  const app = new Hono();

  app.use('/api/*', requireAccess(ods));
  authRoutes(app, ods, access.signInLimit);

  app.get('/api/stats', async (c) => c.json(await ods.stats()));

  app.get('/api/runs', async (c) => c.json(await ods.listRuns(20)));

  app.get('/api/customers', async (c) => {
    const parsed = searchQuery.safeParse(c.req.query());
    if (!parsed.success) throw badRequest(parsed.error);
    const { q, limit, offset } = parsed.data;
    const result = await ods.searchCustomers(q, { limit, offset });
    return c.json(maskHits({ q, limit, offset, ...result }, signedIn(c).role));
  });

  app.get('/api/customers/:id', async (c) => {
    const parsed = customerId.safeParse(c.req.param('id'));
    if (!parsed.success) throw new HTTPException(400, { message: `customer id must be a positive number, not "${c.req.param('id')}"` });
    const asOf = c.req.query('asOf');
    if (asOf !== undefined) return c.json(await customerAsOfAnswer(dsi.marts, parsed.data, asOf, signedIn(c).role));
    const profile = await ods.getCustomer(parsed.data);
    if (!profile) throw new HTTPException(404, { message: `no customer ${parsed.data}` });
    return c.json(staffView(profile, signedIn(c).role, frontLine.prompts));
  });

  stewardshipRoutes(app, ods);
  frontLineRoutes(app, ods, frontLine);
  outboundRoutes(app, ods);
  dsiRoutes(app, dsi.marts);
  analyticsRoutes(app, dsi.marts);
  operRoutes(app, ods);
  explorationRoutes(app, dsi.published);

  app.all('/api/*', () => {
    throw new HTTPException(404, { message: 'no such API' });
  });

  for (const asset of webAssets()) {
    app.get(asset.route, (c) => c.body(asset.body(), 200, { 'content-type': asset.type }));
  }
  // Each page routes its own views (#/customers/…), so every other path gets a page: the portal's under /portal.
  app.get('*', (c) => {
    const page = pageFor(c.req.path);
    return c.body(page.body(), 200, { 'content-type': page.type });
  });

  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    // The ODS refused a write it was given (the message names the field); off the thread it arrives by name.
    if (error.name === 'OdsInputError') return c.json({ error: error.message }, 400);
    console.error(error);
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
