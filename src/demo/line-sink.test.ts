import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { KeyOrderedSink, LineSink } from './line-sink.ts';

const dir = mkdtempSync(join(tmpdir(), 'cif-sink-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('rows written as text, as bytes or built in place come out in order, across many chunks', async () => {
  const sink = new LineSink(join(dir, 'rows.csv'), 'ID,AMOUNT');
  for (let i = 0; i < 30_000; i++) {
    if (i % 3 === 0) sink.add(`${i},Zoë`);
    else sink.putDigits(i).putByte(44).putMoney(i * 7).endRow();
  }
  await sink.close();
  const lines = readFileSync(join(dir, 'rows.csv'), 'utf8').split('\n');
  assert.equal(lines[0], 'ID,AMOUNT');
  assert.equal(lines.length, 30_002);
  assert.equal(lines[1], '0,Zoë');
  assert.equal(lines[2], '1,0.07');
  assert.equal(lines[3], '2,0.14');
  assert.equal(lines[30_000], '29999,2099.93');
  assert.equal(lines[30_001], '');
  assert.equal(sink.rows, 30_000);
});

test('digits are zero-padded to the width asked for, never cut', async () => {
  const sink = new LineSink(join(dir, 'digits.txt'));
  sink.putDigits(42, 8).endRow();
  sink.putDigits(123456789, 4).endRow();
  sink.putMoney(5).endRow();
  await sink.close();
  assert.equal(readFileSync(join(dir, 'digits.txt'), 'utf8'), '00000042\n123456789\n0.05\n');
});

test('a key-ordered sink lists rows by the number in their key', async () => {
  const sink = new KeyOrderedSink(new LineSink(join(dir, 'keys.csv')));
  for (const n of [30, 4, 1000, 7]) sink.add(`S${String(n).padStart(8, '0')}`, `row ${n}`);
  await sink.close();
  assert.equal(readFileSync(join(dir, 'keys.csv'), 'utf8'), 'row 4\nrow 7\nrow 30\nrow 1000\n');
});
