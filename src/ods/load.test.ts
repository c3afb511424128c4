import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OdsLoadError } from './load.ts';
import type { Ods } from './ods.ts';
import type { OdsLoad } from './rows.ts';
import { forEachEngine } from './test-engines.ts';
import { account, batches, contact, customer, household, sourceRecord } from './test-rows.ts';

function firstLoad(): OdsLoad {
  return {
    upsert: {
      household: batches([household(7, 2)]),
      customer: batches(
        [
          customer(1, { household_id: 7, emails: [{ value: 'rob@example.com', source: 'core' }], phones: [{ value: '+15551234567', source: 'core' }] }),
          customer(2, { given_name: 'Mary', household_id: 7 }),
          customer(3, { given_name: 'Ann', family_name: 'Lee' }),
        ],
        2,
      ),
      customer_source: batches([sourceRecord('core', 'S1', 1), sourceRecord('web', 'W1', 1, { given_name: 'Bob' }), sourceRecord('core', 'S2', 2)]),
      account: batches([account('wireless', 'A1', 1), account('cable', 'C1', 1, { product_line: 'cable', status: 'closed', closed_on: '2023-02-01' })]),
      contact: batches([contact('care', 'K1', 1, '2024-03-01T10:00:00Z', { is_complaint: true, notes: 'line 1\nline "2", with, commas' })]),
    },
  };
}

async function tableCounts(ods: Ods) {
  const [row] = await ods.query(
    `select (select count(*) from customer) as customer, (select count(*) from customer_source) as customer_source,
            (select count(*) from household) as household, (select count(*) from account) as account,
            (select count(*) from contact) as contact, (select count(*) from customer_search_term) as terms`,
  );
  return row;
}

const noChange = { inserted: 0, updated: 0, deleted: 0 };

forEachEngine('ODS load', (engine) => {
  test('inserts, then an identical load counts 0 updated and changes nothing', async () => {
    const ods = await engine.open();
    const counts = await ods.load(1, firstLoad());
    assert.deepEqual(counts, {
      household: { inserted: 1, updated: 0, deleted: 0 },
      customer: { inserted: 3, updated: 0, deleted: 0 },
      customer_source: { inserted: 3, updated: 0, deleted: 0 },
      account: { inserted: 2, updated: 0, deleted: 0 },
      contact: { inserted: 1, updated: 0, deleted: 0 },
      customer_redirect: noChange,
    });
    const before = await ods.query('select * from customer order by customer_id');
    const termsBefore = await ods.query('select * from customer_search_term order by customer_id, kind, term');

    const again = await ods.load(2, firstLoad());
    for (const [table, c] of Object.entries(again)) assert.deepEqual(c, noChange, table);
    assert.deepEqual(await ods.query('select * from customer order by customer_id'), before);
    assert.deepEqual(await ods.query('select * from customer_search_term order by customer_id, kind, term'), termsBefore);
    const [stamp] = await ods.query<{ first_run: number; updated_run: number }>('select first_run, updated_run from customer where customer_id = 1');
    assert.deepEqual(stamp, { first_run: 1, updated_run: 1 });
  });

  test('values come back normalised: ids and amounts as numbers, dates and timestamps as strings', async () => {
    const ods = await engine.open();
    await ods.load(1, firstLoad());
    const [c] = await ods.query('select * from customer where customer_id = 1');
    assert.equal(c!.customer_id, 1);
    assert.equal(c!.household_id, 7);
    assert.equal(c!.birth_date, '1970-01-31');
    assert.deepEqual(c!.phones, [{ value: '+15551234567', source: 'core' }]);
    const [a] = await ods.query(`select * from account where account_key = 'A1'`);
    assert.equal(a!.monthly_amount, 45.5);
    assert.equal(a!.updated_run, 1);
    const [k] = await ods.query('select * from contact');
    assert.equal(k!.contacted_at, '2024-03-01T10:00:00.000Z');
    assert.equal(k!.is_complaint, true);
    assert.equal(k!.notes, 'line 1\nline "2", with, commas');
    const [agg] = await ods.query('select count(*) as n, sum(customer_id) as total, array_agg(customer_id order by customer_id) as ids from customer');
    assert.deepEqual(agg, { n: 3, total: 6, ids: [1, 2, 3] });
  });

  test('a changed row is updated and stamped with the run; the others are left alone', async () => {
    const ods = await engine.open();
    await ods.load(1, firstLoad());
    const counts = await ods.load(2, {
      upsert: {
        customer: batches([customer(1, { household_id: 7, family_name: 'Smyth', emails: [{ value: 'rob@example.com', source: 'core' }], phones: [{ value: '+15551234567', source: 'core' }] }), customer(2, { given_name: 'Mary', household_id: 7 })]),
        account: batches([account('wireless', 'A1', 1, { monthly_amount: 50 }), account('wireless', 'A2', 2)]),
      },
    });
    assert.deepEqual(counts.customer, { inserted: 0, updated: 1, deleted: 0 });
    assert.deepEqual(counts.account, { inserted: 1, updated: 1, deleted: 0 });
    const rows = await ods.query<{ customer_id: number; family_name: string; first_run: number; updated_run: number }>(
      'select customer_id, family_name, first_run, updated_run from customer order by customer_id',
    );
    assert.deepEqual(rows, [
      { customer_id: 1, family_name: 'Smyth', first_run: 1, updated_run: 2 },
      { customer_id: 2, family_name: 'Smith', first_run: 1, updated_run: 1 },
      { customer_id: 3, family_name: 'Lee', first_run: 1, updated_run: 1 },
    ]);
    // the new surname is searchable, the old one is gone from customer 1's golden terms
    const terms = await ods.query<{ kind: string; term: string }>(`select kind, term from customer_search_term where customer_id = 1 and kind in ('name', 'alias') order by term`);
    assert.ok(terms.some((t) => t.kind === 'name' && t.term === 'smyth'));
    assert.ok(terms.some((t) => t.kind === 'alias' && t.term === 'smith'), 'still in the source records');
  });

  test('a failing batch leaves nothing of the load, and the error names the table and column', async () => {
    const ods = await engine.open();
    await ods.load(1, firstLoad());
    const before = await tableCounts(ods);
    const customers = Array.from({ length: 5 }, (_, i) => customer(100 + i));
    customers[4] = customer(104, { birth_date: 'not-a-date' });
    await assert.rejects(
      ods.load(2, {
        upsert: {
          customer: batches(customers, 2), // batches 1 and 2 were fine and merged before batch 3 failed
          household: batches([household(8, 1)]),
        },
      }),
      (error: Error) => {
        assert.ok(error instanceof OdsLoadError);
        assert.match(error.message, /nothing was written/);
        assert.match(error.message, /customer, batch 3/);
        assert.match(error.message, /birth_date/);
        return true;
      },
    );
    assert.deepEqual(await tableCounts(ods), before);
  });

  test('the same key twice in one batch fails the load instead of picking one', async () => {
    const ods = await engine.open();
    await assert.rejects(
      ods.load(1, { upsert: { customer: batches([customer(70), customer(71), customer(70, { given_name: 'Other' })]) } }),
      /customer, batch 1: .*a second time/,
    );
    assert.deepEqual(await ods.query('select customer_id from customer'), []);
  });

  test('a dangling reference fails at commit and leaves nothing', async () => {
    const ods = await engine.open();
    await ods.load(1, firstLoad());
    const before = await tableCounts(ods);
    await assert.rejects(
      ods.load(2, { upsert: { customer: batches([customer(50)]), account: batches([account('wireless', 'A9', 999)]) } }),
      /nothing was written.*account/s,
    );
    assert.deepEqual(await tableCounts(ods), before);
  });

  test('an error thrown by the caller while yielding rolls the load back', async () => {
    const ods = await engine.open();
    async function* failing() {
      yield [customer(60)];
      throw new Error('source went away');
    }
    await assert.rejects(ods.load(1, { upsert: { customer: failing() } }), /source went away/);
    assert.deepEqual(await ods.query('select customer_id from customer'), []);
  });

  test('removes merged customers, moves what they held to the survivor and redirects their ids', async () => {
    const ods = await engine.open();
    await ods.load(1, firstLoad());
    // customer 3 merges into 2, and 2 is kept; customer 1's web record moves to 2 explicitly in the same load
    const counts = await ods.load(2, {
      upsert: {
        customer_source: batches([sourceRecord('core', 'S3', 3), sourceRecord('web', 'W1', 2, { given_name: 'Bob' })]),
        account: batches([account('wireless', 'A3', 3)]),
      },
    });
    assert.deepEqual(counts.customer_source, { inserted: 1, updated: 1, deleted: 0 });
    const merged = await ods.load(3, {
      redirects: [{ from_id: 3, to_id: 2, run_id: 3, reason: 'same name and birth date' }],
      remove: { customer: [3] },
    });
    assert.deepEqual(merged.customer, { inserted: 0, updated: 0, deleted: 1 });
    assert.deepEqual(merged.customer_redirect, { inserted: 1, updated: 0, deleted: 0 });
    assert.deepEqual(merged.customer_source, { inserted: 0, updated: 1, deleted: 0 });
    assert.deepEqual(merged.account, { inserted: 0, updated: 1, deleted: 0 });
    const held = await ods.query(`select source_key, customer_id, loaded_run from customer_source where source_key in ('S3', 'W1') order by source_key`);
    assert.deepEqual(held, [
      { source_key: 'S3', customer_id: 2, loaded_run: 3 },
      { source_key: 'W1', customer_id: 2, loaded_run: 2 },
    ]);
    assert.deepEqual(await ods.query('select customer_id from customer_search_term where customer_id = 3'), []);
    const keys = await ods.query<{ term: string }>(`select term from customer_search_term where customer_id = 2 and kind in ('source_key', 'account_key') order by term`);
    assert.deepEqual(keys.map((k) => k.term), ['a3', 's2', 's3', 'w1']);
    // reloading the same merge changes nothing
    const again = await ods.load(4, { redirects: [{ from_id: 3, to_id: 2, run_id: 3, reason: 'same name and birth date' }], remove: { customer: [3] } });
    for (const [table, c] of Object.entries(again)) assert.deepEqual(c, noChange, table);
  });

  test('removing a household its members still point at fails; emptying it first works', async () => {
    const ods = await engine.open();
    await ods.load(1, firstLoad());
    await assert.rejects(ods.load(2, { remove: { household: [7] } }), /household/);
    const counts = await ods.load(2, {
      upsert: { customer: batches([customer(1, { household_id: null }), customer(2, { given_name: 'Mary', household_id: null })]) },
      remove: { household: [7] },
    });
    assert.deepEqual(counts.household, { inserted: 0, updated: 0, deleted: 1 });
    assert.deepEqual(await ods.query('select household_id from household'), []);
  });

  test('splits a batch bigger than one COPY into several and counts them all', async () => {
    const ods = await engine.open();
    const many = Array.from({ length: 50_001 }, (_, i) => customer(i + 1, { given_name: `G${i % 50}` }));
    const counts = await ods.load(1, { upsert: { customer: batches(many) } });
    assert.deepEqual(counts.customer, { inserted: 50_001, updated: 0, deleted: 0 });
    const [n] = await ods.query<{ n: number }>(`select count(*) as n from customer_search_term where kind = 'name'`);
    assert.equal(n!.n, 50_001 * 2);
  });
});
