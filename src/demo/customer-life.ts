// A person's relationship with the company: which product lines they hold, since when, their accounts,
// and whether they leave. One hidden number — dissatisfaction — drives complaints, low survey scores,
// late payments and visits to the cancel page, and also makes leaving likelier; leaving itself stays a
// coin toss, so the signal the warehouse finds is real but not a rule.
import { Random, WeightedTable, logistic } from './random.ts';
import { plans, productLines, type Plan, type ProductLine } from './product-catalogue.ts';
import type { SystemKeys } from './system-keys.ts';
import type { Person } from './population.ts';

export interface AccountPlan {
  line: ProductLine;
  key: string;
  /** The holder's customer key in the same system — or, for a planted orphan, a key no customer has. */
  customerKey: string;
  plan: Plan;
  monthlyCents: number;
  openedDay: number;
  /** -1 while the account is active. */
  closedDay: number;
  billDay: number;
  lateChance: number;
  missChance: number;
}

export interface CustomerRecordPlan {
  line: ProductLine;
  key: string;
  sinceDay: number;
  /** A second record for the same person in the same system, as legacy systems accumulate. */
  duplicate: boolean;
  accounts: AccountPlan[];
}

export interface Relationship {
  person: Person;
  dissatisfaction: number;
  joiner: boolean;
  /** -1 when the person stays. */
  churnDay: number;
  churnedLines: ProductLine[];
  lines: ProductLine[];
  records: CustomerRecordPlan[];
}

const lineCounts = new WeightedTable([1, 2, 3], [55, 30, 15]);
const joinerChance = 0.07;
const duplicateRecordChance = 0.01;
/** One account row in this many names a customer key its system does not have. */
const orphanAccountEvery = 2000;
const yearDays = 365.25;

export class RelationshipPlanner {
  private readonly rng = new Random();
  private readonly accountSerial: Record<ProductLine, number> = { cellular: 0, long_distance: 0, cable: 0 };
  private readonly orphanPhase: Record<ProductLine, number>;
  private readonly orphans: Record<ProductLine, number> = { cellular: 0, long_distance: 0, cable: 0 };

  constructor(private readonly seed: number, private readonly asOfDay: number, private readonly windowStart: number, private readonly keys: SystemKeys) {
    const phase = new Random(seed, 23);
    this.orphanPhase = { cellular: phase.int(orphanAccountEvery), long_distance: phase.int(orphanAccountEvery), cable: phase.int(orphanAccountEvery) };
  }

  plan(person: Person): Relationship {
    const rng = this.rng.reseed(this.seed, 31, person.index);
    const age = (this.asOfDay - person.birthDay) / yearDays;
    const lines = chooseLines(rng, age);
    const dissatisfaction = rng.normal();
    const joiner = rng.chance(joinerChance);
    const adultFrom = Math.ceil(person.birthDay + 18 * yearDays);
    const earliest = Math.max(adultFrom, this.asOfDay - Math.round(30 * yearDays));

    const records: CustomerRecordPlan[] = [];
    lines.forEach((line, i) => {
      const crossSoldLately = i > 0 && rng.chance(crossSaleChance(line, age, dissatisfaction));
      const sinceDay = joiner || crossSoldLately || earliest >= this.windowStart
        ? rng.between(Math.max(earliest, this.windowStart), this.asOfDay - 10)
        : this.windowStart - 1 - Math.floor((this.windowStart - 1 - earliest) * rng.next() ** 2);
      records.push(this.record(rng, line, sinceDay, false, dissatisfaction));
      if (rng.chance(duplicateRecordChance)) records.push(this.record(rng, line, rng.between(sinceDay, this.asOfDay - 5), true, dissatisfaction));
    });

    const relationship: Relationship = { person, dissatisfaction, joiner, churnDay: -1, churnedLines: [], lines, records };
    this.decideChurn(rng, relationship);
    return relationship;
  }

  private record(rng: Random, line: ProductLine, sinceDay: number, duplicate: boolean, dissatisfaction: number): CustomerRecordPlan {
    const key = this.keys.customers[line].next();
    const accounts: AccountPlan[] = [];
    let firstOpened = sinceDay;
    if (!duplicate && sinceDay < this.windowStart - 400 && rng.chance(0.08)) {
      // an earlier plan, switched away from before the history window: the new plan opens as it closes
      const closedDay = rng.between(sinceDay + 90, this.windowStart - 1);
      accounts.push({ ...this.account(rng, line, key, sinceDay, dissatisfaction), closedDay });
      firstOpened = closedDay;
    }
    accounts.push(this.account(rng, line, key, firstOpened, dissatisfaction));
    // one or two accounts per record: a second line or box, unless an earlier plan already fills the history
    if (!duplicate && accounts.length === 1 && rng.chance(0.25)) {
      const second = this.account(rng, line, key, rng.between(firstOpened, this.asOfDay - 10), dissatisfaction);
      // a few second accounts (a tablet line, a spare box) are given up without the customer leaving
      if (second.openedDay < this.asOfDay - 60 && rng.chance(0.04)) second.closedDay = rng.between(Math.max(second.openedDay + 30, this.windowStart), this.asOfDay - 1);
      accounts.push(second);
    }
    return { line, key, sinceDay, duplicate, accounts };
  }

  private account(rng: Random, line: ProductLine, customerKey: string, openedDay: number, dissatisfaction: number): AccountPlan {
    const serial = this.accountSerial[line]++;
    const orphan = (serial + this.orphanPhase[line]) % orphanAccountEvery === 0;
    const plan = plans[line].draw(rng);
    const discounted = rng.chance(0.15);
    return {
      line,
      key: this.keys.accounts[line].next(),
      customerKey: orphan ? this.keys.customers[line].unissued(this.orphans[line]++) : customerKey,
      plan,
      monthlyCents: discounted ? Math.round(plan.monthlyCents * 0.9) : plan.monthlyCents,
      openedDay,
      closedDay: -1,
      billDay: rng.between(1, 28),
      lateChance: logistic(-3.2 + 0.9 * dissatisfaction),
      missChance: logistic(-5.5 + 1.0 * dissatisfaction),
    };
  }

  private decideChurn(rng: Random, relationship: Relationship): void {
    const risk = -2.4 + 1.2 * relationship.dissatisfaction + 0.5 * rng.normal();
    if (!rng.chance(logistic(risk))) return;
    let latestOpening = 0;
    for (const record of relationship.records) for (const account of record.accounts) latestOpening = Math.max(latestOpening, account.openedDay);
    const from = Math.max(this.windowStart, latestOpening + 30);
    if (from > this.asOfDay - 1) return;
    const churnDay = rng.between(from, this.asOfDay - 1);
    const lines = relationship.lines.length === 1 || rng.chance(0.65) ? relationship.lines : [rng.pick(relationship.lines)];
    for (const record of relationship.records) {
      if (!lines.includes(record.line)) continue;
      for (const account of record.accounts) {
        if (account.closedDay < 0 || account.closedDay > churnDay) account.closedDay = Math.min(this.asOfDay, churnDay + rng.int(3));
      }
    }
    relationship.churnDay = churnDay;
    relationship.churnedLines = lines;
  }
}

/**
 * The chance that a line a person holds besides their first was taken during the history window (a cross-sale the
 * warehouse sees) rather than long before: satisfied people buy more, the young take cable (internet and TV) and the
 * old long distance. About one in ten overall, as before the drivers were planted; the lines held stay the same.
 */
export function crossSaleChance(line: ProductLine, age: number, dissatisfaction: number): number {
  const affinity = line === 'cable' ? (age < 35 ? 0.9 : age > 60 ? -0.7 : 0) : line === 'long_distance' ? (age > 60 ? 0.9 : age < 40 ? -0.9 : 0) : 0;
  return logistic(-2.3 - 0.7 * dissatisfaction + affinity);
}

/** How many and which lines a person holds: older people keep long distance, younger ones cellular. */
function chooseLines(rng: Random, age: number): ProductLine[] {
  const weights = [age < 30 ? 1.4 : age > 75 ? 0.5 : 1, age < 30 ? 0.1 : age > 60 ? 0.9 : 0.35, 0.65];
  const count = lineCounts.draw(rng);
  if (count === 3) return productLines;
  let held = 0; // bit per line
  for (let n = 0; n < count; n++) {
    let open = 0;
    for (let i = 0; i < 3; i++) if (!(held & (1 << i))) open += weights[i]!;
    let target = rng.next() * open;
    let chosen = 0;
    for (let i = 0; i < 3; i++) {
      if (held & (1 << i)) continue;
      chosen = i;
      target -= weights[i]!;
      if (target < 0) break;
    }
    held |= 1 << chosen;
  }
  return productLines.filter((_, i) => held & (1 << i));
}
