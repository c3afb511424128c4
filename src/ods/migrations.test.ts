import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTable, createTables } from './ddl.ts';
import { migrations } from './migrations.ts';
import { tables } from './schema.ts';
import { forEachEngine } from './test-engines.ts';

test('the DDL carries keys, deferred foreign keys, operator classes and comments from the schema', () => {
  const sql = createTable('customer_search_term', tables.customer_search_term).join(';\n');
  assert.match(sql, /primary key \("customer_id", "kind", "term"\)/);
  assert.match(sql, /on "customer_search_term" \("term" text_pattern_ops\)/);
  assert.match(sql, /comment on column "customer_search_term"\."term" is 'The normalised term\.'/);
  const account = createTable('account', tables.account).join(';\n');
  assert.match(account, /foreign key \("customer_id"\) references "customer" \("customer_id"\) deferrable initially deferred/);
  assert.match(account, /"status" text not null check \(status in \('active', 'closed'\)\)/);
  assert.match(account, /"product" text,/);
  // a description with a quote in it stays one literal
  assert.match(createTables(tables).join('\n'), /is 'The record''s key in its source\.'/);
});

test('every table that is about a customer carries customer_id', () => {
  for (const name of ['customer', 'customer_source', 'account', 'contact', 'customer_search_term'] as const) {
    assert.ok('customer_id' in tables[name].columns, name);
  }
});

forEachEngine('ODS migrations', (engine) => {
  test('apply once: a re-open finds them applied and applies nothing', async () => {
    const config = await engine.fresh();
    const first = await engine.open(config);
    const applied = await first.query<{ version: number; name: string }>('select version, name from schema_migration order by version');
    assert.deepEqual(
      applied.map((m) => m.version),
      migrations.map((m) => m.version),
    );
    await first.query(`insert into run (run_id, started_at, status) values (1, now(), 'running')`);
    await first.close();

    const second = await engine.open(config);
    const again = await second.query<{ version: number; applied_at: string }>('select version, applied_at from schema_migration');
    assert.equal(again.length, migrations.length);
    // migration 1 did not run again: it would have failed on the existing tables, and the data is still there
    assert.deepEqual(await second.query('select run_id from run'), [{ run_id: 1 }]);
  });

  test('the database has exactly the declared columns, types, nullability and descriptions', async () => {
    const ods = await engine.open();
    const columns = await ods.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string; description: string | null }>(
      `select c.table_name, c.column_name, format_type(a.atttypid, a.atttypmod) as data_type, c.is_nullable,
              col_description(format('%I', c.table_name)::regclass, c.ordinal_position) as description
       from information_schema.columns c
       join pg_attribute a on a.attrelid = format('%I', c.table_name)::regclass and a.attname = c.column_name
       where c.table_schema = 'public' order by c.table_name, c.ordinal_position`,
    );
    const expected = Object.entries(tables).flatMap(([table, def]) =>
      Object.entries(def.columns).map(([column, col]) => ({
        table_name: table,
        column_name: column,
        data_type: col.type === 'timestamptz' ? 'timestamp with time zone' : col.type,
        is_nullable: 'nullable' in col && col.nullable ? 'YES' : 'NO',
        description: col.description,
      })),
    );
    const sort = (rows: typeof expected) => [...rows].sort((a, b) => `${a.table_name}.${a.column_name}`.localeCompare(`${b.table_name}.${b.column_name}`));
    assert.deepEqual(sort(columns), sort(expected));
    const [comment] = await ods.query<{ d: string }>(`select obj_description('customer'::regclass, 'pg_class') as d`);
    assert.equal(comment!.d, tables.customer.description);
  });
});
