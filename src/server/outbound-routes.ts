// Outbound deliveries over HTTP, for administrators: what is pending, delivered or dead, and replaying dead letters.
import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { type OdsReader, outboxStatuses } from '../ods/index.ts';
import { badRequest } from './stewardship.ts';

const listQuery = z.object({
  status: z.enum(outboxStatuses as ['pending', 'delivered', 'dead'], { error: `must be one of ${outboxStatuses.join(', ')}` }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const outboxId = z.coerce.number().int().positive();

export function outboundRoutes(app: Hono, ods: OdsReader): void {
  app.get('/api/outbound', async (c) => {
    const parsed = listQuery.safeParse(c.req.query());
    if (!parsed.success) throw badRequest(parsed.error);
    return c.json({ limit: parsed.data.limit, offset: parsed.data.offset, ...(await ods.listOutbound(parsed.data)) });
  });

  app.post('/api/outbound/replay', async (c) => c.json({ replayed: await ods.replayDead() }));

  app.post('/api/outbound/:id/replay', async (c) => {
    const parsed = outboxId.safeParse(c.req.param('id'));
    if (!parsed.success) throw new HTTPException(400, { message: `an outbox row number is a positive integer, not "${c.req.param('id')}"` });
    return c.json({ replayed: await ods.replayDead(parsed.data) });
  });
}
