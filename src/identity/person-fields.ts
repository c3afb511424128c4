// The comparable form of a person record, whatever file or system it came from: each role (first name, birth
// date, e-mail…) cleaned the same way, plus the keys matching needs (name roots for nicknames, sounds-like
// codes, the last digits of a phone, an address key). Roles a file does not have are NULL.
import { doubleMetaphone } from 'double-metaphone';
import type { Duck } from '../duckdb/index.ts';
import { ensureNameRoots } from './nicknames.ts';

export const personRoles = ['first_name', 'middle_name', 'last_name', 'full_name', 'name_suffix', 'birth_date', 'gender', 'email', 'phone',
  'street_number', 'address_1', 'address_2', 'city', 'postcode', 'state', 'country', 'national_id'] as const;
export type PersonRole = (typeof personRoles)[number];

/** The feature columns every prepared record table has, in order. */
export const featureColumns = ['rid', 'src', 'given', 'given_roots', 'given_kin', 'given_ph', 'middle', 'family', 'family_ph', 'suffix',
  'dob', 'dob_text', 'gender', 'email', 'email_local', 'phone', 'phone7', 'street_number', 'street', 'address_key', 'postcode',
  'city', 'state', 'geo', 'national_id'] as const;

const streetWords: Record<string, string> = {
  street: 'st', avenue: 'ave', av: 'ave', road: 'rd', drive: 'dr', lane: 'ln', court: 'ct', place: 'pl', boulevard: 'blvd',
  terrace: 'ter', circle: 'cir', highway: 'hwy', parkway: 'pkwy', square: 'sq', crescent: 'cres', close: 'cl', way: 'wy',
  north: 'n', south: 's', east: 'e', west: 'w', apartment: 'apt', suite: 'ste', unit: 'apt', flat: 'apt',
};
const suffixes = ['jr', 'sr', 'ii', 'iii', 'iv', 'jnr', 'snr'];
const titles = ['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'mx'];

/** Registers the sounds-like function (Double Metaphone, primary code) on this connection. */
export function definePhonetic(duck: Duck): void {
  duck.defineTextFunction('cif_sounds_like', (value) => doubleMetaphone(value)[0] || null);
}

/** SQL reading a birth date from text: ISO, or the `--date-format` given; NULL when it does not read. */
export function birthDateSql(text: string, dateFormat?: string): string {
  return dateFormat ? `try_strptime(${text}, '${strptimePattern(dateFormat)}')::DATE` : `try_cast(${text} AS DATE)`;
}

/** A `--date-format` such as yyyyMMdd or dd/MM/yyyy as a strptime pattern. */
export function strptimePattern(format: string): string {
  const pattern = format.replace(/yyyy|yy|MMM|MM|M|dd|d/g, (token) =>
    ({ yyyy: '%Y', yy: '%y', MMM: '%b', MM: '%m', M: '%m', dd: '%d', d: '%d' })[token] ?? token);
  if (!pattern.includes('%Y') && !pattern.includes('%y')) throw new Error(`date format "${format}" has no year (yyyy)`);
  return pattern;
}

const letters = (e: string) => `nullif(regexp_replace(lower(strip_accents(${e})), '[^a-z]', '', 'g'), '')`;
const words = (e: string) => `list_filter(string_split(trim(regexp_replace(lower(strip_accents(${e})), '[^a-z0-9 ]', ' ', 'g')), ' '), w -> w <> '')`;

/**
 * Builds table `into` (featureColumns) from relation `from`, which has `rid` (unique integer), `src` (which
 * input or system) and any of the person roles as columns. birth_date may be a DATE or text in `dateFormat`.
 */
export async function prepareRecords(duck: Duck, options: { from: string; roles: readonly PersonRole[]; into: string; dateFormat?: string }): Promise<void> {
  await ensureNameRoots(duck);
  definePhonetic(duck);
  const has = (role: PersonRole) => options.roles.includes(role);
  const col = (role: PersonRole) => (has(role) ? `nullif(trim(CAST("${role}" AS VARCHAR)), '')` : 'NULL::VARCHAR');
  const dob = has('birth_date') ? birthDateSql(col('birth_date'), options.dateFormat) : 'NULL::DATE';
  const streetWord = `CASE w ${Object.entries(streetWords).map(([k, v]) => `WHEN '${k}' THEN '${v}'`).join(' ')} ELSE w END`;
  const clean = `${options.into}_clean`;
  await duck.run(`CREATE OR REPLACE TEMP TABLE ${clean} AS
    WITH raw AS (
      SELECT rid, src, ${words(col('full_name'))} AS full_words,
        ${col('first_name')} AS first_name, ${col('middle_name')} AS middle_name, ${col('last_name')} AS last_name,
        ${col('name_suffix')} AS name_suffix, ${dob} AS dob, ${col('gender')} AS gender, ${col('email')} AS email, ${col('phone')} AS phone,
        ${col('street_number')} AS street_number, concat_ws(' ', ${col('address_1')}, ${col('address_2')}) AS address,
        ${col('city')} AS city, ${col('postcode')} AS postcode, ${col('state')} AS state, ${col('national_id')} AS national_id
      FROM ${options.from}),
    -- a full name is split into given, middle and family; titles and generational suffixes are set aside
    named AS (
      SELECT *, list_filter(full_words, w -> w NOT IN (${[...suffixes, ...titles].map((w) => `'${w}'`).join(', ')})) AS name_words,
        list_filter(full_words, w -> w IN (${suffixes.map((w) => `'${w}'`).join(', ')}))[1] AS full_suffix,
        ${words('address')} AS address_words
      FROM raw),
    cleaned AS (
      SELECT rid, src,
        coalesce(${letters('first_name')}, name_words[1]) AS given,
        coalesce(${letters('middle_name')}, CASE WHEN len(name_words) > 2 THEN array_to_string(name_words[2:-2], '') END) AS middle,
        coalesce(${letters(`regexp_replace(last_name, '(?i)[ ,]+(jr|sr|ii|iii|iv)\\.?$', '')`)}, CASE WHEN len(name_words) > 1 THEN name_words[-1] END) AS family,
        coalesce(nullif(lower(regexp_replace(name_suffix, '[^A-Za-z]', '', 'g')), ''), nullif(lower(regexp_extract(last_name, '(?i)[ ,]+(jr|sr|ii|iii|iv)\\.?$', 1)), ''), full_suffix) AS suffix,
        dob,
        CASE WHEN lower(left(trim(gender), 1)) IN ('m', 'f') THEN lower(left(trim(gender), 1)) END AS gender,
        CASE WHEN email LIKE '%_@_%' THEN lower(trim(email)) END AS email,
        nullif(regexp_replace(phone, '[^0-9]', '', 'g'), '') AS phone_digits,
        coalesce(nullif(regexp_replace(lower(street_number), '[^0-9a-z]', '', 'g'), ''),
          CASE WHEN regexp_matches(address_words[1], '^[0-9]') THEN address_words[1] END) AS street_number,
        nullif(array_to_string(list_transform(
          list_filter(address_words, (w, i) -> NOT (i = 1 AND regexp_matches(w, '^[0-9]') AND street_number IS NULL)),
          w -> ${streetWord}), ' '), '') AS street,
        nullif(regexp_replace(upper(postcode), '[^0-9A-Z]', '', 'g'), '') AS postcode,
        nullif(trim(regexp_replace(lower(strip_accents(city)), '[^a-z ]', '', 'g')), '') AS city,
        nullif(regexp_replace(lower(state), '[^a-z]', '', 'g'), '') AS state,
        nullif(regexp_replace(upper(national_id), '[^0-9A-Z]', '', 'g'), '') AS national_id
      FROM named)
    SELECT * FROM cleaned`);
  // Per distinct given name, not per record: the formal names it may stand for (roots), and its kin: those and
  // every nickname of them (Bill → William → Will, Billy, Willie), for a nickname typed with a slip.
  await duck.run(`CREATE OR REPLACE TEMP TABLE ${clean}_roots AS
    WITH names AS (SELECT DISTINCT given FROM ${clean} WHERE given IS NOT NULL),
    roots AS (SELECT g.given, list_distinct(list_append(coalesce(list(n.root) FILTER (WHERE n.root IS NOT NULL), []), g.given)) AS roots
      FROM names g LEFT JOIN identity.name_root n ON n.name = g.given GROUP BY g.given),
    kin AS (SELECT r.given, list_distinct(list(n.name)) AS kin FROM (SELECT given, unnest(roots) AS root FROM roots) r
      JOIN identity.name_root n ON n.root = r.root GROUP BY r.given)
    SELECT r.given, r.roots, list_distinct(list_concat(r.roots, coalesce(k.kin, []))) AS kin FROM roots r LEFT JOIN kin k USING (given)`);
  // Sounds-like codes are computed once per distinct name, not once per record.
  await duck.run(`CREATE OR REPLACE TEMP TABLE ${clean}_sounds AS
    SELECT name, cif_sounds_like(name) AS code FROM (
      SELECT given AS name FROM ${clean} UNION SELECT family FROM ${clean})
    WHERE name IS NOT NULL`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE ${options.into} AS
    SELECT c.rid, c.src, c.given, r.roots AS given_roots, r.kin AS given_kin, sg.code AS given_ph,
      c.middle, c.family, sf.code AS family_ph, c.suffix,
      c.dob, strftime(c.dob, '%Y%m%d') AS dob_text, c.gender,
      c.email, regexp_replace(split_part(c.email, '@', 1), '[.]|[+].*$', '', 'g') AS email_local,
      CASE WHEN length(c.phone_digits) >= 6 THEN right(c.phone_digits, 10) END AS phone,
      CASE WHEN length(c.phone_digits) >= 7 THEN right(c.phone_digits, 7) END AS phone7,
      c.street_number, c.street,
      CASE WHEN c.street IS NOT NULL AND coalesce(c.postcode, c.city) IS NOT NULL
        THEN concat_ws('|', c.street_number, c.street, coalesce(c.postcode, c.city)) END AS address_key,
      c.postcode, c.city, c.state, coalesce(c.postcode, c.city) AS geo, c.national_id
    FROM ${clean} c LEFT JOIN ${clean}_roots r ON r.given = c.given
      LEFT JOIN ${clean}_sounds sg ON sg.name = c.given LEFT JOIN ${clean}_sounds sf ON sf.name = c.family
    ORDER BY c.rid`);
  for (const t of [clean, `${clean}_roots`, `${clean}_sounds`]) await duck.run(`DROP TABLE ${t}`);
}
