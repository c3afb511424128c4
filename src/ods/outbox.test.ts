// The outbox in the ODS: what is due (in order per customer and system), attempts, dead letters and replays.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addOutboxRow } from './test-outbox.ts';
import { forEachEngine } from './test-engines.ts';

const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

forEachEngine('outbox', (engine) => {
  test('only the oldest undelivered row of a customer for a system is due; a dead one blocks until replayed', async () => {
    const ods = await engine.open();
    const first = await addOutboxRow(ods, { customerId: 1, source: 'cellular' });
    const second = await addOutboxRow(ods, { customerId: 1, source: 'cellular' });
    const otherSystem = await addOutboxRow(ods, { customerId: 1, source: 'cable' });
    const otherCustomer = await addOutboxRow(ods, { customerId: 2, source: 'cellular' });
    const due = async (except?: string[]) => (await ods.dueDeliveries(50, undefined, except)).map((r) => r.outbox_id);

    assert.deepEqual(await due(), [first, otherSystem, otherCustomer]);
    assert.deepEqual(await due(['cable']), [first, otherCustomer]);

    const failed = await ods.markFailed(first, 'HTTP 503', later(60), false);
    assert.equal(failed.attempts, 1);
    assert.equal(failed.last_error, 'HTTP 503');
    assert.deepEqual(await due(), [otherSystem, otherCustomer], 'the second change waits behind the first');
    assert.deepEqual((await ods.dueDeliveries(50, later(120))).map((r) => r.outbox_id), [first, otherSystem, otherCustomer]);

    await ods.markFailed(first, 'HTTP 500', new Date(), true);
    assert.deepEqual(await due(), [otherSystem, otherCustomer], 'a dead change blocks the later ones');
    const page = await ods.listOutbound({ status: 'dead' });
    assert.deepEqual(page.counts, { pending: 3, delivered: 0, dead: 1 });
    assert.equal(page.total, 1);
    assert.equal(page.items[0]!.outbox_id, first);
    assert.equal(page.items[0]!.attempts, 2);

    assert.equal(await ods.replayDead(first), 1);
    const [replayed] = await ods.dueDeliveries(1);
    assert.equal(replayed!.outbox_id, first);
    assert.equal(replayed!.attempts, 0);

    const delivered = await ods.markDelivered(first);
    assert.equal(delivered.status, 'delivered');
    assert.ok(delivered.delivered_at);
    assert.deepEqual(await due(), [second, otherSystem, otherCustomer]);
    const all = await ods.listOutbound({ limit: 2 });
    assert.equal(all.total, 4);
    assert.deepEqual(all.items.map((r) => r.outbox_id), [otherCustomer, otherSystem], 'newest first');
  });

  test('replay of all dead rows; bad input names what is wrong', async () => {
    const ods = await engine.open();
    const a = await addOutboxRow(ods, { customerId: 1, source: 'cellular' });
    const b = await addOutboxRow(ods, { customerId: 2, source: 'cellular' });
    await ods.markFailed(a, 'refused', new Date(), true);
    await ods.markFailed(b, 'refused', new Date(), true);
    assert.equal(await ods.replayDead(), 2);
    assert.equal(await ods.replayDead(), 0);

    await assert.rejects(ods.replayDead(a), { name: 'OdsInputError', message: `id: outbox row ${a} is pending, not dead` });
    await assert.rejects(ods.replayDead(999), { name: 'OdsInputError', message: 'id: no outbox row 999' });
    await assert.rejects(ods.markDelivered(999), { name: 'OdsInputError', message: 'id: no outbox row 999' });
    await assert.rejects(ods.markFailed(-1, 'x', new Date(), false), { name: 'OdsInputError', message: /^id: an outbox row number is a positive integer/ });
    await assert.rejects(ods.markFailed(a, ' ', new Date(), false), { name: 'OdsInputError', message: /^error: required/ });
    await assert.rejects(ods.markFailed(a, 'x', 'soon', false), { name: 'OdsInputError', message: 'nextAttemptAt: expected a time, not "soon"' });
    await ods.markDelivered(a);
    await assert.rejects(ods.markDelivered(a), { name: 'OdsInputError', message: `id: outbox row ${a} is delivered, not pending` });
    await assert.rejects(ods.listOutbound({ status: 'lost' as never }), { name: 'OdsInputError', message: /^status: one of pending, delivered, dead/ });
  });
});
