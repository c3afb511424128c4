// cif review: the steward's queue on the command line. Without a pair, lists it; with one, records the decision
// (as the screens do, in the ODS) and runs the factory so that identity applies it at once.
import type { Factory } from '../config/index.ts';
import { lockDirectory, openStores, runWith } from '../ops/index.ts';
import { UsageError } from './usage-error.ts';

export interface ReviewOptions {
  positionals?: string[];
  limit?: string;
  same?: boolean;
  different?: boolean;
  reason?: string;
  by?: string;
  json?: boolean;
}

export async function reviewCommand(factory: Factory, o: ReviewOptions): Promise<void> {
  const [pairId] = o.positionals ?? [];
  if (!pairId && (o.same || o.different || o.reason)) throw new UsageError('name the pair to decide: cif review PAIR --same|--different --reason TEXT');
  if (pairId && o.same === o.different) throw new UsageError('say --same or --different');
  if (pairId && !o.reason?.trim()) throw new UsageError('--reason TEXT is required: what settles it');
  const limit = o.limit === undefined ? 20 : Number(o.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new UsageError(`--limit must be a whole number from 1 to 200, not "${o.limit}"`);
  const lock = lockDirectory(factory.dataDir, 'cif review');
  const stores = await openStores(factory);
  try {
    if (!pairId) {
      const queue = await stores.ods.listReview({ limit });
      if (o.json) return console.log(JSON.stringify(queue));
      console.log(`${queue.total} pair(s) to review${queue.total > queue.items.length ? `, the ${queue.items.length} most likely first` : ''}`);
      for (const item of queue.items) {
        const name = (r: typeof item.a) => [r.fields?.given_name, r.fields?.family_name].filter(Boolean).join(' ') || '?';
        console.log(`  ${(item.probability * 100).toFixed(1).padStart(5)}%  ${item.pairId}`);
        console.log(`          ${name(item.a)}, ${item.a.fields?.birth_date ?? 'no birth date'} (customer ${item.a.customerId})  |  ` +
          `${name(item.b)}, ${item.b.fields?.birth_date ?? 'no birth date'} (customer ${item.b.customerId})`);
      }
      if (queue.items.length) console.log('\ndecide with: cif review PAIR --same|--different --reason TEXT   (explain: cif explain A B)');
      return;
    }
    const pair = await stores.ods.getReviewPair(pairId);
    if (!pair) throw new UsageError(`no pair ${pairId} in the review queue`);
    if (pair.status === 'decided') throw new UsageError(`pair ${pairId} was already decided (${pair.decision})`);
    const decision = await stores.ods.recordDecision({
      a: { source: pair.a.source, sourceKey: pair.a.sourceKey }, b: { source: pair.b.source, sourceKey: pair.b.sourceKey },
      decision: o.same ? 'same' : 'different', reason: o.reason!.trim(), decidedBy: o.by?.trim() || process.env.USER || 'steward',
    });
    console.log(`recorded: ${pairId} ${decision.decision === 'same' ? 'are one person' : 'are different people'}; applying it …`);
    const report = await runWith(factory, stores, (line) => console.log(line));
    if (report.status !== 'succeeded') process.exitCode = 1;
  } finally {
    await stores.close();
    lock.release();
  }
}
