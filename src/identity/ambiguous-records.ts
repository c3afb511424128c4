// Records that could be either of two generations of one family (a father and his junior at one address): their
// links are left to a steward rather than guessed, and each stays its own customer until decided.
import type { Duck } from '../duckdb/index.ts';
import { type IdentityModel, modelComparisons } from './fellegi-sunter.ts';

interface Tables {
  /** a, b, probability: the matches. */
  links: string;
  /** a, b, generations: pairs that cannot be one person. */
  cannot: string;
  records: string;
  /** Every record (default `records`), for what household members share. */
  population?: string;
}

/**
 * Builds id_ambiguous (rid). With `stewarded` (a steward reviews what is left aside: the factory, not a one-off
 * `cif resolve`, where holding a record back would only lose a match that is usually right), also the records
 * that could be a generation no record shows.
 */
export async function findAmbiguousRecords(duck: Duck, options: Tables & { stewarded?: boolean; model: IdentityModel }): Promise<void> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_ambiguous AS ${betweenGenerations(options)}
    ${options.stewarded ? `UNION ${unseenGeneration(options, options.model)}` : ''}`);
}

/**
 * A record that matches two records of different generations (an undated "Robert Smith" at the address of a
 * father and his junior) could be either. So could an undated, unmarked one that matches one generation and is
 * kept from the other, of its given name, only because the other is marked JR or SR: systems leave the suffix off
 * often enough that either may be meant.
 */
function betweenGenerations({ links, cannot, records }: Tables): string {
  return `(WITH l AS (SELECT a AS r, b AS o FROM ${links} WHERE probability < 1 UNION ALL SELECT b, a FROM ${links} WHERE probability < 1),
    c AS (SELECT least(a, b) AS x, greatest(a, b) AS y FROM ${cannot} WHERE generations),
    apart AS (SELECT c.x AS r, c.y AS o FROM c UNION ALL SELECT c.y, c.x FROM c)
    SELECT l1.r AS rid FROM l l1 JOIN l l2 ON l1.r = l2.r AND l1.o < l2.o JOIN c ON c.x = l1.o AND c.y = l2.o
    UNION
    SELECT l.r FROM l JOIN apart u ON u.r = l.r AND u.o <> l.o JOIN c ON c.x = least(l.o, u.o) AND c.y = greatest(l.o, u.o)
      JOIN ${records} rr ON rr.rid = l.r JOIN ${records} ro ON ro.rid = u.o
    WHERE rr.dob IS NULL AND rr.suffix IS NULL AND ro.suffix IS NOT NULL AND rr.given = ro.given)`;
}

/**
 * An undated, unmarked record that joins a person of a known generation (a dated record, or one linked to a dated
 * record) on nothing of its own, only on what a father and his junior share (names, the address, the household's
 * phone): the other generation may live there unseen by any system, or be seen and matched by it just below the
 * threshold. An e-mail or phone it shares with the person is its own unless someone of another given name gives it
 * too. Without birth dates (a file that has none) no generation is known and nothing is held.
 */
function unseenGeneration({ links, records, population = records }: Tables, model: IdentityModel): string {
  // Another given name: one the model's given-name comparison calls different (no nickname, slip or likeness).
  const givenName = modelComparisons(model).find((c) => c.name === 'first_name');
  const another = givenName ? `(${givenName.present}) AND NOT (${givenName.levels.filter((l) => l.label !== 'different').map((l) => `(${l.when})`).join(' OR ')})` : 'false';
  const heldByAnother = (value: 'email' | 'phone') => `SELECT r.r, '${value}' AS value FROM undated r
    JOIN (SELECT DISTINCT ${value}, given, given_roots, given_kin, given_ph, family FROM ${population} WHERE ${value} IN (SELECT ${value} FROM undated)) l
      ON l.${value} = r.${value} WHERE ${another}`;
  return `(WITH every AS (SELECT a AS r, b AS o, probability FROM ${links} UNION ALL SELECT b, a, probability FROM ${links}),
    undated AS (SELECT rid AS r, given, given_roots, given_kin, given_ph, family, email, phone FROM ${records}
      WHERE dob IS NULL AND suffix IS NULL AND rid IN (SELECT r FROM every WHERE probability < 1)),
    household AS (SELECT r, bool_or(value = 'email') AS email, bool_or(value = 'phone') AS phone
      FROM (${heldByAnother('email')} UNION ALL ${heldByAnother('phone')}) GROUP BY r),
    dated AS (SELECT rid FROM ${records} WHERE dob IS NOT NULL),
    known AS (SELECT rid FROM dated UNION SELECT e.r FROM every e JOIN dated d ON d.rid = e.o),
    -- each link of an undated record, and whether it rests on something of the record's own
    ties AS (SELECT u.r, e.o, e.probability >= 1 OR coalesce(o.email = u.email AND NOT coalesce(h.email, false), false)
        OR coalesce(o.phone = u.phone AND NOT coalesce(h.phone, false), false) AS own
      FROM undated u JOIN every e ON e.r = u.r JOIN ${records} o ON o.rid = e.o LEFT JOIN household h ON h.r = u.r),
    -- tied to a dated record by something of its own, or to a record so tied (not to a copy of itself: that tells
    -- nothing about the generation)
    tied AS (SELECT r FROM ties WHERE own AND o IN (SELECT rid FROM dated))
    SELECT r AS rid FROM ties GROUP BY r
    HAVING bool_or(o IN (SELECT rid FROM known)) AND NOT bool_or(own AND (o IN (SELECT rid FROM dated) OR o IN (SELECT r FROM tied))))`;
}
