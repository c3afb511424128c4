// The three product-line systems' account files, each in its own layout and in account-key order.
import { KeyOrderedSink, LineSink } from './line-sink.ts';
import { cellularAccountHeader, cellularAccountRow } from './cellular-files.ts';
import { longDistanceAccountLine } from './long-distance-files.ts';
import { cableAccountHeader, cableAccountRow } from './cable-files.ts';
import { accountFile } from './enterprise-layout.ts';
import type { AccountPlan } from './customer-life.ts';
import type { ProductLine } from './product-catalogue.ts';

export class AccountFiles {
  private readonly files: Record<ProductLine, KeyOrderedSink>;

  constructor(out: string) {
    this.files = {
      cellular: new KeyOrderedSink(new LineSink(accountFile(out, 'cellular'), cellularAccountHeader)),
      long_distance: new KeyOrderedSink(new LineSink(accountFile(out, 'long_distance'))),
      cable: new KeyOrderedSink(new LineSink(accountFile(out, 'cable'), cableAccountHeader)),
    };
  }

  get sinks(): LineSink[] {
    return Object.values(this.files).map((f) => f.sink);
  }

  add(account: AccountPlan): void {
    const row =
      account.line === 'cellular' ? cellularAccountRow(account)
      : account.line === 'long_distance' ? longDistanceAccountLine(account)
      : cableAccountRow(account);
    this.files[account.line].add(account.key, row);
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.files).map((f) => f.close()));
  }
}
