import assert from 'node:assert/strict';
import { test } from 'node:test';
import { civilOf, dayMonthText, dayOf, historyMonths, isRealDate, isoDay, parseIsoDay, usText, MonthOfDay } from './calendar.ts';

test('day numbers agree with the JavaScript calendar, both ways', () => {
  for (let day = dayOf(1900, 1, 1); day <= dayOf(2100, 12, 31); day += 37) {
    const expected = new Date(day * 86_400_000).toISOString().slice(0, 10);
    assert.equal(isoDay(day), expected);
    const { year, month, day: d } = civilOf(day);
    assert.equal(dayOf(year, month, d), day);
  }
  assert.equal(dayOf(1970, 1, 1), 0);
});

test('each system format writes the same date its own way, impossible ones included', () => {
  assert.equal(usText({ year: 1971, month: 6, day: 24 }), '06/24/1971');
  assert.equal(dayMonthText({ year: 1971, month: 6, day: 24 }), '24-Jun-1971');
  assert.equal(dayMonthText({ year: 1975, month: 2, day: 31 }), '31-Feb-1975');
  assert.equal(usText({ year: 1980, month: 13, day: 45 }), '13/45/1980');
  assert.equal(isRealDate({ year: 2024, month: 2, day: 29 }), true);
  assert.equal(isRealDate({ year: 2023, month: 2, day: 29 }), false);
  assert.throws(() => parseIsoDay('2026-02-30'));
});

test('history months end with the as-of month, which stops at the as-of day', () => {
  const months = historyMonths(parseIsoDay('2026-10-15'), 12);
  assert.deepEqual(months.map((m) => m.label).slice(0, 3), ['2025-11', '2025-12', '2026-01']);
  assert.equal(months.at(-1)!.label, '2026-10');
  assert.equal(isoDay(months.at(-1)!.lastDay), '2026-10-15');
  assert.equal(isoDay(months[3]!.lastDay), '2026-02-28');
  const monthOf = new MonthOfDay(months);
  assert.equal(monthOf.of(parseIsoDay('2026-01-31')), 2);
  assert.equal(monthOf.of(parseIsoDay('2025-10-31')), -1);
  assert.equal(monthOf.of(parseIsoDay('2026-10-16')), -1);
});
