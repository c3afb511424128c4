// The canonical model: what each kind of operational record means to the factory, whatever its source calls it.
// A source's mapping names these fields; acquisition standardises and validates them by their kind.

export type FieldKind = 'text' | 'date' | 'timestamp' | 'number' | 'boolean' | 'phone' | 'email' | 'postcode' | 'region' | 'name' | 'status';

export interface CanonicalField {
  kind: FieldKind;
  description: string;
  required?: boolean;
}

export const entities = {
  customer: {
    description: 'A customer record as one operational system keeps it.',
    fields: {
      full_name: { kind: 'name', description: 'The whole name in one field, split by its `parse` rule.' },
      given_name: { kind: 'text', description: 'Given (first) name.' },
      middle_name: { kind: 'text', description: 'Middle name or initial.' },
      family_name: { kind: 'text', description: 'Family name (surname).' },
      name_suffix: { kind: 'text', description: 'Generational suffix such as JR or III.' },
      birth_date: { kind: 'date', description: 'Date of birth.' },
      address_line: { kind: 'text', description: 'Street address: number, street, unit.' },
      city: { kind: 'text', description: 'City or town.' },
      region: { kind: 'region', description: 'State, province or region code.' },
      postcode: { kind: 'postcode', description: 'Postal code.' },
      phone: { kind: 'phone', description: 'Telephone number in any common format; stored as E.164.' },
      email: { kind: 'email', description: 'E-mail address.' },
      updated_on: { kind: 'date', description: 'When the source last maintained this record; newer wins in survivorship.' },
    },
  },
  account: {
    description: 'An account (a product holding) in a product-line system.',
    fields: {
      customer_key: { kind: 'text', required: true, description: "The key of this system's customer record that holds the account." },
      product_line: { kind: 'text', description: "Product line; defaults to the source's productLine." },
      product: { kind: 'text', description: 'Product, plan or package.' },
      status: { kind: 'status', required: true, description: 'active or closed.' },
      opened_on: { kind: 'date', description: 'When the account was opened.' },
      closed_on: { kind: 'date', description: 'When the account was closed, if it was.' },
      monthly_amount: { kind: 'number', description: 'Recurring monthly charge.' },
    },
  },
  billing: {
    description: 'An invoice or a payment on an account.',
    fields: {
      account_source: { kind: 'text', required: true, description: 'The source (system) whose account this row is about.' },
      account_key: { kind: 'text', required: true, description: 'The account key in that source.' },
      kind: { kind: 'text', required: true, description: 'invoice or payment.' },
      posted_on: { kind: 'date', required: true, description: 'Posting date.' },
      amount: { kind: 'number', required: true, description: 'Amount in the account currency.' },
    },
  },
  contact: {
    description: 'A contact with the customer: a call, a branch visit, a chat; complaints included.',
    fields: {
      account_source: { kind: 'text', required: true, description: 'The source whose account the contact was about.' },
      account_key: { kind: 'text', required: true, description: 'The account key in that source.' },
      contacted_at: { kind: 'timestamp', required: true, description: 'When the contact happened.' },
      channel: { kind: 'text', description: 'phone, branch, chat, e-mail…' },
      reason: { kind: 'text', description: 'Why the customer got in touch.' },
      outcome: { kind: 'text', description: 'How it ended.' },
      is_complaint: { kind: 'boolean', description: 'Whether the contact was a complaint.' },
      notes: { kind: 'text', description: 'Free-text notes.' },
    },
  },
  event: {
    description: 'A web clickstream event.',
    fields: {
      occurred_at: { kind: 'timestamp', required: true, description: 'When the event happened.' },
      email: { kind: 'email', description: 'E-mail of a logged-in visitor, when known.' },
      cookie: { kind: 'text', description: 'Browser cookie id.' },
      event_type: { kind: 'text', description: 'page_view, login, …' },
      page: { kind: 'text', description: 'Page path.' },
    },
  },
  survey: {
    description: 'A customer-satisfaction survey answer.',
    fields: {
      account_source: { kind: 'text', required: true, description: 'The source whose account the survey was about.' },
      account_key: { kind: 'text', required: true, description: 'The account key in that source.' },
      answered_on: { kind: 'date', required: true, description: 'When the survey was answered.' },
      score: { kind: 'number', required: true, description: 'Satisfaction score, 0 to 10.' },
      comment: { kind: 'text', description: 'Free-text comment.' },
    },
  },
} as const satisfies Record<string, { description: string; fields: Record<string, CanonicalField> }>;

export type EntityName = keyof typeof entities;
export const entityNames = Object.keys(entities) as EntityName[];
