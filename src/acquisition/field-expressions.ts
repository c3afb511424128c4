// Compiles a source file's field mapping into DuckDB expressions over the raw row: one expression per canonical
// column, and one check per field that names the field and says what is wrong when a value cannot be standardised.
import { entities, type EntityName, type FieldKind, type FieldMapping, type SourceConfig, type SourceFileConfig } from '../config/index.ts';
import { ident, literal } from '../duckdb/index.ts';

export interface Check {
  field: string;
  /** SQL over the staged row (source columns and c_<field> canonical values), true when the row fails. */
  failsWhen: string;
  /** SQL yielding the reason text. */
  reason: string;
}

/** The staged column holding a field's standardised value (prefixed: source columns may share canonical names). */
export const staged = (name: string) => `c_${name}`;

export interface CompiledMapping {
  key: string;
  columns: { name: string; sql: string }[];
  checks: Check[];
  /** Source columns the mapping reads, to tell the user early when a file lacks one. */
  sourceColumns: string[];
}

/** Canonical columns each entity's staging table holds, in order (full_name is split into its parts). */
export function stagedColumns(entity: EntityName): string[] {
  return Object.keys(entities[entity].fields).filter((f) => f !== 'full_name');
}

const raw = (column: string) => `NULLIF(trim(CAST(${ident(column)} AS VARCHAR)), '')`;
const quoteText = (sql: string) => `'"' || ${sql} || '"'`;

export function compileMapping(source: SourceConfig, file: SourceFileConfig, country: string): CompiledMapping {
  const fields = entities[file.entity].fields as Record<string, { kind: FieldKind; required?: boolean }>;
  const columns = new Map<string, string>();
  // SQL that is true when the source gave no value at all (as opposed to a value that failed to standardise).
  const absent = new Map<string, string>();
  const checks: Check[] = [];
  const sourceColumns = new Set<string>([file.key]);
  const key = raw(file.key);
  checks.push({ field: 'key', failsWhen: `${key} IS NULL`, reason: literal(`the key column ${file.key} is empty`) });

  for (const [name, mapping] of Object.entries(file.fields)) {
    if (typeof mapping !== 'string' && 'field' in mapping) sourceColumns.add(mapping.field);
    if (typeof mapping === 'string') sourceColumns.add(mapping);
    const rawField = typeof mapping === 'string' ? mapping : 'field' in mapping ? mapping.field : undefined;
    if (name === 'full_name') {
      splitName(mapping, columns, checks);
      for (const part of ['given_name', 'middle_name', 'family_name', 'name_suffix']) absent.set(part, `${raw(rawField!)} IS NULL`);
      continue;
    }
    absent.set(name, rawField ? `${raw(rawField)} IS NULL` : 'false');
    const compiled = compileField(name, fields[name].kind, mapping, country, file.format !== 'csv');
    columns.set(name, compiled.sql);
    if (compiled.check) checks.push(compiled.check);
  }
  if (file.entity === 'account' && !columns.has('product_line') && source.productLine) {
    columns.set('product_line', literal(source.productLine));
  }
  for (const [name, field] of Object.entries(fields)) {
    const sql = columns.get(name);
    const required = field.required || (file.entity === 'customer' && name === 'family_name');
    if (required && name !== 'full_name') {
      if (!sql) throw new Error(`source ${source.name}, ${file.entity} file ${file.path}: the mapping has no "${name}" field, which a ${file.entity} needs`);
      checks.push({ field: name, failsWhen: absent.get(name) ?? `${staged(name)} IS NULL`, reason: literal('is missing') });
    }
  }
  return {
    key,
    columns: stagedColumns(file.entity).map((name) => ({ name, sql: columns.get(name) ?? 'NULL' })),
    checks,
    sourceColumns: [...sourceColumns],
  };
}

/** typedSource: JSON and Parquet readers may already have typed a date or time, whose text is then ISO. */
function compileField(name: string, kind: FieldKind, mapping: FieldMapping, country: string, typedSource: boolean): { sql: string; check?: Check } {
  if (typeof mapping !== 'string' && 'value' in mapping) {
    return { sql: typeof mapping.value === 'string' ? literal(mapping.value) : String(mapping.value) };
  }
  const spec = typeof mapping === 'string' ? { field: mapping } : mapping;
  const v = raw(spec.field);
  const failing = (sql: string, reason: string): { sql: string; check: Check } => ({
    sql,
    check: { field: name, failsWhen: `${v} IS NOT NULL AND ${staged(name)} IS NULL`, reason: `${quoteText(v)} || ${literal(` ${reason}`)}` },
  });
  if (spec.map) {
    const whens = Object.entries(spec.map).map(([from, to]) => `WHEN ${literal(from)} THEN ${typeof to === 'boolean' ? String(to) : literal(to)}`);
    return failing(`CASE ${v} ${whens.join(' ')} END`, `is not one of ${Object.keys(spec.map).join(', ')}`);
  }
  switch (kind) {
    case 'date':
      return spec.format
        ? failing(`CAST(${orTyped(`try_strptime(${v}, ${literal(spec.format)})`, `TRY_CAST(${v} AS DATE)`, typedSource)} AS DATE)`, `is not a date in the form ${spec.format}`)
        : failing(`TRY_CAST(${v} AS DATE)`, 'is not a date (YYYY-MM-DD)');
    case 'timestamp':
      return spec.format
        ? failing(orTyped(`try_strptime(${v}, ${literal(spec.format)})`, `TRY_CAST(${v} AS TIMESTAMP)`, typedSource), `is not a time in the form ${spec.format}`)
        : failing(`TRY_CAST(${v} AS TIMESTAMP)`, 'is not a time (YYYY-MM-DD HH:MM:SS)');
    case 'number':
      return failing(`TRY_CAST(${v} AS DECIMAL(14, 2))`, 'is not a number');
    case 'boolean':
      return failing(`TRY_CAST(${v} AS BOOLEAN)`, 'is not true or false');
    case 'status':
      return failing(`CASE WHEN lower(${v}) IN ('active', 'closed') THEN lower(${v}) END`, 'is not active or closed');
    case 'phone':
      return failing(`cif_phone(${v}, ${literal(country)})`, 'is not a telephone number');
    case 'email':
      return failing(`cif_email(${v})`, 'is not an e-mail address');
    case 'postcode':
      return failing(`cif_postcode(${v}, ${literal(country)})`, 'is not a postal code');
    case 'region':
      return { sql: `upper(${v})` };
    case 'name':
    case 'text':
      if (name === 'given_name' || name === 'middle_name' || name === 'family_name') return { sql: `cif_name_part(${v})` };
      if (name === 'name_suffix') return { sql: `upper(replace(${v}, '.', ''))` };
      if (name === 'address_line') return { sql: `cif_address(${v})` };
      if (name === 'city') return { sql: `upper(cif_clean_words(${v}))` };
      return { sql: v };
  }
}

function orTyped(parsed: string, typed: string, typedSource: boolean): string {
  return typedSource ? `coalesce(${parsed}, ${typed})` : parsed;
}

/** "SMITH, ROBERT J JR" (last_first) or "Robert J. Smith Jr." (first_last) into given, middle, family and suffix. */
function splitName(mapping: FieldMapping, columns: Map<string, string>, checks: Check[]): void {
  if (typeof mapping === 'string' || !('field' in mapping)) {
    throw new Error('full_name needs { field, parse: last_first | first_last }');
  }
  const v = raw(mapping.field);
  const lastFirst = mapping.parse === 'last_first';
  // A last_first system may still hold a name without a comma: read that one in natural order.
  const commaForm = lastFirst ? `contains(${v}, ',')` : 'false';
  const after = `cif_words_after_comma(${v})`;
  const natural = `cif_unsuffixed(cif_words(${v}))`;
  const afterNames = `cif_unsuffixed(${after})`;
  columns.set('given_name', `CASE WHEN ${commaForm} THEN cif_name_part(${afterNames}[1]) WHEN len(${natural}) >= 2 THEN cif_name_part(${natural}[1]) END`);
  columns.set('middle_name', `CASE WHEN ${commaForm} THEN cif_name_part(NULLIF(array_to_string(${afterNames}[2:], ' '), '')) WHEN len(${natural}) >= 3 THEN cif_name_part(array_to_string(${natural}[2:-2], ' ')) END`);
  columns.set('family_name', `CASE WHEN ${commaForm} THEN cif_name_part(split_part(${v}, ',', 1)) WHEN len(${natural}) >= 1 THEN cif_name_part(${natural}[-1]) END`);
  columns.set('name_suffix', `CASE WHEN ${commaForm} THEN cif_suffix_of(${after}) ELSE cif_suffix_of(cif_words(${v})) END`);
  checks.push({
    field: 'full_name',
    failsWhen: `${v} IS NOT NULL AND (${staged('given_name')} IS NULL OR ${staged('family_name')} IS NULL)`,
    reason: `${quoteText(v)} || ' does not split into a given and a family name'`,
  });
}
