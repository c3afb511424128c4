// Deterministic rules beside the model, as SQL over a compared pair's levels (g_<comparison>): pairs that are never
// one person (vetoes and conflicts), and identifiers trusted to link at once. They read the model only to find a
// level's index by its label.
import type { IdentityModel } from './fellegi-sunter.ts';

const levelOf = (model: IdentityModel, name: string, label: string) =>
  model.comparisons.find((c) => c.name === name)?.levels.findIndex((l) => l.label === label) ?? -1;

/**
 * Pairs that are never one person, whatever else they share: unrelated given names (spouses, siblings, twins,
 * housemates share an address, a phone and often a surname, which would otherwise add up to a match), birth
 * dates a generation apart (a parent and a junior), different generational suffixes, or two different values
 * of an identifier a system keeps unique per person.
 */
export function vetoSql(model: IdentityModel): string {
  return `(${anyLevel(model, [['first_name', 'different']])} OR ${generationsSql(model)} OR distinct_in_source)`;
}

const generations = [['birth_date', 'a generation apart (10 years or more)'], ['name_suffix', 'different']];

/**
 * Two records of different generations of one family: a parent and a junior. Also a record marked JR (or SR) and
 * one not marked whose birth dates do not agree: the unmarked one may well be the other generation.
 */
export function generationsSql(model: IdentityModel): string {
  const marked = levelOf(model, 'name_suffix', 'only one has a suffix');
  const dob = model.comparisons.find((c) => c.name === 'birth_date');
  const agreeing = dob ? ['exact', 'day and month swapped', 'one digit off'].map((l) => levelOf(model, 'birth_date', l)).filter((i) => i >= 0) : [];
  const unmarked = marked >= 0 ? ` OR (g_name_suffix = ${marked} AND ${agreeing.length ? `NOT coalesce(g_birth_date IN (${agreeing.join(', ')}), false)` : 'true'})` : '';
  return `coalesce(${anyLevel(model, generations)}${unmarked}, false)`;
}

function anyLevel(model: IdentityModel, levels: string[][]): string {
  const terms = levels.map(([name, label]) => [name, levelOf(model, name, label)] as const).filter(([, i]) => i >= 0).map(([name, i]) => `g_${name} = ${i}`);
  return terms.length ? `coalesce(${terms.join(' OR ')}, false)` : 'false';
}

/**
 * Attributes a person cannot change: two records that disagree on one of them and are not a match by their own
 * evidence are different people, whatever records link them in a chain. (An unrelated given name is not among
 * them: "Bob" and "Robrt" are one Robert through a third record.)
 */
export function conflictSql(model: IdentityModel): string {
  return `(${generationsSql(model)} OR distinct_in_source OR ${anyLevel(model, [['birth_date', 'different'], ['gender', 'different'], ['national_id', 'different']])})`;
}

/**
 * Identifiers trusted to link at once, whatever else differs: the same national id, or the same e-mail address with
 * the same birth date, provided the value belongs to no more than a couple of records (not a placeholder).
 */
export function trustedSql(model: IdentityModel): string {
  const has = (name: string) => model.comparisons.some((c) => c.name === name);
  const few = (n: number) => n / Math.max(model.records, 1);
  const terms: string[] = [];
  if (has('national_id')) terms.push(`(g_national_id = 0 AND tf_national_id <= ${few(2)})`);
  if (has('email') && has('birth_date')) terms.push(`(g_email = 0 AND g_birth_date = 0 AND tf_email <= ${few(2)})`);
  return terms.length ? `coalesce(${terms.join(' OR ')}, false)` : 'false';
}
