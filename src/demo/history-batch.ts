// What the main thread hands the history thread: accounts (to list and to bill) and web visitors (to
// follow), the numbers packed into typed arrays so that a batch crosses threads cheaply.
import type { ProductLine } from './product-catalogue.ts';

export interface HistorySettings {
  seed: number;
  asOfDay: number;
  months: number;
  /** The output folder (the one holding sources/). */
  out: string;
  /** How many billing rows the run will roughly make, to plant a handful of malformed amounts. */
  expectedBillingRows: number;
}

export const historyLines: ProductLine[] = ['cellular', 'long_distance', 'cable'];

/** Per account: line index, monthly cents, opened day, closed day (-1 open), bill day, late chance, miss chance. */
export const accountFields = 7;
/** Per visitor: serial, held-lines mask, first day as customer (-1 never), last day (-1 still), churn day (-1 none), dissatisfaction. */
export const visitorFields = 6;

export interface HistoryBatch {
  /** The serial of the batch's first account; the others follow in order. */
  firstAccountSerial: number;
  accountKeys: string[];
  accountCustomerKeys: string[];
  accountPlans: string[];
  accountNumbers: Float64Array;
  visitorEmails: (string | null)[];
  visitorNumbers: Float64Array;
}

export interface WrittenFile {
  path: string;
  rows: number;
}
