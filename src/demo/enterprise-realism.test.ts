import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { generateEnterprise } from './index.ts';
import { readEnterprise, type Row } from './enterprise-reader.ts';
import { loadNicknameReference } from './nickname-reference.ts';

const out = mkdtempSync(join(tmpdir(), 'cif-demo-realism-'));
after(() => rmSync(out, { recursive: true, force: true }));
await generateEnterprise({ customers: 2000, seed: 7, out });
const enterprise = await readEnterprise(out);

/** One customer record, whatever its system, reduced to the parts the checks compare. */
interface Seen {
  source: string;
  person: string;
  household: string;
  given: string;
  family: string;
  suffix: string | null;
  birth: string | null;
  houseNumber: string;
  zip: string;
  city: string;
  phone: string | null;
  email: string | null;
  updated: string;
}

const months = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' } as Record<string, string>;
const fromUs = (d: string | null) => (d ? `${d.slice(6)}-${d.slice(0, 2)}-${d.slice(3, 5)}` : null);
const fromDayMonth = (d: string | null) => (d ? `${d.slice(7)}-${months[d.slice(3, 6)] ?? '??'}-${d.slice(0, 2)}` : null);
const digits = (phone: string | null) => (phone ? phone.replace(/\D/g, '').slice(-10) : null);
const truth = new Map(enterprise.truthRecords.map((r) => [`${r.source}|${r.source_key}`, r]));
const personById = new Map(enterprise.persons.map((p) => [p.person_id!, p]));

function seen(source: string, key: string, parts: Omit<Seen, 'source' | 'person' | 'household'>): Seen {
  const owner = truth.get(`${source}|${key}`)!;
  return { source, person: owner.person_id!, household: owner.household_id!, ...parts };
}

const records: Seen[] = [
  ...enterprise.customers.cellular.map((c: Row) => {
    const [family, rest] = c.NAME!.split(', ') as [string, string];
    const words = rest.split(' ');
    const suffix = ['JR', 'SR'].includes(words.at(-1)!) ? words.pop()! : null;
    return seen('cellular', c.SUBSCRIBER_ID!, { given: words[0]!, family, suffix, birth: fromUs(c.DOB), houseNumber: c.ADDRESS!.split(' ')[0]!, zip: c.ZIP!, city: c.CITY!, phone: digits(c.PHONE), email: c.EMAIL, updated: fromUs(c.LAST_UPDATED)! });
  }),
  ...enterprise.customers.long_distance.map((c: Row) =>
    seen('long_distance', c.cust_no!, { given: c.first_name!, family: c.last_name!, suffix: c.suffix, birth: c.birth_date, houseNumber: c.street!.split(' ')[0]!, zip: c.zip!.slice(0, 5), city: c.city!, phone: digits(c.phone), email: c.email, updated: c.updated! }),
  ),
  ...enterprise.customers.cable.map((c: Row) => {
    const words = c.full_name!.split(' ');
    const suffix = ['Jr.', 'Sr.'].includes(words.at(-1)!) ? words.pop()! : null;
    return seen('cable', c.customer_id!, { given: words[0]!, family: words.at(-1)!, suffix, birth: fromDayMonth(c.date_of_birth), houseNumber: c.address1!.split(' ')[0]!, zip: c.postal_code!, city: c.city!, phone: digits(c.phone), email: c.email, updated: c.modified! });
  }),
];
const recordsOf = new Map<string, Seen[]>();
for (const r of records) recordsOf.set(r.person, [...(recordsOf.get(r.person) ?? []), r]);
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

test('households share an address and often a surname and a home phone, yet are different people', () => {
  const sizes = new Map<string, number>();
  for (const p of enterprise.persons) sizes.set(p.household_id!, (sizes.get(p.household_id!) ?? 0) + 1);
  assert.ok([...sizes.values()].every((n) => n >= 1 && n <= 5));
  assert.ok([...sizes.values()].filter((n) => n >= 3).length >= 20, 'some households of three or more');

  let sameAddressAndSurname = 0;
  let sharedPhone = 0;
  const byHousehold = new Map<string, Seen[]>();
  for (const r of records) byHousehold.set(r.household, [...(byHousehold.get(r.household) ?? []), r]);
  for (const members of byHousehold.values()) {
    for (const a of members) {
      for (const b of members) {
        if (a.person >= b.person) continue;
        if (a.zip === b.zip && a.houseNumber === b.houseNumber && same(a.family, b.family)) sameAddressAndSurname++;
        if (a.phone && a.phone === b.phone) sharedPhone++;
      }
    }
  }
  assert.ok(sameAddressAndSurname >= 500, `pairs of relatives at one address: ${sameAddressAndSurname}`);
  assert.ok(sharedPhone >= 50, `pairs of relatives sharing a phone: ${sharedPhone}`);
});

test('a junior shares his father’s full name and address, is 20–35 years younger, and is marked JR in most but not all records', () => {
  const juniors = enterprise.persons.filter((p) => p.role === 'junior');
  assert.ok(juniors.length >= 10, `juniors: ${juniors.length}`);
  for (const junior of juniors) {
    const father = enterprise.persons.find((p) => p.household_id === junior.household_id && p.role === 'head')!;
    assert.equal(father.given_name, junior.given_name);
    assert.equal(father.family_name, junior.family_name);
    const years = (Date.parse(junior.birth_date!) - Date.parse(father.birth_date!)) / (365.25 * 86400000);
    assert.ok(years >= 19.9 && years <= 35.1, `${junior.person_id} is ${years} years younger`);
  }
  const juniorRecords = juniors.flatMap((j) => recordsOf.get(j.person_id!) ?? []);
  const marked = juniorRecords.filter((r) => r.suffix !== null && /^jr\.?$/i.test(r.suffix)).length / juniorRecords.length;
  assert.ok(marked > 0.6 && marked < 1, `share of junior records marked JR: ${marked}`);
});

test('common names recur in one city among unrelated people with different birth dates', () => {
  const byNameAndCity = new Map<string, Set<string>>();
  for (const p of enterprise.persons) {
    const city = recordsOf.get(p.person_id!)![0]!.city.toLowerCase();
    const key = `${p.given_name}|${p.family_name}|${city}`;
    byNameAndCity.set(key, (byNameAndCity.get(key) ?? new Set()).add(p.person_id!));
  }
  const namesakes = [...byNameAndCity.values()].filter((ids) => {
    const people = [...ids].map((id) => personById.get(id)!);
    return new Set(people.map((p) => p.household_id)).size > 1 && new Set(people.map((p) => p.birth_date)).size > 1;
  });
  assert.ok(namesakes.length >= 6, `namesake groups: ${namesakes.length}`);
});

test('one person varies across systems: nicknames, old addresses, maiden names, e-mail case', () => {
  const nicknames = loadNicknameReference();
  let nicknamed = 0;
  let staleAddress = 0;
  let otherSurname = 0;
  let recasedEmail = 0;
  for (const [personId, seenAs] of recordsOf) {
    const person = personById.get(personId)!;
    for (const r of seenAs) {
      if (!same(r.given, person.given_name!) && nicknames.get(person.given_name!.toLowerCase())?.has(r.given.toLowerCase())) nicknamed++;
      if (!same(r.family.replace(/'/g, ''), person.family_name!.replace(/'/g, '')) && Math.abs(r.family.length - person.family_name!.length) > 1) otherSurname++;
    }
    if (seenAs.length < 2) continue;
    const addresses = new Set(seenAs.map((r) => `${r.zip}|${r.houseNumber}`));
    if (addresses.size > 1) {
      // the odd one out is the record nobody touched since the move: the oldest
      const oldest = [...seenAs].sort((a, b) => (a.updated < b.updated ? -1 : 1))[0]!;
      if (seenAs.filter((r) => `${r.zip}|${r.houseNumber}` === `${oldest.zip}|${oldest.houseNumber}`).length === 1) staleAddress++;
    }
    const emails = seenAs.map((r) => r.email).filter((e): e is string => e !== null && !/^[A-Z0-9._@]+$/.test(e));
    if (emails.length >= 2 && new Set(emails.map((e) => e.toLowerCase())).size === 1 && new Set(emails).size > 1) recasedEmail++;
  }
  assert.ok(nicknamed >= 100, `records under a nickname: ${nicknamed}`);
  assert.ok(staleAddress >= 15, `persons with one record still at an old address: ${staleAddress}`);
  assert.ok(otherSurname >= 10, `records under another surname: ${otherSurname}`);
  assert.ok(recasedEmail >= 10, `persons whose e-mail differs only by case: ${recasedEmail}`);
});

test('birth dates are mostly right, sometimes missing or off, rarely impossible', () => {
  const total = records.length;
  const missing = records.filter((r) => r.birth === null).length;
  const impossible = records.filter((r) => r.birth !== null && !isRealDate(r.birth)).length;
  const wrong = records.filter((r) => r.birth !== null && isRealDate(r.birth) && r.birth !== personById.get(r.person)!.birth_date).length;
  assert.ok(missing / total > 0.005 && missing / total < 0.05, `missing: ${missing}/${total}`);
  assert.ok(impossible >= 1 && impossible / total < 0.005, `impossible: ${impossible}/${total}`);
  assert.ok(wrong / total > 0.01 && wrong / total < 0.08, `off by a slip: ${wrong}/${total}`);
  assert.ok(enterprise.persons.every((p) => p.birth_date! >= '1930-01-01' && p.birth_date! <= '2008-12-31'));
});

test('activity lies within the history window and the web mostly knows cookies, not people', () => {
  const window = (day: string) => day >= '2025-11-01' && day <= '2026-10-31';
  assert.ok(enterprise.billing.every((b) => window(`${b.TXN_DATE!.slice(0, 4)}-${b.TXN_DATE!.slice(4, 6)}-${b.TXN_DATE!.slice(6)}`)));
  assert.ok(enterprise.contacts.every((c) => window(c.CONTACT_TS!.slice(0, 10))));
  assert.ok(enterprise.events.every((e) => window(e.ts!.slice(0, 10))));
  assert.ok(enterprise.surveys.every((s) => window(fromUs(s.SURVEY_DATE)!)));
  assert.ok(records.every((r) => r.updated <= '2026-10-31'));

  const withEmail = enterprise.events.filter((e) => e.email !== null);
  assert.ok(withEmail.length > 0 && withEmail.length / enterprise.events.length < 0.3);
  assert.ok(withEmail.every((e) => e.type === 'login'));
  const knownEmails = new Set(records.flatMap((r) => (r.email ? [r.email.toLowerCase()] : [])));
  // a login's e-mail is the person's own; a product system may or may not have been given it
  assert.ok(withEmail.filter((e) => knownEmails.has(e.email!)).length / withEmail.length > 0.6, 'logins mostly carry e-mails the systems know');
  const cookiesPerEmail = new Map<string, Set<string>>();
  for (const e of withEmail) cookiesPerEmail.set(e.email!, (cookiesPerEmail.get(e.email!) ?? new Set()).add(e.cookie!));
  assert.ok([...cookiesPerEmail.values()].every((cookies) => cookies.size === 1), 'a person keeps one cookie');
});

function isRealDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}
