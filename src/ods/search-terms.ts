// The search terms of a customer, and how a name becomes tokens. Terms are rebuilt set-based for the
// customers a load touched, so a search is index lookups on customer_search_term, never a scan of customers.
import { buildIndexes, dropIndexes } from './ddl.ts';
import type { OdsSession } from './driver.ts';
import { tables } from './schema.ts';
import { touchedTable } from './upsert.ts';

/** Name → tokens in SQL: separators become spaces, apostrophes and periods go, lower case. Both sides (terms and query) lower-case in SQL, so they agree on every letter. */
function nameTokens(expression: string): string {
  return `string_to_table(translate(lower(${expression}), E' \\t\\n\\r-,/''’.', '       '), ' ')`;
}

/** The same split in JavaScript, for the words of a query (lower-cased later, in SQL). */
export function queryTokens(q: string): string[] {
  return q
    .replace(/\s/g, ' ')
    .replace(/['’.]/g, '')
    .split(/[ ,/-]+/)
    .filter((token) => /\p{L}/u.test(token));
}

/** The digits a phone term keeps: the last 10, so +1 and national formats meet. */
export const phoneDigits = 10;

/** Phones are stored in E.164, so dropping the usual punctuation leaves the digits. */
function phoneTerm(expression: string): string {
  return `right(translate(${expression}, '+-(). ', ''), ${phoneDigits})`;
}

/** A street address line as a term: lower case, punctuation and runs of spaces as one space. The query is put in the same form in SQL. */
export function addressTerm(expression: string): string {
  return `btrim(regexp_replace(lower(${expression}), '[[:space:],.]+', ' ', 'g'))`;
}

const fullName = (alias: string) => `concat_ws(' ', ${alias}.given_name, ${alias}.middle_name, ${alias}.family_name)`;

const rebuildScope = 'ods_rebuild';

/** The terms of every customer, or (scoped) of the customers in the rebuild table. */
function termsSelect(scoped: boolean): string {
  const only = scoped ? ` join pg_temp.${rebuildScope} r using (customer_id)` : '';
  return `
with terms (customer_id, kind, term) as (
  select c.customer_id, 'name', ${nameTokens(fullName('c'))} from customer c${only}
  union all
  select s.customer_id, 'alias', ${nameTokens(fullName('s'))} from customer_source s${only}
  union all
  select c.customer_id, 'phone', ${phoneTerm(`jsonb_array_elements(c.phones)->>'value'`)} from customer c${only}
  union all
  select c.customer_id, 'email', lower(jsonb_array_elements(c.emails)->>'value') from customer c${only}
  union all
  -- one scan of the source records for three kinds of term (a null term is dropped below)
  select s.customer_id, unnest(array['phone', 'email', 'source_key']), unnest(array[${phoneTerm('s.phone')}, lower(s.email), lower(s.source_key)])
  from customer_source s${only}
  union all
  select a.customer_id, 'account_key', lower(a.account_key) from account a${only}
  union all
  select c.customer_id, 'address', ${addressTerm('c.address_line')} from customer c${only}
  union all
  select s.customer_id, 'address', ${addressTerm('s.address_line')} from customer_source s${only}
)
-- a source name token that the golden name also has is kept once, as a name
select customer_id, case when family = 'name' and not bool_or(kind = 'name') then 'alias' else family end, term
from (select terms.*, case when kind = 'alias' then 'name' else kind end as family from terms) t
where term <> '' and (kind <> 'phone' or length(term) >= 7) -- null terms fail the first test too
group by customer_id, family, term`;
}

const insertTerms = 'insert into customer_search_term (customer_id, kind, term)';
/** New name words into the dictionary misspellings are looked up in; a word stays when its customers go (it then finds no one). */
export const insertWords = 'insert into search_word (term) select distinct t.term';

/** Rebuilding at least this share of all customers drops and rebuilds the term indexes instead of updating them row by row. */
const bulkShare = 0.5;
const bulkMinimum = 10_000;

/**
 * Replaces the search terms of every customer recorded in the load's touched table.
 * A bulk rebuild holds an exclusive lock on the terms until the load commits: on a server, searches wait for it.
 */
export async function rebuildSearchTerms(session: OdsSession): Promise<number> {
  await session.query(`create temp table ${rebuildScope} on commit drop as select distinct customer_id from pg_temp.${touchedTable}`);
  await session.query(`analyze pg_temp.${rebuildScope}`);
  // touched may name removed customers too; `existing` counts the ones that still have terms to build
  const [sizes] = await session.query<{ touched: number; existing: number }>(
    `select (select count(*) from pg_temp.${rebuildScope}) as touched,
            (select count(*) from customer join pg_temp.${rebuildScope} using (customer_id)) as existing`,
  );
  const { touched, existing } = sizes!;
  if (touched === 0) return 0;
  // Counting every customer reads the whole table (a second at a million on PGlite, and every front-line write
  // rebuilds one customer's terms): only a rebuild large enough to be bulk needs the count.
  const customers = existing >= bulkMinimum ? (await session.query<{ n: number }>('select count(*) as n from customer'))[0]!.n : null;
  const bulk = customers !== null && existing >= customers * bulkShare;
  if (bulk) {
    for (const statement of dropIndexes('customer_search_term', tables.customer_search_term)) await session.query(statement);
  }
  const everyone = bulk && existing === customers;
  if (everyone) {
    await session.query('truncate customer_search_term');
  } else {
    await session.query(`delete from customer_search_term t using pg_temp.${rebuildScope} r where t.customer_id = r.customer_id`);
  }
  await session.query(`${insertTerms}${termsSelect(!everyone)}`);
  await session.query(`${insertWords} from customer_search_term t${everyone ? '' : ` join pg_temp.${rebuildScope} r using (customer_id)`}
    where t.kind in ('name', 'alias') on conflict do nothing`);
  if (bulk) {
    for (const statement of buildIndexes('customer_search_term', tables.customer_search_term)) await session.query(statement);
  }
  return touched;
}
