// Exploration over HTTP, for analysts: POST /api/sql runs one SELECT over the published warehouse and marts and
// answers rows as JSON, or (?format=csv|parquet) the whole result as a file to download.
import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { ExplorationError, explorationLimits, explore, exportExploration, NotPublishedError, type PublishedOnDemand, type PublishedWarehouse } from '../marts/index.ts';
import { askedFormat, fileDownload } from './file-download.ts';
import { parseOr422, UnprocessableField } from './front-line-validation.ts';

const maxRows = explorationLimits.maxRows;

const sqlRequest = z.strictObject({
  sql: z.string({ error: 'required: one SELECT statement' }).trim().min(1, 'must not be empty').max(100_000, 'at most 100,000 characters'),
  limit: z.number({ error: 'must be a number' }).int('must be a whole number')
    .min(1, `must be 1 to ${maxRows}`).max(maxRows, `must be 1 to ${maxRows}`).optional(),
});

/** `published`: the reader, opened at the first query; none (tests of other routes) answers 503 like no run yet. */
export function explorationRoutes(app: Hono, published: PublishedOnDemand | undefined): void {
  app.post('/api/sql', async (c) => {
    const format = askedFormat(c);
    const body: unknown = await c.req.json().catch(() => {
      throw new HTTPException(400, { message: 'the body must be JSON: { "sql": "SELECT …", "limit": 1000 }' });
    });
    const { sql, limit } = parseOr422(sqlRequest, body);
    const reader = await open(published);
    try {
      if (format === 'json') return c.json(await explore(reader, sql, { limit }));
      return fileDownload(c, await exportExploration(reader, sql, format, { limit }), format, 'query');
    } catch (error) {
      if (error instanceof ExplorationError) throw new UnprocessableField('sql', error.message);
      throw error;
    }
  });
}

async function open(published: PublishedOnDemand | undefined): Promise<PublishedWarehouse> {
  const noWarehouse = 'no published warehouse yet: run cif run first';
  if (!published) throw new HTTPException(503, { message: noWarehouse });
  try {
    return await published.open();
  } catch (error) {
    if (error instanceof NotPublishedError) throw new HTTPException(503, { message: noWarehouse });
    throw error;
  }
}
