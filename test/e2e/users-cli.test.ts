// cif users: adding users who may sign in, with one clear line for each mistake and while `cif serve` holds the directory.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { loadFactory } from '../../src/config/index.ts';
import { openOds } from '../../src/ods/index.ts';
import { lockDirectory } from '../../src/ops/index.ts';

const cif = (...args: string[]) => {
  const env = { ...process.env };
  delete env.CIF_ODS_URL;
  return spawnSync(process.execPath, ['bin/cif.js', ...args], { encoding: 'utf8', env });
};

let dir: string;
let firstCustomer: number;

before(async () => {
  dir = join(mkdtempSync(join(tmpdir(), 'cif-users-')), 'acme');
  assert.equal(cif('generate', '--customers', '60', '--seed', '5', '--out', dir).status, 0);
  const run = cif('run', '--dir', dir);
  assert.equal(run.status, 0, run.stderr);
  const ods = await openOds(loadFactory(dir).ods);
  firstCustomer = Number((await ods.query<{ id: number }>('select min(customer_id) as id from customer'))[0]!.id);
  await ods.close();
});

test('usage mistakes: one line naming what is wrong, exit code 2, nothing opened', () => {
  const cases: [string[], RegExp][] = [
    [['users', 'add', '--name', 'ann', '--password', 'pw'], /^cif users: --role is required, one of agent, marketer, analyst, steward, admin, customer$/],
    [['users', 'add', '--name', 'ann', '--role', 'boss', '--password', 'pw'], /^cif users: --role must be one of .*, not "boss"$/],
    [['users', 'add', '--name', 'ann', '--role', 'agent'], /^cif users: --password PW is required$/],
    [['users', 'add', '--role', 'agent', '--password', 'pw'], /^cif users: --name NAME is required/],
    [['users', 'add', '--name', 'bob', '--role', 'customer', '--password', 'pw'], /^cif users: a customer user needs --customer ID/],
    [['users', 'add', '--name', 'bob', '--role', 'agent', '--password', 'pw', '--customer', '1'], /^cif users: --customer is for a customer user only/],
    [['users', 'remove'], /^cif users: say what to do/],
  ];
  for (const [args, message] of cases) {
    const r = cif(...args, '--dir', dir);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr.trim(), message);
  }
});

test('adds staff and customer users, refuses a taken name or an unknown customer, lists them', () => {
  const added = cif('users', 'add', '--name', 'ann', '--role', 'steward', '--password', 'pw', '--dir', dir);
  assert.equal(added.status, 0, added.stderr);
  assert.equal(added.stdout.trim(), 'added steward ann');
  const taken = cif('users', 'add', '--name', 'ann', '--role', 'agent', '--password', 'pw', '--dir', dir);
  assert.equal(taken.status, 2);
  assert.equal(taken.stderr.trim(), 'cif users: name: a user named "ann" already exists');
  const unknown = cif('users', 'add', '--name', 'bob', '--role', 'customer', '--password', 'pw', '--customer', '999999', '--dir', dir);
  assert.equal(unknown.status, 2);
  assert.equal(unknown.stderr.trim(), 'cif users: customerId: no customer 999999');
  const customer = cif('users', 'add', '--name', 'bob', '--role', 'customer', '--password', 'pw', '--customer', String(firstCustomer), '--dir', dir);
  assert.equal(customer.status, 0, customer.stderr);
  const list = cif('users', 'list', '--dir', dir, '--json');
  assert.equal(list.status, 0, list.stderr);
  const users = JSON.parse(list.stdout) as { name: string; role: string; customerId: number | null; passwordHash?: string }[];
  assert.deepEqual(users.map((u) => [u.name, u.role, u.customerId]), [['ann', 'steward', null], ['bob', 'customer', firstCustomer]]);
  assert.ok(users.every((u) => u.passwordHash === undefined), 'no hashes printed');
});

test('refuses while cif serve holds the factory directory', () => {
  const lock = lockDirectory(loadFactory(dir).dataDir, 'cif serve');
  try {
    const r = cif('users', 'add', '--name', 'carl', '--role', 'agent', '--password', 'pw', '--dir', dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr.trim(), /^cif users: the factory directory .* is in use by process \d+ \(cif serve, since .*\); stop it first$/);
  } finally {
    lock.release();
  }
});
