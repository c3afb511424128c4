// Each default rule against the facts a real ODS computes (both engines): it fires when its facts hold, and not
// when they do not; offers are held back while the customer is not to be sold to.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Ods } from '../ods/index.ts';
import { forEachEngine } from '../ods/test-engines.ts';
import { account, batches, contact, customer, daysAgo, score, sourceRecord } from '../ods/test-rows.ts';
import { defaultPromptRules, type Prompt, promptsFor } from './index.ts';

const line = (key: string, id: number, productLine: string, over = {}) => account(productLine, key, id, { product_line: productLine, ...over });

forEachEngine('default prompt rules', (engine) => {
  let ods: Ods;
  const prompts = async (id: number): Promise<Prompt[]> => promptsFor((await ods.getCustomer(id))!.facts, defaultPromptRules);
  const rules = async (id: number) => (await prompts(id)).map((p) => p.rule);

  before(async () => {
    ods = await engine.open();
    await ods.load(1, {
      upsert: {
        customer: batches(Array.from({ length: 10 }, (_, i) => customer(i + 1))),
        customer_source: batches([
          sourceRecord('cable', 'C3', 3, { address_line: '9 ELM ST', updated_on: '2024-06-01' }),
          sourceRecord('cellular', 'S3', 3, { updated_on: '2024-01-01' }),
          sourceRecord('cable', 'C4', 4),
          sourceRecord('cellular', 'S4', 4, { address_line: ' 1 MAIN  ST' }),
        ]),
        account: batches([
          line('A5', 5, 'cellular'), line('A6', 6, 'cellular'), line('A7', 7, 'cellular'),
          line('A8', 8, 'cellular'), line('B8', 8, 'cable'),
          line('A9', 9, 'cellular'), line('B9', 9, 'cable', { status: 'closed', closed_on: '2025-01-01' }),
        ]),
        contact: batches([
          contact('cc', 'K1', 1, daysAgo(9), { is_complaint: true, outcome: 'escalated' }),
          contact('cc', 'K2', 2, daysAgo(6), { is_complaint: true, outcome: 'escalated' }),
          ...[1, 10, 20].map((d) => contact('cc', `K6-${d}`, 6, daysAgo(d))),
          ...[1, 10, 31].map((d) => contact('cc', `K7-${d}`, 7, daysAgo(d))),
        ]),
      },
    });
    await ods.updatePreferences({ customerId: 5, change: { do_not_contact: true }, actor: { name: 'ann', role: 'agent', channel: 'workspace' }, outbound: [] });
  });

  test('complaint-open: a complaint open for 7 days or more', async () => {
    assert.deepEqual(await prompts(1), [{
      rule: 'complaint-open', tone: 'warning', text: 'Complaint open for 9 days',
      reason: 'No contact has resolved it for a week or more: deal with it before anything else.',
    }]);
    assert.deepEqual(await rules(2), [], 'open for 6 days');
  });

  test('address-differs: the systems hold different addresses', async () => {
    const [prompt] = await prompts(3);
    assert.equal(prompt?.rule, 'address-differs');
    assert.equal(prompt?.text, 'Address changed in cable but not in cellular');
    assert.deepEqual(await rules(4), [], 'the same address, spelled with other spaces');
  });

  test('cable-bundle: an offer to a customer whose only active product line is cellular', async () => {
    assert.deepEqual(await prompts(7), [{
      rule: 'cable-bundle', tone: 'offer', text: 'Owns cellular only: offer the cable bundle',
      reason: 'A customer with one product line leaves more often than one with two.',
    }], 'two contacts in 30 days (the third is older) do not hold it back');
    assert.deepEqual(await rules(9), ['cable-bundle'], 'a closed cable account is not cable');
    assert.deepEqual(await rules(8), [], 'owns cable too');
    assert.deepEqual(await rules(10), [], 'owns nothing');
  });

  test('do-not-contact: said, and the offer held back', async () => {
    assert.deepEqual(await rules(5), ['do-not-contact']);
  });

  test("the scores fed back: churn risk with its reasons, payment risk's treatment, top value, the models' offer in place of the cable bundle", async () => {
    await ods.load(2, {
      upsert: { customer: batches([customer(11), customer(12), customer(13)]), account: batches([line('A11', 11, 'cellular'), line('A12', 12, 'cellular'), line('A13', 13, 'cellular')]) },
    });
    await ods.loadScores(1, batches([
      score(11, 1),
      score(12, 1, { churn_band: 'low', churn_risk: 0.05, offers: [], value_tier: 'medium', payment_risk: 'low', collection_treatment: 'standard reminders' }),
      score(13, 1),
    ]));
    await ods.updatePreferences({ customerId: 13, change: { do_not_contact: true }, actor: { name: 'ann', role: 'agent', channel: 'workspace' }, outbound: [] });
    assert.deepEqual(await prompts(11), [
      { rule: 'churn-risk-high', tone: 'warning', text: 'Churn risk high (72%): find out what would keep them',
        reason: 'complained twice in the last three months; monthly charge up 20% this year' },
      { rule: 'collection-treatment', tone: 'info', text: 'Payment risk medium: courtesy call before dunning',
        reason: 'Call to remind them kindly before any dunning letter goes out.' },
      { rule: 'top-value', tone: 'info', text: 'Top-value customer: worth 2140.50 over the last 12 months',
        reason: 'Among the customers the company earns the most from: serve them first.' },
      { rule: 'next-best-offer', tone: 'offer', text: 'Offer the cable bundle at 15% off',
        reason: 'The best of the offers the models ranked for this customer: 41% likely to be taken, worth 182.40.' },
    ], 'the cable bundle gives way to the offer the models made');
    assert.deepEqual(await rules(12), ['cable-bundle'], 'low risks, no offer from the models: only the cable bundle');
    assert.deepEqual(await rules(13), ['churn-risk-high', 'do-not-contact', 'collection-treatment', 'top-value'], "not to be sold to: the models' offer held back");
  });

  test('contacted-often: three contacts in 30 days, and the offer held back', async () => {
    assert.deepEqual(await prompts(6), [{
      rule: 'contacted-often', tone: 'warning', text: 'Contacted 3 times in 30 days: do not solicit',
      reason: 'Three contacts in 30 days are enough: offers wait.',
    }]);
  });
});
