// L2-regularised logistic regression, fitted by Newton's method (iteratively reweighted least squares) on
// standardised features. Plain and explainable: one weight per feature, on a scale where weights compare (a weight
// is the change in log-odds for one standard deviation of its feature). Deterministic: the same rows in the same
// order give the same weights, bit for bit. Each iteration is one pass over the rows and one small linear solve.
import { CholeskyDecomposition, Matrix, solve } from 'ml-matrix';

/** Rows of features, row-major: values[row * columns + column]. */
export interface FeatureMatrix {
  rows: number;
  columns: number;
  values: Float64Array;
}

export interface LogisticModel {
  /** Log-odds of a row whose every feature is at its mean. */
  intercept: number;
  /** Per feature: the change in log-odds for one standard deviation. */
  weights: Float64Array;
  /** Per feature: its mean and standard deviation over the rows fitted (1 when it did not vary). */
  means: Float64Array;
  scales: Float64Array;
  iterations: number;
  converged: boolean;
}

export interface FitOptions {
  /** The penalty on the squared weights (not the intercept), in units of rows: 1 is a whisper at a thousand rows. */
  l2?: number;
  /** Which rows to fit on (indices into the matrix); all of them when absent. */
  subset?: Uint32Array;
  maxIterations?: number;
  /** Stop when no parameter moves by more than this. */
  tolerance?: number;
}

export const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** Fits P(y = 1 | x) = sigmoid(intercept + Σ weight · (x − mean) / scale). */
export function fitLogistic(x: FeatureMatrix, y: ArrayLike<number>, options: FitOptions = {}): LogisticModel {
  const { l2 = 1, maxIterations = 50, tolerance = 1e-8 } = options;
  const p = x.columns;
  const subset = options.subset ?? Uint32Array.from({ length: x.rows }, (_, i) => i);
  if (subset.length === 0) throw new Error('logistic regression: no rows to fit on');
  const { means, scales } = standardisation(x, subset);
  let positives = 0;
  for (const i of subset) positives += y[i]! ? 1 : 0;
  // Start from the base rate (clamped off 0 and 1, so that a subset of one class still starts finite).
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / subset.length));
  // The rows fitted, standardised once, each with a leading 1 for the intercept: the passes then only multiply and add.
  const z = standardisedRows(x, subset, means, scales);
  const labels = Uint8Array.from(subset, (i) => (y[i] ? 1 : 0));
  let beta = new Float64Array(p + 1);
  beta[0] = Math.log(rate / (1 - rate));
  let at = newtonPass(z, labels, beta, l2);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    const step = solveStep(at);
    // Newton's step on this concave objective almost always improves it; halve it when it does not. The pass at the
    // new point also gives the next step's gradient and Hessian: one pass over the rows per iteration.
    let next = beta.map((b, j) => b + step[j]!);
    let there = newtonPass(z, labels, next, l2);
    for (let halvings = 0; halvings < 30 && there.objective < at.objective - 1e-12 * Math.abs(at.objective); halvings++) {
      for (let j = 0; j <= p; j++) step[j]! /= 2;
      next = beta.map((b, j) => b + step[j]!);
      there = newtonPass(z, labels, next, l2);
    }
    let moved = 0;
    for (let j = 0; j <= p; j++) moved = Math.max(moved, Math.abs(step[j]!));
    beta = next;
    at = there;
    converged = moved < tolerance;
  }
  return { intercept: beta[0]!, weights: beta.slice(1), means, scales, iterations, converged };
}

/** The model's probability for one row of raw features. */
export function predict(model: LogisticModel, row: ArrayLike<number>): number {
  return sigmoid(linearPredictor(model, row));
}

export function linearPredictor(model: LogisticModel, row: ArrayLike<number>): number {
  let eta = model.intercept;
  for (let j = 0; j < model.weights.length; j++) eta += (model.weights[j]! * (row[j]! - model.means[j]!)) / model.scales[j]!;
  return eta;
}

/** The weights on the raw features' own scale, and the intercept at zero: what the data were drawn with, for checks. */
export function rawCoefficients(model: LogisticModel): { intercept: number; weights: number[] } {
  const weights = Array.from(model.weights, (w, j) => w / model.scales[j]!);
  const intercept = model.intercept - weights.reduce((sum, w, j) => sum + w * model.means[j]!, 0);
  return { intercept, weights };
}

function standardisation(x: FeatureMatrix, subset: Uint32Array): { means: Float64Array; scales: Float64Array } {
  const p = x.columns;
  const means = new Float64Array(p);
  const squares = new Float64Array(p);
  for (const i of subset) for (let j = 0; j < p; j++) means[j]! += x.values[i * p + j]!;
  for (let j = 0; j < p; j++) means[j]! /= subset.length;
  for (const i of subset) {
    for (let j = 0; j < p; j++) {
      const d = x.values[i * p + j]! - means[j]!;
      squares[j]! += d * d;
    }
  }
  const scales = squares.map((s) => Math.sqrt(s / subset.length)).map((sd) => (sd > 1e-12 ? sd : 1));
  return { means, scales };
}

function standardisedRows(x: FeatureMatrix, subset: Uint32Array, means: Float64Array, scales: Float64Array): Float64Array {
  const p = x.columns;
  const k = p + 1;
  const z = new Float64Array(subset.length * k);
  for (let r = 0; r < subset.length; r++) {
    const i = subset[r]!;
    z[r * k] = 1;
    for (let j = 0; j < p; j++) z[r * k + j + 1] = (x.values[i * p + j]! - means[j]!) / scales[j]!;
  }
  return z;
}

interface Pass {
  /** The penalised log-likelihood at the point. */
  objective: number;
  /** Its gradient, and the negated Hessian (XᵀWX + λI, upper triangle), at the point. */
  gradient: Float64Array;
  hessian: Float64Array;
}

/** One pass over the standardised rows: the objective, its gradient and Hessian at beta. */
function newtonPass(z: Float64Array, y: Uint8Array, beta: Float64Array, l2: number): Pass {
  const k = beta.length;
  const hessian = new Float64Array(k * k);
  const gradient = new Float64Array(k);
  let objective = 0;
  for (let r = 0, row = 0; r < y.length; r++, row += k) {
    let eta = 0;
    for (let j = 0; j < k; j++) eta += beta[j]! * z[row + j]!;
    // log(1 + e^eta) and the probability from one exponential, without overflow
    const e = Math.exp(-Math.abs(eta));
    objective += (y[r] ? eta : 0) - (Math.max(eta, 0) + Math.log1p(e));
    const mu = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
    const w = mu * (1 - mu);
    const residual = y[r]! - mu;
    for (let a = 0; a < k; a++) {
      const za = z[row + a]!;
      gradient[a]! += residual * za;
      const wa = w * za;
      const h = a * k;
      for (let b = a; b < k; b++) hessian[h + b]! += wa * z[row + b]!;
    }
  }
  for (let a = 1; a < k; a++) {
    objective -= (l2 / 2) * beta[a]! * beta[a]!;
    hessian[a * k + a]! += l2;
    gradient[a]! -= l2 * beta[a]!;
  }
  return { objective, gradient, hessian };
}

/** Newton's step: solves (XᵀWX + λI) Δ = gradient, a small system (one row per feature). */
function solveStep({ gradient, hessian }: Pass): Float64Array {
  const k = gradient.length;
  const rows = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => (b >= a ? hessian[a * k + b]! : hessian[b * k + a]!)));
  const h = new Matrix(rows);
  const g = Matrix.columnVector(Array.from(gradient));
  const cholesky = new CholeskyDecomposition(h);
  // Without a penalty a feature that never varies leaves the Hessian singular: the least-squares solve copes.
  const delta = cholesky.isPositiveDefinite() ? cholesky.solve(g) : solve(h, g, true);
  return Float64Array.from(delta.getColumn(0));
}
