// The rows of the ODS as JavaScript sees them: property names are column names, ids are numbers,
// dates are 'YYYY-MM-DD' strings and timestamps ISO strings, whichever engine answered.
import type { CustomerFacts } from './customer-facts.ts';
import type { CustomerScores } from './scores.ts';
import type { Preferences } from './front-line.ts';

/** A value with the source (system) it came from: an e-mail address or an E.164 phone number. */
export type Valued = { value: string; source: string };

export interface CustomerRow {
  customer_id: number;
  given_name: string | null;
  middle_name: string | null;
  family_name: string | null;
  name_suffix: string | null;
  name_source: string | null;
  birth_date: string | null;
  birth_date_source: string | null;
  address_line: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  address_source: string | null;
  emails: Valued[];
  phones: Valued[];
  household_id: number | null;
  version: number;
  first_run: number;
  updated_run: number;
}

export interface CustomerSourceRow {
  source: string;
  source_key: string;
  customer_id: number;
  given_name: string | null;
  middle_name: string | null;
  family_name: string | null;
  name_suffix: string | null;
  birth_date: string | null;
  email: string | null;
  phone: string | null;
  address_line: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  updated_on: string | null;
  loaded_run: number;
}

export interface HouseholdRow {
  household_id: number;
  address_line: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  member_count: number;
  updated_run: number;
}

export interface AccountRow {
  source: string;
  account_key: string;
  customer_id: number;
  product_line: string;
  product: string | null;
  status: 'active' | 'closed';
  opened_on: string | null;
  closed_on: string | null;
  monthly_amount: number | null;
  updated_run: number;
}

export interface ContactRow {
  source: string;
  contact_key: string;
  customer_id: number;
  channel: string | null;
  contacted_at: string;
  reason: string | null;
  outcome: string | null;
  is_complaint: boolean;
  notes: string | null;
  loaded_run: number;
}

export interface RedirectRow {
  from_id: number;
  to_id: number;
  run_id: number;
  reason: string;
}

export type DecisionKind = 'same' | 'different';
export type CustomerEventKind = 'merged' | 'split' | 'split from';

export interface ReviewPairRow {
  pair_id: string;
  a_source: string;
  a_key: string;
  b_source: string;
  b_key: string;
  a_customer_id: number;
  b_customer_id: number;
  probability: number;
  run_id: number;
  status: 'open' | 'decided';
  decision: DecisionKind | null;
  decided_at: string | null;
}

export interface StewardDecisionRow {
  decision_id: number;
  a_source: string;
  a_key: string;
  b_source: string;
  b_key: string;
  a_customer_id: number;
  b_customer_id: number;
  decision: DecisionKind;
  reason: string;
  decided_by: string;
  decided_at: string;
  applied_run: number | null;
}

export interface CustomerEventRow {
  customer_id: number;
  event_id: number;
  kind: CustomerEventKind;
  other_id: number | null;
  reason: string;
  evidence: unknown;
  run_id: number;
}

export interface IdentityModelRow {
  model: unknown;
  run_id: number;
}

/** The run columns (first_run, updated_run, loaded_run) are stamped by the ODS from the load's run id, so a row may leave them out. */
type Stamped<Row, Stamps extends keyof Row> = Omit<Row, Stamps> & Partial<Pick<Row, Stamps>>;

export type CustomerInput = Stamped<CustomerRow, 'first_run' | 'updated_run' | 'version'>;
export type CustomerSourceInput = Stamped<CustomerSourceRow, 'loaded_run'>;
export type HouseholdInput = Stamped<HouseholdRow, 'updated_run'>;
export type AccountInput = Stamped<AccountRow, 'updated_run'>;
export type ContactInput = Stamped<ContactRow, 'loaded_run'>;

/**
 * One pair of the steward review queue as identity delivers it (pair_id is `${a_source}:${a_key}|${b_source}:${b_key}`).
 * The ODS keeps the status and the decision; run_id defaults to the load's.
 */
export type ReviewPairInput = Omit<ReviewPairRow, 'status' | 'decision' | 'decided_at' | 'run_id'> & { run_id?: number };

/** A merge or split identity made; run_id defaults to the load's. */
export interface CustomerEventInput {
  customer_id: number;
  kind: CustomerEventKind;
  other_id?: number | null;
  reason: string;
  evidence?: unknown;
  run_id?: number;
}

export interface OdsLoad {
  upsert?: {
    customer?: AsyncIterable<CustomerInput[]>;
    customer_source?: AsyncIterable<CustomerSourceInput[]>;
    household?: AsyncIterable<HouseholdInput[]>;
    account?: AsyncIterable<AccountInput[]>;
    contact?: AsyncIterable<ContactInput[]>;
  };
  /** Ids that no longer exist: merged customers, emptied households. */
  remove?: { customer?: number[]; household?: number[] };
  /** Merged customer ids → surviving id; rows still held by a merged id move to the survivor. */
  redirects?: RedirectRow[];
  /**
   * The complete open review queue as it stands after the run: new pairs are added, open ones updated, and open
   * pairs not in it removed. Pairs a steward has decided are kept as they are.
   */
  review?: AsyncIterable<ReviewPairInput[]>;
  /** Merges and splits. A run's events replace whatever an earlier delivery of that run loaded, so re-delivery adds nothing. */
  events?: AsyncIterable<CustomerEventInput[]>;
  /** The matching model in use (JSON): replaces the one held; null removes it. */
  model?: unknown;
  /** Front-line details changes the delivered runs took (each marked with its run); changes still waiting are applied again. */
  frontLineTaken?: { changeId: number; runId: number }[];
}

export type LoadCounts = Record<string, { inserted: number; updated: number; deleted: number }>;

export interface RunSourceRecord {
  source: string;
  entity: string;
  files: number;
  read: number;
  loaded: number;
  rejected: number;
}

export interface RunRecord {
  run_id: number;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'succeeded' | 'failed';
  error: string | null;
  sources: RunSourceRecord[];
}

export interface OdsStats {
  customers: number;
  households: number;
  sourceRecords: number;
  /** Sum of rejected records over succeeded runs. */
  rejects: number;
  /** Number of distinct product lines with an active account → number of customers; "0" counts those with none. */
  productsPerCustomer: Record<string, number>;
  /** Customers with active accounts in two or more product lines. */
  multiProductCustomers: number;
}

/** What a search hit matched on, best first. */
export type MatchKind = 'id' | 'source key' | 'account key' | 'email' | 'phone' | 'address' | 'name' | 'source name' | 'similar name';

export interface CustomerHit {
  customer_id: number;
  name: string;
  birth_date: string | null;
  /** The address on one line. */
  address: string | null;
  phones: string[];
  emails: string[];
  matched: MatchKind;
  rank: number;
}

export interface HouseholdMember {
  customer_id: number;
  name: string;
  birth_date: string | null;
}

/** A source record by its key. */
export interface RecordRef {
  source: string;
  sourceKey: string;
}

/** A source record's standardised person fields, as customer_source holds them (identity's PersonFields). */
export type RecordFields = Pick<
  CustomerSourceRow,
  'given_name' | 'middle_name' | 'family_name' | 'name_suffix' | 'birth_date' | 'email' | 'phone' | 'address_line' | 'city' | 'region' | 'postcode'
>;

export interface ReviewRecord extends RecordRef {
  /** The customer the record belongs to now (the one the queue gave, if the record has gone). */
  customerId: number;
  /** Null when the ODS no longer holds the record. */
  fields: RecordFields | null;
}

export interface ReviewItem {
  pairId: string;
  probability: number;
  runId: number;
  status: 'open' | 'decided';
  decision: DecisionKind | null;
  decidedAt: string | null;
  a: ReviewRecord;
  b: ReviewRecord;
}

/** What a steward decides about two source records. */
export interface DecisionInput {
  a: RecordRef;
  b: RecordRef;
  decision: DecisionKind;
  reason: string;
  decidedBy: string;
}

/** A steward's decision as recorded (the shape identity's Decision reads, and more). */
export interface StewardDecision {
  decisionId: number;
  a: RecordRef & { customerId: number };
  b: RecordRef & { customerId: number };
  decision: DecisionKind;
  reason: string;
  decidedBy: string;
  decidedAt: string;
  /** The run that applied it; null while it waits for the next run. */
  appliedRun: number | null;
}

export interface CustomerHistoryItem {
  kind: CustomerEventKind;
  otherId: number | null;
  reason: string;
  evidence: unknown;
  runId: number;
  /** When the run finished (or started), if the ODS knows the run. */
  at: string | null;
}

export interface CustomerProfile {
  customer: CustomerRow;
  /** Set when the id asked for was merged into this customer. */
  redirectedFrom?: number;
  sourceRecords: CustomerSourceRow[];
  household: (HouseholdRow & { members: HouseholdMember[] }) | null;
  accounts: AccountRow[];
  /** Most recent first, at most 50. */
  contacts: ContactRow[];
  /** Where the older contacts start (the `before` of listContacts); null when `contacts` holds them all. */
  olderContacts: string | null;
  /** Merges and splits, latest first. */
  history: CustomerHistoryItem[];
  /** Stewards' decisions about this customer's records that wait for the next run, oldest first. */
  pendingDecisions: StewardDecision[];
  /** Preferences and consent, as the front line and the customer keep them. */
  preferences: Preferences;
  /** What the ODS knows about the customer, for the front line's prompts (see customer-facts.ts). */
  facts: CustomerFacts;
  /** The analytics' latest scores of the customer; null when no scoring run scored them. */
  scores: CustomerScores | null;
}
