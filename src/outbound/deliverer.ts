// The deliverer: takes what the outbox says is due, posts each row to its system, and records the outcome in the
// ODS. It keeps no state of its own, so a restarted server carries on where the last one stopped.
import type { OdsReader } from '../ods/index.ts';
import { type Backoff, defaultBackoff, retryDelay } from './backoff.ts';
import { type OutboundTarget, postDelivery } from './delivery-request.ts';

export type OutboxStore = Pick<OdsReader, 'dueDeliveries' | 'markDelivered' | 'markFailed'>;

export interface DelivererOptions {
  /** The systems that take deliveries, by source name; other systems' rows stay pending. */
  targets: Record<string, OutboundTarget>;
  /** Between rounds (default 1 s). */
  intervalMs?: number;
  /** How long a system has to answer (default 10 s). */
  timeoutMs?: number;
  /** Attempts before a row is dead, unless its target says otherwise (default 8). */
  maxAttempts?: number;
  backoff?: Backoff;
  /** Rows taken at a time (default 50); they go out in parallel, each a different customer or system. */
  batchSize?: number;
  log?: (line: string) => void;
}

export interface DeliveryCounts {
  delivered: number;
  failed: number;
  dead: number;
}

export const defaultMaxAttempts = 8;

/** One pass over everything due now, until nothing is; returns what happened. */
export async function deliverDue(store: OutboxStore, options: DelivererOptions, unconfigured = new Set<string>()): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { delivered: 0, failed: 0, dead: 0 };
  const batchSize = options.batchSize ?? 50;
  const log = options.log ?? (() => undefined);
  // Each round can make a customer's next change due; the cap keeps a pass finite when retries are immediate.
  for (let round = 0; round < 1_000; round++) {
    const rows = await store.dueDeliveries(batchSize, undefined, [...unconfigured]);
    await Promise.all(rows.map(async (row) => {
      const target = options.targets[row.source];
      if (!target) {
        if (!unconfigured.has(row.source)) log(`outbound: no endpoint for ${row.source} (sources.${row.source}.outbound in cif.yaml): its changes wait in the outbox`);
        unconfigured.add(row.source);
        return;
      }
      const failure = await postDelivery(row, target, options.timeoutMs ?? 10_000);
      if (failure === null) {
        await store.markDelivered(row.outbox_id);
        counts.delivered++;
        return;
      }
      const attempts = row.attempts + 1;
      const dead = attempts >= (target.maxAttempts ?? options.maxAttempts ?? defaultMaxAttempts);
      await store.markFailed(row.outbox_id, failure, new Date(Date.now() + retryDelay(attempts, options.backoff ?? defaultBackoff)), dead);
      if (dead) {
        counts.dead++;
        log(`outbound: ${row.source} refused change ${row.outbox_id} ${attempts} times (${failure}); it is dead until replayed`);
      } else counts.failed++;
    }));
    if (rows.length < batchSize) break;
  }
  return counts;
}

export interface RunningDeliverer {
  /** Stops the rounds, waiting for the one under way. */
  stop(): Promise<void>;
}

/** Delivers what is due every interval until stopped. An error in a round (the ODS away) is logged and the next round tries again. */
export function startDeliverer(store: OutboxStore, options: DelivererOptions): RunningDeliverer {
  const log = options.log ?? ((line: string) => console.error(line));
  const unconfigured = new Set<string>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();
  let lastError = '';

  const tick = () => {
    round = deliverDue(store, { ...options, log }, unconfigured).then(
      () => { lastError = ''; },
      (error: Error) => {
        if (stopped || error.message === lastError) return;
        lastError = error.message;
        log(`outbound: a delivery round failed: ${error.message}`);
      },
    ).finally(() => {
      if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 1_000).unref();
    });
  };
  timer = setTimeout(tick, 0).unref();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
