// `cif resolve`: deduplicate one CSV file of people, or link two, with no factory and no configuration. The columns
// are given roles on the command line; the model is estimated from the file itself.
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { type Duck, literal, openDuck } from '../duckdb/index.ts';
import { addTermFrequencies, type IdentityModel } from './fellegi-sunter.ts';
import { clusterLinks, defaultThresholds, scoreCandidates } from './link-records.ts';
import { birthDateSql, type PersonRole, personRoles, prepareRecords, strptimePattern } from './person-fields.ts';
import { type StepTimes, stepTimer } from './step-times.ts';

export class ResolveInputError extends Error {
  override name = 'UsageError';
}

export interface ResolveFileOptions {
  files: string[];
  /** The column that identifies a record within its file. */
  id: string;
  /** role → column */
  map: Partial<Record<PersonRole, string>>;
  out: string;
  dateFormat?: string;
  /** Match probability at or above which two records are one person. */
  threshold?: number;
  /** DuckDB memory limit, e.g. "6GB". */
  memory?: string;
}

export interface ResolveFileSummary {
  records: number;
  pairsCompared: number;
  blockingRecall: number | null;
  matches: number;
  uncertain: number;
  clusters: number;
  seconds: number;
  unreadableBirthDates: number;
  model: IdentityModel;
  /** Seconds per step: read, prepare, block, compare, estimate, score, cluster, write. */
  steps: StepTimes;
}

/** Parses `ROLE=COLUMN,ROLE=COLUMN` (repeatable). */
export function parseRoleMap(specs: string[]): Partial<Record<PersonRole, string>> {
  const map: Partial<Record<PersonRole, string>> = {};
  for (const part of specs.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean)) {
    const [role, column] = part.split('=').map((s) => s.trim());
    if (!role || !column) throw new ResolveInputError(`--map: "${part}" is not ROLE=COLUMN`);
    if (!(personRoles as readonly string[]).includes(role)) {
      throw new ResolveInputError(`--map: unknown role "${role}"; roles are ${personRoles.filter((r) => r !== 'name_suffix').join(', ')}`);
    }
    if (map[role as PersonRole]) throw new ResolveInputError(`--map: role "${role}" is given twice`);
    map[role as PersonRole] = column;
  }
  if (Object.keys(map).length === 0) throw new ResolveInputError('--map: give at least one ROLE=COLUMN');
  return map;
}

export async function resolveFiles(options: ResolveFileOptions): Promise<ResolveFileSummary> {
  const started = Date.now();
  const { lap, skip, times } = stepTimer();
  if (options.files.length < 1 || options.files.length > 2) throw new ResolveInputError('give one file to deduplicate or two to link');
  if (options.dateFormat) strptimePatternOrThrow(options.dateFormat);
  const threshold = options.threshold ?? defaultThresholds.match;
  if (!(threshold > 0 && threshold < 1)) throw new ResolveInputError(`--threshold must be a probability between 0 and 1, not ${threshold}`);
  const thresholds = { match: threshold, review: Math.min(defaultThresholds.review, threshold) };
  const duck = await openDuck(':memory:', { memoryLimit: options.memory ?? process.env.CIF_DUCKDB_MEMORY ?? '5GB', tempDirectory: `${options.out}.tmp` });
  try {
    const roles = Object.keys(options.map) as PersonRole[];
    await loadInputs(duck, options, roles);
    const unreadable = await checkBirthDates(duck, options);
    lap('read');
    await prepareRecords(duck, { from: 'resolve_input', roles, into: 'resolve_record', dateFormat: options.dateFormat });
    await addTermFrequencies(duck, 'resolve_record');
    lap('prepare');
    const linkOnly = options.files.length === 2;
    const scored = await scoreCandidates(duck, { records: 'resolve_record', prefix: 'resolve_', thresholds, linkOnly, times });
    skip();
    await duck.run(`CREATE OR REPLACE TEMP TABLE resolve_links AS SELECT a, b, probability FROM resolve_scored WHERE probability >= ${thresholds.match}`);
    await duck.run(`CREATE OR REPLACE TEMP TABLE resolve_cannot AS SELECT a, b, generations FROM resolve_scored WHERE conflict AND probability < ${thresholds.match}
      AND a IN (SELECT a FROM resolve_links UNION SELECT b FROM resolve_links) AND b IN (SELECT a FROM resolve_links UNION SELECT b FROM resolve_links)`);
    await clusterLinks(duck, { links: 'resolve_links', cannot: 'resolve_cannot', records: 'resolve_record', model: scored.model, thresholds, into: 'resolve_cluster' });
    lap('cluster');
    await duck.run(`COPY (SELECT i.src AS input, i.record_id, coalesce(c.cluster, i.rid) AS cluster_id, round(coalesce(c.strength, 1), 6) AS match_probability
      FROM resolve_input i LEFT JOIN resolve_cluster c USING (rid) ORDER BY i.rid) TO ${literal(options.out)} (HEADER, DELIMITER ',')`);
    const counts = await duck.one<{ records: number; clusters: number }>(`SELECT count(*)::INTEGER AS records,
      count(DISTINCT coalesce(c.cluster, i.rid))::INTEGER AS clusters FROM resolve_input i LEFT JOIN resolve_cluster c USING (rid)`);
    lap('write');
    return {
      records: counts?.records ?? 0, pairsCompared: scored.pairsCompared, blockingRecall: scored.blockingRecall, matches: scored.matches,
      uncertain: scored.uncertain, clusters: counts?.clusters ?? 0, seconds: (Date.now() - started) / 1000, unreadableBirthDates: unreadable, model: scored.model, steps: times,
    };
  } finally {
    duck.close();
  }
}

function strptimePatternOrThrow(format: string): void {
  try {
    strptimePattern(format);
  } catch (error) {
    throw new ResolveInputError(`--date-format: ${(error as Error).message}`);
  }
}

/** Reads each file as text into resolve_input (rid, src, record_id, role columns), after checking its columns and ids. */
async function loadInputs(duck: Duck, options: ResolveFileOptions, roles: PersonRole[]): Promise<void> {
  const names = options.files.map((f) => basename(f, extname(f)));
  if (names.length === 2 && names[0] === names[1]) names[1] = `${names[1]}_2`;
  const selects: string[] = [];
  for (const [i, file] of options.files.entries()) {
    if (!existsSync(file)) throw new ResolveInputError(`${file}: no such file`);
    const reader = `read_csv(${literal(file)}, header = true, all_varchar = true, quote = '"', escape = '"')`;
    let columns: string[];
    try {
      columns = (await duck.all<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${reader})`)).map((c) => c.column_name);
    } catch (error) {
      throw new ResolveInputError(`${file}: cannot be read as CSV: ${(error as Error).message.split('\n')[0]}`);
    }
    const missing = [options.id, ...Object.values(options.map)].filter((c) => !columns.includes(c!));
    if (missing.length) throw new ResolveInputError(`${file}: no column ${missing.map((c) => `"${c}"`).join(', ')} (it has ${columns.join(', ')})`);
    const id = `"${options.id.replaceAll('"', '""')}"`;
    await duck.run(`CREATE OR REPLACE TEMP TABLE resolve_file_${i} AS SELECT * FROM ${reader}`);
    const blank = await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM resolve_file_${i} WHERE nullif(trim(${id}), '') IS NULL`);
    if (blank?.n) throw new ResolveInputError(`${file}: ${blank.n} record(s) have no ${options.id}; every record needs an id`);
    const dupes = await duck.all<{ v: string; n: number }>(`SELECT ${id} AS v, count(*)::INTEGER AS n FROM resolve_file_${i} GROUP BY 1 HAVING count(*) > 1 ORDER BY n DESC, v LIMIT 3`);
    if (dupes.length) {
      throw new ResolveInputError(`${file}: ${options.id} is not unique: ${dupes.map((d) => `"${d.v}" appears ${d.n} times`).join(', ')}`);
    }
    selects.push(`SELECT ${literal(names[i])} AS src, ${id} AS record_id, ${roles.map((r) => `"${options.map[r]!.replaceAll('"', '""')}" AS ${r}`).join(', ')} FROM resolve_file_${i}`);
  }
  await duck.run(`CREATE OR REPLACE TEMP TABLE resolve_input AS SELECT row_number() OVER ()::INTEGER AS rid, * FROM (${selects.join(' UNION ALL ')})`);
  for (const i of options.files.keys()) await duck.run(`DROP TABLE resolve_file_${i}`);
}

/** Birth dates that do not read in the expected format are treated as missing; when most do not, the format is wrong. */
async function checkBirthDates(duck: Duck, options: ResolveFileOptions): Promise<number> {
  if (!options.map.birth_date) return 0;
  const parse = birthDateSql('trim(birth_date)', options.dateFormat);
  const row = await duck.one<{ given: number; bad: number; example: string | null }>(`SELECT count(*)::INTEGER AS given,
      count(*) FILTER (WHERE ${parse} IS NULL)::INTEGER AS bad, first(birth_date) FILTER (WHERE ${parse} IS NULL) AS example
    FROM resolve_input WHERE nullif(trim(birth_date), '') IS NOT NULL`);
  if (row && row.given > 0 && row.bad > row.given / 2) {
    const hint = options.dateFormat ? 'check --date-format' : 'give --date-format, e.g. --date-format yyyyMMdd or dd/MM/yyyy';
    throw new ResolveInputError(`birth_date: ${row.bad} of ${row.given} values do not read as ${options.dateFormat ?? 'yyyy-MM-dd'} (e.g. "${row.example}"); ${hint}`);
  }
  return row?.bad ?? 0;
}
