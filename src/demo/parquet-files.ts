// The cable system's extracts are Parquet. Rows are streamed to CSV first (Parquet wants whole row
// groups), then DuckDB rewrites them as Parquet with every column kept as text.
import { rm } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

export async function convertCsvToParquet(conversions: { csv: string; parquet: string }[]): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const { csv, parquet } of conversions) {
      await connection.run(
        `COPY (SELECT * FROM read_csv(${literal(csv)}, all_varchar = true, header = true, delim = ',', quote = '"', escape = '"'))
         TO ${literal(parquet)} (FORMAT parquet)`,
      );
      await rm(csv);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
