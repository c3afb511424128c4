// The billing system's monthly transaction files: an invoice for every live account each month and,
// usually, a payment some days later. Dissatisfied customers pay late or not at all, and a closed
// account's final bill often goes unpaid. A handful of rows carry an amount no parser should accept.
import { Random } from './random.ts';
import { compactText, DayTextCache, historyMonths, MonthOfDay, type HistoryMonth } from './calendar.ts';
import { asciiBytes, LineSink } from './line-sink.ts';
import { money } from './text-formats.ts';
import { systemCodes, type ProductLine } from './product-catalogue.ts';
import { monthlyFile } from './enterprise-layout.ts';
import type { HistorySettings } from './history-batch.ts';
import type { AccountPlan } from './customer-life.ts';

export const billingHeader = 'TXN_ID,SYSTEM,ACCOUNT_NO,TXN_TYPE,TXN_DATE,AMOUNT';

const malformedAmounts = ['N/A', '#VALUE!', '$', '12,50', 'ERR'];
const comma = 44;
const invoice = asciiBytes('INV,');
const payment = asciiBytes('PAY,');

export class BillingHistory {
  readonly sinks: LineSink[];
  private readonly months: HistoryMonth[];
  private readonly serials: number[];
  private readonly idPrefixes: Uint8Array[];
  private readonly firstDay: number;
  /** 'YYYYMMDD' for every day of the window, eight bytes each. */
  private readonly compactDates: Uint8Array;
  private readonly monthOfDay: MonthOfDay;
  private readonly malformedChance: number;
  private readonly rng = new Random();

  constructor(private readonly settings: HistorySettings) {
    this.months = historyMonths(settings.asOfDay, settings.months);
    const first = this.months[0]!.firstDay;
    this.sinks = this.months.map((m) => new LineSink(monthlyFile.billing(settings.out, m.label), billingHeader));
    this.serials = this.months.map(() => 0);
    this.idPrefixes = this.months.map((m) => asciiBytes(`B${m.label.replace('-', '')}`));
    this.firstDay = first;
    const dates = new DayTextCache(first, settings.asOfDay, compactText);
    this.compactDates = new Uint8Array((settings.asOfDay - first + 1) * 8);
    for (let day = first; day <= settings.asOfDay; day++) this.compactDates.set(asciiBytes(dates.text(day)), (day - first) * 8);
    this.monthOfDay = new MonthOfDay(this.months);
    this.malformedChance = 5 / Math.max(1, settings.expectedBillingRows);
  }

  /** Bills one account over the history months; serial (the account's number in the run) seeds its randomness. */
  add(account: AccountPlan, serial: number): void {
    const rng = this.rng.reseed(this.settings.seed, 41, serial);
    // the part of the row that names the account, encoded once for its two dozen rows
    const middle = asciiBytes(`,${systemCodes[account.line]},${account.key},`);
    const { asOfDay } = this.settings;
    for (const month of this.months) {
      if (account.closedDay >= 0 && account.closedDay < month.firstDay) break;
      let billOn = month.firstDay + account.billDay - 1;
      if (account.closedDay >= 0 && billOn > account.closedDay) billOn = account.closedDay;
      if (billOn < account.openedDay || billOn > month.lastDay) continue;
      const cents = account.monthlyCents + extraCharges(rng, account.line);
      this.emit(month.index, middle, invoice, billOn, cents, rng);

      const final = account.closedDay >= 0 && account.closedDay < billOn + 28;
      if (rng.chance(final ? 0.3 : account.missChance)) continue;
      const paidOn = billOn + (rng.chance(account.lateChance) ? rng.between(31, 65) : rng.between(5, 25));
      if (paidOn <= asOfDay) this.emit(this.monthOfDay.of(paidOn), middle, payment, paidOn, cents, rng);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.sinks.map((s) => s.close()));
  }

  private emit(monthIndex: number, middle: Uint8Array, type: Uint8Array, day: number, cents: number, rng: Random): void {
    const sink = this.sinks[monthIndex]!;
    const dateAt = (day - this.firstDay) * 8;
    sink.putBytes(this.idPrefixes[monthIndex]!).putDigits(++this.serials[monthIndex]!, 8).putBytes(middle).putBytes(type);
    sink.putBytes(this.compactDates, dateAt, dateAt + 8).putByte(comma);
    if (rng.next() < this.malformedChance) sink.putAscii(malformedAmount(rng, cents));
    else sink.putMoney(cents);
    sink.endRow();
  }
}

/** Usage on top of the plan: cellular overage, long distance minutes, cable pay-per-view. */
function extraCharges(rng: Random, line: ProductLine): number {
  if (line === 'cellular') return rng.chance(0.12) ? rng.between(500, 4000) : 0;
  if (line === 'long_distance') return rng.chance(0.5) ? rng.between(0, 1500) : 0;
  return rng.chance(0.05) ? rng.pick([499, 999, 1499]) : 0;
}

function malformedAmount(rng: Random, cents: number): string {
  const kind = rng.pick(malformedAmounts);
  // '12,50' stands for a decimal comma; it needs quoting in CSV
  return kind === '12,50' ? `"${money(cents).replace('.', ',')}"` : kind === '$' ? `$${money(cents)}` : kind;
}
