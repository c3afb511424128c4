// The first matching model: explicit rules over compared attributes. Two records are one person when the given
// names agree and the birth date agrees, backed by one more shared identifier: a name and a birth date alone are
// shared by strangers often enough in a large population. Household members (other given name, other birth
// date), a parent and a junior (birth dates decades apart) and namesakes (other birth date, nothing shared) fail
// these rules. Without a birth date, a personal e-mail will do, or the address when nobody else of that name and
// initial lives there under another birth date (a parent and a junior at one address make it ambiguous).
import type { Duck } from '../duckdb/index.ts';

export async function scorePairs(duck: Duck): Promise<number> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_address_births AS
    SELECT address_key, family, left(given, 1) AS initial,
      -- one person's worth of evidence: one birth date, one phone, and no suffix (a JR implies a namesake SR)
      (count(DISTINCT dob) <= 1 AND count(DISTINCT phone) <= 1 AND NOT bool_or(suffix IS NOT NULL)) AS one_person
    FROM id_record WHERE address_key IS NOT NULL GROUP BY ALL`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_match AS
    WITH c AS (
      SELECT p.a, p.b,
        -- strong: equal, a nickname of each other, or very close; weak: one typing slip apart.
        (list_has_any(ra.roots, rb.roots) OR jaro_winkler_similarity(l.given, r.given) >= 0.9) AS given_strong,
        (damerau_levenshtein(l.given, r.given) <= 1 OR jaro_winkler_similarity(l.given, r.given) >= 0.85) AS given_weak,
        (l.family = r.family OR jaro_winkler_similarity(l.family, r.family) >= 0.92 OR damerau_levenshtein(l.family, r.family) <= 1) AS family_ok,
        (l.dob IS NULL OR r.dob IS NULL) AS dob_missing,
        (l.dob = r.dob) AS dob_exact,
        -- a slip in a digit of the same decade, or day and month swapped; never decades apart (parent and junior).
        ((left(l.dob_text, 3) = left(r.dob_text, 3) AND damerau_levenshtein(l.dob_text, r.dob_text) <= 1)
          OR (year(l.dob) = year(r.dob) AND month(l.dob) = day(r.dob) AND day(l.dob) = month(r.dob))) AS dob_near,
        coalesce(l.email = r.email, false) AS email_eq,
        coalesce(l.phone = r.phone, false) AS phone_eq,
        coalesce(l.address_key = r.address_key, false) AS address_eq,
        coalesce(l.postcode = r.postcode, false) AS postcode_eq,
        (l.suffix IS NOT NULL AND r.suffix IS NOT NULL AND l.suffix <> r.suffix) AS suffix_conflict,
        (l.suffix IS NOT DISTINCT FROM r.suffix) AS suffix_same,
        (left(l.given, 1) = left(r.given, 1)) AS initial_eq,
        (coalesce(l.phone <> r.phone, false) OR coalesce(l.email <> r.email, false)) AS contact_conflict,
        coalesce(bl.one_person AND br.one_person, false) AS one_person_at_address
      FROM id_pair p
      JOIN id_record l ON l.rid = p.a JOIN id_record r ON r.rid = p.b
      JOIN id_roots ra ON ra.rid = p.a JOIN id_roots rb ON rb.rid = p.b
      LEFT JOIN id_address_births bl ON bl.address_key = l.address_key AND bl.family = l.family AND bl.initial = left(l.given, 1)
      LEFT JOIN id_address_births br ON br.address_key = r.address_key AND br.family = r.family AND br.initial = left(r.given, 1))
    SELECT a, b FROM c
    WHERE NOT suffix_conflict AND (
      (given_strong AND dob_exact AND (email_eq OR phone_eq OR address_eq OR (family_ok AND postcode_eq)))
      OR (given_weak AND dob_exact AND family_ok AND (email_eq OR phone_eq OR address_eq))
      OR (initial_eq AND dob_exact AND family_ok AND email_eq)
      OR (given_strong AND NOT dob_missing AND dob_near AND family_ok AND (email_eq OR phone_eq OR address_eq OR postcode_eq))
      OR (given_strong AND dob_missing AND suffix_same AND family_ok AND (email_eq OR (address_eq AND one_person_at_address AND NOT contact_conflict))))`);
  const row = await duck.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM id_match');
  return row?.n ?? 0;
}
