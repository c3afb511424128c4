// One engine's server for the front-line benchmark, in a process of its own, so that the load generator shares
// neither its event loop nor its memory: the factory served as `cif serve` serves it (CIF_ODS_URL picks the engine).
// With --prepare it only opens the ODS (applying pending migrations), adds the benchmark's user and writes the
// workload file when there is none, then exits. Serving (--outbound names where deliveries go), it prints one JSON
// line when listening, and another with its peak memory when its standard input closes.
import { existsSync, writeFileSync } from 'node:fs';
import { loadFactory } from '../src/config/index.ts';
import { openOds } from '../src/ods/index.ts';
import { addTestUser } from '../src/server/access/test-users.ts';
import { serveFactory } from '../src/server/index.ts';
import { benchUser, sampleWorkload } from './front-line-workload.ts';

const [dir, workloadFile, mode] = process.argv.slice(2);
if (!dir || !workloadFile) throw new Error('usage: front-line-server.ts FACTORY_DIR WORKLOAD_FILE [--prepare | --outbound URL]');
const factory = loadFactory(dir);
// The operational systems' endpoints, as cif.yaml names them, are the benchmark's stand-in for them instead, so
// that deliveries succeed and nothing is sent to whatever listens on the configured ports.
if (mode === '--outbound') {
  const receiver = process.argv[5]!;
  for (const source of factory.config.sources) if (source.outbound) source.outbound.url = `${receiver}/${source.name}`;
}
const started = performance.now();
const seconds = () => (performance.now() - started) / 1000;

if (mode === '--prepare') {
  const ods = await openOds(factory.ods);
  try {
    if (!(await ods.findUser(benchUser))) await addTestUser(ods, 'agent', { name: benchUser });
    if (!existsSync(workloadFile)) writeFileSync(workloadFile, JSON.stringify(await sampleWorkload(ods)));
  } finally {
    await ods.close();
  }
  console.log(JSON.stringify({ preparedSeconds: seconds() }));
  process.exit(0);
}

const server = await serveFactory(factory, { port: 0 });
console.log(JSON.stringify({ url: server.url, openSeconds: seconds() }));

process.stdin.resume();
process.stdin.once('end', async () => {
  await server.close();
  console.log(JSON.stringify({ peakRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
});
