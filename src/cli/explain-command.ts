// cif explain: why two source records are, or are not, one customer, as a waterfall of evidence in the terminal.
import { existsSync } from 'node:fs';
import type { Factory } from '../config/index.ts';
import { openDuck } from '../duckdb/index.ts';
import { type Explanation, explainCustomer, explainPair, type IdentityModel, loadModel, recordFields } from '../identity/index.ts';
import { lockDirectory } from '../ops/index.ts';
import { UsageError } from './usage-error.ts';

export async function explainCommand(factory: Factory, o: { positionals?: string[]; customer?: string; model?: boolean; json?: boolean }): Promise<void> {
  const refs = o.positionals ?? [];
  if (!o.customer && !o.model && refs.length !== 2) throw new UsageError('give two source records as SOURCE:KEY SOURCE:KEY, or --customer ID');
  if (!existsSync(factory.warehouseFile)) throw new UsageError(`no identity yet in ${factory.dir}: run cif run first`);
  const lock = lockDirectory(factory.dataDir, 'cif explain');
  const duck = await openDuck(factory.warehouseFile);
  try {
    const model = await loadModel(duck);
    if (!model) throw new UsageError('no matching model yet: run cif run first');
    if (o.model) return printModel(model, o.json ?? false);
    if (o.customer) {
      const id = Number(o.customer);
      const result = Number.isInteger(id) ? await explainCustomer(duck, model, id) : null;
      if (!result) throw new UsageError(`no customer ${o.customer}`);
      if (o.json) return console.log(JSON.stringify(result));
      for (const r of result.records) {
        console.log(`${r.source}:${r.sourceKey} against the golden record of customer ${id}`);
        printWaterfall(r.explanation);
        console.log('');
      }
      return;
    }
    // One after the other: both run on the one connection, which must not be closed under a lookup still running.
    const records = [];
    for (const ref of refs) {
      const at = ref.indexOf(':');
      if (at < 1) throw new UsageError(`"${ref}" is not SOURCE:KEY`);
      const fields = await recordFields(duck, ref.slice(0, at), ref.slice(at + 1));
      if (!fields) throw new UsageError(`no source record ${ref}`);
      records.push(fields);
    }
    const [a, b] = records as [typeof records[0], typeof records[0]];
    const explanation = await explainPair(model, a, b);
    if (o.json) return console.log(JSON.stringify(explanation));
    console.log(`${refs[0]} and ${refs[1]}`);
    printWaterfall(explanation);
  } finally {
    duck.close();
    lock.release();
  }
}

function printModel(model: IdentityModel, json: boolean): void {
  if (json) return console.log(JSON.stringify(model, null, 2));
  console.log(`model estimated ${model.trainedAt} from ${model.records.toLocaleString('en-US')} records; prior ${model.prior.toExponential(3)} ` +
    `(${Math.log2(model.prior / (1 - model.prior)).toFixed(1)} bits)`);
  for (const c of model.comparisons) {
    console.log(`  ${c.description}`);
    for (const l of c.levels) {
      const w = Math.log2(l.m / l.u);
      console.log(`    ${l.label.padEnd(44)} m ${l.m.toFixed(4)}  u ${l.u.toExponential(2)}  weight ${(w >= 0 ? '+' : '') + w.toFixed(1)}${l.tf ? ' (by how rare the value is)' : ''}`);
    }
  }
}

function printWaterfall(e: Explanation): void {
  const bar = (w: number) => (w >= 0 ? '+'.repeat(Math.min(30, Math.round(w))) : '-'.repeat(Math.min(30, Math.round(-w))));
  const line = (label: string, detail: string, w: number) =>
    console.log(`  ${label.padEnd(22)} ${detail.padEnd(44).slice(0, 44)} ${(w >= 0 ? '+' : '') + w.toFixed(1).padStart(5)}  ${bar(w)}`);
  line('prior', 'two records drawn at random', e.prior);
  for (const x of e.evidence) {
    if (x.level === null && x.weight === 0) continue;
    line(x.description, x.level ? `${x.level}: ${x.a ?? '–'} | ${x.b ?? '–'}` : '', x.weight);
  }
  console.log(`  ${'match weight'.padEnd(22)} ${''.padEnd(44)} ${(e.weight >= 0 ? '+' : '') + e.weight.toFixed(1).padStart(5)}`);
  const verdict = e.trusted ? ' (a trusted identifier links them)' : e.veto ? ' (never one person: a given name or a generation differs)' : '';
  console.log(`  probability of one person: ${e.probability.toFixed(4)}${verdict}`);
}
