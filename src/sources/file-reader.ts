// DuckDB reads every supported kind of file natively; a reader is the table function over a list of files.
import { literal } from '../duckdb/index.ts';

export type FileFormat = 'csv' | 'jsonl' | 'parquet';

/** Where DuckDB puts CSV lines it cannot split into the header's columns (temporary tables of the session). */
export const malformedLines = { errors: 'acq_csv_errors', scans: 'acq_csv_scans' };

/**
 * A FROM-clause expression yielding the files' rows plus `filename`; CSV values stay text, exactly as received.
 * CSV quoting is declared (RFC 4180), not guessed from a sample: a quoted value far down a file must not fail
 * the read. A line that still cannot be split is set aside in the malformed-lines tables, not lost.
 */
export function readerSql(format: FileFormat, paths: string[], options: { delimiter?: string } = {}): string {
  const list = `[${paths.map(literal).join(', ')}]`;
  switch (format) {
    case 'csv': {
      const delim = options.delimiter ? `, delim = ${literal(options.delimiter)}` : '';
      return `read_csv(${list}, header = true, all_varchar = true, filename = true, quote = '"', escape = '"'${delim},
        store_rejects = true, rejects_table = '${malformedLines.errors}', rejects_scan = '${malformedLines.scans}')`;
    }
    case 'jsonl':
      return `read_json(${list}, format = 'newline_delimited', filename = true, union_by_name = true)`;
    case 'parquet':
      return `read_parquet(${list}, filename = true, union_by_name = true)`;
  }
}
