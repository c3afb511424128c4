// The web site's clickstream, one JSON Lines file per month. A visitor keeps one cookie; only logins
// carry an e-mail, so most events are anonymous until the factory ties the cookie to a person.
// Prospects browse plans before joining; unhappy customers find the cancel page, and many of those
// about to leave visit it in their last weeks.
import { Random, WeightedTable, mixSeed } from './random.ts';
import { DayTextCache, historyMonths, MonthOfDay, isoText, type HistoryMonth } from './calendar.ts';
import { LineSink } from './line-sink.ts';
import { monthlyFile } from './enterprise-layout.ts';
import type { HistorySettings } from './history-batch.ts';

export interface Visitor {
  serial: number;
  /** Bit i set when the person holds product line i (cellular, long distance, cable); 0 for a prospect. */
  linesMask: number;
  email: string | null;
  firstCustomerDay: number;
  lastCustomerDay: number;
  churnDay: number;
  dissatisfaction: number;
}

interface Page {
  type: string;
  page: string;
}

const linePages = ['/plans/cellular', '/plans/long-distance', '/plans/cable'];
const customerPages = new WeightedTable<Page>(
  [
    { type: 'page_view', page: '/' },
    { type: 'page_view', page: '/account/billing' },
    { type: 'pay_bill', page: '/account/billing/pay' },
    { type: 'page_view', page: '/plans' },
    { type: 'plan_compare', page: '/plans/compare' },
    { type: 'page_view', page: '/support' },
    { type: 'page_view', page: '/support/outage' },
    { type: 'support_article', page: '/support/articles/reset-router' },
    { type: 'support_article', page: '/support/articles/voicemail' },
    { type: 'upgrade_offer', page: '/offers/upgrade' },
  ],
  [13, 20, 10, 15, 8, 12, 6, 5, 5, 6],
);
const prospectPages = new WeightedTable<Page>(
  [
    { type: 'page_view', page: '/' },
    { type: 'page_view', page: '/plans' },
    { type: 'plan_compare', page: '/plans/compare' },
    { type: 'page_view', page: '/stores' },
    { type: 'page_view', page: '/offers/new-customer' },
  ],
  [30, 30, 20, 10, 10],
);

export class WebClickstream {
  readonly sinks: LineSink[];
  private readonly months: HistoryMonth[];
  private readonly serials: number[];
  private readonly idPrefixes: string[];
  private readonly dates: DayTextCache;
  private readonly monthOfDay: MonthOfDay;
  private readonly rng = new Random();

  constructor(private readonly settings: HistorySettings) {
    this.months = historyMonths(settings.asOfDay, settings.months);
    const first = this.months[0]!.firstDay;
    this.sinks = this.months.map((m) => new LineSink(monthlyFile.web(settings.out, m.label)));
    this.serials = this.months.map(() => 0);
    this.idPrefixes = this.months.map((m) => `W${m.label.replace('-', '')}`);
    this.dates = new DayTextCache(first, settings.asOfDay, isoText);
    this.monthOfDay = new MonthOfDay(this.months);
  }

  add(visitor: Visitor): void {
    const rng = this.rng.reseed(this.settings.seed, 53, visitor.serial);
    const cookie = `c-${hex8(mixSeed(this.settings.seed, 59, visitor.serial))}${hex8(mixSeed(this.settings.seed, 61, visitor.serial))}`;
    const windowStart = this.months[0]!.firstDay;
    const { asOfDay } = this.settings;
    const from = visitor.firstCustomerDay < 0 ? windowStart : Math.max(windowStart, visitor.firstCustomerDay - 45);
    const to = visitor.lastCustomerDay < 0 ? asOfDay : Math.min(asOfDay, visitor.lastCustomerDay + 10);
    if (from > to) return;
    const monthsSpanned = (to - from + 1) / 30.4;
    const rate = visitor.linesMask === 0 ? 0.25 : 0.35 * Math.exp(0.25 * visitor.dissatisfaction);
    const sessions = rng.poisson(rate * monthsSpanned);
    for (let s = 0; s < sessions; s++) {
      const cancelChance = visitor.linesMask === 0 ? 0 : 0.015 * Math.exp(0.8 * visitor.dissatisfaction);
      this.session(rng, visitor, cookie, rng.between(from, to), rng.chance(cancelChance));
    }
    if (visitor.churnDay >= 0 && rng.chance(0.45)) {
      const day = visitor.churnDay - rng.between(1, 30);
      if (day >= from && day <= asOfDay) this.session(rng, visitor, cookie, day, true);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.sinks.map((s) => s.close()));
  }

  private session(rng: Random, visitor: Visitor, cookie: string, day: number, visitsCancelPage: boolean): void {
    const customer = visitor.linesMask !== 0 && day >= visitor.firstCustomerDay && (visitor.lastCustomerDay < 0 || day <= visitor.lastCustomerDay);
    let second = rng.between(6 * 3600, 23 * 3600);
    const count = rng.between(1, 5);
    if (customer && visitor.email && rng.chance(0.35)) {
      this.emit(day, second, visitor.email, cookie, 'login', '/login');
      second = Math.min(86399, second + rng.between(15, 240));
    }
    for (let i = 0; i < count; i++) {
      const page = (customer ? customerPages : prospectPages).draw(rng);
      const path = page.page === '/plans' ? linePages[preferredLine(rng, visitor.linesMask)]! : page.page;
      this.emit(day, second, null, cookie, page.type, path);
      second = Math.min(86399, second + rng.between(15, 240));
    }
    if (visitsCancelPage) this.emit(day, second, null, cookie, 'cancel_page', '/account/cancel');
  }

  private emit(day: number, second: number, email: string | null, cookie: string, type: string, page: string): void {
    const monthIndex = this.monthOfDay.of(day);
    const sink = this.sinks[monthIndex]!;
    sink.putAscii('{"event_id":"').putAscii(this.idPrefixes[monthIndex]!).putDigits(++this.serials[monthIndex]!, 8);
    sink.putAscii('","ts":"').putAscii(this.dates.text(day)).putByte(84 /* T */);
    sink.putDigits(Math.floor(second / 3600), 2).putByte(58).putDigits(Math.floor(second / 60) % 60, 2).putByte(58).putDigits(second % 60, 2);
    sink.putAscii('Z","email":');
    if (email === null) sink.putAscii('null');
    else sink.putByte(34).putAscii(email).putByte(34);
    sink.putAscii(',"cookie":"').putAscii(cookie).putAscii('","type":"').putAscii(type).putAscii('","page":"').putAscii(page).putAscii('"}');
    sink.endRow();
  }
}

/** A held line's page most of the time, any line's otherwise. */
function preferredLine(rng: Random, mask: number): number {
  const held = [0, 1, 2].filter((i) => mask & (1 << i));
  return held.length > 0 && rng.chance(0.7) ? rng.pick(held) : rng.int(3);
}

function hex8(value: number): string {
  return value.toString(16).padStart(8, '0');
}
