// The deliverer against real HTTP servers and a real ODS: signed deliveries, retries with backoff, dead letters
// and replays, order per customer, a restart, and systems without an endpoint.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addOutboxRow } from '../ods/test-outbox.ts';
import { forEachEngine } from '../ods/test-engines.ts';
import { openOds } from '../ods/index.ts';
import { deliverDue, type DelivererOptions, idempotencyKey, retryDelay, startDeliverer, verifySignature } from './index.ts';
import { startTestReceiver } from './test-receiver.ts';

const secret = 's3cret';
const quick = { baseMs: 0, maxMs: 0 };
const options = (url: string, more: Partial<DelivererOptions> = {}): DelivererOptions => ({
  targets: { cellular: { url: `${url}/cellular`, secret } },
  backoff: quick,
  timeoutMs: 2_000,
  ...more,
});

test('backoff doubles from the base, is capped, and jitters by at most a fifth', () => {
  const backoff = { baseMs: 1000, maxMs: 10_000 };
  assert.equal(retryDelay(1, backoff, () => 0.5), 1000);
  assert.equal(retryDelay(3, backoff, () => 0.5), 4000);
  assert.equal(retryDelay(9, backoff, () => 0.5), 10_000);
  assert.equal(retryDelay(1, backoff, () => 0), 800);
  assert.equal(retryDelay(1, backoff, () => 1), 1200);
});

forEachEngine('outbound deliverer', (engine) => {
  test('a delivery arrives signed, with its idempotency key and the change', async (t) => {
    const ods = await engine.open();
    const receiver = await startTestReceiver();
    t.after(() => receiver.close());
    const id = await addOutboxRow(ods, { customerId: 7, source: 'cellular', sourceKey: 'C-7', changeId: 3, payload: { email: 'new@example.com' } });

    assert.deepEqual(await deliverDue(ods, options(receiver.url)), { delivered: 1, failed: 0, dead: 0 });
    const [request] = receiver.received;
    assert.equal(request!.path, '/cellular');
    assert.equal(request!.headers['content-type'], 'application/json');
    assert.equal(request!.headers['idempotency-key'], `cif-outbox-${id}`);
    assert.equal(idempotencyKey({ outbox_id: id }), `cif-outbox-${id}`);
    assert.ok(verifySignature(request!.body, secret, request!.headers['x-cif-signature'] as string));
    assert.ok(!verifySignature(request!.body, 'other', request!.headers['x-cif-signature'] as string));
    assert.ok(!verifySignature(`${request!.body} `, secret, request!.headers['x-cif-signature'] as string));
    const body = JSON.parse(request!.body);
    assert.deepEqual({ ...body, createdAt: typeof body.createdAt }, {
      id, changeId: 3, customerId: 7, source: 'cellular', sourceKey: 'C-7', createdAt: 'string', change: { email: 'new@example.com' },
    });
    const [row] = (await ods.listOutbound({ status: 'delivered' })).items;
    assert.equal(row!.outbox_id, id);
    assert.equal(row!.attempts, 1);
  });

  test('a system failing twice, then accepting: delivered at the third attempt, with the same key each time', async (t) => {
    const ods = await engine.open();
    const receiver = await startTestReceiver((_, i) => (i < 2 ? 503 : 204));
    t.after(() => receiver.close());
    const id = await addOutboxRow(ods, { customerId: 1, source: 'cellular' });

    assert.deepEqual(await deliverDue(ods, options(receiver.url)), { delivered: 0, failed: 1, dead: 0 });
    const [afterOne] = (await ods.listOutbound({ status: 'pending' })).items;
    assert.equal(afterOne!.last_error, 'HTTP 503: refused 503');
    await deliverDue(ods, options(receiver.url));
    assert.deepEqual(await deliverDue(ods, options(receiver.url)), { delivered: 1, failed: 0, dead: 0 });
    assert.equal(receiver.received.length, 3);
    assert.deepEqual(new Set(receiver.received.map((r) => r.headers['idempotency-key'])), new Set([`cif-outbox-${id}`]));
    const [row] = (await ods.listOutbound({ status: 'delivered' })).items;
    assert.equal(row!.attempts, 3);
  });

  test('backoff: a failed row is not due again until its wait is over', async (t) => {
    const ods = await engine.open();
    const receiver = await startTestReceiver(() => 500);
    t.after(() => receiver.close());
    await addOutboxRow(ods, { customerId: 1, source: 'cellular' });
    await deliverDue(ods, options(receiver.url, { backoff: { baseMs: 60_000, maxMs: 60_000 } }));
    assert.deepEqual(await deliverDue(ods, options(receiver.url)), { delivered: 0, failed: 0, dead: 0 });
    assert.equal(receiver.received.length, 1);
    const [row] = (await ods.listOutbound()).items;
    assert.ok(Date.parse(row!.next_attempt_at) > Date.now() + 40_000, row!.next_attempt_at);
  });

  test('a system that always fails: dead after maxAttempts, listed, replayed, then delivered', async (t) => {
    const ods = await engine.open();
    let accept = false;
    const receiver = await startTestReceiver(() => (accept ? 200 : 500));
    t.after(() => receiver.close());
    const id = await addOutboxRow(ods, { customerId: 1, source: 'cellular' });
    const lines: string[] = [];
    const three = options(receiver.url, { maxAttempts: 3, log: (l) => lines.push(l) });

    for (let i = 0; i < 2; i++) assert.equal((await deliverDue(ods, three)).failed, 1);
    assert.deepEqual(await deliverDue(ods, three), { delivered: 0, failed: 0, dead: 1 });
    assert.match(lines.join('\n'), new RegExp(`cellular refused change ${id} 3 times \\(HTTP 500: refused 500\\)`));
    assert.deepEqual(await deliverDue(ods, three), { delivered: 0, failed: 0, dead: 0 }, 'a dead row is not tried again');
    const dead = await ods.listOutbound({ status: 'dead' });
    assert.deepEqual(dead.items.map((r) => [r.outbox_id, r.attempts, r.last_error]), [[id, 3, 'HTTP 500: refused 500']]);

    accept = true;
    assert.equal(await ods.replayDead(id), 1);
    assert.deepEqual(await deliverDue(ods, three), { delivered: 1, failed: 0, dead: 0 });
    assert.equal(receiver.received.length, 4);

    // A target's own maxAttempts wins over the deliverer's.
    accept = false;
    await addOutboxRow(ods, { customerId: 2, source: 'cellular' });
    const once = options(receiver.url, { maxAttempts: 5 });
    once.targets.cellular!.maxAttempts = 1;
    assert.deepEqual(await deliverDue(ods, once), { delivered: 0, failed: 0, dead: 1 });
  });

  test("order per customer: a customer's second change is not sent while the first fails", async (t) => {
    const ods = await engine.open();
    let accept = false;
    const receiver = await startTestReceiver(() => (accept ? 200 : 500));
    t.after(() => receiver.close());
    const first = await addOutboxRow(ods, { customerId: 1, source: 'cellular', payload: { n: 1 } });
    const second = await addOutboxRow(ods, { customerId: 1, source: 'cellular', payload: { n: 2 } });
    const other = await addOutboxRow(ods, { customerId: 2, source: 'cellular', payload: { n: 3 } });

    await deliverDue(ods, options(receiver.url));
    await deliverDue(ods, options(receiver.url));
    const sent = () => receiver.received.map((r) => JSON.parse(r.body).id);
    assert.deepEqual(sent(), [first, other, first, other]);
    accept = true;
    assert.equal((await deliverDue(ods, options(receiver.url, { batchSize: 1 }))).delivered, 3);
    assert.deepEqual(sent().slice(4), [first, second, other], 'the second change went after the first was accepted');
  });

  test('a timeout is a failure with its reason', async (t) => {
    const ods = await engine.open();
    const receiver = await startTestReceiver(() => 'hang');
    t.after(() => receiver.close());
    await addOutboxRow(ods, { customerId: 1, source: 'cellular' });
    assert.equal((await deliverDue(ods, options(receiver.url, { timeoutMs: 200 }))).failed, 1);
    assert.equal((await ods.listOutbound()).items[0]!.last_error, 'no answer within 200 ms');
  });

  test('a refused connection is a failure with its reason', async () => {
    const ods = await engine.open();
    const receiver = await startTestReceiver();
    await receiver.close();
    await addOutboxRow(ods, { customerId: 1, source: 'cellular' });
    assert.equal((await deliverDue(ods, options(receiver.url))).failed, 1);
    assert.match((await ods.listOutbound()).items[0]!.last_error!, /fetch failed: ECONNREFUSED/);
  });

  test('a system without an endpoint: its rows stay pending and it is logged once', async (t) => {
    const ods = await engine.open();
    const receiver = await startTestReceiver();
    t.after(() => receiver.close());
    const waiting = await addOutboxRow(ods, { customerId: 1, source: 'cable' });
    await addOutboxRow(ods, { customerId: 1, source: 'cellular' });
    const lines: string[] = [];
    const deliverer = startDeliverer(ods, options(receiver.url, { intervalMs: 20, log: (l) => lines.push(l) }));
    await new Promise((r) => setTimeout(r, 300));
    await deliverer.stop();
    assert.equal(lines.filter((l) => l.includes('no endpoint for cable')).length, 1, lines.join('\n'));
    const page = await ods.listOutbound({ status: 'pending' });
    assert.deepEqual(page.items.map((r) => [r.outbox_id, r.attempts]), [[waiting, 0]]);
    assert.equal(page.counts.delivered, 1);
  });

  test('a restart carries on: the state is in the ODS', async (t) => {
    const config = await engine.fresh();
    let accept = false;
    const receiver = await startTestReceiver(() => (accept ? 200 : 500));
    t.after(() => receiver.close());
    let ods = await openOds(config);
    const first = await addOutboxRow(ods, { customerId: 1, source: 'cellular' });
    const second = await addOutboxRow(ods, { customerId: 1, source: 'cellular' });
    let deliverer = startDeliverer(ods, options(receiver.url, { intervalMs: 10 }));
    while (receiver.received.length < 2) await new Promise((r) => setTimeout(r, 10));
    await deliverer.stop();
    await ods.close();

    accept = true;
    ods = await openOds(config);
    t.after(() => ods.close());
    const before = (await ods.listOutbound({ status: 'pending' })).items.find((r) => r.outbox_id === first)!;
    assert.ok(before.attempts >= 2);
    deliverer = startDeliverer(ods, options(receiver.url, { intervalMs: 10 }));
    while ((await ods.listOutbound({ status: 'delivered' })).total < 2) await new Promise((r) => setTimeout(r, 20));
    await deliverer.stop();
    const ids = receiver.received.map((r) => JSON.parse(r.body).id);
    assert.deepEqual(ids.slice(-2), [first, second]);
    assert.ok(ids.slice(0, -2).every((id) => id === first), 'only the first was tried before the restart');
  });
});
