import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachEngine } from '../ods/test-engines.ts';
import { verifyPassword } from '../server/access/index.ts';
import { loadStewardshipFixture } from '../server/stewardship-fixture.ts';
import { demoPassword, ensureDemoUsers, printDemoUsers } from './demo-users.ts';

forEachEngine('demo users', (engine) => {
  test('one user per role with the demo password, the customer the smallest id; a second time adds nothing', async () => {
    const ods = await engine.open();
    await loadStewardshipFixture(ods);
    const users = await ensureDemoUsers(ods);
    assert.deepEqual(users.map((u) => [u.name, u.role, u.customerId]), [
      ['agent', 'agent', null], ['marketer', 'marketer', null], ['analyst', 'analyst', null], ['steward', 'steward', null], ['admin', 'admin', null], ['customer', 'customer', 101],
    ]);
    assert.equal(await verifyPassword(demoPassword, (await ods.findUser('steward'))!.passwordHash), true);
    assert.deepEqual(await ensureDemoUsers(ods), users);
    assert.equal((await ods.listUsers()).length, 6);
  });
});

test('the demo says where the customer signs in', () => {
  const lines: string[] = [];
  printDemoUsers([{ name: 'agent', role: 'agent', customerId: null }, { name: 'customer', role: 'customer', customerId: 101 }], (line) => lines.push(line));
  assert.match(lines.at(-1)!, /a customer at \/portal \(as "customer"/);
  const staffOnly: string[] = [];
  printDemoUsers([{ name: 'agent', role: 'agent', customerId: null }], (line) => staffOnly.push(line));
  assert.equal(staffOnly.some((line) => line.includes('/portal')), false, 'no portal hint without a customer user');
});
