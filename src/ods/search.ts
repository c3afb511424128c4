// Customer search: one box for a name, a phone, an e-mail, a source or account key, or an enterprise id.
// A query is parsed into probes and compiled to one statement of index lookups on customer_search_term.
import type { OdsSession } from './driver.ts';
import { maxRedirectDepth } from './redirects.ts';
import type { CustomerHit, MatchKind, Valued } from './rows.ts';
import { addressTerm, phoneDigits, queryTokens } from './search-terms.ts';

export const defaultLimit = 20;
export const maxLimit = 100;
/** Name words beyond this are ignored: each adds a join, and six already pin anyone down. */
const maxTokens = 6;

/** Ranks: exact id, key, e-mail and phone matches come before any name match. */
export const rank = { id: 1000, key: 900, email: 800, phone: 700, address: 600, name: 100 } as const;

export interface CompiledSearch {
  /** The page: customer_id, rank, matched, total and the customer's display columns. */
  page: string;
  /** The number of matches, for a page past the end. */
  count: string;
  params: unknown[];
}

/**
 * The customers whose name terms (golden or from a source record) start with a token, one row per
 * customer and token. Exact beats prefix, and a golden-name term beats a source record's.
 */
function tokenMatches(a: string, i: number, misspelt: boolean): string {
  return `select customer_id, ${i} as token,
      case when term = lower(${a}) then 20 else ${prefixScore} end + case when kind = 'name' then 1 else 0 end as score, kind = 'name' as golden
    from customer_search_term
    where term ~>=~ lower(${a}) and term ~<~ (lower(${a}) || chr(1114111)) and kind in ('name', 'alias')${misspelt ? `
    union all
    select t.customer_id, ${i}, 2 + floor(w.likeness * 6)::int + case when t.kind = 'name' then 1 else 0 end, t.kind = 'name'
    from (${similarWords(a)}) w join customer_search_term t on t.term = w.term and t.kind in ('name', 'alias')` : ''}`;
}

/** Only a word of letters may be a misspelt name: an e-mail or a key is looked up as it is, not against every name word. */
const mayBeMisspelt = (token: string) => /^\p{L}+$/u.test(token);

/** A prefix match scores 10; a similar word less (3 to 9, the more alike the more). */
const prefixScore = 10;
/** Misspelt words are looked up from this length: shorter ones have too few trigrams to tell words apart. */
const minSimilarLength = 4;
const similarWordsPerToken = 5;
/** Low enough for two letters swapped in a short name (robret ~ robert: 0.27), the nearest words first. */
const minSimilarity = 0.2;

/** The name words most like a word that is no name word itself (a misspelling: "Jonhson" → johnson), by trigram similarity. */
function similarWords(a: string): string {
  return `select w.term, similarity(w.term, lower(${a})) as likeness from search_word w
    where length(${a}) >= ${minSimilarLength} and similarity(w.term, lower(${a})) >= ${minSimilarity}
      and not exists (select 1 from search_word known where known.term = lower(${a}))
    order by w.term <-> lower(${a}) limit ${similarWordsPerToken}`;
}

function clamp(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(Math.max(Math.trunc(value), min), max);
}

export function compileSearch(q: string, page: { limit?: number; offset?: number } = {}): CompiledSearch | null {
  const text = q.trim();
  if (text === '') return null;
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const ctes: string[] = [];
  const hits: string[] = [];

  if (/^\d{1,15}$/.test(text)) {
    // An id that was merged away still finds its survivor.
    ctes.push(`chain (id, depth) as (
      select ${param(Number(text))}::bigint, 0
      union all
      select r.to_id, chain.depth + 1 from customer_redirect r join chain on r.from_id = chain.id
      where chain.depth < ${maxRedirectDepth} and not exists (select 1 from customer c where c.customer_id = chain.id))`);
    hits.push(`(select c.customer_id, ${rank.id}, 'id' from chain join customer c on c.customer_id = chain.id order by chain.depth limit 1)`);
  }
  if (!/\s/.test(text)) {
    hits.push(`select customer_id, case kind when 'email' then ${rank.email} else ${rank.key} end, replace(kind, '_', ' ')
      from customer_search_term where term = lower(${param(text)}) and kind in ('email', 'source_key', 'account_key')`);
  }
  const digits = text.replace(/\D/g, '');
  if (/^[\d\s()+.-]+$/.test(text) && digits.length >= phoneDigits) {
    hits.push(`select customer_id, ${rank.phone}, 'phone' from customer_search_term where term = ${param(digits.slice(-phoneDigits))} and kind = 'phone'`);
  }
  // A street address starts with its number, and no name does: its words are not looked up as names.
  const address = /^\d/.test(text) && /\p{L}/u.test(text);
  if (address) {
    // What was typed is a prefix of the address line.
    const line = addressTerm(`${param(text)}::text`);
    hits.push(`select customer_id, ${rank.address}, 'address' from customer_search_term
      where kind = 'address' and term ~>=~ ${line} and term ~<~ (${line} || chr(1114111))`);
  }
  const tokens = address ? [] : queryTokens(text).slice(0, maxTokens);
  // An initial ("j smith") starts a tenth of all names: scanning them costs more than checking the few customers
  // the other words found. Only a query of initials alone scans them.
  const initials = tokens.filter((token) => [...token].length === 1);
  const words = initials.length < tokens.length ? tokens.filter((token) => [...token].length > 1) : tokens;
  if (words.length > 0) {
    // One index range per word, then every word must have matched: one aggregate, not joins, so the plan does
    // not hinge on the planner guessing how many names start with each word.
    const matches = words.map((token, i) => tokenMatches(param(token), i, mayBeMisspelt(token))).join('\n    union all\n    ');
    const each = words.map((_, i) => i);
    const best = (i: number) => `max(score) filter (where token = ${i})`;
    const hasInitials = words === tokens ? [] : initials.map((initial) => `exists (select 1 from customer_search_term i
      where i.customer_id = m.customer_id and i.kind in ('name', 'alias') and i.term ~>=~ lower(${param(initial)}) and i.term ~<~ (lower($${params.length}) || chr(1114111)))`);
    // An initial that matched counts as a prefix match.
    hits.push(`select customer_id, ${rank.name} + ${each.map(best).join(' + ')} + ${prefixScore * hasInitials.length},
      case when least(${each.map(best).join(', ')}) < ${prefixScore} then 'similar name'
        when ${each.map((i) => `bool_or(golden) filter (where token = ${i})`).join(' and ')} then 'name' else 'source name' end
    from (
    ${matches}) m
    group by customer_id having ${[...each.map((i) => `bool_or(token = ${i})`), ...hasInitials].join(' and ')}`);
  }
  if (hits.length === 0) return null;

  ctes.push(`hits (customer_id, rank, matched) as (\n  ${hits.join('\n  union all\n  ')})`);
  ctes.push(`best as (select customer_id, max(rank) as rank, (array_agg(matched order by rank desc))[1] as matched from hits group by customer_id)`);
  const withClause = `with recursive ${ctes.join(',\n')}`;
  const limit = clamp(page.limit, defaultLimit, 1, maxLimit);
  const offset = clamp(page.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  return {
    page: `${withClause},
page as (select customer_id, rank, matched, count(*) over () as total from best order by rank desc, customer_id limit ${limit} offset ${offset})
select p.customer_id, p.rank, p.matched, p.total, c.given_name, c.middle_name, c.family_name, c.name_suffix, c.birth_date,
  c.address_line, c.city, c.region, c.postcode, c.phones, c.emails
from page p join customer c using (customer_id)
order by p.rank desc, p.customer_id`,
    count: `${withClause}\nselect count(*) as total from best`,
    params,
  };
}

interface PageRow {
  customer_id: number;
  rank: number;
  matched: MatchKind;
  total: number;
  given_name: string | null;
  middle_name: string | null;
  family_name: string | null;
  name_suffix: string | null;
  birth_date: string | null;
  address_line: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  phones: Valued[];
  emails: Valued[];
}

export function displayName(row: { given_name: string | null; middle_name: string | null; family_name: string | null; name_suffix: string | null }): string {
  return [row.given_name, row.middle_name, row.family_name, row.name_suffix].filter(Boolean).join(' ');
}

export function oneLineAddress(row: { address_line: string | null; city: string | null; region: string | null; postcode: string | null }): string | null {
  const place = [row.region, row.postcode].filter(Boolean).join(' ');
  const line = [row.address_line, row.city, place].filter(Boolean).join(', ');
  return line === '' ? null : line;
}

export async function searchCustomers(
  session: OdsSession,
  q: string,
  page?: { limit?: number; offset?: number },
): Promise<{ total: number; items: CustomerHit[] }> {
  const compiled = compileSearch(q, page);
  if (!compiled) return { total: 0, items: [] };
  const rows = await session.query<PageRow>(compiled.page, compiled.params);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && (page?.offset ?? 0) > 0) {
    const [counted] = await session.query<{ total: number }>(compiled.count, compiled.params);
    total = counted?.total ?? 0;
  }
  const items = rows.map((row) => ({
    customer_id: row.customer_id,
    name: displayName(row),
    birth_date: row.birth_date,
    address: oneLineAddress(row),
    phones: row.phones.map((p) => p.value),
    emails: row.emails.map((e) => e.value),
    matched: row.matched,
    rank: row.rank,
  }));
  return { total, items };
}
