// Cross-sell: one propensity model per product line, among the customer-months not holding it, of taking it within
// the next three months. A customer's lines not held, ranked by their models' propensities, are the offers. Measured
// on the hold-out by the hit rate at 1: of the customers who did take a new line, how many took the one ranked first
// (beside the same for always offering the most popular line not held, which is what to beat).
import { auc } from './evaluation.ts';
import { crossSellFeatures, type Feature } from './features.ts';
import { coefficientsOf, fitOnSample, type FittedModel, predictOnSample, round } from './fitted-model.ts';
import type { TimeSplit, TrainingSample } from './training-sample.ts';

export interface LineModel {
  line: string;
  model: FittedModel;
}

export interface CrossSellEvaluation {
  hitRateAt1: number | null;
  baseRateAt1: number | null;
  /** The lines by how often they were taken in the training months, most first: the base ranking. */
  popularLines: string[];
  /** Hold-out rows in which a customer took a line they did not hold. */
  holdoutTakers: number;
  perLine: { productLine: string; auc: number | null; takeRate: number | null; trainRows: number; holdoutRows: number; coefficients: { feature: string; weight: number }[] }[];
}

const bit = (i: number) => 2 ** i;
/** The lines taken that were not held: what a cross-sale is. */
const newLines = (sample: TrainingSample, i: number) => (sample.taken[i]! & ~sample.held[i]!) >>> 0;

function rowsWhere(rows: Uint32Array, test: (i: number) => boolean): Uint32Array {
  const out: number[] = [];
  for (const i of rows) if (test(i)) out.push(i);
  return Uint32Array.from(out);
}

function fitLines(sample: TrainingSample, sampleFeatures: Feature[], lines: string[], rows: Uint32Array, l2: number): (LineModel | null)[] {
  return lines.map((line, l) => {
    const candidates = rowsWhere(rows, (i) => (sample.held[i]! & bit(l)) === 0);
    // a line everyone holds is offered to nobody
    return candidates.length === 0 ? null
      : { line, model: fitOnSample(sample, sampleFeatures, crossSellFeatures(lines, line), candidates, (i) => (sample.taken[i]! & bit(l)) !== 0, l2) };
  });
}

export function trainCrossSell(sample: TrainingSample, sampleFeatures: Feature[], lines: string[], split: TimeSplit, l2: number):
  { evaluation: CrossSellEvaluation; models: LineModel[] } {
  const measured = fitLines(sample, sampleFeatures, lines, split.train, l2);
  const takes = lines.map((_, l) => split.train.reduce((n, i) => n + ((newLines(sample, i) & bit(l)) !== 0 ? 1 : 0), 0));
  const popularity = lines.map((_, l) => l).sort((a, b) => takes[b]! - takes[a]! || a - b);

  // Each line's propensity on the hold-out rows not holding it (NaN where held).
  const propensity = measured.map((m, l) => {
    const out = new Float64Array(split.holdout.length).fill(Number.NaN);
    if (!m) return out;
    const positions = rowsWhere(Uint32Array.from(split.holdout.keys()), (r) => (sample.held[split.holdout[r]!]! & bit(l)) === 0);
    const predicted = predictOnSample(m.model, sample, sampleFeatures, Uint32Array.from(positions, (r) => split.holdout[r]!));
    positions.forEach((r, k) => { out[r] = predicted[k]!; });
    return out;
  });

  let takers = 0;
  let hits = 0;
  let baseHits = 0;
  split.holdout.forEach((i, r) => {
    const taken = newLines(sample, i);
    if (taken === 0) return;
    takers++;
    let top = -1;
    for (let l = 0; l < lines.length; l++) if (!Number.isNaN(propensity[l]![r]!) && (top < 0 || propensity[l]![r]! > propensity[top]![r]!)) top = l;
    if (top >= 0 && (taken & bit(top)) !== 0) hits++;
    const popular = popularity.find((l) => (sample.held[i]! & bit(l)) === 0);
    if (popular !== undefined && (taken & bit(popular)) !== 0) baseHits++;
  });

  const perLine = lines.map((productLine, l) => {
    const scored = rowsWhere(Uint32Array.from(split.holdout.keys()), (r) => !Number.isNaN(propensity[l]![r]!));
    const labels = Uint8Array.from(scored, (r) => ((sample.taken[split.holdout[r]!]! & bit(l)) !== 0 ? 1 : 0));
    const positives = labels.reduce((a, b) => a + b, 0);
    const value = auc(Float64Array.from(scored, (r) => propensity[l]![r]!), labels);
    return {
      productLine, auc: value === null ? null : round(value, 4), takeRate: scored.length ? round(positives / scored.length, 4) : null,
      trainRows: measured[l]?.model.rows ?? 0, holdoutRows: scored.length, coefficients: [] as { feature: string; weight: number }[],
    };
  });

  const models = fitLines(sample, sampleFeatures, lines, split.all, l2);
  models.forEach((m, l) => { perLine[l]!.coefficients = m ? coefficientsOf(m.model) : []; });
  return {
    evaluation: {
      hitRateAt1: takers ? round(hits / takers, 4) : null, baseRateAt1: takers ? round(baseHits / takers, 4) : null,
      popularLines: popularity.map((l) => lines[l]!), holdoutTakers: takers, perLine,
    },
    models: models.filter((m): m is LineModel => m !== null),
  };
}
