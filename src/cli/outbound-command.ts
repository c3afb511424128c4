// cif outbound: the outbox on the command line. Lists deliveries (counts, and the dead letters unless --status
// says otherwise), replays dead ones, or delivers what is due once, for a factory run without a server.
import type { Factory } from '../config/index.ts';
import { openOds, type OutboxRow, outboxStatuses, type OutboxStatus } from '../ods/index.ts';
import { lockDirectory } from '../ops/index.ts';
import { deliverDue, outboundTargets } from '../outbound/index.ts';
import { UsageError } from './usage-error.ts';

export interface OutboundOptions {
  positionals?: string[];
  status?: string;
  all?: boolean;
  limit?: string;
  json?: boolean;
}

const when = (iso: string | null) => (iso ? iso.slice(0, 19).replace('T', ' ') : '');

function printRow(row: OutboxRow): void {
  const time = row.status === 'delivered' ? `delivered ${when(row.delivered_at)}` : `${row.attempts} attempt(s), ${row.status === 'dead' ? 'dead' : `next ${when(row.next_attempt_at)}`}`;
  console.log(`  ${String(row.outbox_id).padStart(6)}  ${row.source}:${row.source_key}  customer ${row.customer_id}  change ${row.change_id}  ${time}`);
  if (row.last_error && row.status !== 'delivered') console.log(`          last error: ${row.last_error}`);
}

function parse(o: OutboundOptions): { action: 'list' | 'replay' | 'deliver'; id?: number; status: OutboxStatus; limit: number } {
  const [action = 'list', id, ...rest] = o.positionals ?? [];
  if (!['list', 'replay', 'deliver'].includes(action)) throw new UsageError(`unknown action "${action}": cif outbound [--status S] | replay ID|--all | deliver`);
  if (rest.length || (id !== undefined && action !== 'replay')) throw new UsageError(`unexpected "${[id, ...rest].filter(Boolean).join(' ')}"`);
  if (action === 'replay' && (id === undefined) === !o.all) throw new UsageError('say which: cif outbound replay ID, or cif outbound replay --all');
  const n = id === undefined ? undefined : Number(id);
  if (n !== undefined && (!Number.isSafeInteger(n) || n <= 0)) throw new UsageError(`an outbox row number is a positive whole number, not "${id}"`);
  const status = (o.status ?? 'dead') as OutboxStatus;
  if (!outboxStatuses.includes(status)) throw new UsageError(`--status must be one of ${outboxStatuses.join(', ')}, not "${o.status}"`);
  const limit = o.limit === undefined ? 20 : Number(o.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError(`--limit must be a whole number from 1 to 500, not "${o.limit}"`);
  return { action: action as 'list' | 'replay' | 'deliver', id: n, status, limit };
}

export async function outboundCommand(factory: Factory, o: OutboundOptions): Promise<void> {
  const { action, id, status, limit } = parse(o);
  const lock = lockDirectory(factory.dataDir, 'cif outbound');
  try {
    const ods = await openOds(factory.ods);
    try {
      if (action === 'replay') {
        const replayed = await ods.replayDead(id).catch((error: Error) => {
          throw error.name === 'OdsInputError' ? new UsageError(error.message.replace(/^id: /, '')) : error;
        });
        console.log(`replayed ${replayed} dead deliver${replayed === 1 ? 'y' : 'ies'}: pending again, delivered by cif serve or cif outbound deliver`);
        return;
      }
      if (action === 'deliver') {
        const counts = await deliverDue(ods, { targets: outboundTargets(factory.config), log: (line) => console.log(line) });
        console.log(`delivered ${counts.delivered}, failed ${counts.failed} (to be retried), dead ${counts.dead}`);
        return;
      }
      const page = await ods.listOutbound({ status, limit });
      if (o.json) return console.log(JSON.stringify(page));
      const { pending, delivered, dead } = page.counts;
      console.log(`outbox: ${pending} pending, ${delivered} delivered, ${dead} dead`);
      if (page.total) console.log(`\n${status}${page.total > page.items.length ? ` (the newest ${page.items.length} of ${page.total})` : ''}:`);
      for (const row of page.items) printRow(row);
      if (status === 'dead' && page.total) console.log('\nreplay with: cif outbound replay ID   (or --all)');
    } finally {
      await ods.close();
    }
  } finally {
    lock.release();
  }
}
