// A change made at the front line survives the next run: the golden record keeps it (the run does not put the
// sources' old value back), the warehouse adds a version for it, and the change is marked as taken. A source
// record maintained after the change has the last word. Contacts logged at the front line reach the warehouse and the marts.
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { forEachEngine } from '../../src/ods/test-engines.ts';
import { openStores, runWith } from '../../src/ops/index.ts';
import { generatedFactory } from './enterprise-fixture.ts';

const quiet = () => undefined;
const agent = { name: 'agent', role: 'agent', channel: 'workspace' as const };

forEachEngine('front-line changes and runs', (engine) => {
  test('the next run keeps a front-line change, versions it in the warehouse, and yields to a later source record', async () => {
    const factory = await generatedFactory(400, await engine.fresh(), 5);
    const stores = await openStores(factory);
    const { ods, duck } = stores;
    try {
      assert.equal((await runWith(factory, stores, quiet)).status, 'succeeded');
      const [held] = await ods.query<{ customer_id: number; source_key: string }>(
        `select customer_id, source_key from customer_source where source = 'cellular' order by source_key limit 1`);
      const id = Number(held!.customer_id);
      const before = (await ods.getCustomer(id))!.customer;
      const { change } = await ods.updateCustomerDetails({
        customerId: id, version: before.version, actor: agent, outbound: null,
        change: { address_line: '12 FRONT LINE RD', postcode: '62704', email: 'moved@example.com' },
      });
      const versionsOf = async () => duck.all<{ address_line: string; email: string; is_current: boolean }>(
        'SELECT address_line, email, is_current FROM dw.dim_customer WHERE customer_id = $1 ORDER BY valid_from, customer_sk', [id]);
      const versionsBefore = (await versionsOf()).length;

      const taking = await runWith(factory, stores, quiet);
      assert.equal(taking.status, "succeeded", taking.error);
      assert.equal(taking.identity!.skipped, false, 'a front-line change alone is work for identity');
      const after = (await ods.getCustomer(id))!.customer;
      assert.equal(after.address_line, '12 FRONT LINE RD');
      assert.equal(after.postcode, '62704');
      assert.equal(after.address_source, 'frontline');
      assert.deepEqual(after.emails[0], { value: 'moved@example.com', source: 'frontline' });
      assert.equal(after.city, before.city, 'a field the change left alone keeps the sources\' value');
      const profile = (await ods.getCustomer(id))!;
      assert.equal(profile.household?.address_line, '12 FRONT LINE RD', 'the new address is the customer\'s household too');
      assert.notEqual(after.household_id, before.household_id);
      const [audit] = await ods.query<{ applied_run: number }>('select applied_run from customer_change where change_id = $1', [change.change_id]);
      assert.equal(Number(audit!.applied_run), taking.runId);
      const versions = await versionsOf();
      assert.equal(versions.length, versionsBefore + 1, 'one new version in the warehouse');
      assert.deepEqual(versions.at(-1), { address_line: '12 FRONT LINE RD', email: 'moved@example.com', is_current: true });
      assert.equal(versions.at(-2)!.is_current, false);

      const idle = await runWith(factory, stores, quiet);
      assert.equal(idle.identity!.skipped, true, 'a change is taken once');
      assert.equal((await versionsOf()).length, versionsBefore + 1);
      assert.equal((await ods.getCustomer(id))!.customer.address_line, '12 FRONT LINE RD');

      // The cellular system maintains the record after the change (a later date than the change's): its values win.
      const file = join(factory.dir, 'sources/cellular/customers.csv');
      const line = readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith(`${held!.source_key},`))!;
      const [, key, name, dob, , rest] = line.match(/^([^,]*),("[^"]*"),([^,]*),([^,]*),(.*),([^,]*)$/)!;
      appendFileSync(file, `${key},${name},${dob},9 LATER AVE,${rest},12/31/2099\n`);
      assert.equal((await runWith(factory, stores, quiet)).status, 'succeeded');
      const later = (await ods.getCustomer(id))!.customer;
      assert.equal(later.address_line, '9 LATER AVE');
      assert.equal(later.address_source, 'cellular');
      assert.notEqual(later.emails[0]!.source, 'frontline', 'the record maintained later has the last word on its e-mail too');
      assert.equal((await versionsOf()).at(-1)!.address_line, '9 LATER AVE');
    } finally {
      await stores.close();
    }
  });

  test('the next run takes the contacts the front line logged into the warehouse and the marts, once', async () => {
    const factory = await generatedFactory(300, await engine.fresh(), 6);
    const stores = await openStores(factory);
    const { ods, duck } = stores;
    try {
      assert.equal((await runWith(factory, stores, quiet)).status, 'succeeded');
      const [held] = await ods.query<{ customer_id: number }>(`select customer_id from customer order by customer_id limit 1`);
      const id = Number(held!.customer_id);
      const call = await ods.logContact({ customerId: id, actor: agent,
        contact: { channel: 'phone', reason: 'billing question', outcome: 'resolved', is_complaint: true, notes: 'charged twice' } });
      const visit = await ods.logContact({ customerId: id, actor: agent, kind: 'response',
        contact: { channel: 'branch', reason: 'offer', outcome: 'accepted', is_complaint: false, notes: null } });
      assert.equal((await ods.pendingContacts()).length, 2);

      const taking = await runWith(factory, stores, quiet);
      assert.equal(taking.status, 'succeeded', taking.error);
      assert.equal(taking.warehouse!.facts.frontline_contact, 2);
      const facts = await duck.all<{ source_key: string; customer_id: number; account_key: string | null; channel: string; is_complaint: boolean }>(
        `SELECT source_key, customer_id, account_key, channel, is_complaint FROM dw.fact_contact WHERE source = 'frontline' ORDER BY source_key`);
      assert.deepEqual(facts, [call.contactKey, visit.contactKey].sort().map((key) => ({ source_key: key, customer_id: id, account_key: null,
        channel: key === call.contactKey ? 'phone' : 'branch', is_complaint: key === call.contactKey })));
      const taken = await ods.query<{ applied_run: number }>('select applied_run from customer_change where change_id = any($1::bigint[])',
        [[call.change.change_id, visit.change.change_id]]);
      assert.deepEqual(taken.map((t) => Number(t.applied_run)), [taking.runId, taking.runId], 'marked taken in the ODS');
      assert.equal((await ods.pendingContacts()).length, 0);
      const month = new Date(call.change.changed_at).toISOString().slice(0, 7);
      const counted = await duck.one<{ contacts: number; complaints: number }>(`SELECT sum(contacts)::INTEGER AS contacts, sum(complaints)::INTEGER AS complaints
        FROM mart.contact_month WHERE customer_id = $1 AND product_line IS NULL AND strftime(month, '%Y-%m') = $2`, [id, month]);
      assert.deepEqual(counted, { contacts: 2, complaints: 1 }, 'the marts count them, under no product line');
      const [inOds] = await ods.query<{ n: number }>(`select count(*) as n from contact where source = 'frontline' and customer_id = $1`, [id]);
      assert.equal(Number(inOds!.n), 2, 'the delivery to the ODS leaves them as they are, once');

      const idle = await runWith(factory, stores, quiet);
      assert.equal(idle.warehouse!.facts.frontline_contact, 0, 'a contact is taken once');
      assert.equal((await duck.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM dw.fact_contact WHERE source = 'frontline'`))!.n, 2);
    } finally {
      await stores.close();
    }
  });
});
