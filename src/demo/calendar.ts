// Dates as whole days since 1970-01-01 (UTC), with the text formats the operational systems use.
// Day numbers keep the hot loops free of Date objects and time zones.

export interface Civil {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

const monthAbbreviations = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const twoDigits = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** Day number of a calendar date (days-from-civil, proleptic Gregorian). */
export function dayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Calendar date of a day number. */
export function civilOf(dayNumber: number): Civil {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  return dayOf(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - dayOf(year, month, 1);
}

export function isRealDate({ year, month, day }: Civil): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Parses 'YYYY-MM-DD' into a day number, refusing impossible dates. */
export function parseIsoDay(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const civil = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : undefined;
  if (!civil || !isRealDate(civil)) throw new Error(`not a date (YYYY-MM-DD): ${text}`);
  return dayOf(civil.year, civil.month, civil.day);
}

// The formatters take calendar parts rather than day numbers so that a deliberately impossible
// birth date (13/45/1980) can be written in each system's own format.

/** 'YYYY-MM-DD' */
export function isoText({ year, month, day }: Civil): string {
  return `${year}-${twoDigits[month] ?? month}-${twoDigits[day] ?? day}`;
}

/** 'MM/DD/YYYY' */
export function usText({ year, month, day }: Civil): string {
  return `${twoDigits[month] ?? month}/${twoDigits[day] ?? day}/${year}`;
}

/** 'DD-Mon-YYYY'; an impossible month number is written as its number. */
export function dayMonthText({ year, month, day }: Civil): string {
  return `${twoDigits[day] ?? day}-${monthAbbreviations[month - 1] ?? String(month)}-${year}`;
}

/** 'YYYYMMDD' */
export function compactText({ year, month, day }: Civil): string {
  return `${year}${twoDigits[month] ?? month}${twoDigits[day] ?? day}`;
}

// Day texts are asked for millions of times over a few tens of thousands of distinct days: remember them
// (in arrays filled up front, which stay fast where sparse ones would not).
const cachedFrom = dayOf(1900, 1, 1);
const cachedDays = dayOf(2150, 1, 1) - cachedFrom;
let isoCache: string[] | undefined;
let usCache: string[] | undefined;

export function isoDay(dayNumber: number): string {
  const i = dayNumber - cachedFrom;
  if (i < 0 || i >= cachedDays) return isoText(civilOf(dayNumber));
  isoCache ??= new Array<string>(cachedDays).fill('');
  return isoCache[i] || (isoCache[i] = isoText(civilOf(dayNumber)));
}

export function usDay(dayNumber: number): string {
  const i = dayNumber - cachedFrom;
  if (i < 0 || i >= cachedDays) return usText(civilOf(dayNumber));
  usCache ??= new Array<string>(cachedDays).fill('');
  return usCache[i] || (usCache[i] = usText(civilOf(dayNumber)));
}

/** 'HH:MM:SS' for a second of the day. */
export function clockText(secondOfDay: number): string {
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor((secondOfDay % 3600) / 60);
  return `${twoDigits[h]}:${twoDigits[m]}:${twoDigits[secondOfDay % 60]}`;
}

export interface HistoryMonth {
  index: number;
  /** 'YYYY-MM', as the monthly files are named. */
  label: string;
  firstDay: number;
  /** The month's last day, or the as-of day for the current month. */
  lastDay: number;
}

/** The calendar months of history that end with the as-of day's month, oldest first. */
export function historyMonths(asOfDay: number, count: number): HistoryMonth[] {
  const end = civilOf(asOfDay);
  const months: HistoryMonth[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const serial = end.year * 12 + (end.month - 1) - back;
    const year = Math.floor(serial / 12);
    const month = (serial % 12) + 1;
    const firstDay = dayOf(year, month, 1);
    const lastDay = Math.min(asOfDay, firstDay + daysInMonth(year, month) - 1);
    months.push({ index: months.length, label: `${year}-${twoDigits[month]}`, firstDay, lastDay });
  }
  return months;
}

/** Text for every day of a range, computed once, for loops that format millions of dates. */
export class DayTextCache {
  private readonly texts: string[];

  constructor(private readonly firstDay: number, lastDay: number, format: (c: Civil) => string) {
    this.texts = [];
    for (let d = firstDay; d <= lastDay; d++) this.texts.push(format(civilOf(d)));
  }

  text(dayNumber: number): string {
    return this.texts[dayNumber - this.firstDay]!;
  }
}

/** Which history month a day falls in, by lookup (the monthly files are filled row by row). */
export class MonthOfDay {
  private readonly firstDay: number;
  private readonly index: Int16Array;

  constructor(months: HistoryMonth[]) {
    this.firstDay = months[0]!.firstDay;
    this.index = new Int16Array(months.at(-1)!.lastDay - this.firstDay + 1).fill(-1);
    for (const m of months) this.index.fill(m.index, m.firstDay - this.firstDay, m.lastDay - this.firstDay + 1);
  }

  /** The month's index, or -1 outside the history window. */
  of(day: number): number {
    const i = day - this.firstDay;
    return i >= 0 && i < this.index.length ? this.index[i]! : -1;
  }
}
