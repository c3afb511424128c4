// Acquisition's tables in the DuckDB file (schema `staging`). Customer and account records are kept current,
// one row per source key; the activity entities (billing, contacts, events, surveys) hold only this run's batch,
// which the warehouse appends to its facts. Rejects are kept for good, with their reason and the record as read.
import { entities, entityNames, type EntityName, type FieldKind } from '../config/index.ts';
import type { Duck } from '../duckdb/index.ts';
import { stagedColumns } from './field-expressions.ts';

export const currentEntities: EntityName[] = ['customer', 'account'];

const sqlType: Record<FieldKind, string> = {
  text: 'VARCHAR', name: 'VARCHAR', phone: 'VARCHAR', email: 'VARCHAR', postcode: 'VARCHAR', region: 'VARCHAR', status: 'VARCHAR',
  date: 'DATE', timestamp: 'TIMESTAMP', number: 'DECIMAL(14, 2)', boolean: 'BOOLEAN',
};

export function stagingTable(entity: EntityName): string {
  return `staging.${entity}`;
}

export async function ensureStaging(duck: Duck): Promise<void> {
  await duck.run('CREATE SCHEMA IF NOT EXISTS staging');
  for (const entity of entityNames) {
    const fields = entities[entity].fields as Record<string, { kind: FieldKind }>;
    const columns = stagedColumns(entity).map((c) => `${c} ${sqlType[fields[c].kind]}`);
    await duck.run(`CREATE TABLE IF NOT EXISTS ${stagingTable(entity)} (
      source VARCHAR NOT NULL, source_key VARCHAR NOT NULL, ${columns.join(', ')}, file VARCHAR NOT NULL, run_id INTEGER NOT NULL)`);
  }
  await duck.run(`CREATE TABLE IF NOT EXISTS staging.reject (
    run_id INTEGER NOT NULL, source VARCHAR NOT NULL, entity VARCHAR NOT NULL, file VARCHAR NOT NULL, line BIGINT NOT NULL,
    source_key VARCHAR, field VARCHAR NOT NULL, reason VARCHAR NOT NULL, record JSON NOT NULL)`);
}

/** Empties the activity batches, so a run's facts are exactly what it read. */
export async function clearBatches(duck: Duck): Promise<void> {
  for (const entity of entityNames) {
    if (!currentEntities.includes(entity)) await duck.run(`DELETE FROM ${stagingTable(entity)}`);
  }
}
