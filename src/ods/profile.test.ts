import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachEngine } from './test-engines.ts';
import { account, batches, contact, customer, household, sourceRecord } from './test-rows.ts';

forEachEngine('ODS customer profile', (engine) => {
  test('shows the golden record with its source records, household, accounts and latest contacts', async () => {
    const ods = await engine.open();
    const contacts = Array.from({ length: 60 }, (_, i) =>
      contact('care', `K${String(i).padStart(2, '0')}`, 1, new Date(Date.UTC(2024, 0, 1 + i, 9, 30)).toISOString()),
    );
    await ods.load(1, {
      upsert: {
        household: batches([household(7, 2)]),
        customer: batches([customer(1, { household_id: 7 }), customer(2, { given_name: 'Mary', middle_name: 'Ann', household_id: 7, birth_date: '1972-06-01' })]),
        customer_source: batches([sourceRecord('web', 'W1', 1, { given_name: 'Bob' }), sourceRecord('core', 'S1', 1)]),
        account: batches([
          account('wireless', 'WL-1', 1, { product_line: 'wireless' }),
          account('cable', 'CB-1', 1, { product_line: 'cable', status: 'closed', closed_on: '2023-12-31', monthly_amount: null }),
        ]),
        contact: batches(contacts),
      },
    });
    const profile = await ods.getCustomer(1);
    assert.ok(profile);
    assert.equal(profile.redirectedFrom, undefined);
    assert.equal(profile.customer.customer_id, 1);
    assert.equal(profile.customer.given_name, 'Robert');
    assert.deepEqual(
      profile.sourceRecords.map((s) => [s.source, s.source_key, s.given_name]),
      [
        ['core', 'S1', 'Robert'],
        ['web', 'W1', 'Bob'],
      ],
    );
    assert.equal(profile.household!.household_id, 7);
    assert.equal(profile.household!.member_count, 2);
    assert.deepEqual(profile.household!.members, [
      { customer_id: 1, name: 'Robert Smith', birth_date: '1970-01-31' },
      { customer_id: 2, name: 'Mary Ann Smith', birth_date: '1972-06-01' },
    ]);
    // active accounts first
    assert.deepEqual(
      profile.accounts.map((a) => [a.account_key, a.status, a.monthly_amount]),
      [
        ['WL-1', 'active', 45.5],
        ['CB-1', 'closed', null],
      ],
    );
    assert.equal(profile.contacts.length, 50);
    assert.equal(profile.contacts[0]!.contact_key, 'K59');
    assert.equal(profile.contacts[0]!.contacted_at, '2024-02-29T09:30:00.000Z');
    assert.equal(profile.contacts[49]!.contact_key, 'K10');
  });

  test('follows a chain of merges to the surviving customer and says where it came from', async () => {
    const ods = await engine.open();
    await ods.load(1, { upsert: { customer: batches([customer(10), customer(11), customer(12)]), customer_source: batches([sourceRecord('core', 'S10', 10)]) } });
    // 10 merges into 11 in one run, 11 into 12 in the next: 10's record ends up at 12
    await ods.load(2, { redirects: [{ from_id: 10, to_id: 11, run_id: 2, reason: 'duplicate' }], remove: { customer: [10] } });
    await ods.load(3, { redirects: [{ from_id: 11, to_id: 12, run_id: 3, reason: 'duplicate' }], remove: { customer: [11] } });
    const profile = await ods.getCustomer(10);
    assert.equal(profile!.customer.customer_id, 12);
    assert.equal(profile!.redirectedFrom, 10);
    assert.deepEqual(profile!.sourceRecords.map((s) => s.source_key), ['S10']);
    assert.equal((await ods.getCustomer(11))!.customer.customer_id, 12);
    const direct = await ods.getCustomer(12);
    assert.equal(direct!.redirectedFrom, undefined);
    assert.equal(direct!.household, null);
  });

  test('resolves a chain given in one load, moving rows along it', async () => {
    const ods = await engine.open();
    await ods.load(1, { upsert: { customer: batches([customer(20), customer(21), customer(22)]), account: batches([account('wireless', 'A20', 20)]) } });
    const counts = await ods.load(2, {
      redirects: [
        { from_id: 20, to_id: 21, run_id: 2, reason: 'duplicate' },
        { from_id: 21, to_id: 22, run_id: 2, reason: 'duplicate' },
      ],
      remove: { customer: [20, 21] },
    });
    assert.deepEqual(counts.customer, { inserted: 0, updated: 0, deleted: 2 });
    const profile = await ods.getCustomer(20);
    assert.equal(profile!.customer.customer_id, 22);
    assert.deepEqual(profile!.accounts.map((a) => a.account_key), ['A20']);
  });

  test('returns null for an id that never existed or whose chain leads nowhere', async () => {
    const ods = await engine.open();
    await ods.load(1, { upsert: { customer: batches([customer(30)]) } });
    assert.equal(await ods.getCustomer(404), null);
    assert.equal(await ods.getCustomer(1.5), null);
    // a cycle must not loop forever
    await ods.query(`insert into customer_redirect values (40, 41, 1, 'x'), (41, 40, 1, 'x')`);
    assert.equal(await ods.getCustomer(40), null);
  });
});
