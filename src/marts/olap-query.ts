// The OLAP question: measures by dimensions, filtered, over a range of months, compiled through the semantic layer
// to one SQL statement over the mart tables. Each measure is computed from the first table that has every dimension
// asked for; measures from different tables are joined on the dimensions.
import { z } from 'zod';
import { type Duck, literal } from '../duckdb/index.ts';
import { type FileFormat, type ResultFile, writeResultFile } from './result-file.ts';
import { type MartTable, measureTables, type SemanticLayer } from './semantic-layer.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM');

export const olapQuestionSchema = z.strictObject({
  measures: z.array(z.string()).min(1, 'ask for at least one measure').max(20),
  dimensions: z.array(z.string()).max(5).default([]),
  filters: z.array(z.strictObject({
    dimension: z.string(),
    values: z.array(z.union([z.string(), z.number()])).min(1, 'at least one value').max(1000),
  })).default([]),
  timeRange: z.strictObject({ from: month.optional(), to: month.optional() }).optional(),
  limit: z.number().int().min(1).max(100_000).default(10_000),
});
export type OlapQuestion = z.input<typeof olapQuestionSchema>;

/** A question that names something the semantic layer does not have, or asks what no table can answer. */
export class OlapQuestionError extends Error {
  override name = 'OlapQuestionError';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

/** The columns of each mart table, read from the catalog: a table answers the dimensions whose column it has. */
export async function martColumns(duck: Duck): Promise<Map<string, Set<string>>> {
  const rows = await duck.all<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'mart'`);
  const columns = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!columns.has(row.table_name)) columns.set(row.table_name, new Set());
    columns.get(row.table_name)!.add(row.column_name);
  }
  return columns;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const value = (v: string | number) => (typeof v === 'number' ? String(v) : literal(v));

export function compileOlap(input: OlapQuestion, layer: SemanticLayer, columns: Map<string, Set<string>>): { sql: string; limit: number } {
  const parsed = olapQuestionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OlapQuestionError(issue.path.join('.') || 'body', issue.message);
  }
  const q = parsed.data;
  const dimension = (name: string, field: string) => {
    const d = layer.dimensions[name];
    if (!d) throw new OlapQuestionError(field, `no dimension "${name}"; there are ${Object.keys(layer.dimensions).join(', ')}`);
    return d;
  };
  q.dimensions.forEach((d, i) => dimension(d, `dimensions.${i}`));
  q.filters.forEach((f, i) => dimension(f.dimension, `filters.${i}.dimension`));
  const needed = new Set([...q.dimensions, ...q.filters.map((f) => f.dimension), ...(q.timeRange ? ['month'] : [])]);
  const has = (table: MartTable) => [...needed].every((d) => columns.get(table)?.has(layer.dimensions[d]!.column));

  // Each measure from the first table, in its order of preference, that has every dimension the question uses.
  const byTable = new Map<MartTable, string[]>();
  q.measures.forEach((name, i) => {
    const measure = layer.measures[name];
    if (!measure) throw new OlapQuestionError(`measures.${i}`, `no measure "${name}"; there are ${Object.keys(layer.measures).join(', ')}`);
    const usable = (t: MartTable) => {
      const source = measure.from[t]!;
      return measureTables.includes(t) && has(t) && (typeof source === 'string' || source.grouped.every((d) => q.dimensions.includes(d)));
    };
    const table = (Object.keys(measure.from) as MartTable[]).find(usable);
    if (!table) throw new OlapQuestionError(`measures.${i}`, `${name} cannot be cut by ${[...needed].join(', ')}`);
    byTable.set(table, [...(byTable.get(table) ?? []), name]);
  });

  const dims = q.dimensions.map((d) => {
    const column = layer.dimensions[d]!.column;
    return d === 'month' ? `strftime(${column}, '%Y-%m') AS ${quote(d)}` : `${column} AS ${quote(d)}`;
  });
  const where: string[] = q.filters.map((f) => `${layer.dimensions[f.dimension]!.column} IN (${f.values.map(value).join(', ')})`);
  if (q.timeRange?.from) where.push(`month >= DATE ${literal(`${q.timeRange.from}-01`)}`);
  if (q.timeRange?.to) where.push(`month <= DATE ${literal(`${q.timeRange.to}-01`)}`);

  const parts = [...byTable].map(([table, names]) => {
    const sqlOf = (n: string) => {
      const source = layer.measures[n]!.from[table]!;
      return typeof source === 'string' ? source : source.sql;
    };
    const measures = names.map((n) => `(${sqlOf(n)})::DOUBLE AS ${quote(n)}`);
    return `SELECT ${[...dims, ...measures].join(', ')} FROM mart.${table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}` +
      (dims.length ? ` GROUP BY ALL` : '');
  });
  const keys = q.dimensions.map(quote);
  const joined = parts.length === 1 ? parts[0]! : parts.map((p, i) => (i === 0 ? `(${p}) t0` : `${keys.length ? 'FULL JOIN' : 'CROSS JOIN'} (${p}) t${i}${keys.length ? ` USING (${keys.join(', ')})` : ''}`)).join('\n  ');
  const select = parts.length === 1 ? joined : `SELECT ${[...keys, ...q.measures.map(quote)].join(', ')} FROM ${joined}`;
  const order = keys.length ? ` ORDER BY ${keys.join(', ')}` : '';
  return { sql: `SELECT * FROM (${select})${order} LIMIT ${q.limit + 1}`, limit: q.limit };
}

export interface OlapAnswer {
  rows: Record<string, string | number | null>[];
  sql: string;
  truncated: boolean;
}

/** Answers a question; each row keyed by the names asked for. */
export async function askOlap(duck: Duck, layer: SemanticLayer, question: OlapQuestion): Promise<OlapAnswer> {
  const { sql, limit } = compileOlap(question, layer, await martColumns(duck));
  const rows = await duck.all<Record<string, string | number | null>>(sql);
  return { rows: rows.slice(0, limit), sql, truncated: rows.length > limit };
}

/** An answer written whole to a CSV or Parquet file in `dir`, for download: the rows askOlap answers, in that order. */
export async function exportOlap(duck: Duck, layer: SemanticLayer, question: OlapQuestion, format: FileFormat, dir: string): Promise<ResultFile> {
  const { sql, limit } = compileOlap(question, layer, await martColumns(duck));
  return writeResultFile(duck, sql, format, dir, limit);
}
