// The information feedback into the ODS: a scoring run's scores replace those held, in one transaction, checked
// field by field; a customer's read carries them, following merges; a merge drops the merged-away id's scores.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Ods } from './ods.ts';
import { OdsLoadError } from './load.ts';
import type { ScoreInput } from './score-input.ts';
import { OdsInputError } from './stewardship.ts';
import { forEachEngine } from './test-engines.ts';
import { batches, customer, score } from './test-rows.ts';

async function withCustomers(ods: Ods, ids: number[]): Promise<void> {
  await ods.load(1, { upsert: { customer: batches(ids.map((id) => customer(id))) } });
}

const held = (ods: Ods) => ods.query<{ customer_id: number; score_run: number; loaded_at: string }>(
  'select customer_id, score_run, loaded_at from customer_score order by customer_id');

forEachEngine('ODS scores', (engine) => {
  test('a scoring run is loaded, and a read gives the scores in the API shape, the profile and the facts too', async () => {
    const ods = await engine.open();
    await withCustomers(ods, [1, 2, 3]);
    const counts = await ods.loadScores(5, batches([score(1, 5), score(2, 5, { churn_band: 'low', churn_risk: 0.08, churn_reasons: [], offers: [] })]));
    assert.deepEqual(counts, { read: 2, loaded: 2, changed: 2, removed: 0, skipped: 0 });

    const { offers } = score(1, 5);
    const expected = {
      modelVersion: 'churn-gbm 2.1; offers 1.4',
      scoredAt: '2025-03-01T06:00:00.000Z',
      scoreRun: 5,
      churnRisk: { probability: 0.72, band: 'high', reasons: ['complained twice in the last three months', 'monthly charge up 20% this year'] },
      nextBestOffer: offers[0],
      offers,
      value: 2140.5,
      valueTier: 'top',
      paymentRisk: 'medium',
      collectionTreatment: 'courtesy call before dunning',
      collectionDescription: 'Call to remind them kindly before any dunning letter goes out.',
    };
    assert.deepEqual(await ods.scoresOf(1), expected);
    const profile = (await ods.getCustomer(1))!;
    assert.deepEqual(profile.scores, expected);
    assert.deepEqual(
      Object.fromEntries(Object.entries(profile.facts).filter(([name]) => /^(churn|offer|value|payment|collection)/.test(name))),
      {
        churnBand: 'high', churnRiskPercent: 72, churnReasons: 'complained twice in the last three months; monthly charge up 20% this year',
        offerLine: 'cable', offerPropensityPercent: 41, offerDiscountPercent: 15, offerExpectedValue: 182.4,
        valueTier: 'top', valueLast12Months: 2140.5, paymentRisk: 'medium',
        collectionTreatment: 'courtesy call before dunning', collectionDescription: 'Call to remind them kindly before any dunning letter goes out.',
      },
    );
    const two = (await ods.scoresOf(2))!;
    assert.equal(two.nextBestOffer, null);
    assert.deepEqual(two.offers, []);
    const twoFacts = (await ods.getCustomer(2))!.facts;
    assert.equal(twoFacts.offerLine, null);
    assert.equal(twoFacts.churnReasons, null);

    assert.equal(await ods.scoresOf(3), null, 'not scored');
    assert.equal((await ods.getCustomer(3))!.scores, null);
    assert.equal((await ods.getCustomer(3))!.facts.churnBand, null);
    assert.equal(await ods.scoresOf(99), null, 'no such customer');
  });

  test('loading the same run again changes nothing; a newer run replaces the scores and removes those it did not score', async () => {
    const ods = await engine.open();
    await withCustomers(ods, [1, 2, 3]);
    await ods.loadScores(5, batches([score(1, 5), score(2, 5)]));
    const first = await held(ods);

    assert.deepEqual(await ods.loadScores(5, batches([score(1, 5), score(2, 5)], 1)), { read: 2, loaded: 2, changed: 0, removed: 0, skipped: 0 });
    assert.deepEqual(await held(ods), first, 'not even loaded_at moved');

    const counts = await ods.loadScores(6, batches([score(2, 6, { churn_band: 'medium', churn_risk: 0.4 }), score(3, 6)]));
    assert.deepEqual(counts, { read: 2, loaded: 2, changed: 2, removed: 1, skipped: 0 });
    assert.deepEqual((await held(ods)).map((r) => [r.customer_id, r.score_run]), [[2, 6], [3, 6]]);
    assert.equal(await ods.scoresOf(1), null, "run 5's score of customer 1 is stale: run 6 did not score them");
    assert.deepEqual((await ods.scoresOf(2))!.churnRisk, { probability: 0.4, band: 'medium', reasons: score(2, 6).churn_reasons });

    await assert.rejects(ods.loadScores(5, batches([score(1, 5)])), (error: Error) =>
      error instanceof OdsInputError && /^score_run: run 5 is older than run 6/.test(error.message));
    assert.deepEqual((await held(ods)).map((r) => r.score_run), [6, 6]);
  });

  test('pages are COPYed in bulk: thousands of scores in a few pages', async () => {
    const ods = await engine.open();
    const ids = Array.from({ length: 3_000 }, (_, i) => i + 1);
    await withCustomers(ods, ids);
    const counts = await ods.loadScores(1, batches(ids.map((id) => score(id, 1, { churn_risk: (id % 100) / 100, churn_band: id % 3 === 0 ? 'high' : 'low' })), 1_000));
    assert.deepEqual(counts, { read: 3_000, loaded: 3_000, changed: 3_000, removed: 0, skipped: 0 });
    const [bands] = await ods.query<{ high: number }>(`select count(*) filter (where churn_band = 'high')::integer as high from customer_score`);
    assert.equal(bands!.high, 1_000);
  });

  test('bad input is refused naming the field and the row, and nothing of the run is written', async () => {
    const ods = await engine.open();
    await withCustomers(ods, [1, 2, 3]);
    await ods.loadScores(5, batches([score(1, 5)]));
    const before = await held(ods);
    const refused = async (rows: unknown[], pattern: RegExp, run = 6) => {
      await assert.rejects(ods.loadScores(run, batches(rows as ScoreInput[], 1)), (error: Error) => {
        assert.ok(error instanceof OdsInputError, `${error.name}: ${error.message}`);
        assert.match(error.message, pattern);
        return true;
      });
      assert.deepEqual(await held(ods), before);
    };
    await refused([score(2, 6), { ...score(3, 6), churn_band: 'extreme' }],
      /^churn_band: must be one of high, medium, low, not "extreme" \(score run 6, page 2, row 1, customer 3\)$/);
    await refused([score(2, 6), score(3, 6, { offers: [{ productLine: 'cable', propensity: 1.5, discountPercent: 10, expectedValue: 1 }] })],
      /^offers\.0\.propensity: must be a number from 0 to 1, not 1\.5 /);
    await refused([{ ...score(2, 6), churnRisk: 0.3 }], /^churnRisk: is not a field of a score \(fields: customer_id, score_run, /);
    await refused([score(2, 6, { scored_at: '1 March 2025' })], /^scored_at: must be an ISO time with its zone/);
    await refused([score(2, 6, { churn_reasons: ['fine', ''] })], /^churn_reasons: must be a list of texts, none empty/);
    await refused([score(2, 5)], /^score_run: the row is of run 5, the load of run 6/);
    await refused([score(2, 6), score(2, 6)], /^customer_id: customer 2 is scored 2 times in score run 6/);
    await refused([{ ...score(2, 6), value: undefined }], /^value: must be an amount \(a number\), not missing/);
    await refused([], /^scores: score run 6 has no scores/);
    await refused([score(2, 0)], /^score_run: must be a positive whole number, not 0/, 0);
  });

  test("scores of a customer the ODS does not hold are skipped, counted, and a merge drops the merged-away id's scores", async () => {
    const ods = await engine.open();
    await withCustomers(ods, [1, 2]);
    assert.deepEqual(await ods.loadScores(5, batches([score(1, 5), score(2, 5, { value_tier: 'low' }), score(77, 5)])),
      { read: 3, loaded: 2, changed: 2, removed: 0, skipped: 1 });

    // Customer 2 merged into 1: the load that removes 2 is not refused for 2's scores, which go with it.
    await ods.load(2, { redirects: [{ from_id: 2, to_id: 1, run_id: 2, reason: 'same person' }], remove: { customer: [2] } });
    assert.deepEqual((await held(ods)).map((r) => r.customer_id), [1]);
    assert.equal((await ods.scoresOf(2))!.valueTier, 'top', "the merged id reads the survivor's scores");
    assert.equal((await ods.getCustomer(2))!.scores!.valueTier, 'top');

    // A scoring run that still names the merged id loads the rest.
    assert.deepEqual(await ods.loadScores(6, batches([score(1, 6), score(2, 6)])), { read: 2, loaded: 1, changed: 1, removed: 0, skipped: 1 });
  });

  test('a failure of the engine is an OdsLoadError saying nothing was written', async () => {
    const ods = await engine.open();
    await withCustomers(ods, [1]);
    // Passes the checks, fails in COPY: PostgreSQL's text holds no NUL character.
    await assert.rejects(ods.loadScores(1, batches([score(1, 1, { collection_description: 'nul \u0000 here' })])), (error: Error) =>
      error instanceof OdsLoadError && /^score load of run 1 failed, nothing was written: customer_score, batch 1: /.test(error.message));
    assert.deepEqual(await held(ods), []);
  });
});
