// When a complaint is open: one rule, which a customer's facts (the front line's prompts) and the oper figures
// (today's work over every customer) both count by, so the two never disagree.
import { literal } from './ddl.ts';

/**
 * A complaint is open until a contact ends resolved: the complaint itself, or a later contact with the customer
 * about the same reason. These outcomes (case aside) resolve; escalated, unresolved or a technician dispatched do not.
 * Two partial indexes of contact are written over this list (schema.ts): a change to it needs a migration rebuilding them.
 */
export const resolvingOutcomes = ['resolved', 'credit issued', 'closed'];

const column = (alias: string | undefined, name: string) => (alias ? `${alias}.${name}` : name);

/** The contact ended resolved. Written out (not a parameter), so the planner sees it implies an index's predicate. */
export const resolves = (alias?: string) =>
  `lower(trim(${column(alias, 'outcome')})) = any(array[${resolvingOutcomes.map(literal).join(', ')}])`;

/** A complaint that did not end resolved itself: open, unless a later contact resolved it. */
export const unresolvedComplaint = (alias?: string) => `${column(alias, 'is_complaint')} and not coalesce(${resolves(alias)}, false)`;

/**
 * The condition that contact `c` is an open complaint. Both sides come from partial indexes (schema.ts): the
 * complaints not resolved by themselves, and the contacts that resolve, by customer and time.
 */
export const isOpenComplaint = `${unresolvedComplaint('c')}
    and not exists (
      select 1 from contact later
      where later.customer_id = c.customer_id and later.contacted_at > c.contacted_at and ${resolves('later')}
        and lower(trim(later.reason)) is not distinct from lower(trim(c.reason)))`;
