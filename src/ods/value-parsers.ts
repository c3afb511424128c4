// Normalises values at the edge: the two engines parse int8, numeric, date and timestamptz differently
// (pg: int8 as string, dates as Date; PGlite: numeric as string, dates as Date). Both get these instead.

export const oid = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  int8Array: 1016,
} as const;

/** PostgreSQL's ISO output ('2024-05-01 10:00:00.123+02') as an ISO-8601 UTC string. */
export function isoTimestamp(text: string): string {
  const match = /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)(?:([+-]\d\d)(?::?(\d\d))?(?::?\d\d)?)?$/.exec(text);
  if (!match) return text; // infinity, BC dates: passed through as PostgreSQL wrote them
  const [, day, time, offsetHours, offsetMinutes] = match;
  const offset = offsetHours === undefined ? 'Z' : `${offsetHours}:${offsetMinutes ?? '00'}`;
  const parsed = new Date(`${day}T${time}${offset}`);
  return Number.isNaN(parsed.getTime()) ? text : parsed.toISOString();
}

function number(text: string): number {
  return Number(text);
}

function same(text: string): string {
  return text;
}

/** Parsers by type oid, for types whose text form both engines must read the same way. */
export const valueParsers: Record<number, (text: string) => unknown> = {
  [oid.int8]: number,
  [oid.numeric]: number,
  [oid.date]: same,
  [oid.timestamp]: (text) => isoTimestamp(text),
  [oid.timestamptz]: isoTimestamp,
};
