// AUC, precision at the top and calibration, against counts made the slow and obvious way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auc, calibration, precisionAtTop } from './evaluation.ts';
import { seeded } from './test-random.ts';

/** Every positive–negative pair: 1 when the positive scores higher, half when they tie. */
function pairwiseAuc(scores: number[], labels: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!labels[i]) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j]) continue;
      pairs++;
      wins += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

test('AUC equals the pairwise count, ties counting half, on random data with many ties', () => {
  const random = seeded(5);
  for (let round = 0; round < 30; round++) {
    const n = 5 + Math.floor(random.next() * 200);
    // few distinct scores, so ties abound
    const scores = Array.from({ length: n }, () => Math.floor(random.next() * 8) / 8);
    const labels = scores.map((s) => (random.next() < 0.2 + 0.6 * s ? 1 : 0));
    if (!labels.includes(1) || !labels.includes(0)) continue;
    assert.ok(Math.abs(auc(scores, labels)! - pairwiseAuc(scores, labels)) < 1e-12, `round ${round}`);
  }
  assert.equal(auc([0.1, 0.2, 0.3], [0, 1, 1]), 1);
  assert.equal(auc([0.5, 0.5], [0, 1]), 0.5, 'a tie is half');
  assert.equal(auc([0.1, 0.2], [1, 1]), null, 'no negatives: nothing to rank');
});

test('precision at the top tenth and calibration by deciles', () => {
  const scores = Array.from({ length: 100 }, (_, i) => i / 100);
  const labels = scores.map((_, i) => (i >= 95 || i % 10 === 0 ? 1 : 0));
  assert.equal(precisionAtTop(scores, labels, 0.1), 6 / 10, 'the top ten rows: 90 and 95 to 99');
  assert.equal(precisionAtTop([0.3], [1], 0.1), 1, 'at least one row');
  assert.equal(precisionAtTop([], []), null);
  const bins = calibration(scores, labels);
  assert.equal(bins.length, 10);
  assert.deepEqual(bins.map((b) => b.rows), Array(10).fill(10));
  assert.ok(Math.abs(bins[0]!.predicted - 0.045) < 1e-12);
  assert.equal(bins[0]!.observed, 0.1);
  assert.equal(bins[9]!.observed, 0.6);
  assert.deepEqual(calibration([0.2, 0.1, 0.3], [0, 0, 1], 2).map((b) => b.rows), [2, 1], 'the first bins take the rows left over');
});
