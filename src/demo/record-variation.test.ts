import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from './random.ts';
import { dayOf, isRealDate } from './calendar.ts';
import { impossibleDate, recordedBirth, typo } from './record-variation.ts';
import { recasedEmail } from './text-formats.ts';

/** Levenshtein distance, counting a swap of neighbours as one edit. */
function edits(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

test('a typo is one slip away from the name and keeps its first letter', () => {
  const rng = new Random(3);
  for (const name of ['Robert', 'Elizabeth', 'Garcia', "O'Brien", 'Lee']) {
    for (let i = 0; i < 50; i++) {
      const slipped = typo(rng, name);
      assert.ok(edits(name, slipped) <= 1, `${name} → ${slipped}`);
      assert.equal(slipped[0], name[0]);
    }
  }
});

test('a keyed birth date is usually right, sometimes missing, swapped or one digit off', () => {
  const rng = new Random(4);
  const actual = dayOf(1971, 6, 8);
  let right = 0;
  let missing = 0;
  let swapped = 0;
  for (let i = 0; i < 20_000; i++) {
    const keyed = recordedBirth(rng, actual);
    if (keyed === null) missing++;
    else if (keyed.year === 1971 && keyed.month === 6 && keyed.day === 8) right++;
    else {
      assert.ok(isRealDate(keyed));
      if (keyed.month === 8 && keyed.day === 6) swapped++;
    }
  }
  assert.ok(right / 20_000 > 0.93 && right / 20_000 < 0.98, `right ${right}`);
  assert.ok(missing > 200 && missing < 600, `missing ${missing}`);
  assert.ok(swapped > 100, `swapped ${swapped}`);
});

test('an impossible date is never a real one, and the cable system never gets a month 13', () => {
  const rng = new Random(5);
  for (let i = 0; i < 2000; i++) {
    assert.equal(isRealDate(impossibleDate(rng, 1980, 'cellular')), false);
    assert.ok(impossibleDate(rng, 1980, 'cable').month <= 12);
  }
});

test('a recased e-mail differs only by case', () => {
  const email = 'bob.smith_2@example.com';
  assert.equal(recasedEmail(email), 'Bob.Smith_2@Example.Com');
  assert.equal(recasedEmail(email).toLowerCase(), email);
});
