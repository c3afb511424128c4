// The small text encodings the systems write: CSV cells, JSON values, money, phone layouts, addresses.
import type { Address } from './population.ts';

/** A CSV cell, quoted only when it must be (RFC 4180). */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRow(cells: (string | null)[]): string {
  return cells.map(csvCell).join(',');
}

const needsJsonEscape = /["\\\u0000-\u001f\u2028\u2029]/;

/** A JSON value: null stays null; plain strings skip the general encoder. */
export function jsonValue(value: string | number | null): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  return needsJsonEscape.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/** 4500 → '45.00' */
export function money(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents - whole * 100;
  return `${whole}.${rest < 10 ? '0' : ''}${rest}`;
}

/** '5552345678' → '(555) 234-5678' */
export const phoneParenthesised = (digits: string) => `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
/** '5552345678' → '555.234.5678' */
export const phoneDotted = (digits: string) => `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)}`;
/** '5552345678' → '+15552345678' */
export const phoneInternational = (digits: string) => `+1${digits}`;

/** '123 N OAK ST APT 4' — the cellular system's mainframe style. */
export function addressUpperAbbreviated(a: Address): string {
  const direction = a.direction ? `${a.direction.abbreviation} ` : '';
  const unit = a.unit ? ` APT ${a.unit}` : '';
  return `${a.houseNumber} ${direction}${a.street} ${a.suffix.abbreviation}${unit}`.toUpperCase();
}

/** '123 North Oak Street Apt 4' — spelled out, as long distance sales typed it. */
export function addressSpelledOut(a: Address): string {
  const direction = a.direction ? `${a.direction.full} ` : '';
  const unit = a.unit ? ` Apt ${a.unit}` : '';
  return `${a.houseNumber} ${direction}${a.street} ${a.suffix.full}${unit}`;
}

/** '123 N Oak St #4' — the cable installers' work-order style. */
export function addressShort(a: Address): string {
  const direction = a.direction ? `${a.direction.abbreviation} ` : '';
  const unit = a.unit ? ` #${a.unit}` : '';
  return `${a.houseNumber} ${direction}${a.street} ${a.suffix.abbreviation}${unit}`;
}

/** 'bob.smith@example.com' → 'Bob.Smith@Example.com': the same address keyed with capitals. */
export function recasedEmail(email: string): string {
  return email.replace(/(^|[._@])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase());
}
