// The history thread: turns batches of accounts and web visitors into the account files and the
// monthly billing and clickstream files while the main thread builds the customer files. Batches are handled strictly
// in arrival order, so the output is the same however the two threads are scheduled.
import { parentPort, workerData } from 'node:worker_threads';
import { BillingHistory } from './billing-history.ts';
import { AccountFiles } from './account-files.ts';
import { WebClickstream } from './web-clickstream.ts';
import { settle } from './line-sink.ts';
import type { AccountPlan } from './customer-life.ts';
import { accountFields, historyLines, visitorFields, type HistoryBatch, type HistorySettings, type WrittenFile } from './history-batch.ts';

export type HistoryRequest = { kind: 'batch'; sequence: number; batch: HistoryBatch } | { kind: 'finish' };
export type HistoryReply = { kind: 'done-batch'; sequence: number } | { kind: 'finished'; files: WrittenFile[] } | { kind: 'failed'; message: string };

const settings = workerData as HistorySettings;
const accounts = new AccountFiles(settings.out);
const billing = new BillingHistory(settings);
const web = new WebClickstream(settings);
const sinks = [...accounts.sinks, ...billing.sinks, ...web.sinks];
let queue: Promise<void> = Promise.resolve();

function reply(message: HistoryReply): void {
  parentPort!.postMessage(message);
}

async function handle(request: HistoryRequest): Promise<void> {
  if (request.kind === 'finish') {
    await Promise.all([accounts.close(), billing.close(), web.close()]);
    reply({ kind: 'finished', files: sinks.map((s) => ({ path: s.path, rows: s.rows })) });
    return;
  }
  const { firstAccountSerial, accountKeys, accountCustomerKeys, accountPlans, accountNumbers: a, visitorEmails, visitorNumbers: v } = request.batch;
  for (let i = 0; i < accountKeys.length; i++) {
    const at = i * accountFields;
    const account: AccountPlan = {
      line: historyLines[a[at]!]!,
      key: accountKeys[i]!,
      customerKey: accountCustomerKeys[i]!,
      plan: { name: accountPlans[i]!, monthlyCents: a[at + 1]! },
      monthlyCents: a[at + 1]!,
      openedDay: a[at + 2]!,
      closedDay: a[at + 3]!,
      billDay: a[at + 4]!,
      lateChance: a[at + 5]!,
      missChance: a[at + 6]!,
    };
    accounts.add(account);
    billing.add(account, firstAccountSerial + i);
    if (i % 256 === 255) await settle(sinks);
  }
  for (let i = 0; i < visitorEmails.length; i++) {
    const at = i * visitorFields;
    web.add({
      serial: v[at]!,
      linesMask: v[at + 1]!,
      firstCustomerDay: v[at + 2]!,
      lastCustomerDay: v[at + 3]!,
      churnDay: v[at + 4]!,
      dissatisfaction: v[at + 5]!,
      email: visitorEmails[i]!,
    });
  }
  await settle(sinks);
  reply({ kind: 'done-batch', sequence: request.sequence });
}

parentPort!.on('message', (request: HistoryRequest) => {
  queue = queue.then(() => handle(request)).catch((error: unknown) => {
    reply({ kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  });
});
