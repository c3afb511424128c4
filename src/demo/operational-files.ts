// Writes one person's footprint across the enterprise: a customer record per product line held (each
// in its system's own layout), the call-centre contacts and surveys, the truth rows — and hands the
// accounts and web visitors to the history thread, which writes the account, billing and web files.
import { Random } from './random.ts';
import { historyMonths, isoDay, MonthOfDay } from './calendar.ts';
import { KeyOrderedSink, LineSink } from './line-sink.ts';
import { viewOfRecord } from './record-variation.ts';
import { cellularCustomerHeader, cellularCustomerRow } from './cellular-files.ts';
import { longDistanceCustomerLine } from './long-distance-files.ts';
import { cableCustomerHeader, cableCustomerRow } from './cable-files.ts';
import { customerFile, monthlyFile, surveyFile, truthFile } from './enterprise-layout.ts';
import { contactHeader, contactRow, contactsOf } from './call-centre.ts';
import { surveyHeader, surveyRow, surveysOf } from './surveys.ts';
import { productLines, type ProductLine } from './product-catalogue.ts';
import type { Relationship } from './customer-life.ts';
import type { HistoryClient } from './history-client.ts';
import type { WrittenFile } from './history-batch.ts';

export interface OperationalSettings {
  out: string;
  seed: number;
  asOfDay: number;
  months: number;
  persons: number;
}

/** Planted bad input: customer records whose birth date no calendar has. */
const impossibleBirthChance = 0.001;

export class OperationalFiles {
  private readonly customers: Record<ProductLine, KeyOrderedSink>;
  private readonly truthRecords: LineSink;
  private readonly truthPersons: LineSink;
  private readonly contacts: LineSink[];
  private readonly surveys: LineSink;
  private readonly all: LineSink[];
  private readonly monthOfDay: MonthOfDay;
  private readonly windowStart: number;
  private readonly idWidth: number;
  private readonly rng = new Random();
  private contactSerial = 0;
  private surveySerial = 0;
  private visitorSerial = 0;
  customerRecords = 0;

  constructor(private readonly settings: OperationalSettings, private readonly history: HistoryClient) {
    const { out } = settings;
    const months = historyMonths(settings.asOfDay, settings.months);
    this.monthOfDay = new MonthOfDay(months);
    this.windowStart = months[0]!.firstDay;
    this.idWidth = Math.max(7, String(settings.persons).length);
    this.customers = {
      cellular: new KeyOrderedSink(new LineSink(customerFile(out, 'cellular'), cellularCustomerHeader)),
      long_distance: new KeyOrderedSink(new LineSink(customerFile(out, 'long_distance'))),
      cable: new KeyOrderedSink(new LineSink(customerFile(out, 'cable'), cableCustomerHeader)),
    };
    this.truthRecords = new LineSink(truthFile.records(out), 'source,source_key,person_id,household_id');
    this.truthPersons = new LineSink(truthFile.persons(out), 'person_id,household_id,given_name,family_name,birth_date,role');
    this.contacts = months.map((m) => new LineSink(monthlyFile.contacts(out, m.label), contactHeader));
    this.surveys = new LineSink(surveyFile(out), surveyHeader);
    this.all = [...productLines.map((l) => this.customers[l].sink), this.truthRecords, this.truthPersons, ...this.contacts, this.surveys];
  }

  get sinks(): readonly LineSink[] {
    return this.all;
  }

  write(relationship: Relationship): void {
    const person = relationship.person;
    const rng = this.rng.reseed(this.settings.seed, 71, person.index);
    const { asOfDay } = this.settings;
    const personId = `P${String(person.index + 1).padStart(this.idWidth, '0')}`;
    const householdId = `H${String(person.household + 1).padStart(this.idWidth, '0')}`;

    // at most one record keeps the address from before a move, and one the surname from before a marriage
    const movable = person.previousAddress ? relationship.records.filter((r) => r.sinceDay < person.movedOn - 30) : [];
    const staleRecord = movable.length > 0 && rng.chance(relationship.records.length > 1 ? 0.5 : 0.2) ? rng.pick(movable) : null;
    const premarital = person.previousFamily ? relationship.records.filter((r) => r.sinceDay < person.marriedOn - 30) : [];
    const maidenRecord = premarital.length > 0 && rng.chance(0.35) ? rng.pick(premarital) : null;

    for (const record of relationship.records) {
      const view = viewOfRecord(person, rng, {
        line: record.line,
        sinceDay: record.sinceDay,
        asOfDay,
        beforeMove: record === staleRecord,
        beforeMarriage: record === maidenRecord,
        impossibleBirth: rng.chance(impossibleBirthChance),
      });
      const row =
        record.line === 'cellular' ? cellularCustomerRow(record.key, view, rng)
        : record.line === 'long_distance' ? longDistanceCustomerLine(record.key, view, rng)
        : cableCustomerRow(record.key, view, rng);
      this.customers[record.line].add(record.key, row);
      this.truthRecords.add(`${record.line},${record.key},${personId},${householdId}`);
      this.customerRecords++;
      for (const account of record.accounts) this.history.addAccount(account);
    }
    this.truthPersons.add(`${personId},${householdId},${person.given.name},${person.family},${isoDay(person.birthDay)},${person.role}`);

    const contacts = contactsOf(relationship, rng, this.windowStart, asOfDay);
    for (const contact of contacts) {
      const id = `CC${String(++this.contactSerial).padStart(9, '0')}`;
      this.contacts[this.monthOfDay.of(contact.day)]!.add(contactRow(id, contact));
    }
    for (const survey of surveysOf(relationship, contacts, rng, this.windowStart, asOfDay)) {
      this.surveys.add(surveyRow(`SV${String(++this.surveySerial).padStart(8, '0')}`, survey));
    }

    const age = (asOfDay - person.birthDay) / 365.25;
    if (rng.chance(age < 35 ? 0.45 : age < 60 ? 0.3 : 0.12)) {
      const leftEverything = relationship.churnDay >= 0 && relationship.churnedLines.length === relationship.lines.length;
      this.history.addVisitor({
        serial: this.visitorSerial++,
        linesMask: linesMask(relationship.lines),
        email: person.email,
        firstCustomerDay: firstSince(relationship),
        lastCustomerDay: leftEverything ? relationship.churnDay : -1,
        churnDay: relationship.churnDay,
        dissatisfaction: relationship.dissatisfaction,
      });
    }
  }

  /** Someone browsing who is not (yet) a customer: cookie only, never an e-mail. */
  writeProspect(): void {
    this.history.addVisitor({ serial: this.visitorSerial++, linesMask: 0, email: null, firstCustomerDay: -1, lastCustomerDay: -1, churnDay: -1, dissatisfaction: 0 });
  }

  /** Closes every file; the cable CSV is left for conversion to Parquet. */
  async close(): Promise<WrittenFile[]> {
    await Promise.all([...productLines.map((l) => this.customers[l].close()), this.truthRecords.close(), this.truthPersons.close(), ...this.contacts.map((s) => s.close()), this.surveys.close()]);
    return this.all.map((s) => ({ path: s.path, rows: s.rows }));
  }
}

function linesMask(lines: ProductLine[]): number {
  let mask = 0;
  for (const line of lines) mask |= 1 << productLines.indexOf(line);
  return mask;
}

function firstSince(relationship: Relationship): number {
  let first = Infinity;
  for (const record of relationship.records) first = Math.min(first, record.sinceDay);
  return first;
}
