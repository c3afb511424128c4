import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeySequence, systemKeys } from './system-keys.ts';

test('keys are unique, fixed width and not handed out in counting order', () => {
  const keys = new KeySequence('LD', 7, 1);
  const issued = Array.from({ length: 50_000 }, () => keys.next());
  assert.equal(new Set(issued).size, issued.length);
  assert.ok(issued.every((k) => /^LD\d{7}$/.test(k)));
  const ascending = issued.slice(1).filter((k, i) => k > issued[i]!).length;
  assert.ok(ascending > 20_000 && ascending < 30_000, 'successive keys go up about half the time');
});

test('an unissued key looks like a real one but was never handed out', () => {
  const keys = new KeySequence('CB-', 6, 3);
  const issued = new Set(Array.from({ length: 100_000 }, () => keys.next()));
  for (let k = 0; k < 20; k++) {
    const orphan = keys.unissued(k);
    assert.match(orphan, /^CB-\d{6}$/);
    assert.ok(!issued.has(orphan));
  }
});

test('the schemes follow each system, and widen only when the run is large', () => {
  const small = systemKeys(1, 1000);
  assert.match(small.customers.cellular.next(), /^S\d{8}$/);
  assert.match(small.accounts.cellular.next(), /^CEL-\d{10}$/);
  assert.match(small.accounts.long_distance.next(), /^LD-A-\d{6}$/);
  assert.match(small.accounts.cable.next(), /^CATV\d{7}$/);
  assert.match(systemKeys(1, 1_000_000).accounts.long_distance.next(), /^LD-A-\d{7}$/);
  assert.notEqual(systemKeys(2, 1000).customers.cellular.next(), systemKeys(1, 1000).customers.cellular.next());
});
