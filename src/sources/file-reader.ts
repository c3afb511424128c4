// DuckDB reads every supported kind of file natively; a reader is the table function over a list of files.
import { literal } from '../duckdb/index.ts';

export type FileFormat = 'csv' | 'jsonl' | 'parquet';

/** A FROM-clause expression yielding the files' rows plus `filename`; CSV values stay text, exactly as received. */
export function readerSql(format: FileFormat, paths: string[], options: { delimiter?: string } = {}): string {
  const list = `[${paths.map(literal).join(', ')}]`;
  switch (format) {
    case 'csv': {
      const delim = options.delimiter ? `, delim = ${literal(options.delimiter)}` : '';
      return `read_csv(${list}, header = true, all_varchar = true, filename = true, union_by_name = true${delim})`;
    }
    case 'jsonl':
      return `read_json(${list}, format = 'newline_delimited', filename = true, union_by_name = true)`;
    case 'parquet':
      return `read_parquet(${list}, filename = true, union_by_name = true)`;
  }
}
