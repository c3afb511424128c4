// How two person records are compared: for each attribute a ladder of levels, from "the same" down to "different".
// A pair lands on the first level whose condition holds; when either side lacks the attribute it lands on no level
// and the attribute says nothing. Each level's weight of evidence comes from the model (fellegi-sunter.ts).

export interface Level {
  label: string;
  /** SQL over the pair's two prepared records, aliased l and r. */
  when: string;
  /** An exact level whose weight depends on how common the shared value is (term frequency). */
  tf?: string;
}

export interface Comparison {
  name: string;
  description: string;
  /** SQL: true when both records have something to compare. */
  present: string;
  /** Feature columns this attribute is read from (a blocking rule on them makes the attribute uninformative there). */
  columns: string[];
  /**
   * Typical m per level for records of one person, from experience with people's records: the starting point of
   * estimation, and what a small file (too few pairs to learn from) falls back on.
   */
  typical: number[];
  levels: Level[];
}

const both = (...columns: string[]) => columns.map((c) => `l.${c} IS NOT NULL AND r.${c} IS NOT NULL`).join(' AND ');
const jw = (column: string, at: number) => `jaro_winkler_similarity(l.${column}, r.${column}) >= ${at}`;
const other = { label: 'different', when: 'true' };

export const comparisons: Comparison[] = [
  {
    name: 'first_name', description: 'Given name', present: both('given'), columns: ['given', 'given_roots', 'given_kin', 'given_ph'], typical: [0.79, 0.05, 0.06, 0.02, 0.02, 0.02, 0.01, 0.01, 0.02],
    levels: [
      { label: 'exact', when: 'l.given = r.given', tf: 'given' },
      { label: 'nickname', when: 'list_contains(r.given_roots, l.given) OR list_contains(l.given_roots, r.given)' },
      { label: 'close (Jaro-Winkler ≥ 0.92)', when: jw('given', 0.92) },
      // Paty and Patricia, Kaet and Katherine: a nickname typed with a slip.
      { label: 'nickname with a typing slip', when: `coalesce(list_bool_or(list_transform(l.given_kin, x -> length(x) >= 3 AND damerau_levenshtein(x, r.given) <= 1)), false)
        OR coalesce(list_bool_or(list_transform(r.given_kin, x -> length(x) >= 3 AND damerau_levenshtein(x, l.given) <= 1)), false)` },
      { label: 'sounds alike', when: 'l.given_ph = r.given_ph' },
      { label: 'similar (Jaro-Winkler ≥ 0.8)', when: jw('given', 0.8) },
      { label: 'initial', when: 'left(l.given, 1) = left(r.given, 1) AND least(length(l.given), length(r.given)) = 1' },
      { label: "the other's family name", when: 'l.given = r.family OR r.given = l.family' },
      other,
    ],
  },
  {
    name: 'middle_name', description: 'Middle name', present: both('middle'), columns: ['middle'], typical: [0.7, 0.2, 0.1],
    levels: [
      { label: 'exact', when: 'l.middle = r.middle' },
      { label: 'initial', when: 'left(l.middle, 1) = left(r.middle, 1)' },
      other,
    ],
  },
  {
    name: 'last_name', description: 'Family name', present: both('family'), columns: ['family', 'family_ph'], typical: [0.8, 0.08, 0.02, 0.03, 0.01, 0.06],
    levels: [
      { label: 'exact', when: 'l.family = r.family', tf: 'family' },
      { label: 'close (one edit or Jaro-Winkler ≥ 0.92)', when: `damerau_levenshtein(l.family, r.family) <= 1 OR ${jw('family', 0.92)}` },
      { label: 'sounds alike', when: 'l.family_ph = r.family_ph' },
      { label: 'similar or part of the other', when: `${jw('family', 0.8)} OR (least(length(l.family), length(r.family)) >= 4 AND (contains(l.family, r.family) OR contains(r.family, l.family)))` },
      { label: "the other's given name", when: 'l.family = r.given OR r.family = l.given' },
      other,
    ],
  },
  {
    name: 'name_suffix', description: 'Generational suffix (Jr, Sr, III)', present: 'l.suffix IS NOT NULL OR r.suffix IS NOT NULL', columns: ['suffix'],
    typical: [0.8, 0.18, 0.02],
    levels: [
      { label: 'exact', when: 'l.suffix = r.suffix' },
      { label: 'only one has a suffix', when: 'l.suffix IS NULL OR r.suffix IS NULL' },
      other,
    ],
  },
  {
    name: 'birth_date', description: 'Date of birth', present: both('dob'), columns: ['dob', 'dob_text'], typical: [0.88, 0.02, 0.005, 0.05, 0.02, 0.025],
    levels: [
      { label: 'exact', when: 'l.dob = r.dob' },
      { label: 'day and month swapped', when: 'year(l.dob) = year(r.dob) AND month(l.dob) = day(r.dob) AND day(l.dob) = month(r.dob)' },
      // before "one digit off": 1953 and 1973 are one digit apart, and a father and his junior twenty years.
      { label: 'a generation apart (10 years or more)', when: 'abs(year(l.dob) - year(r.dob)) >= 10' },
      { label: 'one digit off', when: 'damerau_levenshtein(l.dob_text, r.dob_text) <= 1' },
      { label: 'same year', when: 'year(l.dob) = year(r.dob)' },
      other,
    ],
  },
  {
    name: 'gender', description: 'Gender', present: both('gender'), columns: ['gender'], typical: [0.97, 0.03],
    levels: [{ label: 'exact', when: 'l.gender = r.gender' }, other],
  },
  {
    name: 'email', description: 'E-mail address', present: both('email'), columns: ['email', 'email_local'], typical: [0.75, 0.1, 0.15],
    levels: [
      { label: 'exact', when: 'l.email = r.email', tf: 'email' },
      // Only when the name before the @ is not made of the person's own names: j.smith@ and jsmith@ are as likely
      // two John Smiths as one.
      { label: 'same name before the @', when: `l.email_local = r.email_local AND length(l.email_local) >= 3
        AND NOT contains(l.email_local, coalesce(l.family, '~')) AND NOT contains(l.email_local, coalesce(l.given, '~'))` },
      other,
    ],
  },
  {
    name: 'phone', description: 'Telephone number', present: both('phone'), columns: ['phone', 'phone7'], typical: [0.7, 0.05, 0.03, 0.22],
    levels: [
      { label: 'exact', when: 'l.phone = r.phone', tf: 'phone' },
      { label: 'same last 7 digits', when: 'l.phone7 = r.phone7' },
      { label: 'one digit off', when: 'damerau_levenshtein(l.phone, r.phone) <= 1' },
      other,
    ],
  },
  {
    name: 'address', description: 'Address', present: 'coalesce(l.street, l.geo) IS NOT NULL AND coalesce(r.street, r.geo) IS NOT NULL',
    columns: ['address_key', 'street', 'street_number', 'postcode', 'city', 'geo'], typical: [0.6, 0.05, 0.1, 0.1, 0.15],
    levels: [
      { label: 'exact', when: 'l.address_key = r.address_key', tf: 'address_key' },
      { label: 'same number and street', when: `l.street_number = r.street_number AND ${jw('street', 0.9)}` },
      { label: 'same postcode', when: 'l.postcode = r.postcode', tf: 'postcode' },
      { label: 'same city', when: `l.city = r.city OR ${jw('city', 0.92)}`, tf: 'city' },
      other,
    ],
  },
  {
    name: 'national_id', description: 'National identity number', present: both('national_id'), columns: ['national_id'], typical: [0.9, 0.07, 0.03],
    levels: [
      { label: 'exact', when: 'l.national_id = r.national_id', tf: 'national_id' },
      { label: 'one or two typing slips', when: 'damerau_levenshtein(l.national_id, r.national_id) <= 2' },
      other,
    ],
  },
];

/** SQL for the level index of each comparison (NULL when it cannot be compared), named g_<comparison>. */
export function levelColumns(active: Comparison[]): string {
  return active.map((c) => `CASE WHEN NOT (${c.present}) THEN NULL ${c.levels.map((level, i) => `WHEN ${level.when} THEN ${i}`).join(' ')} END::TINYINT AS g_${c.name}`).join(',\n      ');
}
