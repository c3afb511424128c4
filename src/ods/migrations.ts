// The ODS's versioned migrations, in order. Each applies once and is recorded in schema_migration.
//
// Migration 1 creates every table from schema.ts as it is now. So a later migration meets two kinds of
// database: one created by today's migration 1 (already up to date) and an older one. Write later
// migrations so they are right on both: `add column if not exists`, `create index if not exists`, …
import { addColumn, createIndex, createTable, createTables } from './ddl.ts';
import type { OdsSession } from './driver.ts';
import { tables, type TableName } from './schema.ts';
import { addressTerm, insertWords } from './search-terms.ts';

export interface Migration {
  version: number;
  name: string;
  up: (session: OdsSession) => Promise<void>;
  /** Tables to vacuum once the migration has committed (VACUUM cannot run inside a transaction). */
  vacuum?: TableName[];
}

/** The tables migration 2 adds (migration 1 already creates them on a new database). */
export const stewardshipTables: TableName[] = ['review_pair', 'steward_decision', 'customer_event', 'identity_model'];

/** The tables migration 3 adds: access, the transactional interface's audit trail and preferences, and the outbox. */
export const frontLineTables: TableName[] = ['app_user', 'user_session', 'api_key', 'customer_preference', 'customer_change', 'outbox'];

/** Trigram similarity, for names spelt wrong (PostgreSQL's contrib; PGlite loads it when it opens). */
const trigrams = 'create extension if not exists pg_trgm';

function statements(sql: string[]): Migration['up'] {
  return async (session) => {
    for (const statement of sql) await session.query(statement);
  };
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'create the ODS tables from the schema',
    // schema_migration itself exists before any migration runs (see migrator.ts).
    up: statements([trigrams, ...createTables(tables, ['schema_migration'])]),
  },
  {
    version: 2,
    name: 'data stewardship: review queue, steward decisions, customer merge and split events, the identity model',
    up: statements(stewardshipTables.flatMap((name) => createTable(name, tables[name], { ifNotExists: true }))),
  },
  {
    version: 3,
    name: 'the front line: users and sessions, API keys, preferences, the audit trail of changes, the outbox; customer row versions',
    up: statements([
      addColumn('customer', 'version', tables.customer.columns.version),
      ...frontLineTables.flatMap((name) => createTable(name, tables[name], { ifNotExists: true })),
    ]),
  },
  {
    version: 4,
    name: 'search by address and by a misspelt name: address terms, the dictionary of name words',
    up: statements([
      trigrams,
      'alter table customer_search_term drop constraint if exists customer_search_term_kind_check',
      `alter table customer_search_term add constraint customer_search_term_kind_check check (${tables.customer_search_term.columns.kind.check})`,
      ...createTable('search_word', tables.search_word, { ifNotExists: true }),
      `insert into customer_search_term (customer_id, kind, term)
       select customer_id, 'address', ${addressTerm('address_line')} from customer where address_line ~ '[[:alnum:]]'
       union select customer_id, 'address', ${addressTerm('address_line')} from customer_source where address_line ~ '[[:alnum:]]'
       on conflict do nothing`,
      `${insertWords} from customer_search_term t where t.kind in ('name', 'alias') on conflict do nothing`,
    ]),
  },
  {
    version: 5,
    name: 'search terms looked up by kind from the index alone; only details changes waiting for a run are indexed',
    up: statements([
      'drop index if exists customer_search_term_term_idx',
      ...tables.customer_search_term.indexes!.map((index) => createIndex('customer_search_term', index, true)),
      'drop index if exists customer_change_applied_run_idx',
      ...tables.customer_change.indexes!.map((index) => createIndex('customer_change', index, true)),
    ]),
    // Index-only scans skip the table only on pages the visibility map marks all-visible.
    vacuum: ['customer_search_term'],
  },
  {
    version: 6,
    name: "the oper figures: contacts by time (today's), complaints not resolved by themselves, contacts that resolve",
    up: statements(tables.contact.indexes.map((index) => createIndex('contact', index, true))),
    // The open complaints are counted from the two partial indexes alone (index-only scans).
    vacuum: ['contact'],
  },
  {
    version: 7,
    name: 'contacts logged on the front line waiting for a run to take them into the warehouse',
    up: statements(tables.customer_change.indexes!.map((index) => createIndex('customer_change', index, true))),
  },
  {
    version: 8,
    name: "the information feedback: each customer's latest scores from the analytics (churn risk, offers, value, collection treatment)",
    up: statements(createTable('customer_score', tables.customer_score, { ifNotExists: true })),
  },
];
