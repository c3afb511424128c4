// The front line's details changes no run has taken, page by page from the ODS, in the form identity takes them.
import type { FrontLineChange } from '../identity/index.ts';
import type { Ods } from '../ods/index.ts';

export async function* pendingFrontLineChanges(ods: Ods): AsyncIterable<FrontLineChange[]> {
  let after = 0;
  for (;;) {
    const page = await ods.pendingDetailsChanges(after);
    if (page.length === 0) return;
    yield page.map((c) => ({ changeId: c.change_id, customerId: c.customer_id, changedAt: c.changed_at, values: c.after as Record<string, string | null> }));
    after = page[page.length - 1]!.change_id;
  }
}
