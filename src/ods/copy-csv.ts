// Rows as COPY … (format csv) text. An unquoted empty field is NULL, so an empty string is written
// quoted; other values are quoted only when they must be (quoting everything costs a third more time).
import type { OdsSession } from './driver.ts';
import type { Column } from './schema.ts';

const needsQuotes = /[",\r\n]|^$|^\\\.$/;

function quote(text: string): string {
  if (!needsQuotes.test(text)) return text;
  return `"${text.replaceAll('"', '""')}"`;
}

/** One field; the column's type decides how a JavaScript value is written. Bad values fail in COPY, naming the column. */
function field(value: unknown, name: string, column: Column): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${name}: ${value} is not a finite number`);
  switch (column.type) {
    case 'jsonb':
      return `"${JSON.stringify(value).replaceAll('"', '""')}"`;
    case 'boolean':
      return value === true ? 't' : value === false ? 'f' : quote(String(value));
    case 'bigint':
    case 'integer':
    case 'numeric(14,2)':
    case 'double precision':
      return typeof value === 'number' ? String(value) : quote(String(value));
    default:
      return typeof value === 'string' ? quote(value) : quote(String(value));
  }
}

export function toCsv(rows: readonly object[], columns: [string, Column][]): string {
  const lines = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<string, unknown>;
    lines[i] = columns.map(([name, column]) => field(row[name], name, column)).join(',');
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/** COPYs rows into a table's columns in one statement; the caller bounds how many. */
export async function copyRows(session: OdsSession, table: string, columns: [string, Column][], rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  await session.copyCsv(table, columns.map(([name]) => name), toCsv(rows, columns));
}
