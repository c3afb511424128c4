import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random, WeightedTable } from './random.ts';

const draws = (rng: Random, n: number) => Array.from({ length: n }, () => rng.nextUint32());

test('a stream repeats for the same seed, stream and entity, and differs otherwise', () => {
  assert.deepEqual(draws(new Random(1, 2, 3), 20), draws(new Random(1, 2, 3), 20));
  assert.notDeepEqual(draws(new Random(1, 2, 3), 20), draws(new Random(1, 2, 4), 20));
  assert.notDeepEqual(draws(new Random(1, 2, 3), 20), draws(new Random(2, 2, 3), 20));
  const reused = new Random();
  reused.reseed(1, 2, 3);
  assert.deepEqual(draws(reused, 20), draws(new Random(1, 2, 3), 20));
});

test('draws stay in range and look uniform', () => {
  const rng = new Random(5);
  const counts = new Array(10).fill(0);
  for (let i = 0; i < 100_000; i++) counts[rng.int(10)]++;
  for (const c of counts) assert.ok(Math.abs(c - 10_000) < 500, `bucket ${c}`);
  for (let i = 0; i < 1000; i++) {
    const v = rng.between(3, 5);
    assert.ok(v >= 3 && v <= 5 && Number.isInteger(v));
  }
  const mean = Array.from({ length: 20_000 }, () => rng.poisson(2.5)).reduce((a, b) => a + b, 0) / 20_000;
  assert.ok(Math.abs(mean - 2.5) < 0.1, `poisson mean ${mean}`);
});

test('a weighted table draws in proportion to the weights; a Zipf table favours the first ranks', () => {
  const rng = new Random(9);
  const table = new WeightedTable(['a', 'b', 'c'], [1, 2, 7]);
  const seen = { a: 0, b: 0, c: 0 };
  for (let i = 0; i < 50_000; i++) seen[table.draw(rng) as 'a']++;
  assert.ok(Math.abs(seen.c / 50_000 - 0.7) < 0.01 && Math.abs(seen.a / 50_000 - 0.1) < 0.01);
  const zipf = WeightedTable.zipf(['x', 'y', 'z', 'w'], 1);
  assert.ok(zipf.share(0) > zipf.share(1) && zipf.share(1) > zipf.share(3));
  assert.ok(Math.abs(zipf.share(0) / zipf.share(1) - 2) < 1e-9);
});
