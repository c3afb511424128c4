// cif resolve: deduplicate one CSV file of people or link two, with no factory directory and no configuration.
import { parseRoleMap, resolveFiles } from '../identity/index.ts';
import { UsageError } from './usage-error.ts';

export interface ResolveOptions {
  files: string[];
  id?: string;
  map?: string[];
  out?: string;
  dateFormat?: string;
  threshold?: string;
  json?: boolean;
}

export async function resolveCommand(o: ResolveOptions): Promise<void> {
  if (o.files.length === 0) throw new UsageError('give the CSV file to deduplicate (or two files to link)');
  if (!o.id) throw new UsageError('--id COLUMN is required: the column that identifies a record in its file');
  if (!o.out) throw new UsageError('--out OUT.csv is required');
  const threshold = o.threshold === undefined ? undefined : Number(o.threshold);
  if (threshold !== undefined && !(threshold > 0 && threshold < 1)) throw new UsageError(`--threshold must be a probability between 0 and 1, not "${o.threshold}"`);
  const summary = await resolveFiles({ files: o.files, id: o.id, map: parseRoleMap(o.map ?? []), out: o.out, dateFormat: o.dateFormat, threshold });
  if (o.json) {
    console.log(JSON.stringify({ ...summary, model: undefined }));
    return;
  }
  const n = (x: number) => x.toLocaleString('en-US');
  console.log(`records            ${n(summary.records)}`);
  console.log(`pairs compared     ${n(summary.pairsCompared)} (blocking recall ≈ ${summary.blockingRecall === null ? 'n/a' : `${(summary.blockingRecall * 100).toFixed(2)}%`})`);
  console.log(`matching pairs     ${n(summary.matches)}, uncertain ${n(summary.uncertain)}`);
  console.log(`clusters           ${n(summary.clusters)}`);
  if (summary.unreadableBirthDates) console.log(`birth dates        ${n(summary.unreadableBirthDates)} could not be read and were left out`);
  console.log(`time               ${summary.seconds.toFixed(1)} s`);
  console.log(`written            ${o.out}`);
}
