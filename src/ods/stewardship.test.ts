import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OdsLoadError } from './load.ts';
import type { Ods } from './ods.ts';
import { openOdsOffThread } from './off-thread.ts';
import type { CustomerEventInput, DecisionInput, OdsLoad } from './rows.ts';
import { forEachEngine } from './test-engines.ts';
import { batches, customer, reviewPair, sourceRecord } from './test-rows.ts';

const model = { version: 1, prior: 0.001, comparisons: [{ name: 'first_name', description: 'Given name', levels: [{ label: 'exact', m: 0.9, u: 0.01 }] }] };

const events: CustomerEventInput[] = [
  { customer_id: 1, kind: 'merged', other_id: 4, reason: 'same e-mail and birth date', evidence: { probability: 0.99, agree: ['email', 'birth_date'] } },
  { customer_id: 3, kind: 'split', other_id: 5, reason: 'steward: different people' },
  { customer_id: 5, kind: 'split from', other_id: 3, reason: 'steward: different people', evidence: null },
];

/** Customers 1–3 with records, a queue of two pairs, events and the model. */
function stewardshipLoad(over: Partial<OdsLoad> = {}): OdsLoad {
  return {
    upsert: {
      customer: batches([customer(1), customer(2, { given_name: 'Bobby' }), customer(3, { given_name: 'Ann', family_name: 'Lee' })]),
      customer_source: batches([
        sourceRecord('core', 'S1', 1),
        sourceRecord('web', 'W1', 2, { given_name: 'Bobby', email: 'bob@example.com' }),
        sourceRecord('core', 'S3', 3, { given_name: 'Ann', family_name: 'Lee' }),
        sourceRecord('web', 'W3', 3, { given_name: 'Anne', family_name: 'Lee' }),
      ]),
    },
    review: batches([reviewPair('core:S1', 1, 'web:W1', 2, 0.62), reviewPair('core:S3', 3, 'web:W1', 2, 0.81)], 1),
    events: batches(events, 2),
    model,
    ...over,
  };
}

const unchanged = { inserted: 0, updated: 0, deleted: 0 };

const decision = (over: Partial<DecisionInput> = {}): DecisionInput => ({
  a: { source: 'core', sourceKey: 'S1' },
  b: { source: 'web', sourceKey: 'W1' },
  decision: 'same',
  reason: 'Bob is Robert; same address and birth date',
  decidedBy: 'ann.steward',
  ...over,
});

async function snapshot(ods: Ods) {
  return {
    pairs: await ods.query('select * from review_pair order by pair_id'),
    events: await ods.query('select * from customer_event order by event_id'),
    model: await ods.query('select * from identity_model'),
  };
}

forEachEngine('ODS stewardship', (engine) => {
  test('loads the queue, events and model; the same delivery again changes nothing', async () => {
    const ods = await engine.open();
    const first = await ods.load(1, stewardshipLoad());
    assert.deepEqual(first.review_pair, { inserted: 2, updated: 0, deleted: 0 });
    assert.deepEqual(first.customer_event, { inserted: 3, updated: 0, deleted: 0 });
    assert.deepEqual(first.identity_model, { inserted: 1, updated: 0, deleted: 0 });
    const before = await snapshot(ods);
    assert.deepEqual(
      before.events.map((e) => [e.customer_id, e.kind, e.other_id, e.run_id, e.evidence]),
      [
        [1, 'merged', 4, 1, { probability: 0.99, agree: ['email', 'birth_date'] }],
        [3, 'split', 5, 1, null],
        [5, 'split from', 3, 1, null],
      ],
    );
    assert.deepEqual(before.pairs.map((p) => [p.pair_id, p.status, p.run_id, p.probability]), [
      ['core:S1|web:W1', 'open', 1, 0.62],
      ['core:S3|web:W1', 'open', 1, 0.81],
    ]);

    const again = await ods.load(1, stewardshipLoad());
    for (const table of ['review_pair', 'customer_event', 'identity_model']) assert.deepEqual(again[table], unchanged, table);
    assert.deepEqual(await snapshot(ods), before); // event ids too: nothing was deleted and added back
    assert.deepEqual(await ods.identityModel(), model);

    // A load without them leaves them alone, and reports no counts for them.
    const other = await ods.load(2, { upsert: { customer: batches([customer(1)]) } });
    assert.equal(other.review_pair, undefined);
    assert.deepEqual(await snapshot(ods), before);
  });

  test('the queue delivered replaces the open queue; decided pairs stay as the steward left them', async () => {
    const ods = await engine.open();
    await ods.load(1, stewardshipLoad());
    await ods.recordDecision(decision({ a: { source: 'core', sourceKey: 'S3' }, decision: 'different', reason: 'different first names' }));
    // run 2: S1|W1 changes, S3|W1 (decided) comes again, a new pair appears, nothing else
    const counts = await ods.load(2, {
      review: batches([
        reviewPair('core:S1', 1, 'web:W1', 2, 0.7),
        reviewPair('core:S3', 3, 'web:W1', 2, 0.9),
        reviewPair('core:S1', 1, 'web:W3', 3, 0.55),
      ]),
    });
    assert.deepEqual(counts.review_pair, { inserted: 1, updated: 1, deleted: 0 });
    const pairs = await ods.query<{ pair_id: string; status: string; probability: number; run_id: number; decision: string | null }>(
      'select pair_id, status, probability, run_id, decision from review_pair order by pair_id',
    );
    assert.deepEqual(pairs, [
      { pair_id: 'core:S1|web:W1', status: 'open', probability: 0.7, run_id: 2, decision: null },
      { pair_id: 'core:S1|web:W3', status: 'open', probability: 0.55, run_id: 2, decision: null },
      { pair_id: 'core:S3|web:W1', status: 'decided', probability: 0.81, run_id: 1, decision: 'different' },
    ]);
    // run 3: an empty queue removes every open pair, and only those
    const emptied = await ods.load(3, { review: batches([]) });
    assert.deepEqual(emptied.review_pair, { inserted: 0, updated: 0, deleted: 2 });
    assert.deepEqual((await ods.query('select pair_id from review_pair')).map((p) => p.pair_id), ['core:S3|web:W1']);
  });

  test("a run's events replace an earlier delivery of that run; other runs' events stay", async () => {
    const ods = await engine.open();
    await ods.load(1, stewardshipLoad());
    // run 2 delivers its own events and, catching up, run 1's again with one changed
    const counts = await ods.load(2, {
      events: batches([
        { customer_id: 2, kind: 'merged', other_id: 6, reason: 'steward: same person' },
        { ...events[0]!, run_id: 1 },
        { ...events[1]!, run_id: 1, reason: 'steward: different people (twins)' },
        { ...events[2]!, run_id: 1 },
      ]),
    });
    assert.deepEqual(counts.customer_event, { inserted: 2, updated: 0, deleted: 1 });
    const held = await ods.query<{ customer_id: number; reason: string; run_id: number }>('select customer_id, reason, run_id from customer_event order by run_id, customer_id');
    assert.deepEqual(held, [
      { customer_id: 1, reason: 'same e-mail and birth date', run_id: 1 },
      { customer_id: 3, reason: 'steward: different people (twins)', run_id: 1 },
      { customer_id: 5, reason: 'steward: different people', run_id: 1 },
      { customer_id: 2, reason: 'steward: same person', run_id: 2 },
    ]);
    // run 2 delivered again with no events at all: its event goes, run 1's stay
    const none = await ods.load(2, { events: batches([]) });
    assert.deepEqual(none.customer_event, { inserted: 0, updated: 0, deleted: 1 });
    assert.equal((await ods.query('select * from customer_event')).length, 3);
  });

  test('the model is replaced by a different one and removed by null', async () => {
    const ods = await engine.open();
    await ods.load(1, { model });
    const changed = { ...model, prior: 0.002 };
    assert.deepEqual((await ods.load(2, { model: changed })).identity_model, { inserted: 0, updated: 1, deleted: 0 });
    assert.deepEqual(await ods.query('select model, run_id from identity_model'), [{ model: changed, run_id: 2 }]);
    assert.deepEqual(await ods.identityModel(), changed);
    assert.deepEqual((await ods.load(3, { model: null })).identity_model, { inserted: 0, updated: 0, deleted: 1 });
    assert.equal(await ods.identityModel(), null);
    await assert.rejects(ods.load(4, { model: [1, 2] }), /identity_model: model: expected a JSON object, got an array/);
  });

  test('bad queue input fails the whole load, naming the table and the column', async () => {
    const ods = await engine.open();
    const bad = stewardshipLoad({ review: batches([reviewPair('core:S1', 1, 'web:W1', 2, 1.5)]) });
    await assert.rejects(ods.load(1, bad), (error: Error) => {
      assert.ok(error instanceof OdsLoadError);
      assert.match(error.message, /nothing was written: review_pair: .*probability/);
      return true;
    });
    const missingKey = { ...reviewPair('core:S1', 1, 'web:W1', 2, 0.5), a_key: null as unknown as string };
    await assert.rejects(ods.load(1, { review: batches([missingKey]) }), /review_pair.*a_key/);
    await assert.rejects(ods.load(1, { events: batches([{ customer_id: 1, kind: 'joined' as 'merged', reason: 'x' }]) }), /customer_event.*kind/);
    assert.deepEqual(await ods.query('select count(*) as n from customer'), [{ n: 0 }]);
    assert.deepEqual(await snapshot(ods), { pairs: [], events: [], model: [] });
  });

  test('lists the open queue most probable first, with both records side by side', async () => {
    const ods = await engine.open();
    await ods.load(1, stewardshipLoad());
    const { total, items } = await ods.listReview({ limit: 10 });
    assert.equal(total, 2);
    assert.deepEqual(items.map((i) => [i.pairId, i.probability]), [
      ['core:S3|web:W1', 0.81],
      ['core:S1|web:W1', 0.62],
    ]);
    const [top] = items;
    assert.deepEqual(top!.a, {
      source: 'core',
      sourceKey: 'S3',
      customerId: 3,
      fields: {
        given_name: 'Ann', middle_name: null, family_name: 'Lee', name_suffix: null, birth_date: '1970-01-31', email: null, phone: null,
        address_line: '1 Main St', city: 'Springfield', region: 'IL', postcode: '62701',
      },
    });
    assert.equal(top!.b.fields!.email, 'bob@example.com');
    assert.equal(top!.status, 'open');
    assert.equal(top!.runId, 1);
    // paging: the total stays, the page moves
    const second = await ods.listReview({ limit: 1, offset: 1 });
    assert.equal(second.total, 2);
    assert.deepEqual(second.items.map((i) => i.pairId), ['core:S1|web:W1']);
    assert.deepEqual(await ods.getReviewPair('core:S1|web:W1'), items[1]);
    assert.equal(await ods.getReviewPair('nope'), null);
  });

  test('a decision is recorded and closes its pair (either way round) in one step', async () => {
    const ods = await engine.open();
    await ods.load(1, stewardshipLoad());
    // b and a swapped against the queue's pair
    const recorded = await ods.recordDecision(decision({ a: { source: 'web', sourceKey: 'W1' }, b: { source: 'core', sourceKey: 'S1' }, reason: '  same person  ' }));
    assert.equal(recorded.decision, 'same');
    assert.equal(recorded.reason, 'same person');
    assert.deepEqual(recorded.a, { source: 'web', sourceKey: 'W1', customerId: 2 });
    assert.deepEqual(recorded.b, { source: 'core', sourceKey: 'S1', customerId: 1 });
    assert.equal(recorded.appliedRun, null);
    assert.match(recorded.decidedAt, /^\d{4}-\d\d-\d\dT/);
    const pair = await ods.getReviewPair('core:S1|web:W1');
    assert.equal(pair!.status, 'decided');
    assert.equal(pair!.decision, 'same');
    assert.equal(pair!.decidedAt, recorded.decidedAt);
    assert.deepEqual((await ods.listReview()).items.map((i) => i.pairId), ['core:S3|web:W1']);
    // a decision about two records the queue never held is recorded too
    const other = await ods.recordDecision(decision({ a: { source: 'core', sourceKey: 'S3' }, b: { source: 'web', sourceKey: 'W3' }, decision: 'different' }));
    assert.equal(other.decisionId, recorded.decisionId + 1);
  });

  test('a bad decision is refused with the field named, and nothing is written', async () => {
    const ods = await engine.open();
    await ods.load(1, stewardshipLoad());
    const refused = async (input: DecisionInput, message: RegExp) => {
      await assert.rejects(ods.recordDecision(input), (error: Error) => {
        assert.equal(error.name, 'OdsInputError');
        assert.match(error.message, message);
        return true;
      });
    };
    await refused(decision({ decision: 'maybe' as 'same' }), /^decision: must be "same" or "different", not "maybe"/);
    await refused(decision({ reason: '   ' }), /^reason: required/);
    await refused(decision({ decidedBy: '' }), /^decidedBy: required/);
    await refused(decision({ b: { source: 'web', sourceKey: 'NOPE' } }), /^b: no source record web:NOPE in the ODS/);
    await refused(decision({ a: { source: 'core' } as DecisionInput['a'] }), /^a\.sourceKey: required/);
    await refused(decision({ b: { source: 'core', sourceKey: 'S1' } }), /^b: the same record as a/);
    await refused(decision({ reason: 'x'.repeat(2001) }), /^reason: at most 2000 characters/);
    // all or nothing: the first decision's insert and its pair's closing are rolled back with the second's failure
    await assert.rejects(ods.recordDecisions([decision(), decision({ a: { source: 'core', sourceKey: 'GONE' } })]), /decisions\[1\]\.a: no source record core:GONE/);
    assert.deepEqual(await ods.query('select * from steward_decision'), []);
    assert.equal((await ods.getReviewPair('core:S1|web:W1'))!.status, 'open');
    await assert.rejects(ods.recordDecisions([]), /decisions: at least one/);
  });

  test('pending decisions wait, oldest first, until a run marks them applied', async () => {
    const ods = await engine.open();
    await ods.load(1, stewardshipLoad());
    const first = await ods.recordDecision(decision());
    const second = await ods.recordDecision(decision({ a: { source: 'core', sourceKey: 'S3' }, b: { source: 'web', sourceKey: 'W3' }, decision: 'different' }));
    assert.deepEqual((await ods.pendingDecisions()).map((d) => d.decisionId), [first.decisionId, second.decisionId]);
    // the customer screen shows those about its own records
    assert.deepEqual((await ods.getCustomer(1))!.pendingDecisions.map((d) => d.decisionId), [first.decisionId]);
    assert.deepEqual((await ods.getCustomer(2))!.pendingDecisions.map((d) => d.decisionId), [first.decisionId]);
    assert.deepEqual((await ods.getCustomer(3))!.pendingDecisions.map((d) => d.decisionId), [second.decisionId]);

    assert.equal(await ods.markDecisionsApplied([first.decisionId], 5), 1);
    assert.deepEqual(await ods.pendingDecisions(), [second]);
    assert.deepEqual((await ods.getCustomer(1))!.pendingDecisions, []);
    // marking again: the one already applied keeps its run
    assert.equal(await ods.markDecisionsApplied([first.decisionId, second.decisionId], 6), 1);
    assert.deepEqual(await ods.query('select decision_id, applied_run from steward_decision order by decision_id'), [
      { decision_id: first.decisionId, applied_run: 5 },
      { decision_id: second.decisionId, applied_run: 6 },
    ]);
    assert.deepEqual(await ods.pendingDecisions(), []);
    assert.equal(await ods.markDecisionsApplied([], 7), 0);
    await assert.rejects(ods.markDecisionsApplied([1.5], 7), /ids: expected decision ids/);
  });

  test("the profile shows the customer's merges and splits, latest first, following a merge", async () => {
    const ods = await engine.open();
    await ods.load(1, stewardshipLoad());
    await ods.recordRun({ run_id: 2, started_at: '2024-05-01T08:00:00.000Z', finished_at: '2024-05-01T08:05:00.000Z', status: 'succeeded', error: null, sources: [] });
    // run 2: customer 2 merges into 1
    await ods.load(2, {
      redirects: [{ from_id: 2, to_id: 1, run_id: 2, reason: 'steward: same person' }],
      remove: { customer: [2] },
      events: batches([{ customer_id: 1, kind: 'merged', other_id: 2, reason: 'steward: same person', evidence: { decisions: [1] } }]),
    });
    const profile = await ods.getCustomer(1);
    assert.deepEqual(profile!.history, [
      { kind: 'merged', otherId: 2, reason: 'steward: same person', evidence: { decisions: [1] }, runId: 2, at: '2024-05-01T08:05:00.000Z' },
      { kind: 'merged', otherId: 4, reason: 'same e-mail and birth date', evidence: { probability: 0.99, agree: ['email', 'birth_date'] }, runId: 1, at: null },
    ]);
    assert.deepEqual((await ods.getCustomer(3))!.history.map((h) => [h.kind, h.otherId]), [['split', 5]]);
    assert.deepEqual((await ods.getCustomer(2))!.history.length, 2); // the merged id shows its survivor's history
  });

  test('off the thread: the queue, decisions and the model, with the error named', async () => {
    const config = await engine.fresh();
    const ods = await engine.open(config);
    await ods.load(1, stewardshipLoad());
    await ods.close();
    const reader = await openOdsOffThread(config);
    try {
      assert.equal((await reader.listReview()).total, 2);
      assert.equal((await reader.getReviewPair('core:S1|web:W1'))!.a.customerId, 1);
      assert.deepEqual(await reader.identityModel(), model);
      assert.deepEqual((await reader.getSourceRecords([{ source: 'web', sourceKey: 'W3' }, { source: 'web', sourceKey: 'X' }])).map((r) => r.customer_id), [3]);
      const recorded = await reader.recordDecision(decision());
      assert.deepEqual(await reader.pendingDecisions(), [recorded]);
      await assert.rejects(reader.recordDecision(decision({ reason: '' })), (error: Error) => error.name === 'OdsInputError' && /^reason/.test(error.message));
      assert.equal(await reader.markDecisionsApplied([recorded.decisionId], 2), 1);
    } finally {
      await reader.close();
    }
  });
});
