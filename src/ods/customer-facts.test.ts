// The facts the ODS computes for one customer, on both engines: what prompt rules are written over.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachEngine } from './test-engines.ts';
import { account, batches, contact, customer, daysAgo, sourceRecord } from './test-rows.ts';

const actor = { name: 'ann', role: 'agent', channel: 'workspace' } as const;

forEachEngine('ODS customer facts', (engine) => {
  test('a customer with nothing but a golden record: no products, no complaints, no contacts, nothing differs', async () => {
    const ods = await engine.open();
    await ods.load(1, { upsert: { customer: batches([customer(1)]) } });
    assert.deepEqual((await ods.getCustomer(1))!.facts, {
      productLines: [], activeAccounts: 0, monthlyValue: 0, tenureYears: null, openComplaints: 0, complaintOpenDays: null,
      contactsLast30Days: 0, addressesDiffer: false, addressChangedIn: null, addressNotChangedIn: null, doNotContact: false, marketingConsent: false,
      // not scored: every score fact unknown
      churnBand: null, churnRiskPercent: null, churnReasons: null, offerLine: null, offerPropensityPercent: null, offerDiscountPercent: null,
      offerExpectedValue: null, valueTier: null, valueLast12Months: null, paymentRisk: null, collectionTreatment: null, collectionDescription: null,
    });
  });

  test('products, value and tenure come from the accounts: closed ones count for tenure only', async () => {
    const ods = await engine.open();
    const fiveYearsAgo = new Date(Date.now() - 5.5 * 365.25 * 86_400_000).toISOString().slice(0, 10);
    await ods.load(1, {
      upsert: {
        customer: batches([customer(1)]),
        account: batches([
          account('cellular', 'A1', 1, { product_line: 'cellular', monthly_amount: 40.1, opened_on: daysAgo(400).slice(0, 10) }),
          account('cellular', 'A2', 1, { product_line: 'cellular', monthly_amount: 10, opened_on: daysAgo(400).slice(0, 10) }),
          account('cable', 'A3', 1, { product_line: 'cable', monthly_amount: 55, opened_on: daysAgo(30).slice(0, 10) }),
          account('long_distance', 'A4', 1, { product_line: 'long_distance', status: 'closed', opened_on: fiveYearsAgo, monthly_amount: 99 }),
        ]),
      },
    });
    const facts = (await ods.getCustomer(1))!.facts;
    assert.deepEqual(facts.productLines, ['cable', 'cellular']);
    assert.equal(facts.activeAccounts, 3);
    assert.equal(facts.monthlyValue, 105.1);
    assert.equal(facts.tenureYears, 5, 'from the oldest account, closed or not');
  });

  test('a complaint stays open until it, or a later contact about the same reason, ends resolved', async () => {
    const ods = await engine.open();
    const complaint = (key: string, days: number, over = {}) => contact('cc', key, 1, daysAgo(days), { is_complaint: true, outcome: 'escalated', reason: 'outage', ...over });
    await ods.load(1, {
      upsert: {
        customer: batches([customer(1), customer(2)]),
        contact: batches([
          complaint('C1', 40, { reason: 'billing dispute' }), // resolved by the later billing contact
          contact('cc', 'R1', 1, daysAgo(35), { reason: 'Billing Dispute ', outcome: 'Credit issued' }),
          complaint('C2', 20, { outcome: 'resolved' }), // resolved itself
          complaint('C3', 12), // open: the resolved outage contact below came before it
          contact('cc', 'R2', 1, daysAgo(13), { reason: 'outage', outcome: 'resolved' }),
          complaint('C4', 9, { reason: 'service quality', outcome: null }), // open: a later resolved contact was about something else
          contact('cc', 'R3', 1, daysAgo(1), { reason: 'billing question', outcome: 'resolved' }),
          complaint('C5', 60, { customer_id: 2 }),
          contact('cc', 'R4', 2, daysAgo(2), { reason: 'outage', outcome: 'resolved' }),
        ]),
      },
    });
    const facts = (await ods.getCustomer(1))!.facts;
    assert.equal(facts.openComplaints, 2);
    assert.equal(facts.complaintOpenDays, 12, 'the oldest open one');
    assert.equal((await ods.getCustomer(2))!.facts.complaintOpenDays, null, 'closed by a later contact');
  });

  test('contacts of the last 30 days, from every system and the front line', async () => {
    const ods = await engine.open();
    await ods.load(1, {
      upsert: {
        customer: batches([customer(1)]),
        contact: batches([contact('cc', 'K1', 1, daysAgo(29)), contact('web', 'K2', 1, daysAgo(3)), contact('cc', 'K3', 1, daysAgo(31))]),
      },
    });
    await ods.logContact({ customerId: 1, contact: { channel: 'phone', reason: 'upgrade', outcome: null, notes: null, is_complaint: false }, actor });
    assert.equal((await ods.getCustomer(1))!.facts.contactsLast30Days, 3);
  });

  test('source records that disagree on the address: where it changed and where not', async () => {
    const ods = await engine.open();
    await ods.load(1, {
      upsert: {
        customer: batches([customer(1), customer(2)]),
        customer_source: batches([
          sourceRecord('cable', 'C1', 1, { address_line: '9 ELM ST', postcode: '62702', updated_on: '2024-06-01' }),
          sourceRecord('cellular', 'S1', 1, { updated_on: '2024-01-01' }),
          sourceRecord('long_distance', 'L1', 1, { updated_on: null }),
          sourceRecord('web', 'W1', 1, { address_line: null, updated_on: '2025-01-01' }), // no address: no say
          sourceRecord('cable', 'C2', 2, { address_line: '1  main st', updated_on: '2024-06-01' }),
          sourceRecord('cellular', 'S2', 2),
        ]),
      },
    });
    const facts = (await ods.getCustomer(1))!.facts;
    assert.equal(facts.addressesDiffer, true);
    assert.equal(facts.addressChangedIn, 'cable');
    assert.equal(facts.addressNotChangedIn, 'cellular, long_distance');
    const same = (await ods.getCustomer(2))!.facts;
    assert.deepEqual([same.addressesDiffer, same.addressChangedIn, same.addressNotChangedIn], [false, null, null], 'case and spacing aside, one address');
  });

  test('do not contact and marketing consent from the preferences', async () => {
    const ods = await engine.open();
    await ods.load(1, { upsert: { customer: batches([customer(1), customer(2)]) } });
    await ods.updatePreferences({ customerId: 1, change: { do_not_contact: true, marketing: { email: false } }, actor, outbound: [] });
    await ods.updatePreferences({ customerId: 2, change: { marketing: { email: false, sms: true } }, actor, outbound: [] });
    const [one, two] = [(await ods.getCustomer(1))!.facts, (await ods.getCustomer(2))!.facts];
    assert.deepEqual([one.doNotContact, one.marketingConsent], [true, false]);
    assert.deepEqual([two.doNotContact, two.marketingConsent], [false, true]);
  });
});
