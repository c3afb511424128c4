// A logistic model over named features: fitted on rows of the training sample, it predicts those rows in JavaScript
// (for the hold-out) and writes itself out as SQL (for scoring every customer where the data lives). Both compute
// intercept + Σ weight · (value − mean) / scale, with an unknown value counted as the training mean.
import type { Feature } from './features.ts';
import { fitLogistic, linearPredictor, type LogisticModel, sigmoid } from './logistic-regression.ts';
import type { TrainingSample } from './training-sample.ts';

export interface FittedModel {
  features: Feature[];
  /** Per feature: what an unknown value counts as (the mean of the known ones over the rows fitted). */
  imputations: number[];
  model: LogisticModel;
  rows: number;
  positives: number;
}

/** The sample's columns for these features (features the sample was read with, by name). */
function columnsOf(sampleFeatures: Feature[], features: Feature[]): number[] {
  return features.map((feature) => {
    const column = sampleFeatures.findIndex((f) => f.name === feature.name);
    if (column < 0) throw new Error(`feature ${feature.name} was not read into the training sample`);
    return column;
  });
}

/** Fits P(outcome) on the given rows of the sample, with these features. */
export function fitOnSample(sample: TrainingSample, sampleFeatures: Feature[], features: Feature[], rows: Uint32Array,
  outcome: (row: number) => boolean, l2: number): FittedModel {
  const columns = columnsOf(sampleFeatures, features);
  const p = columns.length;
  const all = sample.x.columns;
  const values = new Float64Array(rows.length * p);
  const y = new Uint8Array(rows.length);
  const sums = new Float64Array(p);
  const known = new Float64Array(p);
  let positives = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    for (let j = 0; j < p; j++) {
      const v = sample.x.values[i * all + columns[j]!]!;
      values[r * p + j] = v;
      if (!Number.isNaN(v)) {
        sums[j]! += v;
        known[j]!++;
      }
    }
    y[r] = outcome(i) ? 1 : 0;
    positives += y[r]!;
  }
  const imputations = Array.from(sums, (s, j) => (known[j]! > 0 ? s / known[j]! : 0));
  for (let k = 0; k < values.length; k++) if (Number.isNaN(values[k]!)) values[k] = imputations[k % p]!;
  const model = fitLogistic({ rows: rows.length, columns: p, values }, y, { l2 });
  return { features, imputations, model, rows: rows.length, positives };
}

/** The model's probability for each of the given rows of the sample. */
export function predictOnSample(fitted: FittedModel, sample: TrainingSample, sampleFeatures: Feature[], rows: Uint32Array): Float64Array {
  const columns = columnsOf(sampleFeatures, fitted.features);
  const all = sample.x.columns;
  const row = new Float64Array(columns.length);
  return Float64Array.from(rows, (i) => {
    for (let j = 0; j < columns.length; j++) {
      const v = sample.x.values[i * all + columns[j]!]!;
      row[j] = Number.isNaN(v) ? fitted.imputations[j]! : v;
    }
    return sigmoid(linearPredictor(fitted.model, row));
  });
}

/** A number as an SQL DOUBLE literal. */
const num = (x: number) => `(${Number.isFinite(x) ? x : 0})::DOUBLE`;

/** Each feature's standardised deviation times its weight: its push on the log-odds, as SQL. */
function contributionSql(fitted: FittedModel, j: number): string {
  const feature = fitted.features[j]!;
  const value = feature.imputed ? `coalesce((${feature.sql})::DOUBLE, ${num(fitted.imputations[j]!)})` : `(${feature.sql})::DOUBLE`;
  return `${num(fitted.model.weights[j]!)} * (${value} - ${num(fitted.model.means[j]!)}) / ${num(fitted.model.scales[j]!)}`;
}

/** The log-odds as an SQL expression over mart.mining_month m. */
export function linearPredictorSql(fitted: FittedModel): string {
  return [num(fitted.model.intercept), ...fitted.features.map((_, j) => contributionSql(fitted, j))].join(' + ');
}

/** A list of {c: push on the log-odds, t: the words for it} for the features that have words, as SQL. */
export function contributionsSql(fitted: FittedModel): string {
  const parts = fitted.features.flatMap((feature, j) => (feature.words ? [`{'c': ${contributionSql(fitted, j)}, 't': (${feature.words})::VARCHAR}`] : []));
  return `[${parts.join(', ')}]`;
}

/** The weights by feature, the strongest first (per standard deviation, so they compare). */
export function coefficientsOf(fitted: FittedModel): { feature: string; weight: number }[] {
  return fitted.features.map((f, j) => ({ feature: f.name, weight: round(fitted.model.weights[j]!, 4) }))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || a.feature.localeCompare(b.feature));
}

export const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
