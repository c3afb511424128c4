// Where each file of the synthetic enterprise lives under the output folder; cif.yaml names the same paths.
import { join } from 'node:path';
import type { ProductLine } from './product-catalogue.ts';

export const sourceFolders = ['cellular', 'long_distance', 'cable', 'billing', 'call_centre', 'web', 'surveys'];

/** The cable system's files are written as CSV first, then converted to Parquet. */
export function customerFile(out: string, line: ProductLine): string {
  return join(out, 'sources', line, line === 'long_distance' ? 'customers.jsonl' : line === 'cable' ? 'customers.tmp.csv' : 'customers.csv');
}

export function accountFile(out: string, line: ProductLine): string {
  return join(out, 'sources', line, line === 'long_distance' ? 'accounts.jsonl' : line === 'cable' ? 'accounts.tmp.csv' : 'accounts.csv');
}

/** The final name of a file written under a temporary one. */
export function finalName(path: string): string {
  return path.replace(/\.tmp\.csv$/, '.parquet');
}

export const monthlyFile = {
  billing: (out: string, month: string) => join(out, 'sources', 'billing', `transactions-${month}.csv`),
  contacts: (out: string, month: string) => join(out, 'sources', 'call_centre', `contacts-${month}.csv`),
  web: (out: string, month: string) => join(out, 'sources', 'web', `events-${month}.jsonl`),
};

export const surveyFile = (out: string) => join(out, 'sources', 'surveys', 'surveys.csv');
/** Where the demo's receiver writes the changes a system accepted from the factory (not read by acquisition). */
export const inboundChangesFile = (out: string, source: string) => join(out, 'sources', source, 'inbound', 'changes.jsonl');
export const truthFile = {
  records: (out: string) => join(out, 'truth', 'records.csv'),
  persons: (out: string) => join(out, 'truth', 'persons.csv'),
};
