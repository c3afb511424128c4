// Exploration over HTTP, for analysts: POST /api/sql runs one SELECT over the published warehouse and marts and
// answers rows as JSON, or (?format=csv|parquet) the whole result as a file to download.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { ExplorationError, explorationLimits, explore, exportExploration, NotPublishedError, type PublishedOnDemand, type PublishedWarehouse } from '../marts/index.ts';
import { parseOr422, UnprocessableField } from './front-line-validation.ts';

const maxRows = explorationLimits.maxRows;

const sqlRequest = z.strictObject({
  sql: z.string({ error: 'required: one SELECT statement' }).trim().min(1, 'must not be empty').max(100_000, 'at most 100,000 characters'),
  limit: z.number({ error: 'must be a number' }).int('must be a whole number')
    .min(1, `must be 1 to ${maxRows}`).max(maxRows, `must be 1 to ${maxRows}`).optional(),
});

const formats = ['json', 'csv', 'parquet'] as const;
const sqlQuery = z.object({ format: z.enum(formats, { error: `must be one of ${formats.join(', ')}` }).default('json') });

const files = {
  csv: { type: 'text/csv; charset=utf-8', name: 'query.csv' },
  parquet: { type: 'application/vnd.apache.parquet', name: 'query.parquet' },
};

/** `published`: the reader, opened at the first query; none (tests of other routes) answers 503 like no run yet. */
export function explorationRoutes(app: Hono, published: PublishedOnDemand | undefined): void {
  app.post('/api/sql', async (c) => {
    const { format } = parseOr422(sqlQuery, c.req.query());
    const body: unknown = await c.req.json().catch(() => {
      throw new HTTPException(400, { message: 'the body must be JSON: { "sql": "SELECT …", "limit": 1000 }' });
    });
    const { sql, limit } = parseOr422(sqlRequest, body);
    const reader = await open(published);
    try {
      if (format === 'json') return c.json(await explore(reader, sql, { limit }));
      const file = await exportExploration(reader, sql, format, { limit });
      const stream = createReadStream(file.path);
      // Sent or abandoned, the file goes.
      stream.once('close', file.remove);
      return c.body(Readable.toWeb(stream) as ReadableStream, 200, {
        'content-type': files[format].type,
        'content-disposition': `attachment; filename="${files[format].name}"`,
        'x-row-count': String(file.rows),
        'x-truncated': String(file.truncated),
      });
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
