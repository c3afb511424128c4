// Identity benchmark phases, each run in its own process by resolve.bench.ts so its peak memory is its own.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as acquisition from '../src/acquisition/index.ts';
import { writePersonFile } from '../src/demo/index.ts';
import { openDuck } from '../src/duckdb/index.ts';
import { ensureIdentityTables, resolveFiles, resolveIdentity } from '../src/identity/index.ts';

export const personRoles = {
  first_name: 'first_name', middle_name: 'middle_name', last_name: 'last_name', birth_date: 'birth_date', gender: 'gender', email: 'email',
  phone: 'phone', street_number: 'street_number', address_1: 'address_1', city: 'city', postcode: 'postcode', state: 'state',
} as const;

export async function personFile(dir: string, records: number): Promise<Record<string, unknown>> {
  mkdirSync(dir, { recursive: true });
  const result = await writePersonFile({ path: join(dir, 'persons.csv'), records, seed: 7 });
  return { records: result.records, persons: result.persons };
}

export async function resolve(dir: string): Promise<Record<string, unknown>> {
  const summary = await resolveFiles({ files: [join(dir, 'persons.csv')], id: 'record_id', map: personRoles, out: join(dir, 'resolved.csv') });
  return { ...summary, model: undefined };
}

/** The factory's identity run over the person file as a source, then a run with 10,000 more records. */
export async function incremental(dir: string, added: number): Promise<Record<string, unknown>> {
  const duck = await openDuck(join(dir, 'factory.duckdb'));
  await acquisition.createStandardiseMacros(duck);
  await acquisition.ensureStaging(duck);
  await ensureIdentityTables(duck);
  const source = { name: 'persons', files: [] as never[] };
  const file = {
    entity: 'customer' as const, path: 'x', format: 'csv' as const, key: 'record_id',
    fields: { given_name: 'first_name', middle_name: 'middle_name', family_name: 'last_name', birth_date: 'birth_date', email: 'email', phone: 'phone',
      address_line: 'address_1', city: 'city', region: 'state', postcode: 'postcode' },
  };
  const load = (path: string, runId: number) => acquisition.acquireFiles(duck, { source, file, paths: [path], runId, country: 'US' });
  let t = performance.now();
  await load(join(dir, 'persons.csv'), 1);
  const acquire = (performance.now() - t) / 1000;
  t = performance.now();
  const full = await resolveIdentity(duck, 1);
  const fullSeconds = (performance.now() - t) / 1000;
  // Half the new records are people already known, under new keys; half are new people.
  const lines = readFileSync(join(dir, 'persons.csv'), 'utf8').split('\n');
  const header = lines[0];
  const again = lines.slice(1).filter((l, i) => l && i % Math.floor(lines.length / (added / 2)) === 0).slice(0, added / 2).map((l) => l.replace(/^r/, 'again-'));
  await writePersonFile({ path: join(dir, 'new-people.csv'), records: added - again.length, seed: 8, duplicateShare: 0 });
  const fresh = readFileSync(join(dir, 'new-people.csv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.replace(/^r/, 'new-'));
  writeFileSync(join(dir, 'delta.csv'), [header, ...again, ...fresh].join('\n') + '\n');
  await load(join(dir, 'delta.csv'), 2);
  t = performance.now();
  const delta = await resolveIdentity(duck, 2);
  const deltaSeconds = (performance.now() - t) / 1000;
  const joined = await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM identity.xref n JOIN identity.xref o
    ON o.source = n.source AND o.source_key = 'r' || substr(n.source_key, 7) AND o.customer_id = n.customer_id WHERE n.source_key LIKE 'again-%'`);
  duck.close();
  return { acquireSeconds: acquire, fullSeconds, fullPairs: full.pairsCompared, customers: full.customers, added: delta.changedRecords, deltaSeconds,
    deltaPairs: delta.pairsCompared, newCustomers: delta.newCustomers, merged: delta.merged, knownAgain: again.length, recognised: joined?.n ?? 0 };
}
