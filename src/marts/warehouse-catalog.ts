// Which tables the published warehouse holds: every base table of schemas dw, mart and analytics, read from DuckDB's
// information_schema so that a mart added later is published without code changes.
import type { Column, Duck } from '../duckdb/index.ts';

export const publishedSchemas = ['dw', 'mart', 'analytics'] as const;

/** Histories outside dw's facts that are only ever appended to, by the column that numbers each addition. */
const appendedBy: Record<string, string> = { 'analytics.customer_score': 'score_run' };

export interface CatalogTable {
  schema: string;
  name: string;
  /** The warehouse's columns and types. */
  columns: Column[];
  /**
   * The column numbering the additions to a table rows are only ever appended to (dw.fact_* by run_id, a score
   * history by its score run), so each addition can be published once, by itself; null for any other table.
   */
  appendedBy: string | null;
}

export async function warehouseCatalog(duck: Duck): Promise<CatalogTable[]> {
  const rows = await duck.all<{ schema: string; table: string; column: string; type: string }>(`
    SELECT c.table_schema AS schema, c.table_name AS "table", c.column_name AS "column", c.data_type AS type
    FROM information_schema.columns c JOIN information_schema.tables t USING (table_catalog, table_schema, table_name)
    WHERE t.table_catalog = current_database() AND t.table_type = 'BASE TABLE' AND t.table_schema IN (${publishedSchemas.map((s) => `'${s}'`).join(', ')})
    ORDER BY c.table_schema, c.table_name, c.ordinal_position`);
  const tables = new Map<string, CatalogTable>();
  for (const row of rows) {
    const key = `${row.schema}.${row.table}`;
    let table = tables.get(key);
    if (!table) tables.set(key, (table = { schema: row.schema, name: row.table, columns: [], appendedBy: null }));
    table.columns.push({ name: row.column, type: row.type });
  }
  for (const table of tables.values()) {
    const by = table.schema === 'dw' && table.name.startsWith('fact_') ? 'run_id' : appendedBy[`${table.schema}.${table.name}`];
    table.appendedBy = by && table.columns.some((c) => c.name === by) ? by : null;
  }
  return [...tables.values()];
}

/**
 * Parquet has no 128-bit integer (DuckDB would write a DOUBLE and lose digits): such columns are published as
 * DECIMAL(38,0), which it has. Every other type is published as it is.
 */
export function publishedType(type: string): string {
  return type === 'HUGEINT' || type === 'UHUGEINT' ? 'DECIMAL(38,0)' : type;
}
