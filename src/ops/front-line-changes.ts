// What the front line did that no run has taken yet, page by page from the ODS: details changes, in the form identity
// takes them, and contacts, in the form the warehouse takes them.
import type { FrontLineChange } from '../identity/index.ts';
import type { Ods } from '../ods/index.ts';
import type { FrontLineContact } from '../warehouse/index.ts';

export async function* pendingFrontLineChanges(ods: Ods): AsyncIterable<FrontLineChange[]> {
  let after = 0;
  for (;;) {
    const page = await ods.pendingDetailsChanges(after);
    if (page.length === 0) return;
    yield page.map((c) => ({ changeId: c.change_id, customerId: c.customer_id, changedAt: c.changed_at, values: c.after as Record<string, string | null> }));
    after = page[page.length - 1]!.change_id;
  }
}

export async function* pendingFrontLineContacts(ods: Ods): AsyncIterable<FrontLineContact[]> {
  let after = 0;
  for (;;) {
    const page = await ods.pendingContacts(after);
    if (page.length === 0) return;
    yield page.map((c) => ({ changeId: c.change_id, contactKey: c.contact_key, customerId: c.customer_id, channel: c.channel, contactedAt: c.contacted_at,
      reason: c.reason, outcome: c.outcome, isComplaint: c.is_complaint, notes: c.notes }));
    after = page[page.length - 1]!.change_id;
  }
}
