// The cif command as a user runs it: generate, run, stats --json; bad input gets one clear line and exit code 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const cif = (...args: string[]) => {
  const env = { ...process.env };
  delete env.CIF_ODS_URL;
  return spawnSync(process.execPath, ['bin/cif.js', ...args], { encoding: 'utf8', env });
};

test('generate, run and stats --json answer how many customers and products', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'cif-cli-')), 'acme');
  const generated = cif('generate', '--customers', '400', '--seed', '3', '--out', dir);
  assert.equal(generated.status, 0, generated.stderr);
  assert.ok(existsSync(join(dir, 'cif.yaml')) && existsSync(join(dir, 'truth/records.csv')));

  const run = cif('run', '--dir', dir);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /run 1 succeeded/);
  assert.match(run.stdout, /cellular customer: 1 file\(s\), read \d+, loaded \d+, rejected \d+/);

  const stats = cif('stats', '--dir', dir, '--json');
  assert.equal(stats.status, 0, stats.stderr);
  const answer = JSON.parse(stats.stdout);
  for (const key of ['customers', 'households', 'sourceRecords', 'rejects', 'productsPerCustomer', 'multiProductCustomers']) {
    assert.ok(key in answer, `stats --json has ${key}`);
  }
  assert.ok(answer.customers >= 390 && answer.customers <= 420, `${answer.customers} customers for 400 people`);
  assert.equal(Object.values(answer.productsPerCustomer as Record<string, number>).reduce((a, b) => a + b, 0), answer.customers);

  const human = cif('stats', '--dir', dir);
  assert.match(human.stdout, new RegExp(`customers\\s+${answer.customers.toLocaleString('en-US')}`));

  const again = cif('run', '--dir', dir);
  assert.equal(again.status, 0);
  assert.match(again.stdout, /identity: no customer record changed/);
});

test('bad input: one line saying what is wrong, exit code 2', () => {
  const unknown = cif('run', '--bogus');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /Unknown option '--bogus'/);
  const badNumber = cif('generate', '--customers', 'many', '--out', tmpdir());
  assert.equal(badNumber.status, 2);
  assert.equal(badNumber.stderr.trim(), 'cif generate: --customers must be a positive whole number, not "many"');
  const noConfig = cif('stats', '--dir', tmpdir());
  assert.equal(noConfig.status, 2);
  assert.match(noConfig.stderr, /^cif stats: no factory configuration in /);
});
