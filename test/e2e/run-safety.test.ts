// A run that fails half way leaves every store as it was; a delivery to the ODS cut short is finished by the
// next run; a second process on the same factory directory is refused with a clear message.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Ods } from '../../src/ods/index.ts';
import { forEachEngine } from '../../src/ods/test-engines.ts';
import { lockDirectory, openStores, runWith } from '../../src/ops/index.ts';
import { generatedFactory } from './enterprise-fixture.ts';

const quiet = () => undefined;

async function counts(ods: Ods): Promise<string> {
  const [row] = await ods.query<Record<string, string>>(`select (select count(*) from customer)::text c, (select count(*) from customer_source)::text s,
    (select count(*) from account)::text a, (select count(*) from contact)::text k, (select max(updated_run) from customer)::text r`);
  return JSON.stringify(row);
}

forEachEngine('run safety', (engine) => {
  test('a run that fails half way changes nothing, says what is wrong, and the fixed input loads', async () => {
    const factory = await generatedFactory(1_000, await engine.fresh(), 11);
    const stores = await openStores(factory);
    try {
      assert.equal((await runWith(factory, stores, quiet)).status, 'succeeded');
      const odsBefore = await counts(stores.ods);
      const dwBefore = await stores.duck.all('SELECT (SELECT count(*) FROM staging.customer)::INTEGER s, (SELECT count(*) FROM identity.xref)::INTEGER x, (SELECT count(*) FROM dw.dim_customer)::INTEGER d');

      // New customers arrive (read first), then a billing file whose columns are not the declared ones.
      const customers = join(factory.dir, 'sources/cellular/customers.csv');
      appendFileSync(customers, 'S99999998,"NEWMAN, ALICE",01/02/1990,1 NEW ST,SPRINGFIELD,IL,62704,(555) 010-0000,,11/01/2026\n');
      const badBilling = join(factory.dir, 'sources/billing/transactions-2026-11.csv');
      writeFileSync(badBilling, 'TXN,SYS,ACCT\n1,CEL,CEL-1\n');
      const failed = await runWith(factory, stores, quiet);
      assert.equal(failed.status, 'failed');
      assert.match(failed.error!, /source billing, billing file\(s\) .*column\(s\) .*TXN_ID.* are not in the file/);
      assert.equal(await counts(stores.ods), odsBefore);
      assert.deepEqual(await stores.duck.all('SELECT (SELECT count(*) FROM staging.customer)::INTEGER s, (SELECT count(*) FROM identity.xref)::INTEGER x, (SELECT count(*) FROM dw.dim_customer)::INTEGER d'), dwBefore);
      const [lastRun] = await stores.ods.listRuns(1);
      assert.equal(lastRun.status, 'failed');

      writeFileSync(badBilling, readFileSync(join(factory.dir, 'sources/billing/transactions-2026-10.csv'), 'utf8').split('\n')[0] + '\n');
      const fixed = await runWith(factory, stores, quiet);
      assert.equal(fixed.status, 'succeeded', fixed.error);
      const alice = await stores.ods.searchCustomers('S99999998');
      assert.equal(alice.items.length, 1, 'the new customer record is in the ODS after the fixed run');
    } finally {
      await stores.close();
    }
  });

  test('a delivery to the ODS cut short is finished by the next run', async () => {
    const factory = await generatedFactory(500, await engine.fresh(), 12);
    const stores = await openStores(factory);
    try {
      const realLoad = stores.ods.load.bind(stores.ods);
      stores.ods.load = async () => {
        throw new Error('connection lost');
      };
      await assert.rejects(runWith(factory, stores, quiet), /connection lost/);
      assert.equal((await stores.ods.stats()).customers, 0, 'nothing reached the ODS');
      stores.ods.load = realLoad;
      const next = await runWith(factory, stores, quiet);
      assert.equal(next.status, 'succeeded');
      const stats = await stores.ods.stats();
      const identityCount = await stores.duck.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM identity.customer');
      assert.equal(stats.customers, identityCount?.n);
      assert.deepEqual((await stores.ods.listRuns(5)).map((r) => r.status), ['succeeded', 'succeeded']);
    } finally {
      await stores.close();
    }
  });
});

test('a second process on the same factory directory gets a clear message', async () => {
  const factory = await generatedFactory(100, { dir: 'unused' }, 13);
  const lock = lockDirectory(factory.dataDir, 'cif serve');
  try {
    const cli = spawnSync(process.execPath, ['bin/cif.js', 'stats', '--dir', factory.dir], { encoding: 'utf8' });
    assert.equal(cli.status, 2);
    assert.match(cli.stderr, new RegExp(`cif stats: the factory directory .* is in use by process ${process.pid} \\(cif serve`));
    assert.doesNotMatch(cli.stderr, /at .*\.ts:\d+/, 'no stack trace');
  } finally {
    lock.release();
  }
});
