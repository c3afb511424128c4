// One benchmark phase in its own process, so its peak memory is its own. Prints one JSON line.
import { loadFactory } from '../src/config/index.ts';
import { generateEnterprise } from '../src/demo/index.ts';
import { runFactory } from '../src/ops/index.ts';

const [phase, dir, customers] = process.argv.slice(2);
const started = performance.now();
let detail: Record<string, unknown> = {};
if (phase === 'generate') {
  const r = await generateEnterprise({ customers: Number(customers), out: dir });
  detail = { customerRecords: r.customerRecords, rows: r.files.reduce((n, f) => n + f.rows, 0) };
} else if (phase === 'run') {
  const r = await runFactory(loadFactory(dir));
  if (r.status !== 'succeeded') throw new Error(r.error);
  detail = { sourceRecords: r.sources.reduce((n, s) => n + s.read, 0), customers: r.identity?.customers, identity: r.identity };
} else {
  throw new Error(`unknown phase ${phase}`);
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ phase, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, ...detail }));
