// One delivery over HTTP: the row as JSON, signed, with a key that stays the same across retries so the
// receiving system can drop a delivery it has already applied (delivery is at least once).
import type { OutboxRow } from '../ods/index.ts';
import { signatureHeader, signBody } from './signature.ts';

export interface OutboundTarget {
  url: string;
  secret: string;
  /** Attempts before a row is dead; the deliverer's default when absent. */
  maxAttempts?: number;
}

export interface DeliveryMessage {
  id: number;
  changeId: number;
  customerId: number;
  source: string;
  sourceKey: string;
  createdAt: string;
  change: unknown;
}

export const idempotencyKey = (row: Pick<OutboxRow, 'outbox_id'>) => `cif-outbox-${row.outbox_id}`;

export function deliveryMessage(row: OutboxRow): DeliveryMessage {
  return {
    id: row.outbox_id,
    changeId: row.change_id,
    customerId: row.customer_id,
    source: row.source,
    sourceKey: row.source_key,
    createdAt: row.created_at,
    change: row.payload,
  };
}

/** Posts the row; resolves to null when the system accepted it (2xx), else to why not. Never throws. */
export async function postDelivery(row: OutboxRow, target: OutboundTarget, timeoutMs: number): Promise<string | null> {
  const body = JSON.stringify(deliveryMessage(row));
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        [signatureHeader]: signBody(body, target.secret),
        'Idempotency-Key': idempotencyKey(row),
        'User-Agent': 'cif-outbound',
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text().catch(() => '');
    if (response.ok) return null;
    return `HTTP ${response.status}${text.trim() ? `: ${text.trim().slice(0, 300)}` : ''}`;
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
    return e.cause?.message ? `${e.message}: ${e.cause.code ?? e.cause.message}` : e.message;
  }
}
