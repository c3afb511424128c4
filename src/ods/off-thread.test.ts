import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openOdsOffThread } from './off-thread.ts';
import { forEachEngine } from './test-engines.ts';
import { account, batches, customer, score, sourceRecord } from './test-rows.ts';

forEachEngine('ODS off the thread', (engine) => {
  test('answers the same as in-thread', async () => {
    const config = await engine.fresh();
    const ods = await engine.open(config);
    await ods.load(1, {
      upsert: {
        customer: batches([customer(1, { phones: [{ value: '+15551234567', source: 'core' }] }), customer(2, { given_name: 'Roberta' })]),
        customer_source: batches([sourceRecord('web', 'W1', 1, { given_name: 'Bob' })]),
        account: batches([account('wireless', 'A1', 1)]),
      },
    });
    await ods.loadScores(1, batches([score(1, 1)]));
    await ods.recordRun({ run_id: 1, started_at: '2024-05-01T08:00:00.000Z', finished_at: null, status: 'running', error: null, sources: [] });
    const expected = {
      search: await ods.searchCustomers('rob'),
      phone: await ods.searchCustomers('555 123 4567'),
      profile: await ods.getCustomer(1),
      missing: await ods.getCustomer(99),
      scores: await ods.scoresOf(1),
      stats: await ods.stats(),
      runs: await ods.listRuns(),
      oper: { ...(await ods.operFigures('UTC')), computedAt: 'now' },
    };
    await ods.close(); // one PGlite per data directory at a time

    const reader = await openOdsOffThread(config);
    try {
      const actual = {
        search: await reader.searchCustomers('rob'),
        phone: await reader.searchCustomers('555 123 4567'),
        profile: await reader.getCustomer(1),
        missing: await reader.getCustomer(99),
        scores: await reader.scoresOf(1),
        stats: await reader.stats(),
        runs: await reader.listRuns(),
        oper: { ...(await reader.operFigures('UTC')), computedAt: 'now' },
      };
      assert.deepEqual(actual, expected);
      assert.equal(actual.search.total, 2);
      assert.equal(actual.scores?.valueTier, 'top');
    } finally {
      await reader.close();
    }
    await assert.rejects(reader.stats(), /closed/);
  });

  test('reports a failure to open as an error, not a crash', async () => {
    const config = engine.name === 'pglite' ? { dir: '/proc/cif-cannot-write-here' } : { url: 'postgres://nobody@127.0.0.1:1/none' };
    await assert.rejects(openOdsOffThread(config));
  });
});
