// Outbox rows for tests, as the transactional interface writes them with a change.
import type { Ods } from './ods.ts';

export async function addOutboxRow(ods: Ods, row: { customerId: number; source: string; sourceKey?: string; changeId?: number; payload?: unknown }): Promise<number> {
  const [inserted] = await ods.query<{ outbox_id: number }>(
    'insert into outbox (change_id, customer_id, source, source_key, payload) values ($1, $2, $3, $4, $5::jsonb) returning outbox_id',
    [row.changeId ?? 1, row.customerId, row.source, row.sourceKey ?? `K${row.customerId}`, JSON.stringify(row.payload ?? { field: 'email', to: 'a@example.com' })],
  );
  return inserted!.outbox_id;
}
