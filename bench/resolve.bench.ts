// npm run bench (first part): cif resolve on a synthetic person file of 1,000,000 records (20% of them extra records
// of someone already there, with realistic errors): wall time, pairs compared, peak memory, precision and recall
// against the file's own truth; then the factory's incremental identity run of 10,000 new records against it.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDuck } from '../src/duckdb/index.ts';

const records = Number(process.env.CIF_BENCH_RESOLVE ?? 1_000_000);
const dir = resolve('bench/out/resolve', String(records));

function phase(name: string, ...args: string[]): Record<string, any> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/measure-identity.ts', name, dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${name} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

rmSync(dir, { recursive: true, force: true });
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const file = phase('person-file', String(records));
const run = phase('resolve');
const duck = await openDuck();
const score = await duck.one<{ precision: number; recall: number }>(`
  WITH o AS (SELECT record_id, cluster_id FROM read_csv('${join(dir, 'resolved.csv')}', all_varchar = true)),
  t AS (SELECT record_id, person_id FROM read_csv('${join(dir, 'persons.csv')}', all_varchar = true)),
  j AS (SELECT * FROM o JOIN t USING (record_id)),
  c AS (SELECT
    (SELECT sum(k * (k - 1) / 2) FROM (SELECT count(*)::DOUBLE AS k FROM j GROUP BY cluster_id, person_id)) AS tp,
    (SELECT sum(k * (k - 1) / 2) FROM (SELECT count(*)::DOUBLE AS k FROM j GROUP BY cluster_id)) AS predicted,
    (SELECT sum(k * (k - 1) / 2) FROM (SELECT count(*)::DOUBLE AS k FROM j GROUP BY person_id)) AS actual)
  SELECT tp / predicted AS precision, tp / actual AS recall FROM c`);
duck.close();
const inc = phase('incremental', '10000');
console.log(`\ncif resolve on ${n(file.records)} person records (${n(file.persons)} persons)`);
console.log(`  wall time       ${run.seconds.toFixed(1)} s (in the resolve: ${run.detailSeconds.toFixed(1)} s), peak ${n(run.peakRssMb)} MB`);
console.log(`  pairs compared  ${n(run.pairsCompared)} (blocking recall estimated ${(run.blockingRecall * 100).toFixed(2)}%), ${n(run.clusters)} clusters`);
const f1 = (2 * score!.precision * score!.recall) / (score!.precision + score!.recall);
console.log(`  accuracy        pairwise precision ${score!.precision.toFixed(4)}, recall ${score!.recall.toFixed(4)}, F1 ${f1.toFixed(4)}`);
console.log(`identity run of the factory on the same records`);
console.log(`  first run       ${inc.fullSeconds.toFixed(1)} s, ${n(inc.fullPairs)} pairs compared, ${n(inc.customers)} customers (acquisition ${inc.acquireSeconds.toFixed(1)} s)`);
console.log(`  10,000 more     ${inc.deltaSeconds.toFixed(1)} s, ${n(inc.deltaPairs)} pairs compared, ${n(inc.newCustomers)} new customers, ` +
  `${n(inc.recognised)} of ${n(inc.knownAgain)} known people recognised, peak ${n(inc.peakRssMb)} MB`);
