// The oper mart over HTTP: GET /api/oper, tactical figures from the ODS as it is now (today's contacts, open
// complaints by age, address changes not delivered yet). It needs no run and no marts: only the ODS.
import type { Hono } from 'hono';
import { z } from 'zod';
import type { OdsReader } from '../ods/index.ts';
import { fromOds } from './front-line-routes.ts';
import { parseOr422 } from './front-line-validation.ts';

const operQuery = z.object({
  timeZone: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters').optional(),
});

/** "Today" is the server's day unless the request names a time zone (?timeZone=Europe/Paris). */
const serverTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function operRoutes(app: Hono, ods: OdsReader): void {
  app.get('/api/oper', async (c) => {
    const { timeZone } = parseOr422(operQuery, c.req.query());
    // A time zone the ODS does not know is a 422 naming timeZone.
    return c.json(await fromOds(() => ods.operFigures(timeZone ?? serverTimeZone())));
  });
}
