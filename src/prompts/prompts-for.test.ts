// Rules over one fact row: conditions, templates, the order of prompts and offers held back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CustomerFacts } from '../ods/index.ts';
import { type PromptRule, promptRulesSchema, promptsFor } from './index.ts';

const facts = (over: Partial<CustomerFacts> = {}): CustomerFacts => ({
  productLines: [], activeAccounts: 0, monthlyValue: 0, tenureYears: null, openComplaints: 0, complaintOpenDays: null,
  contactsLast30Days: 0, addressesDiffer: false, addressChangedIn: null, addressNotChangedIn: null, doNotContact: false, marketingConsent: false,
  churnBand: null, churnRiskPercent: null, churnReasons: null, offerLine: null, offerPropensityPercent: null, offerDiscountPercent: null,
  offerExpectedValue: null, valueTier: null, valueLast12Months: null, paymentRisk: null, collectionTreatment: null, collectionDescription: null,
  ...over,
});

const rule = (id: string, when: PromptRule['when'], over: Partial<PromptRule> = {}): PromptRule => ({ id, when, tone: 'info', text: id, reason: 'because', ...over });
const fired = (rules: PromptRule[], f: CustomerFacts) => promptsFor(f, rules).map((p) => p.rule);

test('comparisons: atLeast and atMost are inclusive, is is equality, and an unknown (null) fact satisfies none', () => {
  const rules = [
    rule('long', { fact: 'tenureYears', atLeast: 5 }),
    rule('new', { fact: 'tenureYears', atMost: 0 }),
    rule('band', { fact: 'monthlyValue', atLeast: 50, atMost: 100 }),
    rule('consent', { fact: 'marketingConsent', is: true }),
  ];
  assert.deepEqual(fired(rules, facts({ tenureYears: 5, monthlyValue: 100 })), ['long', 'band']);
  assert.deepEqual(fired(rules, facts({ tenureYears: 0, monthlyValue: 49.99, marketingConsent: true })), ['new', 'consent']);
  assert.deepEqual(fired(rules, facts({ tenureYears: null, monthlyValue: 101 })), []);
});

test('owns needs every line, lacks refuses any; all and any combine conditions', () => {
  const rules = [
    rule('both', { owns: ['cable', 'cellular'] }),
    rule('no-cable', { owns: ['cellular'], lacks: ['cable'] }),
    rule('valued-or-loyal', { any: [{ fact: 'monthlyValue', atLeast: 150 }, { all: [{ fact: 'tenureYears', atLeast: 10 }, { lacks: ['long_distance'] }] }] }),
  ];
  assert.deepEqual(fired(rules, facts({ productLines: ['cable', 'cellular'], monthlyValue: 150 })), ['both', 'valued-or-loyal']);
  assert.deepEqual(fired(rules, facts({ productLines: ['cellular'], tenureYears: 10 })), ['no-cable', 'valued-or-loyal']);
  assert.deepEqual(fired(rules, facts({ productLines: ['cellular', 'long_distance'], tenureYears: 12 })), ['no-cable']);
});

test('text and reason fill in the facts: whole numbers as they are, amounts with cents, lists joined, unknown said', () => {
  const [prompt] = promptsFor(facts({ monthlyValue: 75.5, tenureYears: 12, productLines: ['cable', 'cellular'] }), [
    rule('valued', { fact: 'monthlyValue', atLeast: 50 }, { tone: 'offer', text: 'Spends {monthlyValue} a month on {productLines}', reason: 'With us {tenureYears} years; complaint {complaintOpenDays}' }),
  ]);
  assert.deepEqual(prompt, { rule: 'valued', tone: 'offer', text: 'Spends 75.50 a month on cable, cellular', reason: 'With us 12 years; complaint unknown' });
});

test('a rule that suppresses offers holds back every offer and says so itself; others stay, in the order of the rules', () => {
  const rules = [
    rule('upsell', { owns: ['cellular'] }, { tone: 'offer' }),
    rule('valued', { fact: 'monthlyValue', atLeast: 50 }),
    rule('busy', { fact: 'contactsLast30Days', atLeast: 2 }, { tone: 'warning', suppressOffers: true }),
  ];
  assert.deepEqual(fired(rules, facts({ productLines: ['cellular'], monthlyValue: 60 })), ['upsell', 'valued']);
  assert.deepEqual(fired(rules, facts({ productLines: ['cellular'], monthlyValue: 60, contactsLast30Days: 2 })), ['valued', 'busy']);
});

test('do not contact holds offers back even when the rules forget it, and a prompt of its own says so', () => {
  const offer = rule('upsell', { owns: ['cellular'] }, { tone: 'offer' });
  assert.deepEqual(promptsFor(facts({ productLines: ['cellular'], doNotContact: true }), [offer]), [
    { rule: 'offers-held', tone: 'warning', text: 'Do not contact: no offers', reason: 'The customer asked to be contacted only to be served.' },
  ]);
  const own = rule('dnc', { fact: 'doNotContact', is: true }, { tone: 'warning', text: 'No selling', suppressOffers: true });
  assert.deepEqual(fired([offer, own], facts({ productLines: ['cellular'], doNotContact: true })), ['dnc'], 'the rules say it: no second prompt');
  assert.deepEqual(fired([offer], facts({ productLines: ['cable'], doNotContact: true })), ['offers-held'], 'said even with no offer to hold back');
});

test('known asks whether the ODS knows a fact: a customer scored, an offer made', () => {
  const rules = [rule('scored', { fact: 'churnBand', known: true }), rule('unscored', { fact: 'churnBand', known: false }), rule('offer', { fact: 'offerLine', known: true })];
  assert.deepEqual(fired(rules, facts()), ['unscored']);
  assert.deepEqual(fired(rules, facts({ churnBand: 'low' })), ['scored']);
  assert.deepEqual(fired(rules, facts({ churnBand: 'low', offerLine: 'cable', offerDiscountPercent: 12.5 })), ['scored', 'offer']);
  const [prompt] = promptsFor(facts({ offerLine: 'cable', offerDiscountPercent: 12.5, churnReasons: null }),
    [rule('nbo', { fact: 'offerLine', known: true }, { text: '{offerLine} at {offerDiscountPercent}% off', reason: '{churnReasons}' })]);
  assert.deepEqual([prompt!.text, prompt!.reason], ['cable at 12.50% off', 'unknown']);
});

test('the rules parse as cif.yaml would give them', () => {
  const parsed = promptRulesSchema.parse([{ id: 'x', when: { any: [{ owns: ['cable'] }, { fact: 'openComplaints', atLeast: 1 }] }, tone: 'info', text: ' Hi {openComplaints} ', reason: 'r' }]);
  assert.equal(parsed[0]!.text, 'Hi {openComplaints}', 'trimmed');
});
