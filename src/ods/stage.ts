// Temporary stages a load COPYs its rows into before merging them set-based: gone at commit.
import { copyRows } from './copy-csv.ts';
import { ident } from './ddl.ts';
import type { OdsSession } from './driver.ts';
import { type Column, tables } from './schema.ts';

/** Some of a table's declared columns, in the order given (the COPY order). */
export function columnsOf<T extends keyof typeof tables>(table: T, names: string[]): [string, Column][] {
  const columns = tables[table].columns as Record<string, Column>;
  return names.map((name) => [name, columns[name]!]);
}

/** A stage of the columns' types, without their constraints: what is wrong is found by the merge, naming it. */
export const stageSql = (stage: string, columns: [string, Column][], extra = '') =>
  `create temp table ${ident(stage)} (${extra}${columns.map(([c, col]) => `${ident(c)} ${col.type}`).join(', ')}) on commit drop`;

/** COPYs every batch into the stage, `rowsPerCopy` rows at a time; the error names the batch. */
export async function stageAll(session: OdsSession, stage: string, columns: [string, Column][], batches: AsyncIterable<object[]>, rowsPerCopy: number,
  fail: (batch: number, error: unknown) => Error) {
  let batch = 0;
  for await (const rows of batches) {
    for (let start = 0; start < rows.length; start += rowsPerCopy) {
      batch++;
      try {
        await copyRows(session, stage, columns, rows.slice(start, start + rowsPerCopy));
      } catch (error) {
        throw fail(batch, error);
      }
    }
  }
}
