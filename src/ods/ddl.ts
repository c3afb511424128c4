// PostgreSQL DDL generated from the table declarations, so the database cannot drift from schema.ts.
import type { Column, Table } from './schema.ts';

/** A quoted identifier: some column names (read) are SQL keywords. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function columnSql(name: string, column: Column): string {
  const parts = [ident(name), column.type];
  if (!column.nullable) parts.push('not null');
  if (column.default !== undefined) parts.push(`default ${column.default}`);
  if (column.check !== undefined) parts.push(`check (${column.check})`);
  return parts.join(' ');
}

/** An index column may carry an operator class after its name (`term text_pattern_ops`). */
function indexColumnSql(spec: string): string {
  const [name, ...opclass] = spec.split(' ');
  return [ident(name!), ...opclass].join(' ');
}

function indexName(table: string, columns: string[]): string {
  return `${table}_${columns.map((c) => c.split(' ')[0]).join('_')}_idx`;
}

function primaryKeyName(table: string): string {
  return `${table}_pkey`;
}

function createIndex(name: string, columns: string[]): string {
  return `create index ${ident(indexName(name, columns))} on ${ident(name)} (${columns.map(indexColumnSql).join(', ')})`;
}

/** Drops a table's primary key and indexes: a bulk insert, then `buildIndexes`, beats maintaining them row by row. */
export function dropIndexes(name: string, table: Table): string[] {
  return [
    ...(table.indexes ?? []).map((index) => `drop index ${ident(indexName(name, index.columns))}`),
    `alter table ${ident(name)} drop constraint ${ident(primaryKeyName(name))}`,
  ];
}

export function buildIndexes(name: string, table: Table): string[] {
  return [
    `alter table ${ident(name)} add constraint ${ident(primaryKeyName(name))} primary key (${table.primaryKey.map(ident).join(', ')})`,
    ...(table.indexes ?? []).map((index) => createIndex(name, index.columns)),
  ];
}

/** CREATE TABLE, its indexes and its comments. */
export function createTable(name: string, table: Table): string[] {
  const lines = Object.entries(table.columns).map(([column, def]) => columnSql(column, def));
  lines.push(`constraint ${ident(primaryKeyName(name))} primary key (${table.primaryKey.map(ident).join(', ')})`);
  for (const fk of table.foreignKeys ?? []) {
    let sql = `foreign key (${fk.columns.map(ident).join(', ')}) references ${ident(fk.references.table)} (${fk.references.columns.map(ident).join(', ')})`;
    if (fk.onDelete === 'cascade') sql += ' on delete cascade';
    if (fk.deferred) sql += ' deferrable initially deferred';
    lines.push(sql);
  }
  const statements = [`create table ${ident(name)} (\n  ${lines.join(',\n  ')}\n)`];
  for (const index of table.indexes ?? []) statements.push(createIndex(name, index.columns));
  statements.push(`comment on table ${ident(name)} is ${literal(table.description)}`);
  for (const [column, def] of Object.entries(table.columns)) {
    statements.push(`comment on column ${ident(name)}.${ident(column)} is ${literal(def.description)}`);
  }
  return statements;
}

/** Every table in declaration order (parents before children, as foreign keys need). */
export function createTables(tables: Record<string, Table>, except: string[] = []): string[] {
  return Object.entries(tables)
    .filter(([name]) => !except.includes(name))
    .flatMap(([name, table]) => createTable(name, table));
}
