// The rows the models learn from: customer-months of the data-mining mart whose outcome is known, drawn in SQL by a
// hash of the customer, the month and the seed (so the same seed draws the same rows), at most sampleRows of them,
// read a page at a time into typed arrays. The mart itself (eleven million rows at a million customers) never
// crosses into JavaScript.
import type { Duck } from '../duckdb/index.ts';
import { defaultOutcomeMonths } from '../marts/index.ts';
import type { Feature } from './features.ts';
import { sqlText } from './features.ts';
import type { FeatureMatrix } from './logistic-regression.ts';

export const outcomeMonths = defaultOutcomeMonths;
export const leftColumn = `left_within_${outcomeMonths}m`;
export const takenColumn = `lines_taken_within_${outcomeMonths}m`;

/** Product lines are carried as bits of a number: plenty for the lines a company sells. */
const maxLines = 30;

export interface TrainingSample {
  /** The months with a known outcome, 'YYYY-MM', oldest first. */
  months: string[];
  /** Per row: the index of its month in months. */
  month: Uint16Array;
  /** Per row, per feature (in the order asked): the value, NaN when unknown. */
  x: FeatureMatrix;
  /** Per row: 1 when the customer left within the outcome months. */
  left: Uint8Array;
  /** Per row: the lines held at month end, and those taken within the outcome months, as bits (line i: 1 << i). */
  held: Uint32Array;
  taken: Uint32Array;
  /** The share of the known-outcome rows drawn. */
  fraction: number;
}

/** The product lines the marts know, in name order. */
export async function productLines(duck: Duck): Promise<string[]> {
  const lines = (await duck.all<{ line: string }>(`SELECT DISTINCT product_line AS line FROM mart.product_month WHERE product_line IS NOT NULL ORDER BY 1`))
    .map((r) => r.line);
  if (lines.length > maxLines) throw new Error(`the marts have ${lines.length} product lines; the cross-sell models take at most ${maxLines}`);
  return lines;
}

/** The bits of the lines in a VARCHAR[] column. */
const linesMask = (column: string, lines: string[]) =>
  lines.length === 0 ? '0' : lines.map((line, i) => `(list_contains(coalesce(${column}, []), ${sqlText(line)})::INTEGER * ${2 ** i})`).join(' + ');

export async function readTrainingSample(duck: Duck, features: Feature[], lines: string[], settings: { seed: number; sampleRows: number }): Promise<TrainingSample> {
  const months = (await duck.all<{ month: string }>(`SELECT DISTINCT strftime(month, '%Y-%m') AS month FROM mart.mining_month
    WHERE ${leftColumn} IS NOT NULL ORDER BY 1`)).map((r) => r.month);
  const known = (await duck.one<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM mart.mining_month WHERE ${leftColumn} IS NOT NULL`))?.n ?? 0;
  const fraction = known === 0 ? 1 : Math.min(1, settings.sampleRows / known);
  // a hash in [0, 1) per row: those below the fraction are drawn, the same ones for the same seed
  const drawn = fraction >= 1 ? 'true' : `hash(m.customer_id, m.month, ${Math.trunc(settings.seed)}::BIGINT) % 1000003 < ${Math.floor(fraction * 1000003)}`;
  const where = `m.${leftColumn} IS NOT NULL AND ${drawn}`;
  const rows = (await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM mart.mining_month m WHERE ${where}`))?.n ?? 0;
  const p = features.length;
  const sample: TrainingSample = {
    months, month: new Uint16Array(rows), x: { rows, columns: p, values: new Float64Array(rows * p) }, left: new Uint8Array(rows),
    held: new Uint32Array(rows), taken: new Uint32Array(rows), fraction,
  };
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  let r = 0;
  const pages = duck.stream<{ month: string; x: (number | null)[]; left: boolean; held: number; taken: number }>(`
    SELECT strftime(m.month, '%Y-%m') AS month, [${features.map((f) => `(${f.sql})::DOUBLE`).join(', ')}]::DOUBLE[] AS x, m.${leftColumn} AS left,
      (${linesMask('m.product_lines_held', lines)})::INTEGER AS held, (${linesMask(`m.${takenColumn}`, lines)})::INTEGER AS taken
    FROM mart.mining_month m WHERE ${where} ORDER BY m.month, m.customer_id`);
  for await (const page of pages) {
    for (const row of page) {
      if (r >= rows) break;
      sample.month[r] = monthIndex.get(row.month)!;
      for (let j = 0; j < p; j++) sample.x.values[r * p + j] = row.x[j] ?? Number.NaN;
      sample.left[r] = row.left ? 1 : 0;
      sample.held[r] = row.held;
      sample.taken[r] = row.taken;
      r++;
    }
  }
  if (r !== rows) throw new Error(`the training sample changed while it was read: ${r} rows, ${rows} expected`);
  return sample;
}

export interface TimeSplit {
  /** Rows of months whose outcome was known before the hold-out began. */
  train: Uint32Array;
  /** Rows of the last months with a known outcome. */
  holdout: Uint32Array;
  /** Every row: what the models are fitted on again for scoring. */
  all: Uint32Array;
  trainMonths: { from: string; to: string };
  holdoutMonths: { from: string; to: string };
}

/**
 * The hold-out is what a model trained at its start would have faced: the last `holdoutMonths` known months are held
 * out, and training keeps only the months whose outcome (the months after them) had happened by then. A month just
 * before the hold-out looks into it for its outcome, so it is left out of both.
 */
export function timeSplit(sample: TrainingSample, holdoutMonths: number): TimeSplit {
  const { months } = sample;
  const holdoutStart = months.length - holdoutMonths;
  const trainEnd = holdoutStart - outcomeMonths; // months [0, trainEnd) train
  if (trainEnd < 1) {
    throw new Error(`too few months with a known outcome to hold ${holdoutMonths} out: ${months.length}` +
      `${months.length ? ` (${months[0]} to ${months.at(-1)})` : ''}; training needs months whose outcome was known before the hold-out began, ` +
      `so at least ${holdoutMonths + outcomeMonths + 1} (lower analytics.holdoutMonths, or wait for more history)`);
  }
  const pick = (test: (m: number) => boolean) => {
    const out: number[] = [];
    for (let i = 0; i < sample.month.length; i++) if (test(sample.month[i]!)) out.push(i);
    return Uint32Array.from(out);
  };
  return {
    train: pick((m) => m < trainEnd), holdout: pick((m) => m >= holdoutStart), all: pick(() => true),
    trainMonths: { from: months[0]!, to: months[trainEnd - 1]! }, holdoutMonths: { from: months[holdoutStart]!, to: months.at(-1)! },
  };
}
