// Whose rows a mart build writes: a full build makes every table anew; an incremental refresh deletes and makes
// again the rows of the customers a run touched, listed in a temp table. The same statements serve both.
import type { Duck } from '../duckdb/index.ts';

/** The temp table of the customers an incremental refresh makes again (customer_id). */
export const changedCustomers = 'mart_changed';

/** Whose rows a build writes: every customer's, or only those in the changed customers' table. */
export type Scope = 'all' | 'changed';

/** The condition that keeps a row of `column`'s customer in scope. */
export const inScope = (scope: Scope, column: string) => (scope === 'all' ? 'true' : `${column} IN (SELECT customer_id FROM ${changedCustomers})`);

/** A full build makes the table anew; an incremental one replaces the rows of the changed customers. */
export async function writeMartTable(duck: Duck, table: string, scope: Scope, select: string): Promise<void> {
  if (scope === 'all') {
    await duck.run(`CREATE OR REPLACE TABLE ${table} AS ${select}`);
    return;
  }
  await duck.run(`DELETE FROM ${table} WHERE ${inScope(scope, 'customer_id')}`);
  await duck.run(`INSERT INTO ${table} BY NAME ${select}`);
}
