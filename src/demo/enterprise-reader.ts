// Reads a generated enterprise back into memory — the operational files in their own layouts and the
// truth — for tests and for scoring the factory against the truth. Meant for small enterprises only.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export type Row = Record<string, string | null>;

/** Parses RFC 4180 CSV with a header; empty cells become null. */
export function parseCsv(text: string): Row[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\n') record.push(field), records.push(record), (record = []), (field = '');
    else if (c !== '\r') field += c;
  }
  if (field !== '' || record.length > 0) record.push(field), records.push(record);
  const [header, ...rows] = records;
  return rows.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i] ? cells[i]! : null])));
}

export function readCsv(path: string): Row[] {
  return parseCsv(readFileSync(path, 'utf8'));
}

export function readJsonl(path: string): Row[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => Object.fromEntries(Object.entries(JSON.parse(line) as Record<string, unknown>).map(([k, v]) => [k, v === null ? null : String(v)])));
}

export async function readParquet(path: string): Promise<Row[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${path.replaceAll("'", "''")}')`);
    return reader.getRowObjectsJson() as Row[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Every row of the monthly files in a folder whose names start with prefix, oldest month first. */
export function readMonthly(folder: string, prefix: string): Row[] {
  const files = readdirSync(folder).filter((f) => f.startsWith(prefix)).sort();
  return files.flatMap((f) => (f.endsWith('.jsonl') ? readJsonl(join(folder, f)) : readCsv(join(folder, f))));
}

export interface Enterprise {
  customers: { cellular: Row[]; long_distance: Row[]; cable: Row[] };
  accounts: { cellular: Row[]; long_distance: Row[]; cable: Row[] };
  billing: Row[];
  contacts: Row[];
  events: Row[];
  surveys: Row[];
  truthRecords: Row[];
  persons: Row[];
}

export async function readEnterprise(out: string): Promise<Enterprise> {
  const sources = join(out, 'sources');
  return {
    customers: {
      cellular: readCsv(join(sources, 'cellular', 'customers.csv')),
      long_distance: readJsonl(join(sources, 'long_distance', 'customers.jsonl')),
      cable: await readParquet(join(sources, 'cable', 'customers.parquet')),
    },
    accounts: {
      cellular: readCsv(join(sources, 'cellular', 'accounts.csv')),
      long_distance: readJsonl(join(sources, 'long_distance', 'accounts.jsonl')),
      cable: await readParquet(join(sources, 'cable', 'accounts.parquet')),
    },
    billing: readMonthly(join(sources, 'billing'), 'transactions-'),
    contacts: readMonthly(join(sources, 'call_centre'), 'contacts-'),
    events: readMonthly(join(sources, 'web'), 'events-'),
    surveys: readCsv(join(sources, 'surveys', 'surveys.csv')),
    truthRecords: readCsv(join(out, 'truth', 'records.csv')),
    persons: readCsv(join(out, 'truth', 'persons.csv')),
  };
}
