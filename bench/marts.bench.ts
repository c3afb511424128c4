// npm run bench:marts [-- CUSTOMERS]: the marts over the warehouse bench:backbone left in bench/out/<N> (1,000,000
// unless told): a full build, then typical OLAP questions and the standard KPIs (median of 5, after one warm-up)
// over the warehouse file, and the same through the published Parquet, as the server reads them.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDuck, type Duck } from '../src/duckdb/index.ts';
import { askOlap, buildOlapMart, type OlapQuestion, openPublished, publishWarehouse, semanticLayer, standardKpis } from '../src/marts/index.ts';

const customers = Number(process.argv[2] ?? 1_000_000);
const dir = resolve('bench/out', String(customers), '.cif');
const file = join(dir, 'warehouse.duckdb');
if (!existsSync(file)) throw new Error(`no warehouse in ${dir}: run npm run bench:backbone -- ${customers} first`);

const layer = semanticLayer();
const questions: [string, OlapQuestion][] = [
  ['revenue by month, product line and region', { measures: ['revenue', 'customers'], dimensions: ['month', 'productLine', 'region'] }],
  ['customers, churn and multi-product share by month', { measures: ['customers', 'churnRate', 'multiProductShare'], dimensions: ['month'] }],
  ['contacts and complaints by channel and segment, half a year', { measures: ['contacts', 'complaints'], dimensions: ['channel', 'segment'], timeRange: { from: '2026-01', to: '2026-06' } }],
  ['customers by region over the year (each once: no cube)', { measures: ['customers'], dimensions: ['region'] }],
];

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2]!;
}

async function latencies(duck: Duck, label: string): Promise<void> {
  console.log(`  ${label}`);
  for (const [name, question] of questions) console.log(`    ${name.padEnd(60)} ${(await median(() => askOlap(duck, layer, question))).toFixed(0).padStart(6)} ms`);
  console.log(`    ${'the standard KPIs'.padEnd(60)} ${(await median(() => standardKpis(duck, layer))).toFixed(0).padStart(6)} ms`);
}

const duck = await openDuck(file);
try {
  const started = performance.now();
  const built = await duck.transaction(() => buildOlapMart(duck, 0));
  const seconds = (performance.now() - started) / 1000;
  console.log(`\nmarts at ${customers.toLocaleString('en-US')} customers`);
  console.log(`  full build      ${seconds.toFixed(1)} s, ${Object.entries(built.rows).map(([t, n]) => `${t.replace('mart.', '')} ${n.toLocaleString('en-US')}`).join(', ')}; peak ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB so far`);
  await latencies(duck, 'questions over the warehouse file');
  const published = await publishWarehouse(duck, join(dir), { runId: 0 });
  console.log(`  published       ${published.seconds.toFixed(1)} s, ${published.written.length} file(s), ${published.rowsWritten.toLocaleString('en-US')} rows`);
} finally {
  duck.close();
}
const reader = await openPublished(dir);
const connection = await reader.connect();
try {
  await latencies(connection, 'questions over the published Parquet (as the server reads them)');
} finally {
  connection.close();
  reader.close();
}
