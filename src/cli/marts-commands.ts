// cif deliver and cif kpis: the marts built again from the warehouse, and the standard KPIs printed.
import { existsSync } from 'node:fs';
import type { Factory } from '../config/index.ts';
import { openDuck } from '../duckdb/index.ts';
import { describeBuild, type Kpis, openPublished, semanticLayer, standardKpis } from '../marts/index.ts';
import { buildMarts, lockDirectory, publish } from '../ops/index.ts';
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

export function printKpis(kpis: Kpis, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(kpis, null, 2));
    return;
  }
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

/** From the published warehouse, like cif sql: it works while a run holds the warehouse. */
export async function kpisCommand(factory: Factory, json: boolean): Promise<void> {
  const published = await openPublished(factory.dataDir);
  const duck = await published.connect();
  try {
    printKpis(await standardKpis(duck, semanticLayer(factory.config.semantic)), json);
  } finally {
    duck.close();
    published.close();
  }
}
