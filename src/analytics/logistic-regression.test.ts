// The logistic regression recovers the coefficients data were drawn with, and fits the same way every time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitLogistic, predict, rawCoefficients } from './logistic-regression.ts';
import { seeded } from './test-random.ts';

/** Rows drawn from known coefficients: features on different scales and means, as real ones are. */
function drawn(rows: number, seed: number) {
  const random = seeded(seed);
  const truth = { intercept: -1.2, weights: [0.8, -0.05, 1.5, 0] };
  const values = new Float64Array(rows * 4);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const x = [random.normal(), 40 + 12 * random.normal(), random.next() < 0.3 ? 1 : 0, 5 * random.normal()];
    values.set(x, i * 4);
    const eta = truth.intercept + x.reduce((s, v, j) => s + v * truth.weights[j]!, 0);
    y[i] = random.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { x: { rows, columns: 4, values }, y, truth };
}

test('recovers the coefficients the data were drawn with', () => {
  const { x, y, truth } = drawn(60_000, 11);
  const model = fitLogistic(x, y, { l2: 1 });
  assert.ok(model.converged, `converged in ${model.iterations} iterations`);
  const got = rawCoefficients(model);
  assert.ok(Math.abs(got.intercept - truth.intercept) < 0.15, `intercept ${got.intercept}`);
  truth.weights.forEach((w, j) => assert.ok(Math.abs(got.weights[j]! - w) < 0.05 * Math.max(1, Math.abs(w)), `weight ${j}: ${got.weights[j]} for ${w}`));
  // predictions follow the same formula as the fit
  const row = [0.5, 30, 1, -2];
  const eta = got.intercept + row.reduce((s, v, j) => s + v * got.weights[j]!, 0);
  assert.ok(Math.abs(predict(model, row) - 1 / (1 + Math.exp(-eta))) < 1e-9);
});

test('the same rows give the same weights, bit for bit; a subset fits only those rows', () => {
  const { x, y } = drawn(5000, 3);
  const a = fitLogistic(x, y);
  const b = fitLogistic(x, y);
  assert.deepEqual([a.intercept, ...a.weights], [b.intercept, ...b.weights]);
  const half = Uint32Array.from({ length: 2500 }, (_, i) => i * 2);
  const copy = { rows: 2500, columns: 4, values: Float64Array.from({ length: 10_000 }, (_, k) => x.values[Math.floor(k / 4) * 8 + (k % 4)]!) };
  const evens = Uint8Array.from(half, (i) => y[i]!);
  const bySubset = fitLogistic(x, y, { subset: half });
  const byCopy = fitLogistic(copy, evens);
  assert.deepEqual([bySubset.intercept, ...bySubset.weights], [byCopy.intercept, ...byCopy.weights]);
});

test('a feature that never varies gets no weight; perfectly separated data stay finite under the penalty', () => {
  const values = new Float64Array([0, 7, 1, 7, 2, 7, 3, 7, 4, 7, 5, 7]);
  const y = [0, 0, 0, 1, 1, 1];
  const model = fitLogistic({ rows: 6, columns: 2, values }, y, { l2: 1 });
  assert.equal(model.weights[1], 0);
  assert.ok(Number.isFinite(model.weights[0]!) && model.weights[0]! > 0);
  assert.throws(() => fitLogistic({ rows: 0, columns: 2, values: new Float64Array() }, []), /no rows to fit on/);
});
