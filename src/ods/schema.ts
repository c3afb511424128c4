// The ODS tables, declared once: the DDL, the staging and upsert SQL and the metadata catalog all read this.
import type {
  AccountRow,
  ContactRow,
  CustomerEventRow,
  CustomerRow,
  CustomerSourceRow,
  HouseholdRow,
  IdentityModelRow,
  RedirectRow,
  ReviewPairRow,
  StewardDecisionRow,
} from './rows.ts';
import { resolves, unresolvedComplaint } from './open-complaints.ts';

export type ColumnType = 'bigint' | 'integer' | 'text' | 'date' | 'timestamptz' | 'boolean' | 'jsonb' | 'numeric(14,2)' | 'double precision';

export interface Column {
  type: ColumnType;
  description: string;
  nullable?: true;
  /** SQL default expression. */
  default?: string;
  /** SQL check expression on this column. */
  check?: string;
  /** Set by the ODS from the load's run id: 'first' on insert only, 'last' on insert and on every change. */
  stamp?: 'first' | 'last';
  /** Numbered by the database on insert (an identity column, like bigserial). */
  generated?: 'identity';
  /** A row version: 1 on insert, one more on every change (by a load or a front-line write). */
  version?: true;
}

export interface Index {
  /** The index's name, when its columns do not tell it from another (two partial indexes of the same columns). */
  name?: string;
  /** Column names, each optionally followed by an operator class (`term text_pattern_ops`). */
  columns: string[];
  /** The index method, when not a b-tree. */
  using?: 'gist';
  /** A partial index: only the rows this condition holds for. */
  where?: string;
  description: string;
}

export interface ForeignKey {
  columns: string[];
  references: { table: string; columns: string[] };
  onDelete?: 'cascade';
  /** Checked at commit, so one load may write parent and child rows in any order. */
  deferred?: true;
}

export interface Table {
  description: string;
  columns: Record<string, Column>;
  primaryKey: string[];
  indexes?: Index[];
  foreignKeys?: ForeignKey[];
}

const customerId = (description: string): Column => ({ type: 'bigint', description });
const text = (description: string): Column => ({ type: 'text', nullable: true, description });
const date = (description: string): Column => ({ type: 'date', nullable: true, description });
const toCustomer: ForeignKey = { columns: ['customer_id'], references: { table: 'customer', columns: ['customer_id'] }, deferred: true };

export const tables = {
  schema_migration: {
    description: 'The schema migrations applied to this ODS, one row each.',
    columns: {
      version: { type: 'integer', description: 'Migration number; migrations apply in this order.' },
      name: { type: 'text', description: 'What the migration does.' },
      applied_at: { type: 'timestamptz', default: 'now()', description: 'When it was applied.' },
    },
    primaryKey: ['version'],
  },
  household: {
    description: 'A household: customers who live at the same address.',
    columns: {
      household_id: { type: 'bigint', description: 'Enterprise household id, stable across runs.' },
      address_line: text('Street address the members share.'),
      city: text('City or town.'),
      region: text('State, province or region code.'),
      postcode: text('Postal code.'),
      member_count: { type: 'integer', description: 'Number of customers in the household.' },
      updated_run: { type: 'bigint', stamp: 'last', description: 'Run that last changed this row.' },
    },
    primaryKey: ['household_id'],
  },
  customer: {
    description: 'The golden record of each customer: one row per enterprise customer id, survivorship applied.',
    columns: {
      customer_id: customerId('Enterprise customer id, stable across runs.'),
      given_name: text('Given (first) name.'),
      middle_name: text('Middle name or initial.'),
      family_name: text('Family name (surname).'),
      name_suffix: text('Generational suffix such as JR or III.'),
      name_source: text('Source whose record gave the name.'),
      birth_date: date('Date of birth.'),
      birth_date_source: text('Source whose record gave the date of birth.'),
      address_line: text('Street address: number, street, unit.'),
      city: text('City or town.'),
      region: text('State, province or region code.'),
      postcode: text('Postal code.'),
      address_source: text('Source whose record gave the address.'),
      emails: { type: 'jsonb', default: `'[]'`, description: 'E-mail addresses, each with its source: [{value, source}].' },
      phones: { type: 'jsonb', default: `'[]'`, description: 'Phone numbers in E.164, each with its source: [{value, source}].' },
      household_id: { type: 'bigint', nullable: true, description: 'Household the customer belongs to, if any.' },
      version: { type: 'integer', default: '1', version: true, description: 'Row version: a front-line write names the version it read, and a stale one is refused.' },
      first_run: { type: 'bigint', stamp: 'first', description: 'Run that first loaded this customer.' },
      updated_run: { type: 'bigint', stamp: 'last', description: 'Run that last changed this row.' },
    },
    primaryKey: ['customer_id'],
    indexes: [{ columns: ['household_id'], description: 'Members of a household.' }],
    foreignKeys: [{ columns: ['household_id'], references: { table: 'household', columns: ['household_id'] }, deferred: true }],
  },
  customer_source: {
    description: 'Each operational record of a customer, as its source keeps it, linked to the enterprise customer.',
    columns: {
      source: { type: 'text', description: 'Source (operational system) that holds the record.' },
      source_key: { type: 'text', description: "The record's key in its source." },
      customer_id: customerId('Enterprise customer the record was matched to.'),
      given_name: text('Given (first) name, standardised.'),
      middle_name: text('Middle name or initial.'),
      family_name: text('Family name (surname).'),
      name_suffix: text('Generational suffix.'),
      birth_date: date('Date of birth.'),
      email: text('E-mail address.'),
      phone: text('Phone number in E.164.'),
      address_line: text('Street address.'),
      city: text('City or town.'),
      region: text('State, province or region code.'),
      postcode: text('Postal code.'),
      updated_on: date('When the source last maintained the record.'),
      loaded_run: { type: 'bigint', stamp: 'last', description: 'Run that last changed this row.' },
    },
    primaryKey: ['source', 'source_key'],
    indexes: [
      { columns: ['customer_id'], description: "A customer's source records." },
    ],
    foreignKeys: [toCustomer],
  },
  account: {
    description: 'An account (a product holding) in a product-line system, with the customer who holds it.',
    columns: {
      source: { type: 'text', description: 'Source (product-line system) that holds the account.' },
      account_key: { type: 'text', description: 'The account key in that source.' },
      customer_id: customerId('Enterprise customer who holds the account.'),
      product_line: { type: 'text', description: 'Product line.' },
      product: text('Product, plan or package.'),
      status: { type: 'text', check: `status in ('active', 'closed')`, description: 'active or closed.' },
      opened_on: date('When the account was opened.'),
      closed_on: date('When the account was closed, if it was.'),
      monthly_amount: { type: 'numeric(14,2)', nullable: true, description: 'Recurring monthly charge.' },
      updated_run: { type: 'bigint', stamp: 'last', description: 'Run that last changed this row.' },
    },
    primaryKey: ['source', 'account_key'],
    indexes: [{ columns: ['customer_id'], description: "A customer's accounts." }],
    foreignKeys: [toCustomer],
  },
  contact: {
    description: 'A contact with the customer (call, branch visit, chat), complaints included.',
    columns: {
      source: { type: 'text', description: 'Source that recorded the contact.' },
      contact_key: { type: 'text', description: 'The contact key in that source.' },
      customer_id: customerId('Enterprise customer contacted.'),
      channel: text('phone, branch, chat, e-mail…'),
      contacted_at: { type: 'timestamptz', description: 'When the contact happened.' },
      reason: text('Why the customer got in touch.'),
      outcome: text('How it ended.'),
      is_complaint: { type: 'boolean', default: 'false', description: 'Whether the contact was a complaint.' },
      notes: text('Free-text notes.'),
      loaded_run: { type: 'bigint', stamp: 'last', description: 'Run that last changed this row.' },
    },
    primaryKey: ['source', 'contact_key'],
    indexes: [
      { columns: ['customer_id', 'contacted_at'], description: "A customer's contacts, most recent first." },
      { columns: ['contacted_at'], description: 'The contacts of a day (the oper figures: today).' },
      {
        name: 'contact_unresolved_complaint_idx',
        columns: ['customer_id', 'contacted_at', 'reason'],
        where: unresolvedComplaint(),
        description: 'Complaints that did not end resolved themselves: the open ones are among them (see open-complaints.ts).',
      },
      {
        name: 'contact_resolving_idx',
        columns: ['customer_id', 'contacted_at', 'reason'],
        where: resolves(),
        description: 'Contacts that ended resolved, by customer and time: what closes an earlier complaint about the same reason.',
      },
    ],
    foreignKeys: [toCustomer],
  },
  customer_redirect: {
    description: 'Where a merged customer id went: reads of the old id follow it to the surviving customer.',
    columns: {
      from_id: { type: 'bigint', description: 'The customer id that was merged away.' },
      to_id: { type: 'bigint', description: 'The customer id it was merged into (may itself redirect).' },
      run_id: { type: 'bigint', description: 'Run that merged them.' },
      reason: { type: 'text', description: 'Why they were merged.' },
    },
    primaryKey: ['from_id'],
  },
  customer_search_term: {
    description: 'Search terms of each customer (name tokens, phones, e-mails, keys), rebuilt for the customers a load touches.',
    columns: {
      customer_id: customerId('Customer the term finds.'),
      kind: {
        type: 'text',
        check: `kind in ('name', 'alias', 'phone', 'email', 'source_key', 'account_key', 'address')`,
        description: 'name (golden name token), alias (a source record name token), phone (last 10 digits), email, source_key, account_key or address (a street address line, golden or from a source record; lower case).',
      },
      term: { type: 'text', description: 'The normalised term.' },
    },
    primaryKey: ['customer_id', 'kind', 'term'],
    indexes: [{
      columns: ['kind', 'term text_pattern_ops', 'customer_id'],
      description: 'Exact and prefix lookups of a term of one kind (byte order, so a prefix is a range), answered from the index alone.',
    }],
  },
  search_word: {
    description: 'Every name word the search terms have held, once: the dictionary a misspelt name is looked up in by trigram similarity.',
    columns: {
      term: { type: 'text', description: 'A name word, as in customer_search_term.' },
    },
    primaryKey: ['term'],
    indexes: [{ columns: ['term gist_trgm_ops'], using: 'gist', description: 'The words nearest a given one (pg_trgm distance, nearest first).' }],
  },
  run: {
    description: 'An acquisition run that loaded the ODS.',
    columns: {
      run_id: { type: 'bigint', description: 'Run id.' },
      started_at: { type: 'timestamptz', description: 'When the run started.' },
      finished_at: { type: 'timestamptz', nullable: true, description: 'When it finished, if it has.' },
      status: { type: 'text', check: `status in ('running', 'succeeded', 'failed')`, description: 'running, succeeded or failed.' },
      error: text('Why it failed, if it did.'),
    },
    primaryKey: ['run_id'],
  },
  run_source: {
    description: 'What one run read from one source and entity: records read = loaded + rejected.',
    columns: {
      run_id: { type: 'bigint', description: 'Run id.' },
      source: { type: 'text', description: 'Source (operational system).' },
      entity: { type: 'text', description: 'Canonical entity: customer, account, contact…' },
      files: { type: 'bigint', description: 'Files (or batches) read.' },
      read: { type: 'bigint', description: 'Records read.' },
      loaded: { type: 'bigint', description: 'Records loaded.' },
      rejected: { type: 'bigint', description: 'Records rejected with a reason.' },
    },
    primaryKey: ['run_id', 'source', 'entity'],
    foreignKeys: [{ columns: ['run_id'], references: { table: 'run', columns: ['run_id'] }, onDelete: 'cascade' }],
  },
  review_pair: {
    description: 'The data stewards\' review queue: pairs of source records identity could not decide about, one row per pair.',
    columns: {
      pair_id: { type: 'text', description: 'The pair, as identity names it: a_source:a_key|b_source:b_key.' },
      a_source: { type: 'text', description: 'Source of the first record.' },
      a_key: { type: 'text', description: 'Key of the first record in its source.' },
      b_source: { type: 'text', description: 'Source of the second record.' },
      b_key: { type: 'text', description: 'Key of the second record in its source.' },
      a_customer_id: customerId('Customer the first record belongs to.'),
      b_customer_id: customerId('Customer the second record belongs to.'),
      probability: { type: 'double precision', check: 'probability >= 0 and probability <= 1', description: 'Match probability identity gave the pair, 0 to 1.' },
      run_id: { type: 'bigint', description: 'Run that put the pair in the queue or last changed it.' },
      status: { type: 'text', default: `'open'`, check: `status in ('open', 'decided')`, description: 'open (waiting for a steward) or decided.' },
      decision: { type: 'text', nullable: true, check: `decision in ('same', 'different')`, description: 'What the steward decided: same or different.' },
      decided_at: { type: 'timestamptz', nullable: true, description: 'When the steward decided.' },
    },
    primaryKey: ['pair_id'],
    indexes: [
      { columns: ['status', 'probability'], description: 'The open queue, most probable first.' },
      { columns: ['a_source', 'a_key'], description: 'The pairs of a record (first side).' },
      { columns: ['b_source', 'b_key'], description: 'The pairs of a record (second side).' },
    ],
  },
  steward_decision: {
    description: 'Every decision a data steward took about two source records: the same person or different people. Identity applies them at the next run.',
    columns: {
      decision_id: { type: 'bigint', generated: 'identity', description: 'Decision number, in the order they were taken.' },
      a_source: { type: 'text', description: 'Source of the first record.' },
      a_key: { type: 'text', description: 'Key of the first record in its source.' },
      b_source: { type: 'text', description: 'Source of the second record.' },
      b_key: { type: 'text', description: 'Key of the second record in its source.' },
      a_customer_id: customerId('Customer the first record belonged to when the decision was taken.'),
      b_customer_id: customerId('Customer the second record belonged to when the decision was taken.'),
      decision: { type: 'text', check: `decision in ('same', 'different')`, description: 'same (one person) or different (two people).' },
      reason: { type: 'text', check: `reason <> ''`, description: 'Why, in the steward\'s words.' },
      decided_by: { type: 'text', check: `decided_by <> ''`, description: 'Who decided.' },
      decided_at: { type: 'timestamptz', default: 'now()', description: 'When it was decided.' },
      applied_run: { type: 'bigint', nullable: true, description: 'Run that applied the decision; null while it waits for the next run.' },
    },
    primaryKey: ['decision_id'],
    indexes: [
      { columns: ['a_source', 'a_key'], description: 'Decisions about a record (first side).' },
      { columns: ['b_source', 'b_key'], description: 'Decisions about a record (second side).' },
      { columns: ['applied_run'], description: 'Decisions waiting for a run (applied_run is null).' },
    ],
  },
  customer_event: {
    description: 'What identity did to a customer: merges and splits, with the reason and the evidence.',
    columns: {
      customer_id: customerId('Customer the event happened to.'),
      event_id: { type: 'bigint', generated: 'identity', description: 'Event number, in the order events were loaded.' },
      kind: { type: 'text', check: `kind in ('merged', 'split', 'split from')`, description: "merged (other_id was merged into it), split (other_id was split off it) or split from (it was split off other_id)." },
      other_id: { type: 'bigint', nullable: true, description: 'The other customer of the merge or split.' },
      reason: { type: 'text', description: 'Why: a steward\'s reason or what the model found.' },
      evidence: { type: 'jsonb', nullable: true, description: 'The evidence behind it (a match explanation, the decisions applied), as identity gave it.' },
      run_id: { type: 'bigint', description: 'Run that merged or split.' },
    },
    primaryKey: ['customer_id', 'event_id'],
    indexes: [{ columns: ['run_id'], description: "A run's events (a re-delivery replaces them)." }],
  },
  identity_model: {
    description: 'The matching model identity uses (a Fellegi–Sunter model as JSON), so the screens can explain any two records. One row.',
    columns: {
      model: { type: 'jsonb', description: 'The model: prior, and m and u of each comparison level.' },
      run_id: { type: 'bigint', description: 'Run that delivered it.' },
    },
    primaryKey: ['run_id'],
  },
  app_user: {
    description: 'Who may sign in: staff with a role, or a customer (for the self-service portal) tied to their customer id.',
    columns: {
      name: { type: 'text', check: `name <> ''`, description: 'Sign-in name.' },
      role: { type: 'text', check: `role in ('agent', 'marketer', 'analyst', 'steward', 'admin', 'customer')`, description: 'agent, marketer, analyst, steward, admin or customer.' },
      password_hash: { type: 'text', description: 'The password, hashed with scrypt (a memory-hard function) and a salt: scrypt$N$r$p$salt$hash.' },
      customer_id: { type: 'bigint', nullable: true, description: 'For a customer: the customer they are, and the only one they may see.' },
      created_at: { type: 'timestamptz', default: 'now()', description: 'When the user was created.' },
      disabled_at: { type: 'timestamptz', nullable: true, description: 'When the user was disabled; a disabled user cannot sign in.' },
    },
    primaryKey: ['name'],
  },
  user_session: {
    description: 'A signed-in session. Only a hash of its token is kept, so a copy of the table signs nobody in.',
    columns: {
      token_hash: { type: 'text', description: 'SHA-256 of the session token, hex.' },
      user_name: { type: 'text', description: 'Who signed in.' },
      created_at: { type: 'timestamptz', default: 'now()', description: 'When the session began.' },
      expires_at: { type: 'timestamptz', description: 'When the session ends.' },
    },
    primaryKey: ['token_hash'],
    indexes: [{ columns: ['user_name'], description: "A user's sessions." }],
  },
  api_key: {
    description: 'The API keys of operational systems: only a hash of each key is kept.',
    columns: {
      key_hash: { type: 'text', description: 'SHA-256 of the key, hex.' },
      source: { type: 'text', description: 'The operational system that holds the key.' },
      created_at: { type: 'timestamptz', default: 'now()', description: 'When the key was made.' },
      revoked_at: { type: 'timestamptz', nullable: true, description: 'When the key was revoked; a revoked key is refused.' },
    },
    primaryKey: ['key_hash'],
  },
  customer_preference: {
    description: "A customer's preferences and consent, kept by the front line and the customer: marketing by channel, do not contact.",
    columns: {
      customer_id: customerId('The customer.'),
      do_not_contact: { type: 'boolean', default: 'false', description: 'Contact only to serve the customer, never to sell.' },
      marketing: { type: 'jsonb', default: `'{}'`, description: 'Consent to marketing by channel: {"email": true, "phone": false, "sms": …, "post": …}; a channel not named has no consent.' },
      preferred_channel: text('The channel the customer prefers to be reached on.'),
      language: text('The language the customer prefers.'),
      updated_at: { type: 'timestamptz', default: 'now()', description: 'When the preferences last changed.' },
    },
    primaryKey: ['customer_id'],
  },
  customer_change: {
    description: 'The audit trail of the transactional interface: every front-line write, who made it, when, through which channel, what before and what after.',
    columns: {
      change_id: { type: 'bigint', generated: 'identity', description: 'Change number, in the order changes were made.' },
      customer_id: customerId('The customer changed.'),
      kind: { type: 'text', check: `kind in ('details', 'preferences', 'contact', 'response')`, description: 'details (name, address, phone, e-mail), preferences, contact (a contact logged) or response (to a campaign offer).' },
      version: { type: 'integer', nullable: true, description: "The customer's row version after the change (details only)." },
      before: { type: 'jsonb', description: 'The changed fields as they were.' },
      after: { type: 'jsonb', description: 'The changed fields as they became.' },
      changed_by: { type: 'text', description: 'Who made the change (a user name).' },
      role: { type: 'text', description: 'Their role when they made it.' },
      channel: { type: 'text', description: 'Through which channel: workspace, portal or api.' },
      changed_at: { type: 'timestamptz', default: 'now()', description: 'When.' },
      applied_run: { type: 'bigint', nullable: true, description: 'Run that took the change (a details change, or a contact logged) into the warehouse; null until then.' },
    },
    primaryKey: ['change_id'],
    indexes: [
      { columns: ['customer_id', 'change_id'], description: "A customer's audit trail." },
      { columns: ['change_id'], where: `kind = 'details' and applied_run is null`, description: 'Details changes waiting for a run (only those: the index stays small).' },
      {
        name: 'customer_change_contact_waiting_idx',
        columns: ['change_id'],
        where: `kind in ('contact', 'response') and applied_run is null`,
        description: 'Contacts logged on the front line waiting for a run to take them into the warehouse.',
      },
    ],
  },
  outbox: {
    description: 'Changes to send back to the operational systems: one row per change per system that holds a record of the customer, written with the change.',
    columns: {
      outbox_id: { type: 'bigint', generated: 'identity', description: 'Delivery number; per customer, deliveries go out in this order.' },
      change_id: { type: 'bigint', description: 'The change (customer_change) being delivered.' },
      customer_id: customerId('The customer changed.'),
      source: { type: 'text', description: 'The operational system to deliver to.' },
      source_key: { type: 'text', description: "The customer's record in that system." },
      payload: { type: 'jsonb', description: 'What is delivered: the change as that system should apply it.' },
      status: { type: 'text', default: `'pending'`, check: `status in ('pending', 'delivered', 'dead')`, description: 'pending, delivered, or dead (kept failing: parked until an administrator replays it).' },
      attempts: { type: 'integer', default: '0', description: 'Delivery attempts so far.' },
      next_attempt_at: { type: 'timestamptz', default: 'now()', description: 'When to try next (backoff after a failure).' },
      last_error: text('Why the last attempt failed.'),
      created_at: { type: 'timestamptz', default: 'now()', description: 'When the change was put in the outbox.' },
      delivered_at: { type: 'timestamptz', nullable: true, description: 'When the system accepted it.' },
    },
    primaryKey: ['outbox_id'],
    indexes: [
      { columns: ['status', 'next_attempt_at'], description: 'What is due for delivery.' },
      { columns: ['customer_id', 'outbox_id'], description: "A customer's deliveries in order." },
    ],
  },
  customer_score: {
    description: "The analytics' latest word on each customer, written back after each scoring run: churn risk with its reasons, offers ranked, value and value tier, payment risk and collection treatment. One row per customer scored; a run replaces them all.",
    columns: {
      customer_id: customerId('The customer scored.'),
      score_run: { type: 'bigint', description: 'Scoring run that wrote the scores.' },
      model_version: { type: 'text', check: `model_version <> ''`, description: 'Version of the models that scored the customer.' },
      scored_at: { type: 'timestamptz', description: 'When the customer was scored.' },
      churn_risk: { type: 'double precision', check: 'churn_risk >= 0 and churn_risk <= 1', description: 'Probability that the customer leaves, 0 to 1.' },
      churn_band: { type: 'text', check: `churn_band in ('high', 'medium', 'low')`, description: 'The churn risk as a band: high, medium or low.' },
      churn_reasons: { type: 'jsonb', default: `'[]'`, description: 'Why the churn risk is what it is, in plain words, most important first: a JSON array of texts.' },
      offers: { type: 'jsonb', default: `'[]'`, description: 'Offers ranked best first, the first being the next best offer: [{productLine, propensity, discountPercent, expectedValue}]; [] when none.' },
      value: { type: 'numeric(14,2)', description: 'What the customer was worth over the last 12 months.' },
      value_tier: { type: 'text', check: `value_tier <> ''`, description: 'Value tier the customer falls in (top, high, medium, low…).' },
      payment_risk: { type: 'text', check: `payment_risk in ('low', 'medium', 'high')`, description: 'Risk that the customer does not pay: low, medium or high.' },
      collection_treatment: { type: 'text', check: `collection_treatment <> ''`, description: 'How collections treat the customer (e.g. courtesy call before dunning).' },
      collection_description: { type: 'text', description: 'What the collection treatment means, in words for the front line.' },
      loaded_at: { type: 'timestamptz', default: 'now()', description: 'When the ODS last wrote the row (a reload of unchanged scores leaves it).' },
    },
    primaryKey: ['customer_id'],
    // Scores go with their customer (a load removes a merged-away id): they describe the customer the models saw, and
    // that was only part of the survivor, so they are dropped, not moved; the survivor keeps its own until the next run.
    foreignKeys: [{ columns: ['customer_id'], references: { table: 'customer', columns: ['customer_id'] }, onDelete: 'cascade' }],
  },
} satisfies Record<string, Table>;

export type TableName = keyof typeof tables;

/** The tables a load upserts, in the order it writes them, with their natural keys. */
export const upsertable = ['household', 'customer', 'customer_source', 'account', 'contact'] as const;
export type UpsertTable = (typeof upsertable)[number];

// Compile-time guard: the row types and the declared columns must name the same fields.
type SameKeys<Row, Columns> = [keyof Row] extends [keyof Columns] ? ([keyof Columns] extends [keyof Row] ? true : false) : false;
export type SchemaMatchesRows = [
  SameKeys<CustomerRow, typeof tables.customer.columns>,
  SameKeys<CustomerSourceRow, typeof tables.customer_source.columns>,
  SameKeys<HouseholdRow, typeof tables.household.columns>,
  SameKeys<AccountRow, typeof tables.account.columns>,
  SameKeys<ContactRow, typeof tables.contact.columns>,
  SameKeys<RedirectRow, typeof tables.customer_redirect.columns>,
  SameKeys<ReviewPairRow, typeof tables.review_pair.columns>,
  SameKeys<StewardDecisionRow, typeof tables.steward_decision.columns>,
  SameKeys<CustomerEventRow, typeof tables.customer_event.columns>,
  SameKeys<IdentityModelRow, typeof tables.identity_model.columns>,
] extends true[] ? true : never;
const schemaMatchesRows: SchemaMatchesRows = true;
void schemaMatchesRows;
