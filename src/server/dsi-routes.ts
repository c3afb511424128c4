// The decision-support interface over HTTP: OLAP questions in the semantic layer's names (answered as JSON, or as a
// CSV or Parquet file to download), the model a screen offers to pick from, and the standard KPIs. It reads the
// warehouse and marts through a DuckDB it is given.
import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Duck } from '../duckdb/index.ts';
import { askOlap, exportOlap, NotPublishedError, type OlapQuestion, OlapQuestionError, type PublishedOnDemand, type SemanticLayer, standardKpis } from '../marts/index.ts';
import { customerAsOf } from '../warehouse/index.ts';
import { birthYearOnly, masksBirthDates, type Role } from './access/index.ts';
import { askedFormat, fileDownload } from './file-download.ts';
import { UnprocessableField } from './front-line-validation.ts';

export interface DecisionSupport {
  /** The semantic layer questions are asked in. */
  layer: SemanticLayer;
  /**
   * Runs `ask` over a DuckDB holding the warehouse and the marts, with a directory that DuckDB may write result files
   * to; null while there is none (no run has built them yet).
   */
  withMarts<T>(ask: (duck: Duck, scratchDir: string) => Promise<T>): Promise<{ answer: T } | null>;
}

/** The published warehouse as the decision-support interface reads it: a connection of its own for each question. */
export function publishedDecisionSupport(published: PublishedOnDemand, layer: SemanticLayer): DecisionSupport {
  return {
    layer,
    async withMarts(ask) {
      let reader;
      try {
        reader = await published.open();
      } catch (error) {
        if (error instanceof NotPublishedError) return null;
        throw error;
      }
      const duck = await reader.connect();
      try {
        return { answer: await ask(duck, reader.scratchDir) };
      } finally {
        duck.close();
      }
    },
  };
}

const noMarts = 'no marts yet: they are built by cif run (or cif deliver)';

/** `ask` over the marts; 503 while there are none. */
export async function withMarts<T>(dsi: DecisionSupport | undefined, ask: (duck: Duck, scratchDir: string) => Promise<T>): Promise<T> {
  const done = dsi ? await dsi.withMarts(ask) : null;
  if (!done) throw new HTTPException(503, { message: noMarts });
  return done.answer;
}

async function question(c: { req: { json(): Promise<unknown> } }): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new HTTPException(400, { message: 'the body must be a JSON question: { "measures": [...], "dimensions": [...] }' });
  }
}

/** What the answer holds, as a file name: olap-revenue-customers-by-month-region. */
function olapFileName(question: OlapQuestion): string {
  const words = [...question.measures, ...(question.dimensions?.length ? ['by', ...question.dimensions] : [])];
  return `olap-${words.join('-').replace(/[^\w-]+/g, '_')}`.slice(0, 120);
}

const day = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** GET /api/customers/:id?asOf=YYYY-MM-DD: the customer as the warehouse knew them at the end of that day. */
export async function customerAsOfAnswer(dsi: DecisionSupport | undefined, id: number, asOf: string, role: Role) {
  if (!day.test(asOf) || Number.isNaN(Date.parse(asOf))) throw new UnprocessableField('asOf', `is a day as YYYY-MM-DD, not "${asOf}"`);
  const found = await withMarts(dsi, (duck) => customerAsOf(duck, id, asOf));
  if (!found) throw new HTTPException(404, { message: `the warehouse did not know customer ${id} on ${asOf}` });
  if (!masksBirthDates(role)) return found;
  return { ...found, customer: { ...found.customer, birth_date: birthYearOnly(found.customer.birth_date as string | null) } };
}

export function dsiRoutes(app: Hono, dsi: DecisionSupport | undefined): void {
  app.get('/api/olap/model', (c) => {
    const layer = dsi?.layer;
    if (!layer) throw new HTTPException(503, { message: noMarts });
    const list = <T extends object>(items: Record<string, T>) => Object.entries(items).map(([name, item]) => ({ name, ...item }));
    return c.json({ measures: list(layer.measures).map(({ name, description, format, from }) => ({ name, description, format, tables: Object.keys(from) })),
      dimensions: list(layer.dimensions).map(({ name, description }) => ({ name, description })) });
  });

  app.post('/api/olap', async (c) => {
    const format = askedFormat(c);
    const body = (await question(c)) as OlapQuestion;
    try {
      if (format === 'json') return c.json(await withMarts(dsi, (duck) => askOlap(duck, dsi!.layer, body)));
      const file = await withMarts(dsi, (duck, scratchDir) => exportOlap(duck, dsi!.layer, body, format, scratchDir));
      return fileDownload(c, file, format, olapFileName(body));
    } catch (error) {
      if (error instanceof OlapQuestionError) throw new UnprocessableField(error.field, error.message.slice(error.field.length + 2));
      throw error;
    }
  });

  app.get('/api/kpis', async (c) => c.json(await withMarts(dsi, (duck) => standardKpis(duck, dsi!.layer))));
}
