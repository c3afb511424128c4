// A customer's contacts a page at a time: every contact once, in the profile's order, across pages that split
// contacts of the same time (to the microsecond), with contacts logged between pages, and after a merge.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Ods } from './ods.ts';
import type { ContactRow } from './rows.ts';
import { forEachEngine } from './test-engines.ts';
import { batches, contact, customer } from './test-rows.ts';

const day = (i: number) => new Date(Date.UTC(2024, 0, 1, 9, 30) + i * 86_400_000).toISOString();
const key = (c: ContactRow) => `${c.source}:${c.contact_key}`;

/** Every page from the newest, `limit` at a time. */
async function allPages(ods: Ods, id: number, limit: number): Promise<ContactRow[][]> {
  const pages: ContactRow[][] = [];
  let before: string | undefined;
  do {
    const page = (await ods.listContacts(id, { before, limit }))!;
    pages.push(page.items);
    before = page.next ?? undefined;
  } while (before !== undefined);
  return pages;
}

forEachEngine('ODS contacts a page at a time', (engine) => {
  test('pages hold every contact once, newest first, in the profile\'s order; the profile says where the older ones start', async () => {
    const ods = await engine.open();
    // 150 contacts; each of 30 days in the middle has three, from two systems, so pages split contacts of one time.
    const contacts = [
      ...Array.from({ length: 30 }, (_, i) => contact('care', `K${String(i).padStart(3, '0')}`, 1, day(i))),
      ...Array.from({ length: 30 }, (_, i) => [
        contact('care', `A${String(i).padStart(3, '0')}`, 1, day(30 + i)),
        contact('care', `B${String(i).padStart(3, '0')}`, 1, day(30 + i)),
        contact('billing', `C${String(i).padStart(3, '0')}`, 1, day(30 + i)),
      ]).flat(),
      ...Array.from({ length: 30 }, (_, i) => contact('web', `W${String(i).padStart(3, '0')}`, 1, day(60 + i))),
    ];
    await ods.load(1, { upsert: { customer: batches([customer(1), customer(2)]), contact: batches(contacts) } });
    const expected = await ods.query<ContactRow>('select * from contact where customer_id = 1 order by contacted_at desc, source, contact_key');
    assert.equal(expected.length, 150);

    const pages = await allPages(ods, 1, 50);
    assert.deepEqual(pages.map((p) => p.length), [50, 50, 50], 'the last full page says it is the last');
    assert.deepEqual(pages.flat(), expected);
    for (const limit of [1, 7, 3]) assert.deepEqual((await allPages(ods, 1, limit)).flat().map(key), expected.map(key), `limit ${limit}`);

    const profile = (await ods.getCustomer(1))!;
    assert.deepEqual(profile.contacts, pages[0]);
    assert.equal(profile.olderContacts, (await ods.listContacts(1, { limit: 50 }))!.next);
    assert.deepEqual((await ods.listContacts(1, { before: profile.olderContacts!, limit: 50 }))!.items, pages[1]);

    assert.deepEqual(await ods.listContacts(2), { customerId: 2, items: [], next: null });
    assert.equal((await ods.getCustomer(2))!.olderContacts, null);
  });

  test('contacts a microsecond apart are told apart; a contact logged between pages neither repeats one nor hides one', async () => {
    const ods = await engine.open();
    const at = (us: number) => `2024-03-01 09:00:00.000${String(us).padStart(3, '0')}+00`;
    await ods.load(1, {
      upsert: {
        customer: batches([customer(1)]),
        contact: batches([contact('care', 'late', 1, at(900)), contact('care', 'early', 1, at(100)), contact('care', 'middle', 1, at(500))]),
      },
    });
    const first = (await ods.listContacts(1, { limit: 1 }))!;
    assert.deepEqual(first.items.map((c) => c.contact_key), ['late']);
    await ods.logContact({
      customerId: 1, contact: { channel: 'phone', reason: 'billing', outcome: null, notes: null, is_complaint: false },
      actor: { name: 'agent', role: 'agent', channel: 'workspace' },
    });
    const second = (await ods.listContacts(1, { before: first.next!, limit: 1 }))!;
    assert.deepEqual(second.items.map((c) => c.contact_key), ['middle']);
    const third = (await ods.listContacts(1, { before: second.next!, limit: 5 }))!;
    assert.deepEqual([third.items.map((c) => c.contact_key), third.next], [['early'], null]);
    assert.equal((await ods.listContacts(1, { limit: 1 }))!.items[0]!.source, 'frontline', 'the new contact heads the newest page');
  });

  test('follows merges, answers null for no customer, and refuses a cursor it did not give, naming before', async () => {
    const ods = await engine.open();
    await ods.load(1, { upsert: { customer: batches([customer(10), customer(11)]), contact: batches([contact('care', 'X1', 10, day(1)), contact('care', 'X2', 11, day(2))]) } });
    await ods.load(2, { redirects: [{ from_id: 10, to_id: 11, run_id: 2, reason: 'duplicate' }], remove: { customer: [10] } });
    const merged = (await ods.listContacts(10))!;
    assert.deepEqual([merged.customerId, merged.redirectedFrom, merged.items.map((c) => c.contact_key)], [11, 10, ['X2', 'X1']]);
    assert.equal((await ods.listContacts(11))!.redirectedFrom, undefined);
    assert.equal(await ods.listContacts(404), null);
    const notACursor = Buffer.from(JSON.stringify(['yesterday', 'care', 'X1'])).toString('base64url');
    for (const before of ['', 'abc', '%%%', notACursor]) {
      await assert.rejects(ods.listContacts(11, { before }), { name: 'OdsInputError', message: /^before: / }, JSON.stringify(before));
    }
  });
});
