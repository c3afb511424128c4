// The cif command as a user runs it: generate, run, stats --json; bad input gets one clear line and exit code 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
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

  // Before the first run: neither today's figures (no ODS) nor the marts' KPIs (nothing published).
  const early = cif('kpis', '--dir', dir, '--json');
  assert.equal(early.status, 2);
  assert.deepEqual(JSON.parse(early.stdout), { oper: null });
  assert.match(early.stderr, /^cif kpis: no ODS yet in .*: run cif run first\ncif kpis: no published warehouse in .*: run cif run first\n$/);

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

  // The run published the warehouse: cif sql reads it.
  const sql = cif('sql', '--dir', dir, 'SELECT count(*) AS customers FROM dw.dim_customer WHERE is_current', '--format', 'json');
  assert.equal(sql.status, 0, sql.stderr);
  assert.equal(JSON.parse(sql.stdout).rows[0].customers, answer.customers);
  const table = cif('sql', '--dir', dir, 'SELECT product_line, count(*) AS accounts FROM dw.dim_account GROUP BY ALL ORDER BY 1', '--limit', '2');
  assert.match(table.stdout, /^product_line\s+accounts\n-+\s+-+\ncable\s+\d+\n/);
  assert.match(table.stdout, /\(2 rows, truncated: give --limit for more, \d+ ms\)/);
  const refused = cif('sql', '--dir', dir, 'DELETE FROM dw.fact_invoice');
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /^cif sql: only a single SELECT statement/);

  const human = cif('stats', '--dir', dir);
  assert.match(human.stdout, new RegExp(`customers\\s+${answer.customers.toLocaleString('en-US')}`));

  const kpis = cif('kpis', '--dir', dir, '--json');
  assert.equal(kpis.status, 0, kpis.stderr);
  const k = JSON.parse(kpis.stdout);
  assert.equal(k.customers, answer.customers, 'the KPIs count the customers stats counts');
  assert.equal(k.households, answer.households);
  assert.equal(k.monthly.length, 12, 'a year of billing');
  // at the end of the latest month, what is held is what is active now
  const latest = k.monthly.at(-1);
  assert.equal(latest.customers, answer.customers - answer.productsPerCustomer['0']);
  assert.ok(Math.abs(latest.multiProductShare * latest.customers - answer.multiProductCustomers) < 0.5, 'multi-product customers agree with stats');
  // Today's oper figures, from the ODS, with the time they were computed.
  const { oper, ...marts } = k;
  assert.ok(Math.abs(Date.parse(oper.computedAt) - Date.now()) < 120_000, oper.computedAt);
  assert.equal(oper.openComplaints.byAge.reduce((n: number, b: { complaints: number }) => n + b.complaints, 0), oper.openComplaints.total);
  assert.ok(oper.openComplaints.total > 0, 'the call centre leaves complaints open');
  assert.deepEqual(Object.keys(oper.pendingAddressChanges), ['changes', 'customers', 'oldestAt', 'outbox', 'waitingForRun']);
  const humanKpis = cif('kpis', '--dir', dir);
  assert.match(humanKpis.stdout, new RegExp(`churn rate \\d+\\.\\d\\d%`));
  assert.match(humanKpis.stdout, /\ntoday \(\d{4}-\d\d-\d\d, [^)]+\), as of \S+:\n  contacts \/ complaints +\d+ \/ \d+.*\n  open complaints +[\d,]+   <1 day \d+, 1-7 days [\d,]+, 8-30 days [\d,]+, >30 days [\d,]+/);

  // The run scored every customer holding a product in the latest month; cif score scores them again.
  const report = cif('analytics', 'report', '--dir', dir, '--json');
  assert.equal(report.status, 0, report.stderr);
  const r = JSON.parse(report.stdout);
  assert.equal(r.scored, latest.customers, 'every customer holding a product at the end of the latest month is scored');
  assert.equal(r.churn.holdoutMonths, 3);
  assert.ok(r.churn.auc > 0.5 && r.churn.auc <= 1, `churn AUC ${r.churn.auc}`);
  assert.ok(Date.parse(r.churn.trainedAt) > Date.now() - 600_000);
  assert.ok(r.crossSell.hitRateAt1 > 0 && r.crossSell.hitRateAt1 <= 1);
  // The KPIs follow the high-risk customers of the latest score run: none contacted since, as nothing happened after it.
  assert.deepEqual({ ...k.retentionFollowUp, stayed: undefined, stayedNotContacted: undefined, stayedShare: undefined }, {
    scoreRun: r.scoreRun, scoredAt: k.retentionFollowUp.scoredAt, month: r.month, highRisk: r.churn.bands.high, contacted: 0, contactedShare: 0,
    stayedContacted: 0, stayed: undefined, stayedNotContacted: undefined, stayedShare: undefined,
  });
  assert.match(humanKpis.stdout, new RegExp(String.raw`high churn risk at score run ${r.scoreRun} .*\n  customers ${r.churn.bands.high} +contacted since 0 \(0\.00%\)`));
  const scored = cif('score', '--dir', dir);
  assert.equal(scored.status, 0, scored.stderr);
  assert.match(scored.stdout, new RegExp(`score run ${r.scoreRun + 1} scored ${r.scored} customers[^\n]*\n.*scores of run ${r.scoreRun + 1} in the ODS: ${r.scored} held`));
  const reportText = cif('analytics', 'report', '--dir', dir).stdout;
  assert.ok(reportText.startsWith(`score run ${r.scoreRun + 1} `), reportText);
  assert.match(reportText, /\nchurn: +AUC 0\.\d{3} on 3 held-out months/);
  assert.equal(cif('analytics', 'reports', '--dir', dir).status, 2);

  const again = cif('run', '--dir', dir);
  assert.equal(again.status, 0);
  assert.match(again.stdout, /identity: no customer record changed/);
  assert.match(again.stdout, /marts: nothing changed in the warehouse since they were built/);
  const idle = cif('deliver', '--dir', dir);
  assert.equal(idle.status, 0, idle.stderr);
  assert.match(idle.stdout, /marts of run \d+: nothing changed/);
  assert.match(idle.stdout, /published: nothing new/);
  const delivered = cif('deliver', '--dir', dir, '--full');
  assert.equal(delivered.status, 0, delivered.stderr);
  assert.match(delivered.stdout, /marts of run \d+: full build \(asked for\): 12 months/);
  assert.match(delivered.stdout, /published: 2 file\(s\)/, 'published at once: only the build and refresh logs changed');
  const { oper: _oper, retentionFollowUp: _followUp, ...rebuilt } = JSON.parse(cif('kpis', '--dir', dir, '--json').stdout);
  const { retentionFollowUp: _followUpBefore, ...martsBefore } = marts;
  assert.deepEqual(rebuilt, martsBefore, 'built again from the same warehouse, the same KPIs');
  assert.equal(_followUp.scoreRun, r.scoreRun + 1, 'and the follow-up of the latest score run (cif score\'s)');
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

test('explain shows the evidence for two records; review lists the queue and applies a decision with a run', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'cif-cli-')), 'acme');
  assert.equal(cif('generate', '--customers', '3000', '--seed', '4', '--out', dir).status, 0);
  assert.equal(cif('run', '--dir', dir).status, 0);

  const model = cif('explain', '--dir', dir, '--model');
  assert.equal(model.status, 0, model.stderr);
  assert.match(model.stdout, /Date of birth\n\s+exact\s+m 0\.\d+\s+u \d/);

  // Two records of one person, and two people of one household, from the generator's truth.
  const truth = readFileSync(join(dir, 'truth/records.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const byPerson = new Map<string, string[][]>();
  for (const r of truth) byPerson.set(r[2], [...(byPerson.get(r[2]) ?? []), r]);
  const [a, b] = [...byPerson.values()].find((records) => records.length >= 2)!;
  const same = cif('explain', '--dir', dir, `${a[0]}:${a[1]}`, `${b[0]}:${b[1]}`);
  assert.equal(same.status, 0, same.stderr);
  assert.match(same.stdout, /prior\s+two records drawn at random\s+-\d/);
  const probability = Number(same.stdout.match(/probability of one person: ([\d.]+)/)![1]);
  assert.ok(probability > 0.9, `one person's records: ${probability}`);
  const unknown = cif('explain', '--dir', dir, 'cellular:NOPE', `${b[0]}:${b[1]}`);
  assert.equal(unknown.status, 2);
  assert.equal(unknown.stderr.trim(), 'cif explain: no source record cellular:NOPE');

  const queue = cif('review', '--dir', dir, '--json');
  assert.equal(queue.status, 0, queue.stderr);
  const { total, items } = JSON.parse(queue.stdout) as { total: number; items: { pairId: string }[] };
  assert.ok(total >= 1 && items.length >= 1, 'a few uncertain pairs wait for a steward');
  const missingReason = cif('review', '--dir', dir, items[0].pairId, '--different');
  assert.equal(missingReason.status, 2);
  assert.match(missingReason.stderr, /--reason TEXT is required/);
  const decided = cif('review', '--dir', dir, items[0].pairId, '--different', '--reason', 'different people, checked', '--by', 'tester');
  assert.equal(decided.status, 0, decided.stderr);
  assert.match(decided.stdout, /recorded: .* are different people; applying it/);
  assert.match(decided.stdout, /1 steward decision\(s\) to apply/);
  const after = JSON.parse(cif('review', '--dir', dir, '--json').stdout) as { total: number; items: { pairId: string }[] };
  assert.ok(!after.items.some((i) => i.pairId === items[0].pairId), 'the decided pair left the queue');
  assert.equal(after.total, total - 1);
});
