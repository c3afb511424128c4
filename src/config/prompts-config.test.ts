// prompts: in cif.yaml: rules over the customer's facts, validated with errors that name the field.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadFactory } from './index.ts';

function factoryWithPrompts(prompts: string, accountFields = '{ product: PLAN }'): string {
  const dir = mkdtempSync(join(tmpdir(), 'cif-config-'));
  writeFileSync(join(dir, 'cif.yaml'), `
sources:
  - name: cellular
    productLine: cellular
    files:
      - { entity: account, path: a.csv, format: csv, key: NO, fields: ${accountFields} }
  - name: cable
    productLine: cable
    files:
      - { entity: account, path: b.csv, format: csv, key: NO, fields: { product: PLAN } }
${prompts}
`);
  return dir;
}

const error = (prompts: string, accountFields?: string): string => {
  try {
    loadFactory(factoryWithPrompts(prompts, accountFields), {});
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail(`accepted ${prompts}`);
};

test('rules with a condition, a tone, a text with facts, a reason; none declared: undefined, so the defaults apply', () => {
  const f = loadFactory(factoryWithPrompts(`
prompts:
  - id: valued
    when: { all: [ { fact: monthlyValue, atLeast: 150 }, { owns: [cellular], lacks: [cable] } ] }
    tone: offer
    text: "Spends {monthlyValue} a month: offer the loyalty plan"
    reason: A valued customer without cable
  - id: quiet
    when: { fact: doNotContact, is: true }
    tone: warning
    text: Quiet please
    reason: Asked for it
    suppressOffers: true
`), {});
  assert.deepEqual(f.config.prompts, [
    { id: 'valued', when: { all: [{ fact: 'monthlyValue', atLeast: 150 }, { owns: ['cellular'], lacks: ['cable'] }] }, tone: 'offer',
      text: 'Spends {monthlyValue} a month: offer the loyalty plan', reason: 'A valued customer without cable' },
    { id: 'quiet', when: { fact: 'doNotContact', is: true }, tone: 'warning', text: 'Quiet please', reason: 'Asked for it', suppressOffers: true },
  ]);
  assert.equal(loadFactory(factoryWithPrompts(''), {}).config.prompts, undefined);
  assert.deepEqual(loadFactory(factoryWithPrompts('prompts: []'), {}).config.prompts, [], 'an empty list: no prompts at all');
});

test('unknown facts, placeholders and product lines are errors naming the field', () => {
  const rule = (when: string, text = 'T') => `prompts:\n  - { id: r, when: ${when}, tone: info, text: "${text}", reason: R }`;
  assert.match(error(rule('{ fact: complaintDays, atLeast: 7 }')), /prompts\.0\.when\.fact: unknown fact "complaintDays"; facts: productLines, .*complaintOpenDays/);
  assert.match(error(rule('{ fact: openComplaints, atLeast: 1 }', 'Open {complaints}')), /prompts\.0\.text: \{complaints\} is not a fact/);
  assert.match(error(rule('{ any: [ { owns: [cellular] }, { lacks: [cabel] } ] }')),
    /prompts\.0\.when\.any\.1\.lacks\.0: no source has product line "cabel"; product lines: cellular, cable/);
  const mapping = loadFactory(factoryWithPrompts(rule('{ owns: [wireless] }'), '{ product: PLAN, product_line: LINE }'), {});
  assert.deepEqual(mapping.config.prompts![0]!.when, { owns: ['wireless'] }, 'a source that maps product_line itself may hold any line');
});

test('conditions that cannot be evaluated are errors naming the field', () => {
  const when = (condition: string) => error(`prompts:\n  - { id: r, when: ${condition}, tone: info, text: T, reason: R }`);
  assert.match(when('{ fact: doNotContact, atLeast: 1 }'), /prompts\.0\.when\.atLeast: doNotContact is a boolean, not a number: compare it with is/);
  assert.match(when('{ fact: openComplaints, is: "many" }'), /prompts\.0\.when\.is: openComplaints is a number: compare it with a number/);
  assert.match(when('{ fact: productLines, atLeast: 2 }'), /prompts\.0\.when\.atLeast: productLines is a list: test it with owns or lacks/);
  assert.match(when('{ fact: openComplaints }'), /prompts\.0\.when\.fact: say what to compare it with/);
  assert.match(when('{ fact: productLines }'), /prompts\.0\.when\.fact: productLines is a list: test it with owns or lacks/);
  assert.match(when('{ atLeast: 3 }'), /prompts\.0\.when\.atLeast: compares a fact: name it/);
  assert.match(when('{ known: true }'), /prompts\.0\.when\.known: compares a fact: name it/);
  assert.match(when('{ fact: offerLine, known: 1 }'), /prompts\.0\.when\.known: must be true \(the fact is known\) or false/);
  assert.match(when('{ fact: churnBand, is: 3 }'), /prompts\.0\.when\.is: churnBand is a text: compare it with a text/);
  assert.match(when('{}'), /prompts\.0\.when: a condition needs a test/);
  assert.match(when('{ owns: [] }'), /prompts\.0\.when\.owns: name at least one product line/);
  assert.match(when('{ all: [ { fact: openComplaints, atleast: 1 } ] }'), /prompts\.0\.when\.all\.0: .*atleast/);
});

test('a rule needs an id, a tone, a text and a reason; ids are unique; an offer cannot hold back offers', () => {
  assert.match(error('prompts:\n  - { id: r, when: { owns: [cable] }, tone: loud, text: T, reason: R }'), /prompts\.0\.tone: must be one of warning, offer, info/);
  assert.match(error('prompts:\n  - { id: r, when: { owns: [cable] }, tone: info, reason: R }'), /prompts\.0\.text: required: what the prompt says/);
  assert.match(error('prompts:\n  - { id: r, when: { owns: [cable] }, tone: info, text: "  ", reason: R }'), /prompts\.0\.text: must not be empty/);
  assert.match(error('prompts:\n  - { id: "Big One", when: { owns: [cable] }, tone: info, text: T, reason: R }'), /prompts\.0\.id: a rule id is lower case/);
  assert.match(error('prompts:\n  - { id: r, when: { owns: [cable] }, tone: info, text: T, reason: R }\n  - { id: r, when: { owns: [cable] }, tone: info, text: T, reason: R }'),
    /prompts\.1\.id: rule "r" is declared twice/);
  assert.match(error('prompts:\n  - { id: r, when: { owns: [cable] }, tone: offer, text: T, reason: R, suppressOffers: true }'), /prompts\.0\.suppressOffers: an offer cannot hold back offers/);
});
