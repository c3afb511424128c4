// One customer on one screen: the golden record, its source records, household, accounts, recent contacts, its
// merges and splits, the stewards' decisions about it that wait for the next run, and its latest scores.
import { contactsPage } from './contacts.ts';
import { customerFacts } from './customer-facts.ts';
import type { OdsSession } from './driver.ts';
import { getPreferences } from './front-line.ts';
import { survivingCustomerId } from './redirects.ts';
import { customerScores } from './scores.ts';
import type { AccountRow, CustomerProfile, CustomerRow, CustomerSourceRow, HouseholdMember, HouseholdRow } from './rows.ts';
import { displayName } from './search.ts';
import { customerHistory, customerPendingDecisions } from './stewardship.ts';

const maxMembers = 100;

export async function getCustomer(session: OdsSession, id: number): Promise<CustomerProfile | null> {
  const customerId = await survivingCustomerId(session, id);
  if (customerId === null) return null;
  const [customers, sourceRecords, accounts, contacts, history, pendingDecisions, preferences, facts, scores] = await Promise.all([
    session.query<CustomerRow>('select * from customer where customer_id = $1', [customerId]),
    session.query<CustomerSourceRow>('select * from customer_source where customer_id = $1 order by source, source_key', [customerId]),
    session.query<AccountRow>(
      `select * from account where customer_id = $1 order by status, product_line, source, account_key`,
      [customerId],
    ),
    contactsPage(session, customerId),
    // Events recorded under the id asked for too, when it was merged into this one.
    customerHistory(session, customerId === id ? [customerId] : [customerId, id]),
    customerPendingDecisions(session, customerId),
    getPreferences(session, customerId),
    customerFacts(session, customerId),
    customerScores(session, customerId),
  ]);
  const customer = customers[0];
  if (!customer) return null; // removed between the two reads
  const profile: CustomerProfile = {
    customer, sourceRecords, household: null, accounts, contacts: contacts.items, olderContacts: contacts.next, history, pendingDecisions, preferences, facts, scores,
  };
  if (customerId !== id) profile.redirectedFrom = id;
  if (customer.household_id !== null) {
    const [[household], members] = await Promise.all([
      session.query<HouseholdRow>('select * from household where household_id = $1', [customer.household_id]),
      session.query<HouseholdMember & Parameters<typeof displayName>[0]>(
        `select customer_id, given_name, middle_name, family_name, name_suffix, birth_date from customer
         where household_id = $1 order by customer_id limit ${maxMembers}`,
        [customer.household_id],
      ),
    ]);
    if (household) {
      profile.household = {
        ...household,
        members: members.map((m) => ({ customer_id: m.customer_id, name: displayName(m), birth_date: m.birth_date })),
      };
    }
  }
  return profile;
}
