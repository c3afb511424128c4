// The published warehouse after real runs on a generated enterprise: every table as Parquet after the first run,
// nothing written by a run with nothing new, only the new run's fact files (and the marts built from them) after
// new billing arrives, and readers (in this process, and cif sql in another) querying it while the run's process
// holds the DuckDB file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Factory } from '../../src/config/index.ts';
import { askOlap, explore, openPublished, publishedDirectory, publishedOnDemand, readManifest, semanticLayer } from '../../src/marts/index.ts';
import { forEachEngine } from '../../src/ods/test-engines.ts';
import { openStores, type OpenStores, runWith } from '../../src/ops/index.ts';
import { publishedDecisionSupport } from '../../src/server/index.ts';
import { generatedFactory } from './enterprise-fixture.ts';

const quiet = () => undefined;

const cifSql = (factory: Factory, ...args: string[]) => {
  const env = { ...process.env };
  delete env.CIF_ODS_URL;
  return spawnSync(process.execPath, ['bin/cif.js', 'sql', '--dir', factory.dir, ...args], { encoding: 'utf8', env });
};

/** A month of billing nobody has seen: last month's transactions under new keys, a month later. */
function newBillingMonth(factory: Factory): number {
  const [header, ...rows] = readFileSync(join(factory.dir, 'sources/billing/transactions-2026-10.csv'), 'utf8').trimEnd().split('\n');
  const moved = rows.map((row) => row.replace(/^B202610/, 'B202611').replace(/,202610(\d\d),/, ',202611$1,'));
  writeFileSync(join(factory.dir, 'sources/billing/transactions-2026-11.csv'), `${[header, ...moved].join('\n')}\n`);
  return moved.length;
}

forEachEngine('the published warehouse after runs', (engine) => {
  test('published after each run, incrementally, and readable while the warehouse file is held', async () => {
    const factory = await generatedFactory(400, await engine.fresh(), 11);
    const stores: OpenStores = await openStores(factory);
    try {
      const first = await runWith(factory, stores, quiet);
      assert.equal(first.status, 'succeeded', first.error);
      assert.equal(first.published?.changed, true);
      const dir = publishedDirectory(factory.dataDir);
      const manifest = readManifest(dir)!;
      assert.equal(manifest.run, first.runId);
      for (const name of ['fact_invoice', 'fact_payment', 'fact_contact', 'fact_event', 'fact_survey']) {
        const fact = manifest.tables.find((t) => t.schema === 'dw' && t.name === name)!;
        assert.deepEqual(fact.files.map((f) => f.path), [`dw/${name}/run-${String(first.runId).padStart(6, '0')}.parquet`], name);
        assert.equal(fact.rows, first.warehouse!.facts[name], `${name}: every row of the run`);
      }
      for (const t of manifest.tables) for (const f of t.files) assert.ok(existsSync(join(dir, f.path)), f.path);

      const idle = await runWith(factory, stores, quiet);
      assert.equal(idle.published?.changed, false, 'nothing new, nothing written');
      assert.deepEqual(idle.published?.written, []);

      const added = newBillingMonth(factory);
      const billing = await runWith(factory, stores, quiet);
      assert.equal(billing.status, 'succeeded', billing.error);
      const run = `run-${String(billing.runId).padStart(6, '0')}.parquet`;
      const written = billing.published!.written.sort();
      assert.deepEqual(written.filter((f) => f.startsWith('dw/')), [`dw/fact_invoice/${run}`, `dw/fact_payment/${run}`], 'of the warehouse, only the new run\'s facts');
      assert.ok(written.some((f) => f.startsWith('mart/customer_month/')), 'the marts, built again from them');
      const facts = billing.warehouse!.facts;
      assert.ok(facts.fact_invoice! + facts.fact_payment! > added * 0.9, `${added} billing lines, a few rejected`);
      const martRows = readManifest(dir)!.tables.filter((t) => t.schema === 'mart' && written.some((f) => f.startsWith(`mart/${t.name}/`))).reduce((n, t) => n + t.rows, 0);
      // The marts moved, so the run scored again: its score run's history, a file of its own.
      const scoreRun = billing.analytics!.report!.scoreRun;
      const scores = `analytics/customer_score/run-${String(scoreRun).padStart(6, '0')}.parquet`;
      assert.ok(written.includes(scores), `${scores} in ${written.join(', ')}`);
      const analyticsRows = readManifest(dir)!.tables.filter((t) => t.schema === 'analytics')
        .flatMap((t) => t.files).filter((f) => written.includes(f.path)).reduce((n, f) => n + f.rows, 0);
      assert.equal(billing.published?.rowsWritten, facts.fact_invoice! + facts.fact_payment! + martRows + analyticsRows);
      console.log(`  publications: first ${first.published!.seconds.toFixed(2)} s (${first.published!.rowsWritten} rows), ` +
        `idle ${idle.published!.seconds.toFixed(2)} s, new billing ${billing.published!.seconds.toFixed(2)} s (${billing.published!.rowsWritten} rows)`);

      // The stores still hold the DuckDB file: the published warehouse is read all the same.
      const [held] = await stores.duck.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM dw.fact_invoice');
      const published = await openPublished(factory.dataDir, { memoryLimit: '256MB' });
      try {
        const answer = await explore(published, 'SELECT count(*) AS n FROM dw.fact_invoice');
        assert.equal(answer.rows[0]!.n, held!.n);
      } finally {
        published.close();
      }
      const shell = cifSql(factory, 'SELECT count(*) AS n FROM dw.fact_invoice', '--format', 'json');
      assert.equal(shell.status, 0, shell.stderr);
      assert.equal(JSON.parse(shell.stdout).rows[0].n, held!.n);

      // The decision-support interface reads the marts from the same publication: the same answers as the warehouse.
      const onDemand = publishedOnDemand(factory.dataDir, { memoryLimit: '256MB' });
      try {
        const layer = semanticLayer();
        const question = { measures: ['customers', 'revenue', 'churnRate'], dimensions: ['month'] };
        const fromPublished = await publishedDecisionSupport(onDemand, layer).withMarts((duck) => askOlap(duck, layer, question));
        assert.deepEqual(fromPublished?.answer.rows, (await askOlap(stores.duck, layer, question)).rows);
        assert.equal(fromPublished?.answer.rows.length, 13, 'a year of billing and the month that arrived');
      } finally {
        await onDemand.close();
      }
    } finally {
      await stores.close();
    }
  });
});
