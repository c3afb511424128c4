import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Ods } from './ods.ts';
import { compileSearch, maxLimit } from './search.ts';
import { forEachEngine } from './test-engines.ts';
import { account, batches, customer, sourceRecord } from './test-rows.ts';

async function loadPeople(ods: Ods) {
  await ods.load(1, {
    upsert: {
      customer: batches([
        customer(1, {
          given_name: 'Robert',
          family_name: 'Smith',
          phones: [{ value: '+15551234567', source: 'core' }],
          emails: [{ value: 'Rob.Smith@Example.com', source: 'core' }],
        }),
        customer(2, { given_name: 'Roberta', family_name: 'Smithson', address_line: '9 Elm Rd', city: 'Dayton', region: 'OH', postcode: '45402' }),
        customer(3, { given_name: 'Bob', family_name: 'Jones' }),
        customer(4, { given_name: 'Mary', middle_name: 'Ann', family_name: "O'Neil-Robertson" }),
        customer(5, { given_name: 'Sam', family_name: 'Ward' }),
        customer(6, { given_name: 'Ward', family_name: 'Hill', birth_date: null, address_line: null, city: null, region: null, postcode: null }),
        customer(9, { given_name: 'Robert', family_name: 'Smith' }),
      ]),
      customer_source: batches([
        sourceRecord('core', 'S00000001', 1),
        sourceRecord('web', 'W1', 1, { given_name: 'Bob', email: 'bobby@example.org', phone: '+15559870000' }),
        sourceRecord('core', 'S00012345', 5, { given_name: 'Sam', family_name: 'Ward' }),
        sourceRecord('legacy', 'WARD', 5, { given_name: 'Sam', family_name: 'Ward' }),
        sourceRecord('core', 'S00000009', 9),
      ]),
      account: batches([account('longdistance', 'LD-A-123456', 1), account('wireless', 'WL-77', 3)]),
    },
  });
  // customer 9 turns out to be customer 1
  await ods.load(2, {
    redirects: [{ from_id: 9, to_id: 1, run_id: 2, reason: 'same person' }],
    remove: { customer: [9] },
  });
}

const ids = (result: { items: { customer_id: number }[] }) => result.items.map((i) => i.customer_id);
const matched = (result: { items: { matched: string }[] }) => result.items.map((i) => i.matched);

test('a query is compiled to probes by what it looks like', () => {
  assert.equal(compileSearch('   '), null);
  const id = compileSearch('42')!;
  assert.match(id.page, /chain/);
  assert.deepEqual(id.params, [42, '42']); // an id, and an exact key such as a numeric source key
  const phone = compileSearch('(555) 123-4567')!;
  assert.ok(phone.params.includes('5551234567'));
  assert.doesNotMatch(phone.page, /chain/);
  const name = compileSearch('Mary Ann Smith')!;
  assert.deepEqual(name.params, ['Mary', 'Ann', 'Smith']);
  assert.match(name.page, /search_word/, 'a word of letters may be a misspelt name');
  assert.doesNotMatch(compileSearch('S77675603')!.page, /search_word/, 'a key is not compared with every name word');
  assert.doesNotMatch(compileSearch('rob.smith@example.com')!.page, /search_word/);
  assert.doesNotMatch(compileSearch('9 Elm Rd')!.page, /'alias'/, 'the words of a street address are not looked up as names');
  assert.match(compileSearch('x', { limit: 5000 })!.page, new RegExp(`limit ${maxLimit} offset 0`));
  assert.match(compileSearch('x', { limit: Number.NaN, offset: -3 })!.page, /limit 20 offset 0/);
});

forEachEngine('ODS search', (engine) => {
  test('finds by name prefix, exact tokens before prefixes', async () => {
    const ods = await engine.open();
    await loadPeople(ods);
    const result = await ods.searchCustomers('rob smith');
    // Robert Smith (prefix + exact) before Roberta Smithson (prefix + prefix); Robert Smith #9 was merged away
    assert.deepEqual(ids(result), [1, 2]);
    assert.equal(result.total, 2);
    assert.ok(result.items[0]!.rank > result.items[1]!.rank);
    assert.deepEqual(matched(result), ['name', 'name']);
    assert.deepEqual(ids(await ods.searchCustomers('ROBERT  SMITH')), [1, 2]);
    // a middle name and both halves of a hyphenated, apostrophed family name are tokens
    assert.deepEqual(ids(await ods.searchCustomers('ann oneil')), [4]);
    assert.deepEqual(ids(await ods.searchCustomers('mary robertson')), [4]);
    assert.deepEqual(ids(await ods.searchCustomers('smith nobody')), []);
  });

  test('an initial narrows what the other words found; initials alone are looked up themselves', async () => {
    const ods = await engine.open();
    await loadPeople(ods);
    const initial = compileSearch('r smith')!;
    assert.deepEqual(initial.params, ['smith', 'r']);
    assert.match(initial.page, /exists \(select 1 from customer_search_term i/, 'the initial is checked, not scanned');
    assert.deepEqual(ids(await ods.searchCustomers('r smith')), [1, 2]);
    // Bob Smith's source record has the initial too; Ward Hill has no S
    assert.deepEqual(ids(await ods.searchCustomers('b smith')), [1]);
    assert.deepEqual(ids(await ods.searchCustomers('s ward')), [5]);
    assert.deepEqual(ids(await ods.searchCustomers('x smith')), []);
    assert.deepEqual(ids(await ods.searchCustomers('m a')), [4]);
  });

  test('finds a nickname through the source records, after customers whose golden name it is', async () => {
    const ods = await engine.open();
    await loadPeople(ods);
    const result = await ods.searchCustomers('Bob');
    assert.deepEqual(ids(result), [3, 1]);
    assert.deepEqual(matched(result), ['name', 'source name']);
    assert.deepEqual(ids(await ods.searchCustomers('bob smith')), [1]);
  });

  test('finds by phone in any format, by the last 10 digits, golden or from a source record', async () => {
    const ods = await engine.open();
    await loadPeople(ods);
    for (const q of ['(555) 123-4567', '555.123.4567', '+1 555 123 4567', '15551234567']) {
      const result = await ods.searchCustomers(q);
      assert.deepEqual(ids(result), [1], q);
      assert.deepEqual(matched(result), ['phone'], q);
    }
    assert.deepEqual(ids(await ods.searchCustomers('555-987-0000')), [1]);
    assert.deepEqual(ids(await ods.searchCustomers('555-123-4568')), []);
  });

  test('finds by e-mail whatever its case, by source key and by account key', async () => {
    const ods = await engine.open();
    await loadPeople(ods);
    const email = await ods.searchCustomers('ROB.SMITH@example.COM');
    assert.deepEqual([ids(email), matched(email)], [[1], ['email']]);
    assert.deepEqual(ids(await ods.searchCustomers('bobby@example.org')), [1]);
    const key = await ods.searchCustomers('S00012345');
    assert.deepEqual([ids(key), matched(key)], [[5], ['source key']]);
    const accountKey = await ods.searchCustomers('ld-a-123456');
    assert.deepEqual([ids(accountKey), matched(accountKey)], [[1], ['account key']]);
    // the merged customer's record now finds the survivor
    assert.deepEqual(ids(await ods.searchCustomers('S00000009')), [1]);
  });

  test('finds by enterprise id, following merges', async () => {
    const ods = await engine.open();
    await loadPeople(ods);
    const byId = await ods.searchCustomers('3');
    assert.deepEqual([ids(byId), matched(byId)], [[3], ['id']]);
    assert.deepEqual(ids(await ods.searchCustomers('9')), [1]);
    assert.deepEqual(ids(await ods.searchCustomers('12345')), []);
  });

  test('ranks an exact key before a name and describes the hit', async () => {
    const ods = await engine.open();
    await loadPeople(ods);
    const result = await ods.searchCustomers('ward');
    assert.deepEqual(ids(result), [5, 6]);
    assert.deepEqual(matched(result), ['source key', 'name']);
    assert.deepEqual(result.items[1], {
      customer_id: 6,
      name: 'Ward Hill',
      birth_date: null,
      address: null,
      phones: [],
      emails: [],
      matched: 'name',
      rank: result.items[1]!.rank,
    });
    const [robert] = (await ods.searchCustomers('Rob.Smith@example.com')).items;
    assert.equal(robert!.name, 'Robert Smith');
    assert.equal(robert!.birth_date, '1970-01-31');
    assert.equal(robert!.address, '1 Main St, Springfield, IL 62701');
    assert.deepEqual(robert!.phones, ['+15551234567']);
    assert.deepEqual(robert!.emails, ['Rob.Smith@Example.com']);
  });

  test('finds by the start of a street address, golden or from a source record', async () => {
    const ods = await engine.open();
    await loadPeople(ods);
    await ods.load(3, { upsert: { customer_source: batches([sourceRecord('legacy', 'OLD3', 3, { address_line: '77 Old Mill Lane' })]) } });
    const elm = await ods.searchCustomers('9 elm');
    assert.deepEqual(ids(elm), [2]);
    assert.deepEqual(matched(elm), ['address']);
    assert.deepEqual(ids(await ods.searchCustomers('9 ELM RD.')), [2], 'case and punctuation do not matter');
    assert.deepEqual(ids(await ods.searchCustomers('77 old mill')), [3], 'an address a source record still holds');
    assert.deepEqual(ids(await ods.searchCustomers('9 oak')), []);
  });

  test('finds a misspelt name by the name words most like it, after exact matches', async () => {
    const ods = await engine.open();
    await loadPeople(ods);
    const typo = await ods.searchCustomers('Robret Smiht');
    assert.deepEqual(ids(typo), [1, 2], 'the nearest words first: Robert Smith, then Roberta Smithson');
    assert.ok(typo.items[0]!.rank > typo.items[1]!.rank);
    assert.deepEqual(matched(typo), ['similar name', 'similar name']);
    assert.ok((await ods.searchCustomers('Robert Smith')).items[0]!.rank > typo.items[0]!.rank, 'a name spelt right ranks above one spelt wrong');
    assert.deepEqual(ids(await ods.searchCustomers('Mary Robertsen')), [4]);
    // a word that is a name itself is taken as it is: Ward finds Ward, not Hill's namesakes of similar words
    assert.deepEqual(matched(await ods.searchCustomers('Sam Ward')), ['name']);
    assert.deepEqual(ids(await ods.searchCustomers('Qzxv')), []);
  });

  test('pages through many hits in a stable order and caps the page size', async () => {
    const ods = await engine.open();
    await ods.load(1, { upsert: { customer: batches(Array.from({ length: 120 }, (_, i) => customer(1000 + i, { given_name: 'Pat', family_name: 'Smith' }))) } });
    const first = await ods.searchCustomers('smith', { limit: 50 });
    const second = await ods.searchCustomers('smith', { limit: 50, offset: 50 });
    const third = await ods.searchCustomers('smith', { limit: 50, offset: 100 });
    assert.deepEqual([first.total, second.total, third.total], [120, 120, 120]);
    assert.deepEqual([first.items.length, second.items.length, third.items.length], [50, 50, 20]);
    const all = [...ids(first), ...ids(second), ...ids(third)];
    assert.deepEqual(all, Array.from({ length: 120 }, (_, i) => 1000 + i));
    const past = await ods.searchCustomers('smith', { offset: 500 });
    assert.deepEqual(past, { total: 120, items: [] });
    assert.equal((await ods.searchCustomers('smith', { limit: 1000 })).items.length, 100);
    assert.equal((await ods.searchCustomers('smith')).items.length, 20);
    assert.deepEqual(await ods.searchCustomers(''), { total: 0, items: [] });
  });
});
