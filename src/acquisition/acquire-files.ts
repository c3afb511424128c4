// Reads one declared file group of a source, standardises and validates every row, keeps the good ones in
// staging and the bad ones in staging.reject with their reason. Counts reconcile per file: read = loaded + rejected.
import type { EntityName, SourceConfig, SourceFileConfig } from '../config/index.ts';
import { type Duck, literal } from '../duckdb/index.ts';
import { readerSql } from '../sources/index.ts';
import { compileMapping, stagedColumns } from './field-expressions.ts';
import { currentEntities, stagingTable } from './staging-tables.ts';

export class SourceFileError extends Error {
  override name = 'SourceFileError';
}

export interface FileCounts {
  path: string;
  read: number;
  loaded: number;
  rejected: number;
}

export async function acquireFiles(
  duck: Duck,
  job: { source: SourceConfig; file: SourceFileConfig; paths: string[]; runId: number; country: string },
): Promise<FileCounts[]> {
  const { source, file, paths, runId } = job;
  const mapping = compileMapping(source, file, job.country);
  const reader = readerSql(file.format, paths, { delimiter: file.delimiter });
  await checkColumns(duck, reader, mapping.sourceColumns, `source ${source.name}, ${file.entity} file(s) ${file.path}`);

  const errors = mapping.checks.map((c) => `CASE WHEN ${c.failsWhen} THEN {'field': ${literal(c.field)}, 'reason': ${c.reason}} END`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE acq_batch AS
    SELECT ${mapping.key} AS source_key, ${mapping.columns.map((c) => `${c.sql} AS ${c.name}`).join(', ')},
      list_filter([${errors.join(', ')}], e -> e IS NOT NULL) AS errors,
      to_json(raw_row) AS record, filename AS file, row_number() OVER () AS line
    FROM ${reader} AS raw_row`);
  await checkReferences(duck, source.name, file.entity);

  await duck.run(`INSERT INTO staging.reject
    SELECT $1, $2, $3, file, line, source_key, errors[1].field,
      array_to_string(list_transform(errors, e -> e.field || ': ' || e.reason), '; '), record
    FROM acq_batch WHERE len(errors) > 0`, [runId, source.name, file.entity]);
  await stageGoodRows(duck, source.name, file.entity, runId);

  const counts = await duck.all<{ file: string; read: number; rejected: number }>(`
    SELECT file, count(*)::INTEGER AS read, count(*) FILTER (WHERE len(errors) > 0)::INTEGER AS rejected
    FROM acq_batch GROUP BY file`);
  await duck.run('DROP TABLE acq_batch');
  const byFile = new Map(counts.map((c) => [c.file, c]));
  return paths.map((path) => {
    const c = byFile.get(path) ?? { read: 0, rejected: 0 };
    return { path, read: c.read, rejected: c.rejected, loaded: c.read - c.rejected };
  });
}

async function checkColumns(duck: Duck, reader: string, wanted: string[], what: string): Promise<void> {
  let present: string[];
  try {
    present = (await duck.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${reader}`)).map((c) => c.column_name);
  } catch (error) {
    throw new SourceFileError(`${what}: cannot be read: ${(error as Error).message.split('\n')[0]}`);
  }
  const missing = wanted.filter((c) => !present.includes(c));
  if (missing.length > 0) {
    throw new SourceFileError(`${what}: column(s) ${missing.join(', ')} named in the configuration are not in the file (it has: ${present.filter((c) => c !== 'filename').join(', ')})`);
  }
}

/** A record that points at something the factory does not hold is rejected, not loaded dangling. */
async function checkReferences(duck: Duck, source: string, entity: EntityName): Promise<void> {
  if (entity === 'account') {
    await duck.run(`UPDATE acq_batch b SET errors = list_append(errors, {'field': 'customer_key', 'reason': 'no customer record "' || b.customer_key || '" in ' || $1})
      WHERE len(errors) = 0 AND NOT EXISTS (SELECT 1 FROM staging.customer c WHERE c.source = $1 AND c.source_key = b.customer_key)`, [source]);
  } else if (entity === 'billing' || entity === 'contact' || entity === 'survey') {
    await duck.run(`UPDATE acq_batch b SET errors = list_append(errors, {'field': 'account_key', 'reason': 'no account "' || b.account_key || '" in ' || b.account_source})
      WHERE len(errors) = 0 AND NOT EXISTS (SELECT 1 FROM staging.account a WHERE a.source = b.account_source AND a.source_key = b.account_key)`);
  }
}

async function stageGoodRows(duck: Duck, source: string, entity: EntityName, runId: number): Promise<void> {
  const columns = ['source_key', ...stagedColumns(entity), 'file'];
  const table = stagingTable(entity);
  // Within one delivery the last row for a key wins, as if the rows had been applied in order.
  const latest = `SELECT * FROM acq_batch WHERE len(errors) = 0 QUALIFY row_number() OVER (PARTITION BY source_key ORDER BY file DESC, line DESC) = 1`;
  if (!currentEntities.includes(entity)) {
    await duck.run(`INSERT INTO ${table} SELECT $1, ${columns.join(', ')}, $2 FROM (${latest})`, [source, runId]);
    return;
  }
  const compared = stagedColumns(entity);
  await duck.run(`CREATE OR REPLACE TEMP TABLE acq_changed AS
    SELECT b.* FROM (${latest}) b LEFT JOIN ${table} s ON s.source = $1 AND s.source_key = b.source_key
    WHERE s.source_key IS NULL OR (${compared.map((c) => `b.${c}`).join(', ')}) IS DISTINCT FROM (${compared.map((c) => `s.${c}`).join(', ')})`, [source]);
  await duck.run(`DELETE FROM ${table} WHERE source = $1 AND source_key IN (SELECT source_key FROM acq_changed)`, [source]);
  await duck.run(`INSERT INTO ${table} SELECT $1, ${columns.join(', ')}, $2 FROM acq_changed`, [source, runId]);
  await duck.run('DROP TABLE acq_changed');
}
