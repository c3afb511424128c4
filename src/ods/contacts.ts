// A customer's contacts a page at a time, newest first, in the order the profile shows them. Pages follow a cursor
// (the last contact's time and key), not an offset: a contact logged meanwhile neither repeats one nor hides one.
import type { OdsSession } from './driver.ts';
import { survivingCustomerId } from './redirects.ts';
import type { ContactRow } from './rows.ts';
import { OdsInputError } from './stewardship.ts';

/** A page unless asked otherwise: the profile's contacts are the first one. */
export const contactsPerPage = 50;
export const maxContactsPage = 100;

export interface ContactPage {
  /** The customer whose contacts these are: the one asked for, or the one it was merged into. */
  customerId: number;
  /** Set when the id asked for was merged into `customerId`. */
  redirectedFrom?: number;
  /** Newest first. */
  items: ContactRow[];
  /** The `before` of the next, older page; null when these are the oldest. */
  next: string | null;
}

/** Where a page ends: the contact's time to the microsecond (rows carry milliseconds), its source and key. */
interface Position { at: string; source: string; key: string }

const order = 'order by contacted_at desc, source, contact_key';
const positionAt = `to_char(contacted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position_at`;
const newest = `select *, ${positionAt} from contact where customer_id = $1 ${order} limit $2`;
// Older than the position in that order: an earlier time, or the same time and a later source and key.
const olderThan = `select *, ${positionAt} from contact
  where customer_id = $1 and contacted_at <= $3 and (contacted_at < $3 or (source, contact_key) > ($4, $5))
  ${order} limit $2`;

const encode = (p: Position): string => Buffer.from(JSON.stringify([p.at, p.source, p.key])).toString('base64url');

/** The position a `before` cursor names (none: the newest page); anything else is an OdsInputError. */
function positionOf(before: string | undefined): Position | null {
  if (before === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(before, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === 'string')) {
      const [at, source, key] = value as [string, string, string];
      if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(at) && !Number.isNaN(Date.parse(at))) return { at, source, key };
    }
  } catch {
    // not JSON: told below
  }
  throw new OdsInputError('before: is not a cursor of a page of contacts');
}

async function pageAt(session: OdsSession, customerId: number, position: Position | null, limit = contactsPerPage): Promise<Omit<ContactPage, 'customerId'>> {
  const n = Math.min(Math.max(Math.trunc(limit), 1), maxContactsPage);
  // One more than asked for tells whether there is an older page.
  const rows = await session.query<ContactRow & { position_at: string }>(position ? olderThan : newest,
    position ? [customerId, n + 1, position.at, position.source, position.key] : [customerId, n + 1]);
  const items = rows.slice(0, n);
  const last = items[items.length - 1];
  return {
    items: items.map(({ position_at: _, ...contact }) => contact),
    next: rows.length > n && last ? encode({ at: last.position_at, source: last.source, key: last.contact_key }) : null,
  };
}

type PageRequest = { before?: string; limit?: number };

/** A page of the customer's own contacts, merges not followed (the profile's first page). */
export function contactsPage(session: OdsSession, customerId: number, page: PageRequest = {}): Promise<Omit<ContactPage, 'customerId'>> {
  return pageAt(session, customerId, positionOf(page.before), page.limit);
}

/** A page of a customer's contacts (limit 1–100, 50 unless given), following merges; null when there is no such customer. */
export async function listContacts(session: OdsSession, id: number, page: PageRequest = {}): Promise<ContactPage | null> {
  const position = positionOf(page.before);
  const customerId = await survivingCustomerId(session, id);
  if (customerId === null) return null;
  return { customerId, ...(customerId === id ? {} : { redirectedFrom: id }), ...(await pageAt(session, customerId, position, page.limit)) };
}
