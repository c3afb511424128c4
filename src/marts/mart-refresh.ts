// Keeping the marts up to date after a run. A run usually touches few customers: their rows are made again and the
// rest kept. A full build is still needed when what every row depends on moved — new months, a new contact channel
// (a column of the mining mart), other value bands, a mining mart from before its latest columns — or when so many
// customers changed that one pass is cheaper.
import type { Duck } from '../duckdb/index.ts';
import { customersChangedSince, factSpanSince } from '../warehouse/index.ts';
import { changedCustomers } from './mart-scope.ts';
import { hasChannelColumn, latestMiningColumns } from './mining-mart.ts';
import { buildOlapMart, currentCustomers, defaultSegments, type MartBuild, type Segment, writeMarts } from './olap-mart.ts';

/** Past this share of the customers changed, a full build costs less than replacing their rows. */
export const fullBuildShare = 0.2;

/** The marts brought up to the warehouse as it stands, incrementally where they can be (see the file's head). */
export async function refreshMarts(duck: Duck, runId: number, segments: Segment[] = defaultSegments, share = fullBuildShare): Promise<MartBuild> {
  const started = performance.now();
  const last = await lastRefresh(duck);
  if (!last) return buildOlapMart(duck, runId, segments, 'no marts to refresh');
  if (last.segments !== JSON.stringify(segments)) return buildOlapMart(duck, runId, segments, 'the value bands changed');
  const lacking = latestMiningColumns.find((column) => !last.miningColumns.includes(column));
  if (lacking) return buildOlapMart(duck, runId, segments, `the data-mining mart lacks ${lacking}, built before it was added`);
  const changed = await customersChangedSince(duck, last.run_id, changedCustomers);
  try {
    if (changed === 0) return { runId, kind: 'unchanged', customers: 0, months: last.months, rows: {}, seconds: (performance.now() - started) / 1000 };
    // The facts that make the months: new ones outside them add a month every customer has a row in.
    const added = await factSpanSince(duck, last.run_id, ['invoice', 'payment', 'contact']);
    if (added.first !== null && (last.first === null || added.first < last.first || added.last! > last.last!)) {
      return buildOlapMart(duck, runId, segments, `new facts from ${added.first} to ${added.last} reach past the months the marts have`);
    }
    const newChannel = added.channels.find((channel) => hasChannelColumn(channel) && !last.channels.includes(channel));
    if (newChannel) return buildOlapMart(duck, runId, segments, `contacts by a new channel, ${newChannel}`);
    const customers = await currentCustomers(duck);
    if (changed > customers * share) return buildOlapMart(duck, runId, segments, `${changed} of ${customers} customers changed`);
    return await writeMarts(duck, { runId, segments, scope: 'changed', kind: 'incremental', customers: changed, started });
  } finally {
    await duck.run(`DROP TABLE IF EXISTS ${changedCustomers}`);
  }
}

interface LastRefresh {
  run_id: number;
  segments: string;
  months: number;
  /** The first and last day of the months the marts have. */
  first: string | null;
  last: string | null;
  /** The channels the mining mart has a column for, and all its columns. */
  channels: string[];
  miningColumns: string[];
}

/** The last refresh, null when there is none (no marts, or marts from before refreshes were recorded). */
async function lastRefresh(duck: Duck): Promise<LastRefresh | null> {
  const recorded = await duck.one<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_schema = 'mart' AND table_name IN ('refresh', 'mining_month', 'month')`);
  if (recorded?.n !== 3) return null;
  const last = await duck.one<Omit<LastRefresh, 'channels' | 'miningColumns'>>(`SELECT r.run_id, r.segments, m.months, m.first, m.last
    FROM (SELECT run_id, segments FROM mart.refresh ORDER BY refreshed_at DESC, run_id DESC LIMIT 1) r,
      (SELECT count(*)::INTEGER AS months, min(month)::VARCHAR AS first, max(month_end)::VARCHAR AS last FROM mart.month) m`);
  if (!last) return null;
  const columns = (await duck.all<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns
    WHERE table_schema = 'mart' AND table_name = 'mining_month'`)).map((c) => c.name);
  const channels = columns.filter((c) => c.startsWith('contacts_')).map((c) => c.slice('contacts_'.length));
  return { ...last, channels, miningColumns: columns };
}
