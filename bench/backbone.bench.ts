// npm run bench [-- 100000 1000000]: generation time, run time and source records per second, peak memory,
// and the ODS and warehouse sizes on disk, for each enterprise size. A second run shows the no-change cost.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const plan = sizes.length > 0 ? sizes : [100_000, 1_000_000];
const root = resolve('bench/out');

function phase(name: string, dir: string, customers: number): Record<string, any> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/measure-phase.ts', name, dir, String(customers)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${name} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

function sizeOf(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((n, f) => n + sizeOf(join(path, f)), 0) : s.size;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
for (const customers of plan) {
  const dir = join(root, String(customers));
  rmSync(dir, { recursive: true, force: true });
  const gen = phase('generate', dir, customers);
  const run = phase('run', dir, customers);
  const again = phase('run', dir, customers);
  const odsDir = join(dir, '.cif', 'ods');
  console.log(`\n${customers.toLocaleString('en-US')} customers`);
  console.log(`  generate        ${gen.seconds.toFixed(1)} s, ${gen.rows.toLocaleString('en-US')} rows in the sources (${gen.customerRecords.toLocaleString('en-US')} customer records), peak ${gen.peakRssMb.toFixed(0)} MB`);
  console.log(`  cif run         ${run.seconds.toFixed(1)} s, ${run.sourceRecords.toLocaleString('en-US')} source records = ${Math.round(run.sourceRecords / run.seconds).toLocaleString('en-US')} records/s, peak ${run.peakRssMb.toFixed(0)} MB`);
  console.log(`  identity        ${run.identity.pairsCompared.toLocaleString('en-US')} pairs compared, ${run.identity.matches.toLocaleString('en-US')} matches, ${run.customers.toLocaleString('en-US')} customers`);
  console.log(`  cif run again   ${again.seconds.toFixed(1)} s (nothing new), peak ${again.peakRssMb.toFixed(0)} MB`);
  console.log(`  on disk         ODS ${mb(sizeOf(odsDir))}, warehouse ${mb(sizeOf(join(dir, '.cif', 'warehouse.duckdb')))}, sources ${mb(sizeOf(join(dir, 'sources')))}`);
}
