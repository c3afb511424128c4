// Reads one declared file group of a source, standardises and validates every row, keeps the good ones in
// staging and the bad ones in staging.reject with their reason. Counts reconcile per file: read = loaded + rejected.
import type { EntityName, SourceConfig, SourceFileConfig } from '../config/index.ts';
import { type Duck, ident, literal } from '../duckdb/index.ts';
import { malformedLines, readerSql } from '../sources/index.ts';
import { type Check, compileMapping, staged, stagedColumns } from './field-expressions.ts';
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
  const present = await checkColumns(duck, reader, mapping.sourceColumns, `source ${source.name}, ${file.entity} file(s) ${file.path}`);

  if (file.format === 'csv') {
    await duck.run(`DROP TABLE IF EXISTS ${malformedLines.errors}`);
    await duck.run(`DROP TABLE IF EXISTS ${malformedLines.scans}`);
  }
  // Every value standardised once, next to the row as received, with a flag for rows that fail a check.
  const reference = referenceCheck(file.entity, source.name);
  const checks = [...mapping.checks, ...(reference ? [reference.check] : [])];
  await duck.run(`CREATE OR REPLACE TEMP TABLE acq_batch AS
    SELECT s.*, ${reference ? `${reference.missing} AS c_ref_missing,` : ''}
      (${checks.map((c) => `coalesce(${c.failsWhen}, false)`).join(' OR ')}) AS c_bad
    FROM (SELECT raw_row.*, ${mapping.key} AS c_source_key, ${mapping.columns.map((c) => `${c.sql} AS ${staged(c.name)}`).join(', ')},
            row_number() OVER () AS c_line
          FROM ${reader} AS raw_row) s ${reference?.join ?? ''}`, reference?.params ?? []);

  // What is wrong, and the record as read, only for rejected rows: for every row it would cost more than the load.
  const errors = checks.map((c) => `CASE WHEN ${c.failsWhen} THEN {'field': ${literal(c.field)}, 'reason': ${c.reason}} END`);
  const record = `to_json({${present.map((c) => `${literal(c)}: ${ident(c)}`).join(', ')}})`;
  // c_line counts rows across the whole group; files are read one after another, so a file's first row gives
  // its offset, and the reject names the line in its own file (after a CSV header, like malformed lines do).
  const header = file.format === 'csv' ? 1 : 0;
  await duck.run(`INSERT INTO staging.reject
    SELECT $1, $2, $3, s.filename, s.c_line - f.first_line + 1 + ${header}, c_source_key, errors[1].field,
      array_to_string(list_transform(errors, e -> e.field || ': ' || e.reason), '; '), record
    FROM (SELECT *, list_filter([${errors.join(', ')}], e -> e IS NOT NULL) AS errors, ${record} AS record FROM acq_batch s WHERE c_bad) s
    JOIN (SELECT filename, min(c_line) AS first_line FROM acq_batch GROUP BY filename) f USING (filename)`,
    [runId, source.name, file.entity]);
  await stageGoodRows(duck, source.name, file.entity, runId);
  const malformed = file.format === 'csv' ? await rejectMalformedLines(duck, runId, source.name, file.entity) : 'SELECT NULL AS file WHERE false';

  const counts = await duck.all<{ file: string; read: number; rejected: number }>(`
    SELECT file, count(*)::INTEGER AS read, count(*) FILTER (WHERE bad)::INTEGER AS rejected FROM (
      SELECT filename AS file, c_bad AS bad FROM acq_batch UNION ALL SELECT file, true FROM (${malformed}))
    GROUP BY file`);
  await duck.run('DROP TABLE acq_batch');
  const byFile = new Map(counts.map((c) => [c.file, c]));
  return paths.map((path) => {
    const c = byFile.get(path) ?? { read: 0, rejected: 0 };
    return { path, read: c.read, rejected: c.rejected, loaded: c.read - c.rejected };
  });
}

/** Lines the CSV reader could not split (too many or too few columns) are rejects too, one per line. */
async function rejectMalformedLines(duck: Duck, runId: number, source: string, entity: string): Promise<string> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE acq_malformed AS
    SELECT s.file_path AS file, e.line::BIGINT AS line, first(e.error_message ORDER BY e.column_idx) AS message, first(e.csv_line) AS csv_line
    FROM ${malformedLines.errors} e JOIN ${malformedLines.scans} s USING (scan_id, file_id) GROUP BY ALL`);
  await duck.run(`INSERT INTO staging.reject SELECT $1, $2, $3, file, line, NULL, 'line', 'line: ' || message, to_json({'line': csv_line})
    FROM acq_malformed`, [runId, source, entity]);
  return 'SELECT file FROM acq_malformed';
}

/** The file's columns (without the reader's filename); fails clearly when a configured one is missing. */
async function checkColumns(duck: Duck, reader: string, wanted: string[], what: string): Promise<string[]> {
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
  return present.filter((c) => c !== 'filename');
}

/** A record that points at something the factory does not hold is rejected, not loaded dangling. */
function referenceCheck(entity: EntityName, source: string): { join: string; params: string[]; missing: string; check: Check } | undefined {
  if (entity === 'account') {
    return {
      join: 'LEFT JOIN (SELECT source_key AS ref_key FROM staging.customer WHERE source = $1) ref ON ref.ref_key = s.c_customer_key',
      params: [source],
      missing: 's.c_customer_key IS NOT NULL AND ref.ref_key IS NULL',
      check: { field: 'customer_key', failsWhen: 'c_ref_missing', reason: `'no customer record "' || s.c_customer_key || '" in ' || ${literal(source)}` },
    };
  }
  if (entity === 'billing' || entity === 'contact' || entity === 'survey') {
    return {
      join: 'LEFT JOIN (SELECT source AS ref_source, source_key AS ref_key FROM staging.account) ref ON ref.ref_source = s.c_account_source AND ref.ref_key = s.c_account_key',
      params: [],
      missing: 's.c_account_key IS NOT NULL AND s.c_account_source IS NOT NULL AND ref.ref_key IS NULL',
      check: { field: 'account_key', failsWhen: 'c_ref_missing', reason: `'no account "' || s.c_account_key || '" in ' || s.c_account_source` },
    };
  }
  return undefined;
}

async function stageGoodRows(duck: Duck, source: string, entity: EntityName, runId: number): Promise<void> {
  const columns = ['source_key', ...stagedColumns(entity), 'file'];
  const table = stagingTable(entity);
  // Within one delivery the last row for a key wins, as if the rows had been applied in order.
  const latest = `SELECT c_source_key AS source_key, ${stagedColumns(entity).map((c) => `${staged(c)} AS ${c}`).join(', ')}, filename AS file
    FROM acq_batch WHERE NOT c_bad QUALIFY row_number() OVER (PARTITION BY c_source_key ORDER BY filename DESC, c_line DESC) = 1`;
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
