// A prompt's text and reason are templates: {factName} stands for the customer's fact.
import type { CustomerFacts, FactName } from '../ods/index.ts';

const placeholder = /\{([^{}]*)\}/g;

/** The names a template puts in braces, known facts or not. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(placeholder)].map((m) => m[1]!);
}

function shown(value: CustomerFacts[FactName]): string {
  if (value === null) return 'unknown';
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : 'none';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value;
}

export function fillTemplate(template: string, facts: CustomerFacts): string {
  return template.replace(placeholder, (whole, name: string) => (name in facts ? shown(facts[name as FactName]) : whole));
}
