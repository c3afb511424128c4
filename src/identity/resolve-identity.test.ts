import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as acquisition from '../acquisition/index.ts';
import { writePersonFile } from '../demo/index.ts';
import { type Duck, openDuck } from '../duckdb/index.ts';
import { ensureIdentityTables, explainPair, loadModel, recordDecisions, resolveIdentity } from './index.ts';

const header = 'KEY,GIVEN,FAMILY,SUFFIX,DOB,ADDRESS,ZIP,PHONE,EMAIL,UPDATED';
const crm = { name: 'crm', files: [] as never[] };
const crmFile = {
  entity: 'customer' as const, path: 'x', format: 'csv' as const, key: 'KEY',
  fields: { given_name: 'GIVEN', family_name: 'FAMILY', name_suffix: 'SUFFIX', birth_date: 'DOB', address_line: 'ADDRESS', postcode: 'ZIP', phone: 'PHONE', email: 'EMAIL', updated_on: 'UPDATED' },
};
// A population for the model to learn from: a model estimated from a dozen records knows nothing about people.
const population = { name: 'population', files: [] as never[] };
const populationFile = {
  entity: 'customer' as const, path: 'x', format: 'csv' as const, key: 'record_id',
  fields: { given_name: 'first_name', middle_name: 'middle_name', family_name: 'last_name', birth_date: 'birth_date', email: 'email', phone: 'phone',
    address_line: 'address_1', city: 'city', region: 'state', postcode: 'postcode' },
};
const dir = mkdtempSync(join(tmpdir(), 'cif-identity-'));
const populationPath = join(dir, 'population.csv');
await writePersonFile({ path: populationPath, records: 4000, seed: 11 });

async function stores(): Promise<Duck> {
  const duck = await openDuck();
  await acquisition.createStandardiseMacros(duck);
  await acquisition.ensureStaging(duck);
  await ensureIdentityTables(duck);
  return duck;
}

async function deliver(duck: Duck, runId: number, rows: string[], withPopulation = runId === 1): Promise<void> {
  const path = join(dir, `run${runId}-${Math.random()}.csv`);
  writeFileSync(path, [header, ...rows].join('\n') + '\n');
  const [counts] = await acquisition.acquireFiles(duck, { source: crm, file: crmFile, paths: [path], runId, country: 'US' });
  assert.equal(counts.rejected, 0, 'test records are all valid');
  if (withPopulation) await acquisition.acquireFiles(duck, { source: population, file: populationFile, paths: [populationPath], runId, country: 'US' });
}

async function customerOf(duck: Duck): Promise<Map<string, number>> {
  const rows = await duck.all<{ source_key: string; customer_id: number }>(`SELECT source_key, customer_id FROM identity.xref WHERE source = 'crm'`);
  return new Map(rows.map((r) => [r.source_key, r.customer_id]));
}

const traps = [
  'r1,Robert,Smith,,1971-06-24,123 Oak Street,62704,(555) 010-2233,bob.smith@example.com,2024-01-01',
  'r2,Bob,Smith,,1971-06-24,123 OAK ST,62704,555.010.2233,,2023-01-01', // nickname, same person
  'r3,Robrt,Smyth,,1971-06-24,9 Elm Rd,10001,,bob.smith@example.com,2022-01-01', // typos, old address, same e-mail
  'r4,Mary,Smith,,1973-02-11,123 Oak Street,62704,(555) 010-2233,,2024-01-01', // spouse: same address, surname, phone
  'r5,Robert,Smith,JR,1998-09-02,123 Oak Street,62704,(555) 010-2233,,2024-01-01', // junior
  'r6,Robert,Smith,,1980-03-05,77 Pine Ave,62704,(555) 020-9999,,2024-01-01', // namesake in the same town
  'r7,Elizabeth,Jones,,1985-12-01,5 Lake Dr,30301,(555) 030-1111,liz@example.com,2020-01-01',
  'r8,Liz,Brown,,1985-12-01,8 Hill Ct,30305,(555) 030-1111,liz@example.com,2025-01-01', // married and moved
  'r9,Robert,Smith,,,123 OAK ST,62704,(555) 010-7777,,2024-01-01', // father or son? no birth date, another phone
  'r10,Kathleen,Ramirez,,1990-04-04,4 Bay Rd,94110,,,2019-01-01',
  'r11,Kathleen,Jones,,1990-04-04,4 Bay Rd,94110,(555) 050-5050,,2025-01-01', // married, same home, same birthday
  'r12,Tony,Walker,,1941-10-14,1027 N 32nd Ln,85753,,,2024-01-01',
  'r13,Anthony,Walker,,,1027 N 32ND LN,85753,,,2024-12-01', // no birth date, nobody else of that name there
];

test('one person spelt several ways is one customer; household members, a junior, namesakes and an ambiguous record are not', async () => {
  const duck = await stores();
  await deliver(duck, 1, traps);
  const summary = await resolveIdentity(duck, 1);
  assert.equal(summary.retrained, true, 'the first run estimates the model');
  const id = await customerOf(duck);
  assert.equal(id.get('r1'), id.get('r2'));
  assert.equal(id.get('r1'), id.get('r3'));
  assert.equal(id.get('r7'), id.get('r8'));
  assert.equal(id.get('r10'), id.get('r11'));
  // Tony and an undated Anthony at one address: a nickname and an address are some evidence, not enough to merge.
  assert.notEqual(id.get('r12'), id.get('r13'));
  const queue = await duck.all<{ keys: string }>(`SELECT ra.source_key || '~' || rb.source_key AS keys FROM identity.review q
    JOIN identity.record ra ON ra.rid = q.a JOIN identity.record rb ON rb.rid = q.b`);
  assert.ok(queue.some((q) => ['r12~r13', 'r13~r12'].includes(q.keys)), 'they wait for a steward in the review queue');
  const distinct = new Set([id.get('r1'), id.get('r4'), id.get('r5'), id.get('r6'), id.get('r7'), id.get('r9')]);
  assert.equal(distinct.size, 6, 'spouse, junior, namesake and a record that could be father or son stay separate');
  assert.equal(new Set(id.values()).size, 9);

  const liz = await duck.one<{ given_name: string; family_name: string; address_line: string }>(
    'SELECT given_name, family_name, address_line FROM identity.customer WHERE customer_id = $1', [id.get('r7')!]);
  assert.equal(liz?.given_name, 'Elizabeth', 'the formal given name wins over the nickname');
  assert.equal(liz?.family_name, 'Brown', 'the most recently maintained surname wins');
  assert.equal(liz?.address_line, '8 HILL CT');
  const home = await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM identity.customer
    WHERE household_id = (SELECT household_id FROM identity.customer WHERE customer_id = $1)`, [id.get('r4')!]);
  assert.equal(home?.n, 4, 'Robert, Mary, the junior and the undated Robert share one household at 123 Oak St');

  const model = await loadModel(duck);
  assert.ok(model, 'the model is saved');
  const dob = model.comparisons.find((c) => c.name === 'birth_date')!;
  assert.ok(dob.levels[0].m / dob.levels[0].u > 1000, 'agreeing on a birth date is strong evidence');
  assert.ok(dob.levels.at(-1)!.m < dob.levels.at(-1)!.u, 'disagreeing on it is evidence against');
  duck.close();
});

test('an undated, unmarked record at the home of a father and his junior marked JR is left to a steward, not given to the father', async () => {
  const duck = await stores();
  await deliver(duck, 1, [
    'j1,Thaddeus,Quimby,,1950-03-03,12 Birch Lane,55102,(555) 060-1000,,2024-01-01', // the father
    'j2,Thaddeus,Quimby,JR,1979-08-08,12 Birch Lane,55102,(555) 060-1000,,2024-01-01', // his junior
    'j3,Thaddeus,Quimby,,,12 BIRCH LN,55102,(555) 060-1000,,2024-06-01', // either of them: no birth date, no suffix
    'k1,Ignatius,Okafor,,1962-05-05,3 Cedar Ct,55104,(555) 060-2000,,2024-01-01', // nobody else of this name at this home:
    'k2,Ignatius,Okafor,,,3 CEDAR CT,55104,(555) 060-2000,,2024-06-01', // the undated record is Ignatius's
    'x1,Walter,Ng,JR,1988-01-01,9 Oak Ct,55105,,,2024-01-01', // another junior, so that suffixes are compared at all
  ]);
  await resolveIdentity(duck, 1);
  const id = await customerOf(duck);
  assert.equal(new Set([id.get('j1'), id.get('j2'), id.get('j3')]).size, 3, 'father, junior and the undated record stay apart');
  assert.equal(id.get('k1'), id.get('k2'));
  const queued = await duck.all<{ other: string }>(`SELECT CASE WHEN ra.source_key = 'j3' THEN rb.source_key ELSE ra.source_key END AS other
    FROM identity.review q JOIN identity.record ra ON ra.rid = q.a JOIN identity.record rb ON rb.rid = q.b WHERE 'j3' IN (ra.source_key, rb.source_key)`);
  assert.deepEqual(queued.map((q) => q.other), ['j1'], 'its link to the father waits for a steward');
  duck.close();
});

test('an undated, unmarked record with nothing of its own (a name, an address, the household\'s phone) is left to a steward, not given to the father', async () => {
  const duck = await stores();
  await deliver(duck, 1, [
    'h1,Cornelius,Vantassel,,1951-04-04,40 Aspen Way,55106,(555) 070-1000,,2024-01-01', // the father
    'h2,Edwina,Vantassel,,1953-09-09,40 Aspen Way,55106,(555) 070-1000,,2024-01-01', // his wife: the phone is the household's
    'h3,Con,Vantassel,,1982-02-02,40 ASPEN WAY,55106,(555) 070-2999,con.v@example.com,2024-01-01', // his son, not marked JR, by a nickname
    'h4,Cornelius,Vantassel,,,40 Aspen Way,55106,(555) 070-1000,,2024-06-01', // either: it matches the father, the son only by half
    'g1,Bartholomew,Quist,,1949-11-11,6 Larch Rd,55108,(555) 070-4000,,2024-01-01', // a father whose son no system has yet
    'g2,Philippa,Quist,,1950-05-05,6 Larch Rd,55108,(555) 070-4000,,2024-01-01',
    'g3,Bartholomew,Quist,,,6 LARCH RD,55108,(555) 070-4000,bq@example.com,2024-06-01', // the same: an e-mail the father's record lacks
    'g4,Bartholomew,Quist,,,6 Larch Rd,55108,,bq@example.com,2024-07-01', // tells nothing, nor does another record sharing it
    'm1,Ulysses,Fairweather,,1958-07-07,8 Spruce Ct,55107,(555) 070-3000,,2024-01-01', // a phone only he gives:
    'm2,Ulysses,Fairweather,,,8 SPRUCE CT,55107,(555) 070-3000,,2024-06-01', // the undated record is his
    'x1,Walter,Ng,JR,1988-01-01,9 Oak Ct,55105,,,2024-01-01', // another junior, so that suffixes are compared at all
  ]);
  await resolveIdentity(duck, 1);
  const id = await customerOf(duck);
  assert.equal(new Set([id.get('h1'), id.get('h3'), id.get('h4')]).size, 3, 'father, son and the undated record stay apart');
  assert.ok(id.get('g3') !== id.get('g1') && id.get('g4') !== id.get('g1'), 'a father whose son no system has yet keeps the undated records apart');
  assert.equal(id.get('m1'), id.get('m2'));
  const queued = await duck.all<{ pair: string }>(`SELECT least(ra.source_key, rb.source_key) || '~' || greatest(ra.source_key, rb.source_key) AS pair
    FROM identity.review q JOIN identity.record ra ON ra.rid = q.a JOIN identity.record rb ON rb.rid = q.b`);
  for (const pair of ['h1~h4', 'g1~g3']) assert.ok(queued.some((q) => q.pair === pair), `${pair} waits for a steward`);
  duck.close();
});

test('a run resolves only new records against the customers, and ids stay put; a bridging record merges two into the older id', async () => {
  const duck = await stores();
  await deliver(duck, 1, [
    'a1,Anna,Berg,,1990-01-15,1 Main St,55401,,anna@example.com,2024-01-01',
    'b1,Anna,Lund,,1990-01-15,,,(555) 040-1234,,2024-01-01', // another surname, nothing shared with a1 but a given name and a birth date
  ]);
  await resolveIdentity(duck, 1);
  const before = new Map((await duck.all<{ source: string; source_key: string; customer_id: number }>('SELECT * FROM identity.xref')).map((r) => [`${r.source}:${r.source_key}`, r.customer_id]));
  let id = await customerOf(duck);
  assert.notEqual(id.get('a1'), id.get('b1'), 'a given name and a birth date alone are not enough');
  const [older, younger] = [id.get('a1')!, id.get('b1')!].sort((x, y) => x - y);
  const again = await resolveIdentity(duck, 2);
  assert.equal(again.skipped, true, 'nothing changed, nothing to resolve');

  await deliver(duck, 3, ['c1,Ann,Berg,,1990-01-15,1 Main St,55401,(555) 040-1234,anna@example.com,2025-01-01']);
  const summary = await resolveIdentity(duck, 3);
  assert.equal(summary.retrained, false, 'the saved model scores the new record');
  assert.equal(summary.changedRecords, 1, 'only the new record was prepared and compared');
  id = await customerOf(duck);
  assert.equal(id.get('a1'), older);
  assert.equal(id.get('b1'), older, 'the older id survives the merge');
  assert.equal(id.get('c1'), older);
  assert.equal(summary.merged, 1);
  const redirect = await duck.all<{ from_id: number; to_id: number; run_id: number }>('SELECT from_id, to_id, run_id FROM identity.redirect');
  assert.deepEqual(redirect, [{ from_id: younger, to_id: older, run_id: 3 }]);
  const event = await duck.one<{ kind: string; other_id: number; evidence: string }>(`SELECT kind, other_id, evidence::VARCHAR AS evidence FROM identity.event WHERE customer_id = $1`, [older]);
  assert.equal(event?.kind, 'merged');
  assert.equal(event?.other_id, younger);
  assert.match(event!.evidence, /crm:c1/, 'the merge names the record that joined them');
  const after = await duck.all<{ source: string; source_key: string; customer_id: number }>(`SELECT * FROM identity.xref WHERE source = 'population'`);
  assert.ok(after.every((r) => before.get(`${r.source}:${r.source_key}`) === r.customer_id), 'no other customer changed id');

  await deliver(duck, 4, ['d1,Zoe,Quinn,,2001-07-07,4 Bay Rd,94110,,,2025-01-01']);
  await resolveIdentity(duck, 4);
  id = await customerOf(duck);
  assert.ok(id.get('d1')! > younger, 'a merged-away id is never given out again');
  duck.close();
});

test("a steward's decisions are kept and honoured by every later run; a split-off part gets a new id", async () => {
  const duck = await stores();
  await deliver(duck, 1, traps);
  await resolveIdentity(duck, 1);
  let id = await customerOf(duck);
  const robert = id.get('r1')!;
  const at = '2026-01-01T10:00:00Z';
  // r3 is the typo-ridden record with the old address: the steward says it is someone else.
  await recordDecisions(duck, 2, [{ decisionId: 1, a: { source: 'crm', sourceKey: 'r1' }, b: { source: 'crm', sourceKey: 'r3' }, decision: 'different', reason: 'another Robert', decidedBy: 'steward', decidedAt: at },
    { decisionId: 2, a: { source: 'crm', sourceKey: 'r2' }, b: { source: 'crm', sourceKey: 'r3' }, decision: 'different', reason: 'another Robert', decidedBy: 'steward', decidedAt: at },
    // and the undated Robert is the father
    { decisionId: 3, a: { source: 'crm', sourceKey: 'r9' }, b: { source: 'crm', sourceKey: 'r1' }, decision: 'same', reason: 'called in, confirmed', decidedBy: 'steward', decidedAt: at }]);
  const summary = await resolveIdentity(duck, 2);
  assert.equal(summary.skipped, false, 'decisions alone make a run resolve');
  id = await customerOf(duck);
  assert.equal(id.get('r1'), robert, 'the customer keeps its id');
  assert.equal(id.get('r9'), robert, 'the steward joined the undated record');
  assert.notEqual(id.get('r3'), robert, 'the steward split r3 off');
  assert.ok(id.get('r3')! > robert, 'the part that leaves gets a new id');
  assert.equal(summary.split, 1);
  const events = await duck.all<{ kind: string; reason: string }>('SELECT kind, reason FROM identity.event WHERE customer_id = $1', [robert]);
  assert.ok(events.some((e) => e.kind === 'split' && /a steward decided/.test(e.reason)), 'the split and its reason are in the customer history');

  // A later run with a change to r3 must not undo the decision.
  await deliver(duck, 3, ['r3,Robrt,Smyth,,1971-06-24,9 Elm Rd,10001,(555) 010-2233,bob.smith@example.com,2026-01-01'], false);
  await resolveIdentity(duck, 3);
  id = await customerOf(duck);
  assert.notEqual(id.get('r3'), id.get('r1'), 'the "different" decision still holds');
  assert.equal(id.get('r9'), id.get('r1'), 'the "same" decision still holds');
  duck.close();
});

test('a system that keeps one record per person: two of its records are two people, even when everything else agrees', async () => {
  const duck = await stores();
  await deliver(duck, 1, traps);
  await resolveIdentity(duck, 1, { matchThreshold: 0.95, reviewThreshold: 0.5, uniqueWithinSource: { crm: ['source_key'] } });
  const id = await customerOf(duck);
  assert.equal(new Set(['r1', 'r2', 'r3'].map((k) => id.get(k))).size, 3, 'r1, r2 and r3 are three crm records, so three people');
  assert.equal(id.get('r7') === id.get('r8'), false);
  duck.close();
});

test('an explanation adds up each attribute\'s evidence to the match weight', async () => {
  const duck = await stores();
  await deliver(duck, 1, traps);
  await resolveIdentity(duck, 1);
  const model = (await loadModel(duck))!;
  duck.close();
  const same = await explainPair(model, { given_name: 'Robert', family_name: 'Smith', birth_date: '1971-06-24', postcode: '62704', address_line: '123 OAK ST' },
    { given_name: 'Bob', family_name: 'Smith', birth_date: '1971-06-24', postcode: '62704', address_line: '123 OAK ST' });
  const byName = new Map(same.evidence.map((e) => [e.comparison, e]));
  assert.equal(byName.get('first_name')?.level, 'nickname');
  assert.equal(byName.get('birth_date')?.level, 'exact');
  assert.equal(byName.get('email')?.level, null, 'missing on both sides: no evidence');
  assert.equal(byName.get('email')?.weight, 0);
  const sum = same.prior + same.evidence.reduce((s, e) => s + e.weight, 0);
  assert.ok(Math.abs(sum - same.weight) < 0.1, `the waterfall adds up (${sum} vs ${same.weight})`);
  assert.ok(same.probability > 0.99);
  const spouse = await explainPair(model, { given_name: 'Robert', family_name: 'Smith', birth_date: '1971-06-24', address_line: '123 OAK ST', postcode: '62704' },
    { given_name: 'Mary', family_name: 'Smith', birth_date: '1973-02-11', address_line: '123 OAK ST', postcode: '62704' });
  assert.equal(spouse.veto, true, 'different given names are never one person');
  assert.equal(spouse.probability, 0);
});
