import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { configFileNames, loadFactory } from '../config/index.ts';
import { demoReceiverSecrets, generateEnterprise, startChangeReceiver } from '../demo/index.ts';
import { lockDirectory, openStores, runFactory, runWith } from '../ops/index.ts';
import { serveFactory } from '../server/index.ts';
import { ensureDemoUsers, printDemoUsers } from './demo-users.ts';
import { explainCommand } from './explain-command.ts';
import { analyticsReportCommand, scoreCommand } from './analytics-commands.ts';
import { deliverCommand, kpisCommand } from './marts-commands.ts';
import { outboundCommand } from './outbound-command.ts';
import { printStats } from './print-stats.ts';
import { resolveCommand } from './resolve-command.ts';
import { reviewCommand } from './review-command.ts';
import { sqlCommand } from './sql-command.ts';
import { UsageError } from './usage-error.ts';
import { usersCommand } from './users-command.ts';

export { UsageError };

type Options = {
  customers?: string; seed?: string; out?: string; dir?: string; port?: string; json?: boolean; positionals?: string[];
  id?: string; map?: string[]; dateFormat?: string; threshold?: string; customer?: string; model?: boolean; limit?: string; same?: boolean; different?: boolean;
  reason?: string; by?: string; name?: string; role?: string; password?: string;
  status?: string; all?: boolean; format?: string; full?: boolean;
};

function positiveInt(value: string | undefined, flag: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`${flag} is required`);
    return fallback;
  }
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive whole number, not "${value}"`);
  return n;
}

const log = (line: string) => console.log(line);

export const commands = {
  async generate(o: Options) {
    if (!o.out) throw new UsageError('--out DIR is required');
    const result = await generateEnterprise({ customers: positiveInt(o.customers, '--customers'), seed: positiveInt(o.seed, '--seed', 1), out: o.out });
    console.log(`generated ${result.persons} persons in ${result.households} households: ${result.customerRecords} customer records in ${result.files.length} files, ${result.seconds.toFixed(1)} s`);
    console.log(`next: cif run --dir ${o.out}`);
  },

  async run(o: Options) {
    const report = await runFactory(loadFactory(o.dir ?? '.'), log);
    if (report.status !== 'succeeded') process.exitCode = 1;
  },

  async stats(o: Options) {
    const factory = loadFactory(o.dir ?? '.');
    const lock = lockDirectory(factory.dataDir, 'cif stats');
    try {
      const stores = await openStores(factory);
      try {
        printStats(await stores.ods.stats(), o.json ?? false);
      } finally {
        await stores.close();
      }
    } finally {
      lock.release();
    }
  },

  async deliver(o: Options) {
    await deliverCommand(loadFactory(o.dir ?? '.'), log, o.full ?? false);
  },

  async kpis(o: Options) {
    await kpisCommand(loadFactory(o.dir ?? '.'), o.json ?? false);
  },

  async score(o: Options) {
    await scoreCommand(loadFactory(o.dir ?? '.'), log);
  },

  async analytics(o: Options) {
    if (o.positionals?.[0] !== 'report' || o.positionals.length > 1) throw new UsageError('cif analytics report [--dir DIR] [--json]: the latest score run\'s report');
    await analyticsReportCommand(loadFactory(o.dir ?? '.'), o.json ?? false);
  },

  async serve(o: Options) {
    const factory = loadFactory(o.dir ?? '.');
    const server = await serveFactory(factory, { port: positiveInt(o.port, '--port', 4400) });
    // Browsers reach a loopback server as localhost whichever address family they try first.
    console.log(`cif serving ${factory.dir} at http://localhost:${server.port}`);
  },

  async demo(o: Options) {
    const dir = resolve(o.dir ?? 'demo');
    if (!configFileNames.some((n) => existsSync(resolve(dir, n)))) {
      const customers = positiveInt(o.customers, '--customers', 10_000);
      console.log(`generating a synthetic enterprise of ${customers} customers in ${dir} …`);
      await commands.generate({ ...o, customers: String(customers), out: dir });
    }
    const factory = loadFactory(dir);
    const lock = lockDirectory(factory.dataDir, 'cif demo');
    const stores = await openStores(factory);
    try {
      await runWith(factory, stores, log);
      printStats(await stores.ods.stats(), false);
      printDemoUsers(await ensureDemoUsers(stores.ods), log);
    } finally {
      await stores.close();
      lock.release();
    }
    const secrets = demoReceiverSecrets(factory.config.sources);
    if (Object.keys(secrets).length) {
      await startChangeReceiver({ dir, secrets }).then(
        (receiver) => log(`the demo's operational systems take changes at ${receiver.url}/<system> (written to sources/<system>/inbound/changes.jsonl)`),
        (error: Error) => log(`the demo's change receiver did not start (${error.message}): changes wait in the outbox`),
      );
    }
    await commands.serve({ ...o, dir });
  },

  async explain(o: Options) {
    await explainCommand(loadFactory(o.dir ?? '.'), o);
  },

  async review(o: Options) {
    await reviewCommand(loadFactory(o.dir ?? '.'), o);
  },

  async outbound(o: Options) {
    await outboundCommand(loadFactory(o.dir ?? '.'), o);
  },

  async sql(o: Options) {
    await sqlCommand(loadFactory(o.dir ?? '.'), o);
  },

  async users(o: Options) {
    await usersCommand(o.dir ?? '.', o);
  },

  async resolve(o: Options) {
    await resolveCommand({ ...o, files: o.positionals ?? [] });
  },
};
