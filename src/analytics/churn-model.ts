// Retention: the chance that a customer holding a product at a month's end holds none within the next three months.
// Fitted on the months before the hold-out and measured on it; then fitted again on every known month (the hold-out
// included: the most recent behaviour is the most telling), and that model scores the customers.
import { auc, calibration, type CalibrationBin, precisionAtTop } from './evaluation.ts';
import { churnFeatures, type Feature } from './features.ts';
import { coefficientsOf, fitOnSample, type FittedModel, predictOnSample, round } from './fitted-model.ts';
import type { TimeSplit, TrainingSample } from './training-sample.ts';

export interface ChurnEvaluation {
  /** On the hold-out: null when nobody (or everybody) left in it. */
  auc: number | null;
  precisionAtTopDecile: number | null;
  /** The share of hold-out rows that left: what precision is to be compared with. */
  baseRate: number | null;
  calibration: CalibrationBin[];
  coefficients: { feature: string; weight: number }[];
  trainRows: number;
  holdoutRows: number;
  trainMonths: { from: string; to: string };
  holdoutMonthsRange: { from: string; to: string };
}

export function trainChurn(sample: TrainingSample, sampleFeatures: Feature[], split: TimeSplit, l2: number): { evaluation: ChurnEvaluation; model: FittedModel } {
  const left = (i: number) => sample.left[i] === 1;
  const measured = fitOnSample(sample, sampleFeatures, churnFeatures, split.train, left, l2);
  const predicted = predictOnSample(measured, sample, sampleFeatures, split.holdout);
  const labels = Uint8Array.from(split.holdout, (i) => sample.left[i]!);
  const positives = labels.reduce((a, b) => a + b, 0);
  const model = fitOnSample(sample, sampleFeatures, churnFeatures, split.all, left, l2);
  const r = (x: number | null) => (x === null ? null : round(x, 4));
  return {
    evaluation: {
      auc: r(auc(predicted, labels)),
      precisionAtTopDecile: r(precisionAtTop(predicted, labels, 0.1)),
      baseRate: r(labels.length ? positives / labels.length : null),
      calibration: calibration(predicted, labels).map((b) => ({ ...b, predicted: round(b.predicted, 4), observed: round(b.observed, 4) })),
      coefficients: coefficientsOf(model),
      trainRows: split.train.length,
      holdoutRows: split.holdout.length,
      trainMonths: split.trainMonths,
      holdoutMonthsRange: split.holdoutMonths,
    },
    model,
  };
}
