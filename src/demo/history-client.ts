// The main thread's side of the history thread: collects accounts and visitors into batches, sends
// them with at most two in flight (so neither thread runs far ahead of the disk), and gathers the
// list of files written at the end.
import { Worker } from 'node:worker_threads';
import { historyLines, type HistoryBatch, type HistorySettings, type WrittenFile } from './history-batch.ts';
import type { HistoryReply, HistoryRequest } from './history-worker.ts';
import type { AccountPlan } from './customer-life.ts';
import type { Visitor } from './web-clickstream.ts';

const batchAccounts = 16_384;
const maxInFlight = 2;

export class HistoryClient {
  private accountKeys: string[] = [];
  private accountCustomerKeys: string[] = [];
  private accountPlans: string[] = [];
  private accountNumbers: number[] = [];
  private firstAccountSerial = 0;
  private visitorEmails: (string | null)[] = [];
  private visitorNumbers: number[] = [];
  private accountSerial = 0;
  private sent = 0;
  private acknowledged = 0;
  private waiting: (() => void) | null = null;
  private finished: ((files: WrittenFile[]) => void) | null = null;
  private failure: Error | null = null;
  private failed: ((error: Error) => void) | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: HistoryReply) => {
      if (reply.kind === 'done-batch') {
        this.acknowledged = reply.sequence;
        this.wake();
      } else if (reply.kind === 'finished') this.finished?.(reply.files);
      else this.fail(new Error(`the history thread failed: ${reply.message}`));
    });
    worker.on('error', (error) => this.fail(error));
  }

  static start(settings: HistorySettings): HistoryClient {
    const entry = new URL('./history-worker.ts', import.meta.url).href;
    // a worker does not inherit the TypeScript loader, so it registers tsx before loading its entry
    const loader = import.meta.resolve('tsx/esm/api');
    const boot = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
    return new HistoryClient(new Worker(boot, { eval: true, workerData: settings }));
  }

  addAccount(account: AccountPlan): void {
    this.accountKeys.push(account.key);
    this.accountCustomerKeys.push(account.customerKey);
    this.accountPlans.push(account.plan.name);
    this.accountNumbers.push(historyLines.indexOf(account.line), account.monthlyCents, account.openedDay, account.closedDay, account.billDay, account.lateChance, account.missChance);
    this.accountSerial++;
  }

  addVisitor(visitor: Visitor): void {
    this.visitorEmails.push(visitor.email);
    this.visitorNumbers.push(visitor.serial, visitor.linesMask, visitor.firstCustomerDay, visitor.lastCustomerDay, visitor.churnDay, visitor.dissatisfaction);
  }

  /** Sends a batch when one is full, waiting while the history thread is two batches behind. */
  async pace(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.accountKeys.length < batchAccounts) return;
    this.send();
    while (this.sent - this.acknowledged >= maxInFlight && !this.failure) await new Promise<void>((resolve) => (this.waiting = resolve));
    if (this.failure) throw this.failure;
  }

  async finish(): Promise<WrittenFile[]> {
    if (this.failure) throw this.failure;
    this.send();
    const files = new Promise<WrittenFile[]>((resolve, reject) => {
      this.finished = resolve;
      this.failed = reject;
    });
    this.post({ kind: 'finish' });
    try {
      return await files;
    } finally {
      await this.worker.terminate();
    }
  }

  /** Stops the thread after a failure elsewhere. */
  async abandon(): Promise<void> {
    await this.worker.terminate();
  }

  private send(): void {
    if (this.accountKeys.length === 0 && this.visitorEmails.length === 0) return;
    const batch: HistoryBatch = {
      firstAccountSerial: this.firstAccountSerial,
      accountKeys: this.accountKeys,
      accountCustomerKeys: this.accountCustomerKeys,
      accountPlans: this.accountPlans,
      accountNumbers: Float64Array.from(this.accountNumbers),
      visitorEmails: this.visitorEmails,
      visitorNumbers: Float64Array.from(this.visitorNumbers),
    };
    this.post({ kind: 'batch', sequence: ++this.sent, batch });
    this.firstAccountSerial = this.accountSerial;
    this.accountKeys = [];
    this.accountCustomerKeys = [];
    this.accountPlans = [];
    this.accountNumbers = [];
    this.visitorEmails = [];
    this.visitorNumbers = [];
  }

  private post(request: HistoryRequest): void {
    const transfer = request.kind === 'batch' ? [request.batch.accountNumbers.buffer as ArrayBuffer, request.batch.visitorNumbers.buffer as ArrayBuffer] : [];
    this.worker.postMessage(request, transfer);
  }

  private wake(): void {
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake();
    this.failed?.(error);
  }
}
