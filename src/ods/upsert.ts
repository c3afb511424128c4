// The staging and upsert SQL of each loadable table, compiled from its declaration.
// Rows are COPYed into a temporary stage, then merged set-based: a row whose data is unchanged is not
// touched at all, so reloading the same rows counts 0 updated.
import { ident } from './ddl.ts';
import type { OdsSession } from './driver.ts';
import { tables, upsertable, type Column, type Table, type UpsertTable } from './schema.ts';

export interface UpsertPlan {
  table: UpsertTable;
  /** The columns a caller supplies, in COPY order (run stamps are left to the ODS). */
  columns: [string, Column][];
  stage: string;
  createStage: string;
  clearStage: string;
  /**
   * Merges the stage into the table; $1 is the run id; returns one row {inserted, updated}. Records in the
   * touched table the customers whose search terms change: the row's customer and, for a row that moved, the one it left.
   */
  merge: string;
}

/** Tables whose rows feed the search terms: a change to them means rebuilding the customer's terms. */
const searchFeeds: UpsertTable[] = ['customer', 'customer_source', 'account'];

export const touchedTable = 'ods_touched';

/** The transaction's table of touched customers (a load's, or a front-line write's), gone at commit. */
export async function createTouchedTable(session: OdsSession): Promise<void> {
  await session.query(`create temp table ${touchedTable} (customer_id bigint not null) on commit drop`);
}

function plan(name: UpsertTable, table: Table): UpsertPlan {
  const all = Object.entries(table.columns);
  const columns = all.filter(([, column]) => !column.stamp && !column.version);
  const versions = all.filter(([, column]) => column.version);
  const stamps = all.filter(([, column]) => column.stamp);
  const keys = table.primaryKey;
  const data = columns.map(([c]) => c).filter((c) => !keys.includes(c));
  const stage = `ods_stage_${name}`;
  const t = ident(name);
  const feedsSearch = searchFeeds.includes(name);

  const insertColumns = [...columns.map(([c]) => ident(c)), ...stamps.map(([c]) => ident(c))].join(', ');
  const selectColumns = [...columns.map(([c]) => ident(c)), ...stamps.map(() => '$1::bigint')].join(', ');
  const set = [
    ...data.map((c) => `${ident(c)} = excluded.${ident(c)}`),
    ...stamps.filter(([, s]) => s.stamp === 'last').map(([c]) => `${ident(c)} = excluded.${ident(c)}`),
    ...versions.map(([c]) => `${ident(c)} = ${t}.${ident(c)} + 1`),
  ].join(', ');
  const distinct = (a: string, b: string) => `(${data.map((c) => `${a}.${ident(c)}`).join(', ')}) is distinct from (${data.map((c) => `${b}.${ident(c)}`).join(', ')})`;
  const keyMatch = keys.map((k) => `t.${ident(k)} = s.${ident(k)}`).join(' and ');
  const movable = feedsSearch && name !== 'customer';

  // Unchanged rows are filtered out by a plain read first: ON CONFLICT … WHERE false would still lock
  // (and so write) every row it skips, which makes reloading a million unchanged rows slow.
  const merge =
    `with incoming as materialized (\n` +
    `  select s.*${movable ? ', t.customer_id as held_by' : ''} from pg_temp.${ident(stage)} s left join ${t} t on ${keyMatch}\n` +
    `  where t.${ident(keys[0]!)} is null or ${distinct('t', 's')}\n` +
    `)` +
    (movable ? `, moved as (insert into pg_temp.${touchedTable} (customer_id) select held_by from incoming where held_by <> customer_id)` : '') +
    `, changed as (\n` +
    `  insert into ${t} (${insertColumns})\n` +
    `  select ${selectColumns} from incoming\n` +
    `  on conflict (${keys.map(ident).join(', ')}) do update set ${set}\n` +
    `  where ${distinct(t, 'excluded')}\n` +
    // xmax is 0 only on a freshly inserted row version: how PostgreSQL tells an insert from an update here.
    `  returning ${feedsSearch ? `${ident('customer_id')}, ` : ''}(xmax = 0) as inserted\n` +
    `)` +
    (feedsSearch ? `, touched as (insert into pg_temp.${touchedTable} (customer_id) select customer_id from changed)` : '') +
    `\nselect count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated from changed`;

  return {
    table: name,
    columns,
    stage,
    createStage: `create temp table ${ident(stage)} (${columns.map(([c, col]) => `${ident(c)} ${col.type}`).join(', ')}) on commit drop`,
    clearStage: `truncate pg_temp.${ident(stage)}`,
    merge,
  };
}

export const upsertPlans: Record<UpsertTable, UpsertPlan> = Object.fromEntries(
  upsertable.map((name) => [name, plan(name, tables[name])]),
) as Record<UpsertTable, UpsertPlan>;
