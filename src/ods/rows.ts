// The rows of the ODS as JavaScript sees them: property names are column names, ids are numbers,
// dates are 'YYYY-MM-DD' strings and timestamps ISO strings, whichever engine answered.

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

/** The run columns (first_run, updated_run, loaded_run) are stamped by the ODS from the load's run id, so a row may leave them out. */
type Stamped<Row, Stamps extends keyof Row> = Omit<Row, Stamps> & Partial<Pick<Row, Stamps>>;

export type CustomerInput = Stamped<CustomerRow, 'first_run' | 'updated_run'>;
export type CustomerSourceInput = Stamped<CustomerSourceRow, 'loaded_run'>;
export type HouseholdInput = Stamped<HouseholdRow, 'updated_run'>;
export type AccountInput = Stamped<AccountRow, 'updated_run'>;
export type ContactInput = Stamped<ContactRow, 'loaded_run'>;

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
export type MatchKind = 'id' | 'source key' | 'account key' | 'email' | 'phone' | 'name' | 'source name';

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

export interface CustomerProfile {
  customer: CustomerRow;
  /** Set when the id asked for was merged into this customer. */
  redirectedFrom?: number;
  sourceRecords: CustomerSourceRow[];
  household: (HouseholdRow & { members: HouseholdMember[] }) | null;
  accounts: AccountRow[];
  /** Most recent first, at most 50. */
  contacts: ContactRow[];
}
