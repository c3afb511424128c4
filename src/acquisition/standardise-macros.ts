// Standardisation as DuckDB macros, so cleansing stays set-based SQL over millions of rows.
// Addresses follow the postal convention (upper case, standard suffix abbreviations); names are title case.
import type { Duck } from '../duckdb/index.ts';

const streetWords: Record<string, string> = {
  STREET: 'ST', STR: 'ST', AVENUE: 'AVE', AV: 'AVE', ROAD: 'RD', DRIVE: 'DR', LANE: 'LN', BOULEVARD: 'BLVD',
  COURT: 'CT', PLACE: 'PL', TERRACE: 'TER', CIRCLE: 'CIR', PARKWAY: 'PKWY', HIGHWAY: 'HWY', SQUARE: 'SQ',
  TRAIL: 'TRL', WAY: 'WAY', NORTH: 'N', SOUTH: 'S', EAST: 'E', WEST: 'W', NORTHEAST: 'NE', NORTHWEST: 'NW',
  SOUTHEAST: 'SE', SOUTHWEST: 'SW', APARTMENT: 'APT', UNIT: 'APT', SUITE: 'STE', FLOOR: 'FL',
};

const suffixes = ['JR', 'SR', 'II', 'III', 'IV'];

// A CASE over the word, not a MAP literal: DuckDB would build the map again for every word of every row.
function wordCase(entries: Record<string, string>): string {
  return `CASE w ${Object.entries(entries).map(([k, v]) => `WHEN '${k}' THEN '${v}'`).join(' ')} ELSE w END`;
}

export async function createStandardiseMacros(duck: Duck): Promise<void> {
  const macros = [
    // Words title-cased; keeps apostrophes and hyphens inside names.
    `cif_title(s) AS CASE WHEN s IS NULL THEN NULL ELSE array_to_string(list_transform(string_split(lower(s), ' '), w -> upper(w[1]) || w[2:]), ' ') END`,
    `cif_clean_words(s) AS NULLIF(trim(regexp_replace(regexp_replace(s, '[^A-Za-z0-9''\\- ]', ' ', 'g'), '\\s+', ' ', 'g')), '')`,
    `cif_name_part(s) AS cif_title(cif_clean_words(s))`,
    `cif_is_suffix(w) AS upper(replace(w, '.', '')) IN (${suffixes.map((s) => `'${s}'`).join(', ')})`,
    // "SMITH, ROBERT J JR" → family SMITH; given ROBERT; middle J; suffix JR.
    `cif_words_after_comma(s) AS list_filter(string_split(trim(regexp_replace(split_part(s, ',', 2) || ' ' || coalesce(split_part(s, ',', 3), ''), '\\s+', ' ', 'g')), ' '), w -> w <> '')`,
    `cif_words(s) AS list_filter(string_split(trim(regexp_replace(s, '\\s+', ' ', 'g')), ' '), w -> w <> '')`,
    `cif_unsuffixed(ws) AS list_filter(ws, w -> NOT cif_is_suffix(w))`,
    `cif_suffix_of(ws) AS upper(replace(list_filter(ws, w -> cif_is_suffix(w))[1], '.', ''))`,
    `cif_phone(s, cc) AS CASE
        WHEN s IS NULL THEN NULL
        WHEN trim(s) LIKE '+%' AND length(regexp_replace(s, '[^0-9]', '', 'g')) BETWEEN 8 AND 15 THEN '+' || regexp_replace(s, '[^0-9]', '', 'g')
        WHEN cc = 'US' AND length(regexp_replace(s, '[^0-9]', '', 'g')) = 10 THEN '+1' || regexp_replace(s, '[^0-9]', '', 'g')
        WHEN cc = 'US' AND length(regexp_replace(s, '[^0-9]', '', 'g')) = 11 AND regexp_replace(s, '[^0-9]', '', 'g') LIKE '1%' THEN '+' || regexp_replace(s, '[^0-9]', '', 'g')
        ELSE NULL END`,
    `cif_email(s) AS CASE WHEN regexp_full_match(lower(trim(s)), '[^@\\s]+@[^@\\s]+\\.[^@\\s]+') THEN lower(trim(s)) ELSE NULL END`,
    `cif_address(s) AS NULLIF(array_to_string(list_transform(
        string_split(trim(regexp_replace(regexp_replace(replace(upper(s), '#', ' APT '), '[^A-Z0-9/\\- ]', ' ', 'g'), '\\s+', ' ', 'g')), ' '),
        w -> ${wordCase(streetWords)}), ' '), '')`,
    `cif_postcode(s, cc) AS CASE WHEN cc = 'US' THEN NULLIF(regexp_extract(s, '^\\s*(\\d{5})(-?\\d{4})?\\s*$', 1), '') ELSE upper(trim(s)) END`,
  ];
  for (const macro of macros) await duck.run(`CREATE OR REPLACE TEMP MACRO ${macro}`);
}
