// The call centre's contact history: calls, chats and branch visits about an account. Dissatisfied
// people call more and complain more; people about to leave often ask to cancel first.
import { Random, WeightedTable, logistic } from './random.ts';
import { clockText, isoDay } from './calendar.ts';
import { csvCell } from './text-formats.ts';
import { systemCodes } from './product-catalogue.ts';
import type { AccountPlan, Relationship } from './customer-life.ts';

export const contactHeader = 'CONTACT_ID,SYSTEM,ACCOUNT_NO,CONTACT_TS,CHANNEL,REASON,OUTCOME,COMPLAINT,NOTES';

export interface Contact {
  day: number;
  second: number;
  account: AccountPlan;
  channel: string;
  reason: string;
  outcome: string;
  complaint: boolean;
  notes: string | null;
}

interface Topic {
  reason: string;
  outcomes: string[];
  notes: string[];
}

const complaintTopics = new WeightedTable<Topic>(
  [
    { reason: 'billing dispute', outcomes: ['credit issued', 'resolved', 'escalated', 'unresolved'], notes: ['Disputes charge on last invoice, credit applied', 'Says was billed twice this month', 'Late fee contested; waived once as courtesy', 'Promo price not applied, adjusted'] },
    { reason: 'outage', outcomes: ['technician dispatched', 'resolved', 'escalated'], notes: ['No service since yesterday, area outage confirmed', 'Third outage this month, customer upset', 'Intermittent drops in the evening'] },
    { reason: 'technical issue', outcomes: ['resolved', 'technician dispatched', 'escalated', 'unresolved'], notes: ['Device keeps losing signal at home', 'Box reboots randomly, replaced remote', 'Calls drop after a few minutes'] },
    { reason: 'service quality', outcomes: ['escalated', 'resolved', 'unresolved'], notes: ['Unhappy with wait times, asked for supervisor', 'Installer missed appointment twice', 'Says the service is not worth the price'] },
  ],
  [35, 25, 25, 15],
);

const enquiryTopics = new WeightedTable<Topic>(
  [
    { reason: 'billing question', outcomes: ['resolved', 'information given'], notes: ['Explained billing cycle and due date', 'Asked about paperless billing', 'Wanted breakdown of taxes and fees'] },
    { reason: 'upgrade', outcomes: ['upgraded', 'information given', 'callback scheduled'], notes: ['Interested in a faster plan, sent comparison', 'Upgraded plan, effective next cycle', 'Asked about new phone offers'] },
    { reason: 'plan change', outcomes: ['order placed', 'information given'], notes: ['Moved to a cheaper plan', 'Added a line to the account', 'Asked how to remove international add-on'] },
    { reason: 'technical issue', outcomes: ['resolved', 'technician dispatched'], notes: ['Walked through router restart', 'Voicemail setup help', 'Reset set-top box, working now'] },
    { reason: 'payment arrangement', outcomes: ['arrangement made', 'resolved'], notes: ['Split overdue balance over two months', 'Updated card on file for autopay'] },
    { reason: 'general enquiry', outcomes: ['information given', 'resolved'], notes: ['Asked about store hours', 'Requested copy of contract', 'Updated contact details'] },
  ],
  [30, 14, 12, 20, 8, 16],
);

const channels = new WeightedTable(['phone', 'chat', 'branch'], [70, 20, 10]);

/** Everything the call centre logged about one person during the history window. */
export function contactsOf(relationship: Relationship, rng: Random, windowStart: number, asOfDay: number): Contact[] {
  const accounts = relationship.records.flatMap((r) => r.accounts);
  const d = relationship.dissatisfaction;
  const log: ContactLog = { contacts: [], rng, windowStart, asOfDay };

  let first = asOfDay;
  for (const account of accounts) first = Math.min(first, account.openedDay);
  first = Math.max(windowStart, first);
  const years = Math.max(0, asOfDay - first) / 365.25;
  const count = rng.poisson(0.55 * Math.exp(0.45 * d) * years);
  for (let i = 0; i < count; i++) {
    const complaint = rng.chance(logistic(-1.7 + 0.9 * d));
    const topic = (complaint ? complaintTopics : enquiryTopics).draw(rng);
    record(log, accounts, rng.between(first, asOfDay), topic.reason, rng.pick(topic.outcomes), rng.pick(topic.notes), complaint);
  }

  if (relationship.churnDay >= 0) {
    const leaving = accounts.filter((a) => relationship.churnedLines.includes(a.line));
    if (rng.chance(0.25)) record(log, leaving, relationship.churnDay - rng.between(30, 120), 'cancel request', 'retained', 'Offered loyalty discount, customer agreed to stay for now', false);
    if (rng.chance(0.5)) record(log, leaving, relationship.churnDay - rng.between(0, 30), 'cancel request', 'cancelled', rng.pick(cancellationNotes), false);
  } else if (rng.chance(0.03 * Math.exp(0.5 * d))) {
    record(log, accounts, rng.between(first, asOfDay), 'cancel request', 'retained', 'Matched competitor offer, customer stays', false);
  }

  const person = relationship.person;
  if (person.previousAddress && person.movedOn >= windowStart && rng.chance(0.5)) {
    record(log, accounts, person.movedOn + rng.between(-10, 10), 'move', 'order placed', 'Service transfer to new address', false);
  }
  return log.contacts;
}

const cancellationNotes = ['Moving to a competitor, price', 'Cancelled, unhappy with service', 'No longer needs the service', 'Cancelled after repeated outages'];

interface ContactLog {
  contacts: Contact[];
  rng: Random;
  windowStart: number;
  asOfDay: number;
}

/** Logs a contact about one of the accounts live that day (none: the contact did not happen). */
function record(log: ContactLog, accounts: AccountPlan[], day: number, reason: string, outcome: string, note: string, complaint: boolean): void {
  const { rng } = log;
  if (day < log.windowStart || day > log.asOfDay) return;
  const account = activeOn(rng, accounts, day);
  if (!account) return;
  const channel = channels.draw(rng);
  const opens = channel === 'chat' ? 7 : channel === 'branch' ? 9 : 8;
  const closes = channel === 'chat' ? 23 : channel === 'branch' ? 18 : 20;
  log.contacts.push({
    day,
    second: rng.between(opens * 3600, closes * 3600 - 1),
    account,
    channel,
    reason,
    outcome,
    complaint,
    notes: rng.chance(0.25) ? null : note,
  });
}

/** An account the person held on that day (contacts are about live accounts). */
function activeOn(rng: Random, accounts: AccountPlan[], day: number): AccountPlan | undefined {
  let live = 0;
  for (const a of accounts) if (a.openedDay <= day && (a.closedDay < 0 || a.closedDay >= day)) live++;
  if (live === 0) return undefined;
  let pick = rng.int(live);
  for (const a of accounts) if (a.openedDay <= day && (a.closedDay < 0 || a.closedDay >= day) && pick-- === 0) return a;
  return undefined;
}

export function contactRow(id: string, contact: Contact): string {
  const { account } = contact;
  return `${id},${systemCodes[account.line]},${account.key},${isoDay(contact.day)}T${clockText(contact.second)},${contact.channel},${contact.reason},${contact.outcome},${contact.complaint ? 'Y' : 'N'},${csvCell(contact.notes)}`;
}
