// The synthetic enterprise: a telecommunications company organised by product line, written to disk as
// the operational systems' own files plus the truth about who is who. It is the factory's demo and
// its test data, generated from a seed so every run with the same options is byte for byte the same.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parseIsoDay, historyMonths } from './calendar.ts';
import { Population } from './population.ts';
import { RelationshipPlanner } from './customer-life.ts';
import { systemKeys } from './system-keys.ts';
import { loadNicknameReference } from './nickname-reference.ts';
import { OperationalFiles } from './operational-files.ts';
import { HistoryClient } from './history-client.ts';
import { settle } from './line-sink.ts';
import { convertCsvToParquet } from './parquet-files.ts';
import { factoryConfigText } from './factory-config-file.ts';
import { Random } from './random.ts';
import { accountFile, customerFile, finalName, sourceFolders } from './enterprise-layout.ts';

export { writePersonFile, type PersonFileOptions, type PersonFileResult } from './person-file.ts';
export { startChangeReceiver, demoReceiverSecrets, demoReceiverPort, type ChangeReceiver } from './change-receiver.ts';

export interface GenerateOptions {
  /** How many persons (real people, each holding at least one product line). */
  customers: number;
  seed?: number;
  /** Output folder; its sources/ and truth/ folders are replaced. */
  out: string;
  /** 'YYYY-MM-DD': the extract date; all activity lies in the months before it. */
  asOf?: string;
  /** Months of billing, contact and web history. */
  months?: number;
}

export interface GenerateResult {
  persons: number;
  households: number;
  customerRecords: number;
  /** Data files written, relative to the output folder, with their data rows (headers not counted). */
  files: { path: string; rows: number }[];
  seconds: number;
}

/** Anonymous prospects browsing the web site, per household generated. */
const prospectChance = 0.1;

export async function generateEnterprise(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const { customers, seed, out, asOfDay, months } = checked(options);
  const windowStart = historyMonths(asOfDay, months)[0]!.firstDay;

  await rm(join(out, 'truth'), { recursive: true, force: true });
  for (const folder of sourceFolders) {
    await rm(join(out, 'sources', folder), { recursive: true, force: true });
    await mkdir(join(out, 'sources', folder), { recursive: true });
  }
  await mkdir(join(out, 'truth'), { recursive: true });

  const history = HistoryClient.start({ seed, asOfDay, months, out, expectedBillingRows: Math.round(customers * months * 3.5) });
  try {
    const files = new OperationalFiles({ out, seed, asOfDay, months, persons: customers }, history);
    const population = new Population(seed, asOfDay, loadNicknameReference());
    const planner = new RelationshipPlanner(seed, asOfDay, windowStart, systemKeys(seed, customers));
    const prospects = new Random(seed, 89);
    let persons = 0;
    let households = 0;
    while (persons < customers) {
      const people = population.nextHousehold(households++);
      for (const person of people.slice(0, customers - persons)) files.write(planner.plan(person));
      persons += Math.min(people.length, customers - persons);
      if (prospects.chance(prospectChance)) files.writeProspect();
      if (households % 64 === 0) {
        await settle(files.sinks);
        await history.pace();
      }
    }

    const written = await files.close();
    const historyFiles = await history.finish();
    const cableFiles = [customerFile(out, 'cable'), accountFile(out, 'cable')];
    await convertCsvToParquet(cableFiles.map((csv) => ({ csv, parquet: finalName(csv) })));
    await writeFile(join(out, 'cif.yaml'), factoryConfigText);

    const listed = [...written, ...historyFiles].map((f) => ({ path: relative(out, finalName(f.path)).split(sep).join('/'), rows: f.rows }));
    listed.sort((a, b) => (a.path < b.path ? -1 : 1));
    return { persons, households, customerRecords: files.customerRecords, files: listed, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await history.abandon();
    throw error;
  }
}

function checked(options: GenerateOptions) {
  const { customers, seed = 1, out, asOf = '2026-10-31', months = 12 } = options;
  if (!Number.isSafeInteger(customers) || customers < 1) throw new RangeError(`customers must be a positive whole number, not ${customers}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, not ${seed}`);
  if (!Number.isInteger(months) || months < 1 || months > 120) throw new RangeError(`months must be between 1 and 120, not ${months}`);
  if (!out) throw new RangeError('out (the output folder) is required');
  return { customers, seed, out, asOfDay: parseIsoDay(asOf), months };
}
