// The oper figures on both engines: today's contacts by channel, open complaints by age (the rule a customer's facts
// count by), and address changes not delivered yet, written through the ODS's own loads and front-line writes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from './front-line.ts';
import type { Ods } from './ods.ts';
import { forEachEngine } from './test-engines.ts';
import { batches, contact, customer, daysAgo, sourceRecord } from './test-rows.ts';

const agent: Actor = { name: 'ann', role: 'agent', channel: 'workspace' };
const portal: Actor = { name: 'bob', role: 'customer', channel: 'portal' };
const hour = 3_600_000;
const at = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

async function changeDetails(ods: Ods, customerId: number, change: Record<string, string>, actor = agent): Promise<number> {
  const { version } = (await ods.getCustomer(customerId))!.customer;
  return (await ods.updateCustomerDetails({ customerId, version, change, actor, outbound: null })).change.change_id;
}

forEachEngine('ODS oper figures', (engine) => {
  test('an empty ODS: nothing today, nothing open, nothing pending, and the time they were computed', async () => {
    const ods = await engine.open();
    const before = Date.now();
    const figures = await ods.operFigures('UTC');
    assert.ok(Date.parse(figures.computedAt) >= before - 1000 && Date.parse(figures.computedAt) <= Date.now() + 1000, figures.computedAt);
    assert.equal(figures.today.day, figures.computedAt.slice(0, 10));
    assert.deepEqual({ ...figures, computedAt: undefined, today: { ...figures.today, day: undefined, from: undefined, to: undefined } }, {
      computedAt: undefined,
      timeZone: 'UTC',
      today: { day: undefined, from: undefined, to: undefined, contacts: 0, complaints: 0, byChannel: [] },
      openComplaints: { total: 0, oldestDays: null, byAge: [
        { band: '<1 day', complaints: 0 }, { band: '1-7 days', complaints: 0 }, { band: '8-30 days', complaints: 0 }, { band: '>30 days', complaints: 0 },
      ] },
      pendingAddressChanges: { changes: 0, customers: 0, oldestAt: null, outbox: { changes: 0, pending: 0, dead: 0 }, waitingForRun: 0 },
    });
  });

  test("today's contacts by channel, from the systems and the front line: midnight to midnight in the time zone asked for", async () => {
    const ods = await engine.open();
    const { day, from, to } = (await ods.operFigures('UTC')).today;
    assert.deepEqual([from, to], [`${day}T00:00:00.000Z`, at(`${day}T00:00:00.000Z`, 24 * hour)]);
    await ods.load(1, {
      upsert: {
        customer: batches([customer(1), customer(2)]),
        contact: batches([
          contact('cc', 'K1', 1, at(from, 60_000), { channel: 'phone', is_complaint: true, outcome: 'escalated' }),
          contact('cc', 'K2', 2, at(from, 2 * hour), { channel: 'phone' }),
          contact('cc', 'K3', 2, at(from, 3 * hour), { channel: 'chat' }),
          contact('cc', 'K4', 1, at(from, 4 * hour), { channel: null }),
          contact('cc', 'yesterday', 1, at(from, -60_000), { channel: 'branch' }),
          contact('cc', 'tomorrow', 1, at(to, 0), { channel: 'branch' }),
        ]),
      },
    });
    await ods.logContact({ customerId: 2, contact: { channel: 'branch', reason: 'billing', outcome: null, notes: null, is_complaint: true }, actor: agent });
    const today = (await ods.operFigures('UTC')).today;
    assert.equal(today.day, day, 'the test did not run over midnight');
    assert.deepEqual([today.contacts, today.complaints], [5, 2]);
    assert.deepEqual(today.byChannel, [
      { channel: 'phone', contacts: 2, complaints: 1 },
      { channel: 'branch', contacts: 1, complaints: 1 },
      { channel: 'chat', contacts: 1, complaints: 0 },
      { channel: null, contacts: 1, complaints: 0 },
    ]);

    // Far east of UTC, today began at midnight there (+05:30, no daylight saving), whatever day UTC says it is.
    const kolkata = await ods.operFigures('Asia/Kolkata');
    assert.equal(kolkata.timeZone, 'Asia/Kolkata');
    assert.equal(kolkata.today.from, new Date(`${kolkata.today.day}T00:00:00+05:30`).toISOString());
    assert.equal(Date.parse(kolkata.today.to) - Date.parse(kolkata.today.from), 24 * hour);
    await assert.rejects(ods.operFigures('Mars/Olympus_Mons'), { name: 'OdsInputError', message: /^timeZone: "Mars\/Olympus_Mons" is not a time zone/ });
  });

  test('open complaints by whole days open, counted by the rule of the customer facts', async () => {
    const ods = await engine.open();
    const complaint = (key: string, customerId: number, when: string, over = {}) =>
      contact('cc', key, customerId, when, { is_complaint: true, outcome: 'escalated', reason: 'outage', ...over });
    await ods.load(1, {
      upsert: {
        customer: batches([customer(1), customer(2), customer(3)]),
        contact: batches([
          complaint('hours', 1, new Date(Date.now() - 5 * hour).toISOString()), // <1 day
          complaint('day1', 1, daysAgo(1), { reason: 'billing dispute' }), // 1-7
          complaint('day7', 2, daysAgo(7), { outcome: null }), // 1-7
          complaint('day8', 2, daysAgo(8), { reason: 'service quality' }), // 8-30, a later contact about something else does not close it
          contact('cc', 'other', 2, daysAgo(2), { reason: 'billing question', outcome: 'resolved' }),
          complaint('day30', 3, daysAgo(30), { reason: 'technical issue' }), // 8-30
          complaint('day31', 3, daysAgo(31)), // >30: the resolved outage contact came before it
          contact('cc', 'before', 3, daysAgo(32), { reason: 'outage', outcome: 'resolved' }),
          complaint('day45', 1, daysAgo(45), { reason: 'service quality' }), // >30
          // closed: resolved itself, or by a later contact about the same reason (case and spaces aside)
          complaint('self', 1, daysAgo(3), { outcome: 'Resolved' }),
          complaint('later', 2, daysAgo(60), { reason: 'Billing Dispute' }),
          contact('cc', 'closes', 2, daysAgo(50), { reason: ' billing dispute', outcome: 'credit issued' }),
          contact('cc', 'not a complaint', 3, daysAgo(1), { outcome: 'escalated' }),
        ]),
      },
    });
    await ods.logContact({ customerId: 3, contact: { channel: 'phone', reason: 'outage', outcome: 'technician dispatched', notes: null, is_complaint: true }, actor: agent });
    const open = (await ods.operFigures('UTC')).openComplaints;
    assert.deepEqual(open, {
      total: 8,
      oldestDays: 45,
      byAge: [
        { band: '<1 day', complaints: 2 },
        { band: '1-7 days', complaints: 2 },
        { band: '8-30 days', complaints: 2 },
        { band: '>30 days', complaints: 2 },
      ],
    });
    let facts = 0;
    for (const id of [1, 2, 3]) facts += (await ods.getCustomer(id))!.facts.openComplaints!;
    assert.equal(facts, open.total, 'the customers\' facts add up to the total');

    // The front line resolves today's outage complaint of customer 3: the earlier one about the outage closes too.
    await ods.logContact({ customerId: 3, contact: { channel: 'phone', reason: 'OUTAGE', outcome: 'resolved', notes: null, is_complaint: false }, actor: agent });
    const after = (await ods.operFigures('UTC')).openComplaints;
    assert.equal(after.total, 6);
    assert.deepEqual(after.byAge.map((b) => b.complaints), [1, 2, 2, 1]);
  });

  test('address changes not delivered: in the outbox (pending or dead) or waiting for a run; other changes are not counted', async () => {
    const ods = await engine.open();
    await ods.load(1, {
      upsert: {
        customer: batches([customer(1), customer(2), customer(3), customer(4)]),
        customer_source: batches([
          sourceRecord('cable', 'C1', 1), sourceRecord('cellular', 'S1', 1), sourceRecord('cable', 'C2', 2), sourceRecord('cable', 'C3', 3),
        ]),
      },
    });
    const moved = await changeDetails(ods, 1, { address_line: '9 ELM ST' }); // two deliveries
    await changeDetails(ods, 2, { email: 'bob@example.com' }); // not an address
    await ods.updatePreferences({ customerId: 2, change: { do_not_contact: true }, actor: agent, outbound: null }); // not an address
    const city = await changeDetails(ods, 3, { city: 'SHELBYVILLE' }, portal); // one delivery
    const postcode = await changeDetails(ods, 4, { postcode: '62704' }); // no system holds customer 4: nothing to deliver

    const [first, second] = (await ods.listOutbound({ status: 'pending' })).items.filter((r) => r.change_id === moved);
    await ods.markFailed(first!.outbox_id, 'refused', new Date(), true);
    for (const row of (await ods.listOutbound({ status: 'pending' })).items.filter((r) => r.change_id === city)) await ods.markDelivered(row.outbox_id);
    const oldest = (await ods.query<{ changed_at: string }>('select changed_at from customer_change where change_id = $1', [moved]))[0]!.changed_at;

    assert.deepEqual((await ods.operFigures('UTC')).pendingAddressChanges, {
      changes: 3, customers: 3, oldestAt: oldest, outbox: { changes: 1, pending: 1, dead: 1 }, waitingForRun: 3,
    });
    assert.ok(second);

    // A run takes the changes; only the one still in the outbox is left.
    await ods.load(2, { frontLineTaken: [moved, city, postcode].map((changeId) => ({ changeId, runId: 2 })) });
    assert.deepEqual((await ods.operFigures('UTC')).pendingAddressChanges, {
      changes: 1, customers: 1, oldestAt: oldest, outbox: { changes: 1, pending: 1, dead: 1 }, waitingForRun: 0,
    });
    await ods.markDelivered(second!.outbox_id);
    await ods.replayDead(first!.outbox_id);
    await ods.markDelivered(first!.outbox_id);
    assert.equal((await ods.operFigures('UTC')).pendingAddressChanges.changes, 0);
  });
});
