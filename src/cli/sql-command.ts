// cif sql: exploration from the shell. Reads the published warehouse (Parquet), never the DuckDB file, so it
// runs while cif run or cif serve holds the factory directory.
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Factory } from '../config/index.ts';
import { type ExplorationAnswer, explorationLimits, explore, exportExploration, openPublished } from '../marts/index.ts';
import { UsageError } from './usage-error.ts';

export interface SqlOptions {
  positionals?: string[];
  format?: string;
  limit?: string;
}

const formats = ['table', 'csv', 'json'] as const;
type Format = (typeof formats)[number];

function parse(o: SqlOptions): { sql: string; format: Format; limit: number | undefined } {
  const sql = (o.positionals ?? []).join(' ').trim();
  if (!sql) throw new UsageError('give the query: cif sql "SELECT …" [--format table|csv|json] [--limit N]');
  const format = (o.format ?? 'table') as Format;
  if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, not "${o.format}"`);
  const limit = o.limit === undefined ? undefined : Number(o.limit.replaceAll('_', ''));
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > explorationLimits.maxRows)) {
    throw new UsageError(`--limit must be a whole number from 1 to ${explorationLimits.maxRows}, not "${o.limit}"`);
  }
  return { sql, format, limit };
}

export async function sqlCommand(factory: Factory, o: SqlOptions): Promise<void> {
  const { sql, format, limit } = parse(o);
  const published = await openPublished(factory.dataDir);
  try {
    if (format === 'csv') {
      // The whole result up to the limit (100,000 rows unless --limit says), as a download would have it.
      const file = await exportExploration(published, sql, 'csv', { limit });
      try {
        await pipeline(createReadStream(file.path), process.stdout, { end: false });
      } finally {
        file.remove();
      }
      if (file.truncated) console.error(`cif sql: the first ${file.rows} rows only; give --limit up to ${explorationLimits.maxRows} for more`);
      return;
    }
    const answer = await explore(published, sql, { limit });
    if (format === 'json') console.log(JSON.stringify(answer, null, 2));
    else printTable(answer);
  } finally {
    published.close();
  }
}

const widest = 60;

function printTable({ columns, rows, truncated, ms }: ExplorationAnswer): void {
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? 'NULL' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    return text.length > widest ? `${text.slice(0, widest - 1)}…` : text;
  };
  const table = rows.map((row) => columns.map((c) => cell(row[c.name])));
  const widths = columns.map((c, i) => Math.max(c.name.length, ...table.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((text, i) => text.padEnd(widths[i]!)).join('  ').trimEnd();
  console.log(line(columns.map((c) => c.name)));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of table) console.log(line(r));
  const count = `${rows.length} row${rows.length === 1 ? '' : 's'}`;
  console.log(`(${truncated ? `${count}, truncated: give --limit for more` : count}, ${ms} ms)`);
}
