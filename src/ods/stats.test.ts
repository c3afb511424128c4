import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunRecord } from './rows.ts';
import { forEachEngine } from './test-engines.ts';
import { account, batches, customer, household, sourceRecord } from './test-rows.ts';

function run(run_id: number, status: RunRecord['status'], rejected: number[]): RunRecord {
  return {
    run_id,
    started_at: `2024-05-0${run_id}T08:00:00.000Z`,
    finished_at: status === 'running' ? null : `2024-05-0${run_id}T08:05:00.000Z`,
    status,
    error: status === 'failed' ? 'source unreachable' : null,
    sources: rejected.map((r, i) => ({ source: `src${i}`, entity: 'customer', files: 1, read: 100 + r, loaded: 100, rejected: r })),
  };
}

forEachEngine('ODS stats and runs', (engine) => {
  test('counts customers, households, source records, rejects of succeeded runs and active product lines', async () => {
    const ods = await engine.open();
    await ods.load(1, {
      upsert: {
        household: batches([household(1, 2)]),
        customer: batches([customer(1, { household_id: 1 }), customer(2, { household_id: 1 }), customer(3), customer(4)]),
        customer_source: batches([sourceRecord('a', '1', 1), sourceRecord('b', '1', 1), sourceRecord('a', '2', 2)]),
        account: batches([
          // customer 1: three active lines (two wireless accounts count once)
          account('w', 'W1', 1, { product_line: 'wireless' }),
          account('w', 'W2', 1, { product_line: 'wireless' }),
          account('c', 'C1', 1, { product_line: 'cable' }),
          account('l', 'L1', 1, { product_line: 'longdistance' }),
          // customer 2: one active, one closed
          account('w', 'W3', 2, { product_line: 'wireless' }),
          account('c', 'C2', 2, { product_line: 'cable', status: 'closed' }),
          // customer 3: only closed; customer 4: nothing
          account('c', 'C3', 3, { product_line: 'cable', status: 'closed' }),
        ]),
      },
    });
    await ods.recordRun(run(1, 'succeeded', [3, 4]));
    await ods.recordRun(run(2, 'failed', [50]));
    await ods.recordRun(run(3, 'succeeded', [1]));
    assert.deepEqual(await ods.stats(), {
      customers: 4,
      households: 1,
      sourceRecords: 3,
      rejects: 8,
      productsPerCustomer: { '0': 2, '1': 1, '3': 1 },
      multiProductCustomers: 1,
    });
  });

  test('an empty ODS still reports zero customers with no products', async () => {
    const ods = await engine.open();
    assert.deepEqual(await ods.stats(), {
      customers: 0,
      households: 0,
      sourceRecords: 0,
      rejects: 0,
      productsPerCustomer: { '0': 0 },
      multiProductCustomers: 0,
    });
  });

  test('records runs, replaces one by its id with its per-source rows, and lists the latest first', async () => {
    const ods = await engine.open();
    await ods.recordRun(run(1, 'succeeded', [3, 4]));
    await ods.recordRun(run(2, 'running', [0, 0, 0]));
    await ods.recordRun(run(3, 'failed', [1]));
    // run 2 finishes: same id, fewer sources
    await ods.recordRun({ ...run(2, 'succeeded', [7]), sources: [{ source: 'src0', entity: 'account', files: 2, read: 9, loaded: 2, rejected: 7 }] });
    const runs = await ods.listRuns();
    assert.deepEqual(
      runs.map((r) => [r.run_id, r.status]),
      [
        [3, 'failed'],
        [2, 'succeeded'],
        [1, 'succeeded'],
      ],
    );
    assert.deepEqual(runs[1], {
      run_id: 2,
      started_at: '2024-05-02T08:00:00.000Z',
      finished_at: '2024-05-02T08:05:00.000Z',
      status: 'succeeded',
      error: null,
      sources: [{ source: 'src0', entity: 'account', files: 2, read: 9, loaded: 2, rejected: 7 }],
    });
    assert.equal(runs[0]!.error, 'source unreachable');
    assert.deepEqual(runs[2]!.sources.map((s) => s.source), ['src0', 'src1']);
    assert.deepEqual((await ods.listRuns(1)).map((r) => r.run_id), [3]);
    assert.equal((await ods.stats()).rejects, 3 + 4 + 7);
  });
});
