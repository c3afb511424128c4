// Applies pending migrations, each in its own transaction, and records them.
import { createTable } from './ddl.ts';
import type { OdsDriver } from './driver.ts';
import type { Migration } from './migrations.ts';
import { tables } from './schema.ts';

// Any constant will do: it only has to be the same in every process that migrates this database.
const migrationLock = 4_242_017;

export async function migrate(driver: OdsDriver, migrations: Migration[]): Promise<number[]> {
  await driver.transaction(async (session) => {
    await session.query('select pg_advisory_xact_lock($1)', [migrationLock]);
    const [found] = await session.query<{ exists: boolean }>(`select to_regclass('schema_migration') is not null as exists`);
    if (found?.exists) return;
    for (const statement of createTable('schema_migration', tables.schema_migration)) await session.query(statement);
  });
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const didApply = await driver.transaction(async (session) => {
      // Two servers opening one database at once: the second waits here, then sees the migration done.
      await session.query('select pg_advisory_xact_lock($1)', [migrationLock]);
      const done = await session.query('select 1 from schema_migration where version = $1', [migration.version]);
      if (done.length > 0) return false;
      await migration.up(session);
      await session.query('insert into schema_migration (version, name) values ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (didApply) {
      applied.push(migration.version);
      for (const table of migration.vacuum ?? []) await driver.query(`vacuum analyze ${table}`);
    }
  }
  return applied;
}
