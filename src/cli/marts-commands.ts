// cif deliver and cif kpis: the marts built again from the warehouse, and the standard KPIs printed with today's
// oper figures (from the ODS) and the follow-up of the churn model's high-risk customers.
import { existsSync } from 'node:fs';
import { type RetentionFollowUp, retentionFollowUp } from '../analytics/index.ts';
import type { Factory } from '../config/index.ts';
import { openDuck } from '../duckdb/index.ts';
import { describeBuild, type Kpis, NotPublishedError, openPublished, semanticLayer, standardKpis } from '../marts/index.ts';
import { openOds, type OperFigures } from '../ods/index.ts';
import { buildMarts, DirectoryLockedError, lockDirectory, publish } from '../ops/index.ts';
import { UsageError } from './usage-error.ts';

/** Brings the marts up to the warehouse as the last run left it (or builds them anew), in one transaction, and publishes them. */
export async function deliverCommand(factory: Factory, log: (line: string) => void, full = false): Promise<void> {
  const lock = lockDirectory(factory.dataDir, 'cif deliver');
  try {
    if (!existsSync(factory.warehouseFile)) throw new UsageError(`no warehouse yet in ${factory.dir}: run cif run first`);
    const duck = await openDuck(factory.warehouseFile);
    try {
      const last = await duck.one<{ run_id: number | null }>(`SELECT max(run_id) AS run_id FROM ops.run WHERE status <> 'failed'`);
      if (!last?.run_id) throw new UsageError(`no run has loaded the warehouse in ${factory.dir}: run cif run first`);
      const built = await duck.transaction(() => buildMarts(duck, factory, last.run_id!, full));
      log(`marts of run ${built.runId}: ${describeBuild(built)}`);
      // The server, cif sql and cif kpis read the publication: it follows at once.
      const { publishError } = await publish(factory, duck, built.runId, log);
      if (publishError) process.exitCode = 1;
    } finally {
      duck.close();
    }
  } finally {
    lock.release();
  }
}

const n = (v: number | null, digits = 0) => (v === null ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);

function printMarts(kpis: Kpis): void {
  const l = kpis.latest;
  console.log(`customers               ${n(kpis.customers)}`);
  console.log(`households              ${n(kpis.households)}`);
  console.log(`in ${kpis.month ?? '(no month)'}:`);
  console.log(`  customers holding     ${n(l.customers)}`);
  console.log(`  new / churned         ${n(l.newCustomers)} / ${n(l.churnedCustomers)}   churn rate ${pct(l.churnRate)}   retention ${pct(l.retentionRate)}`);
  console.log(`  cross-sell rate       ${pct(l.crossSellRate)}`);
  console.log(`  products per customer ${n(l.productsPerCustomer, 2)}   multi-product ${pct(l.multiProductShare)}   share of wallet ${pct(l.shareOfWallet)}`);
  console.log(`  revenue               ${n(l.revenue, 2)}`);
  console.log(`  contacts / complaints ${n(l.contacts)} / ${n(l.complaints)}   satisfaction ${n(l.satisfaction, 2)}`);
}

function printFollowUp(f: RetentionFollowUp): void {
  console.log(`high churn risk at score run ${f.scoreRun} (${f.month}, scored ${f.scoredAt}):`);
  console.log(`  customers ${n(f.highRisk)}   contacted since ${n(f.contacted)} (${pct(f.contactedShare)})   still holding a product ${n(f.stayed)} ` +
    `(${pct(f.stayedShare)}: ${n(f.stayedContacted)} contacted, ${n(f.stayedNotContacted)} not)`);
}

function printToday(oper: OperFigures): void {
  const { today, openComplaints: open, pendingAddressChanges: changes } = oper;
  console.log(`today (${today.day}, ${oper.timeZone}), as of ${oper.computedAt}:`);
  const channels = today.byChannel.map((c) => `${c.channel ?? '(no channel)'} ${n(c.contacts)}`).join(', ');
  console.log(`  contacts / complaints ${n(today.contacts)} / ${n(today.complaints)}${channels ? `   ${channels}` : ''}`);
  const ages = open.byAge.map((a) => `${a.band} ${n(a.complaints)}`).join(', ');
  console.log(`  open complaints       ${n(open.total)}   ${ages}${open.oldestDays === null ? '' : `   oldest ${n(open.oldestDays)} days`}`);
  console.log(`  address changes not delivered ${n(changes.changes)} (${n(changes.customers)} customers): ${n(changes.outbox.changes)} in the outbox ` +
    `(${n(changes.outbox.pending)} deliveries pending, ${n(changes.outbox.dead)} dead), ${n(changes.waitingForRun)} waiting for a run`);
}

/** The KPIs of the marts (none while nothing is published) and today's oper figures (null when the ODS cannot be read). */
export function printKpis(kpis: Kpis | null, oper: OperFigures | null, json: boolean, followUp: RetentionFollowUp | null = null): void {
  if (json) {
    console.log(JSON.stringify({ ...kpis, ...(kpis ? { retentionFollowUp: followUp } : {}), oper }, null, 2));
    return;
  }
  if (kpis) printMarts(kpis);
  if (followUp) printFollowUp(followUp);
  if (oper) printToday(oper);
}

/**
 * Today's oper figures from the ODS, "today" in this machine's time zone. An embedded ODS is read under the directory
 * lock: while a server or a run holds it, or before the first run, there are none (and a line on stderr says why).
 */
async function operFiguresOf(factory: Factory): Promise<OperFigures | null> {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const embedded = factory.ods.url === undefined;
  if (embedded && !existsSync(factory.ods.dir!)) {
    console.error(`cif kpis: no ODS yet in ${factory.dir}, so no figures for today: run cif run first`);
    return null;
  }
  let lock;
  try {
    lock = embedded ? lockDirectory(factory.dataDir, 'cif kpis') : undefined;
  } catch (error) {
    if (!(error instanceof DirectoryLockedError)) throw error;
    console.error(`cif kpis: no figures for today here (GET /api/oper has them): ${error.message}`);
    return null;
  }
  try {
    const ods = await openOds(factory.ods);
    try {
      return await ods.operFigures(timeZone);
    } finally {
      await ods.close();
    }
  } finally {
    lock?.release();
  }
}

/**
 * The KPIs from the published warehouse, like cif sql (it works while a run holds the warehouse), and today's figures
 * from the ODS. Nothing published yet: today's figures, then the command's error.
 */
export async function kpisCommand(factory: Factory, json: boolean): Promise<void> {
  const oper = await operFiguresOf(factory);
  let kpis: Kpis | null = null;
  let followUp: RetentionFollowUp | null = null;
  let unpublished: NotPublishedError | undefined;
  try {
    const published = await openPublished(factory.dataDir);
    const duck = await published.connect();
    try {
      kpis = await standardKpis(duck, semanticLayer(factory.config.semantic));
      [followUp = null] = await retentionFollowUp(duck, 1);
    } finally {
      duck.close();
      published.close();
    }
  } catch (error) {
    if (!(error instanceof NotPublishedError)) throw error;
    unpublished = error;
  }
  printKpis(kpis, oper, json, followUp);
  if (unpublished) throw unpublished;
}
