// A load never undoes a front-line change that no run has taken yet: the change was made while the run was under
// way, so the run's golden record does not know it. Once a run has taken a change, the run's values stand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachEngine } from './test-engines.ts';
import { batches, customer } from './test-rows.ts';

const agent = { name: 'agent', role: 'agent', channel: 'workspace' as const };
const asDelivered = customer(1, { emails: [{ value: 'old@example.com', source: 'core' }, { value: 'second@example.com', source: 'web' }] });

forEachEngine('front-line changes and loads', (engine) => {
  test('a load applies again what waits for a run, and lets go of what a run took', async () => {
    const ods = await engine.open();
    await ods.load(1, { upsert: { customer: batches([asDelivered]) } });
    const { customer: changed, change } = await ods.updateCustomerDetails({
      customerId: 1, version: (await ods.getCustomer(1))!.customer.version, actor: agent, outbound: null,
      change: { address_line: '2 NEW RD', email: 'second@example.com', middle_name: 'Lee' },
    });
    assert.deepEqual(await ods.pendingDetailsChanges(), [{ change_id: change.change_id, customer_id: 1, changed_at: change.changed_at, after: change.after }]);

    // A run that started before the change delivers the customer as it was.
    await ods.load(2, { upsert: { customer: batches([{ ...asDelivered, family_name: 'Smythe' }]) } });
    const kept = (await ods.getCustomer(1))!.customer;
    assert.equal(kept.address_line, '2 NEW RD');
    assert.equal(kept.address_source, 'frontline');
    assert.equal(kept.middle_name, 'Lee');
    assert.equal(kept.family_name, 'Smythe', 'what the front line did not change comes from the run');
    assert.deepEqual(kept.emails, [{ value: 'second@example.com', source: 'frontline' }, { value: 'old@example.com', source: 'core' }]);
    assert.ok(kept.version > changed.version, 'a reader of the run\'s row cannot write over the change unawares');
    assert.deepEqual((await ods.searchCustomers('Robert Lee Smythe')).items.map((h) => h.customer_id), [1], 'search finds it by the kept name');

    // The run that took the change delivers the customer without it (a source maintained it later): that stands.
    await ods.load(3, { upsert: { customer: batches([{ ...asDelivered, address_line: '3 LATER ST' }]) }, frontLineTaken: [{ changeId: change.change_id, runId: 3 }] });
    assert.equal((await ods.getCustomer(1))!.customer.address_line, '3 LATER ST');
    assert.deepEqual(await ods.pendingDetailsChanges(), []);
    const [audit] = await ods.listChanges(1);
    assert.equal(Number(audit!.applied_run), 3);
    await assert.rejects(ods.load(4, { frontLineTaken: [{ changeId: 1.5, runId: 4 }] }), /frontLineTaken: change and run ids are integers/);
  });
});
