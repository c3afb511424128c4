// npm run bench:front-line [-- CUSTOMERS] [--readers 32] [--writers 2] [--seconds 60] [--alone 15] [--warmup 5] [--engines pglite,postgres]
// Search and one-screen latency as the front line gets it: the factory served over HTTP (in its own process), an
// agent signed in, one reader alone for the baseline, then many readers (search, open the first hit) and a few
// writers (change an address with the version read) looping for a fixed time. On PGlite, and on PostgreSQL
// (CIF_BENCH_PG_URL, else a cluster of our own) holding a copy of the same ODS. Prints a table and a JSON line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { loadFactory } from '../src/config/index.ts';
import { lockDirectory } from '../src/ops/index.ts';
import { testPassword } from '../src/server/access/test-users.ts';
import { runLoad, summarize, type LoadResult, type Operation, type Summary } from './front-line-load.ts';
import { benchDatabase, benchPostgres, copyOdsToPostgres } from './front-line-postgres.ts';
import { benchUser, kindWeights, type SearchKind, type Workload } from './front-line-workload.ts';

type Engine = 'pglite' | 'postgres';

function options() {
  const args = process.argv.slice(2);
  const flag = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] !== undefined ? args.splice(i, 2)[1]! : fallback;
  };
  const number = (name: string, fallback: number) => {
    const value = Number(flag(name, String(fallback)));
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number, not ${value}`);
    return value;
  };
  const o = {
    readers: number('readers', 32),
    writers: number('writers', 2),
    seconds: number('seconds', 60),
    alone: number('alone', 15),
    warmup: number('warmup', 5),
    engines: flag('engines', 'pglite,postgres').split(',').map((e) => e.trim()) as Engine[],
    customers: 0,
  };
  for (const e of o.engines) if (e !== 'pglite' && e !== 'postgres') throw new Error(`--engines: ${e} is not pglite or postgres`);
  const rest = args.filter((a) => !a.startsWith('--'));
  o.customers = rest.length > 0 ? Number(rest[0]) : 1_000_000;
  if (!Number.isInteger(o.customers) || o.customers <= 0) throw new Error(`the number of customers must be a positive whole number, not ${rest[0]}`);
  return o;
}

const o = options();
const dir = resolve('bench/out', String(o.customers));
const odsDir = join(dir, '.cif', 'ods');
const workloadFile = join(dir, 'front-line-workload.json');
const log = (line: string) => console.error(line);
const fmt = (n: number) => n.toLocaleString('en-US');
const some = (n: number, what: string) => `${fmt(n)} ${what}${n === 1 ? '' : 's'}`;

/** The enterprise at this size, built the way bench:backbone builds it when there is none yet. */
function enterprise(): void {
  if (existsSync(join(odsDir, 'PG_VERSION'))) {
    log(`Reusing the ODS in ${odsDir}`);
    return;
  }
  for (const phase of ['generate', 'run']) {
    log(`${phase} ${fmt(o.customers)} customers in ${dir}…`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/measure-phase.ts', phase, dir, String(o.customers)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`${phase} failed`);
    log(`  ${r.stdout.trim().split('\n').pop()}`);
  }
}

interface Server {
  url: string;
  openSeconds: number;
  /** Stops the server; resolves with its peak memory. */
  stop(): Promise<number>;
}

function serverEnv(engine: Engine, odsUrl?: string): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.CIF_ODS_URL;
  if (engine === 'postgres') env.CIF_ODS_URL = odsUrl;
  return env;
}

/** Pending migrations, the benchmark's user and the workload, before anything is timed (in a process of its own). */
function prepare(): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/front-line-server.ts', dir, workloadFile, '--prepare'],
    { env: serverEnv('pglite'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error('preparing the ODS failed');
  const { preparedSeconds } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { preparedSeconds: number };
  log(`ODS opened (pending migrations applied), user and workload ready in ${preparedSeconds.toFixed(1)} s`);
}

/** Stands in for the operational systems: takes every outbound delivery (2xx), so the outbox drains as in production. */
async function startReceiver(): Promise<{ url: string; received(): number; close(): Promise<void> }> {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function startServer(engine: Engine, odsUrl?: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/front-line-server.ts', dir, workloadFile, '--outbound', receiver.url],
    { env: serverEnv(engine, odsUrl), stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin!.on('error', () => undefined); // a server that died is reported by its exit, not by a broken pipe
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  // The server's own lines are JSON objects; anything else it prints on the way is passed on.
  const next = async <T>(key: string): Promise<T | undefined> => {
    for (let line = await lines.next(); !line.done; line = await lines.next()) {
      if (line.value.startsWith('{') && line.value.includes(`"${key}"`)) return JSON.parse(line.value) as T;
      log(line.value);
    }
    return undefined;
  };
  const ready = await next<{ url: string; openSeconds: number }>('url');
  if (!ready) throw new Error(`the ${engine} server did not start (exit code ${await exited})`);
  return {
    ...ready,
    async stop() {
      child.stdin!.end();
      const last = await next<{ peakRssMb: number }>('peakRssMb');
      await exited;
      return last?.peakRssMb ?? 0;
    },
  };
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: benchUser, password: testPassword }) });
  if (res.status !== 200) throw new Error(`cannot sign in: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

interface EngineResult {
  openSeconds: number;
  peakRssMb: number;
  alone: Record<'search' | 'screen', Summary>;
  loaded: Record<Operation, Summary> & { searchByKind: Record<SearchKind, Summary> };
  found: number;
  empty: number;
  conflicts: number;
  /** Outbound deliveries the stand-in systems took while this engine served. */
  delivered: number;
  errors: number;
  firstError?: string;
}

function summaries(r: LoadResult) {
  return {
    search: summarize(r.latencies.search, r.seconds),
    screen: summarize(r.latencies.screen, r.seconds),
    write: summarize(r.latencies.write, r.seconds),
  };
}

async function measure(engine: Engine, odsUrl?: string): Promise<EngineResult> {
  log(`${engine}: starting the server…`);
  const server = await startServer(engine, odsUrl);
  const deliveredBefore = receiver.received();
  try {
    const token = await signIn(server.url);
    const workload = JSON.parse(readFileSync(workloadFile, 'utf8')) as Workload;
    log(`${engine}: ready in ${server.openSeconds.toFixed(1)} s; one reader for ${o.alone} s, then ${some(o.readers, 'reader')} and ${some(o.writers, 'writer')} for ${o.seconds} s (after ${o.warmup} s of warm-up each)`);
    const alone = await runLoad({ url: server.url, token, workload, readers: 1, writers: 0, warmupSeconds: o.warmup, seconds: o.alone });
    const loaded = await runLoad({ url: server.url, token, workload, readers: o.readers, writers: o.writers, warmupSeconds: o.warmup, seconds: o.seconds });
    const searchByKind = Object.fromEntries(
      (Object.keys(kindWeights) as SearchKind[]).map((k) => [k, summarize(loaded.searchByKind[k], loaded.seconds)]),
    ) as Record<SearchKind, Summary>;
    const peakRssMb = await server.stop();
    const { write: _, ...aloneReads } = summaries(alone);
    return {
      openSeconds: server.openSeconds,
      peakRssMb,
      alone: aloneReads,
      loaded: { ...summaries(loaded), searchByKind },
      found: loaded.found,
      empty: loaded.empty,
      conflicts: loaded.conflicts,
      delivered: receiver.received() - deliveredBefore,
      errors: alone.errors + loaded.errors,
      firstError: alone.firstError ?? loaded.firstError,
    };
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
}

function table(engine: Engine, r: EngineResult): string {
  const row = (label: string, s: Summary) =>
    `  ${label.padEnd(28)}${fmt(s.count).padStart(9)}${s.medianMs.toFixed(1).padStart(11)}${s.p99Ms.toFixed(1).padStart(10)}${s.perSecond.toFixed(1).padStart(9)}`;
  const name = engine === 'pglite' ? 'PGlite (off the HTTP thread, in a worker)' : 'PostgreSQL';
  const lines = [
    `\n${name}, ${fmt(o.customers)} customers: ready in ${r.openSeconds.toFixed(1)} s, server peak ${fmt(Math.round(r.peakRssMb))} MB`,
    `  ${'operation'.padEnd(28)}${'count'.padStart(9)}${'median ms'.padStart(11)}${'p99 ms'.padStart(10)}${'per s'.padStart(9)}`,
    row('search, one reader alone', r.alone.search),
    row('one screen, one reader alone', r.alone.screen),
    row(`search, ${some(o.readers, 'reader')}`, r.loaded.search),
    ...(Object.entries(r.loaded.searchByKind) as [SearchKind, Summary][]).map(([kind, s]) => row(`  by ${kind}`, s)),
    row(`one screen, ${some(o.readers, 'reader')}`, r.loaded.screen),
    row(`write, ${some(o.writers, 'writer')}`, r.loaded.write),
  ];
  const searches = r.loaded.search.count;
  lines.push(`  the sampled customer was on the first page of ${searches ? ((100 * r.found) / searches).toFixed(1) : 0}% of searches; ${fmt(r.empty)} found nothing; ${fmt(r.conflicts)} write conflicts (409, read again); ${fmt(r.delivered)} outbound deliveries taken`);
  if (r.errors > 0) lines.push(`  ${fmt(r.errors)} ERRORS, the first: ${r.firstError}`);
  return lines.join('\n');
}

enterprise();
prepare();
const receiver = await startReceiver();
const results: Partial<Record<Engine, EngineResult>> = {};
/** Why an engine has no figures: skipped (no server to run on) or failed. */
const missing: Partial<Record<Engine, string>> = {};
const failed = (engine: Engine, error: unknown) => {
  missing[engine] = `FAILED: ${(error as Error).message}`;
  process.exitCode = 1;
};
let odsUrl: string | undefined;
let stopPostgres = () => {};
if (o.engines.includes('postgres')) {
  const pg = benchPostgres();
  if ('skip' in pg) {
    missing.postgres = `skipped: ${pg.skip}`;
  } else {
    stopPostgres = pg.stop;
    // The copy reads the PGlite ODS: nothing else may have the directory meanwhile.
    const lock = lockDirectory(loadFactory(dir).dataDir, 'bench:front-line copy to PostgreSQL');
    try {
      odsUrl = await copyOdsToPostgres(odsDir, pg.url, benchDatabase(o.customers), log);
    } catch (error) {
      failed('postgres', error);
    } finally {
      lock.release();
    }
  }
}
try {
  for (const engine of o.engines) {
    if (missing[engine]) continue;
    // One engine failing leaves the other's figures standing.
    results[engine] = await measure(engine, odsUrl).catch((error) => void failed(engine, error));
  }
} finally {
  stopPostgres();
  await receiver.close();
}

console.log(`\nFront-line latency: ${fmt(o.customers)} customers, ${some(o.readers, 'reader')} and ${some(o.writers, 'writer')} for ${o.seconds} s, one reader alone for ${o.alone} s`);
for (const engine of o.engines) {
  if (results[engine]) console.log(table(engine, results[engine]!));
  else console.log(`\n${engine === 'pglite' ? 'PGlite' : 'PostgreSQL'}: ${missing[engine]}`);
}
console.log(JSON.stringify({ bench: 'front-line', customers: o.customers, readers: o.readers, writers: o.writers, seconds: o.seconds, alone: o.alone, results, missing }));
