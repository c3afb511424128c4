// Values the front line set (an agent, or the customer in the portal) are the newest word on a customer: the golden
// record keeps each one until a source record maintained after the change says otherwise (the operational system
// changed it again). Without this, the next run would rebuild the golden record from the sources alone and undo
// the change; with it, the change becomes a version in the warehouse like any other.
import type { Duck } from '../duckdb/index.ts';

/** A front-line change as the ODS records it: the golden-record fields it set (null: removed). */
export interface FrontLineChange {
  changeId: number;
  customerId: number;
  changedAt: string;
  values: Record<string, string | null>;
}

/** Golden-record fields the front line maintains; other keys of a change are not identity's. */
const nameFields = ['given_name', 'middle_name', 'family_name'];
const addressFields = ['address_line', 'city', 'region', 'postcode'];
const columnFields = [...nameFields, ...addressFields];
const listFields = { email: 'emails', phone: 'phones' } as const;
export const frontLineFields = [...columnFields, ...Object.keys(listFields)];

export const frontLineSource = 'frontline';

/**
 * Records the changes the ODS holds for this run (one row per field set), skipping any an earlier run recorded.
 * Returns the changes recorded.
 */
export async function recordFrontLineChanges(duck: Duck, runId: number, pages: AsyncIterable<FrontLineChange[]>): Promise<number> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_frontline_in (change_id DOUBLE, customer_id INTEGER, field VARCHAR, value VARCHAR, changed_at VARCHAR)`);
  for await (const changes of pages) {
    const rows = changes.flatMap((c) => Object.entries(c.values)
      .filter(([field]) => frontLineFields.includes(field))
      .map(([field, value]) => [c.changeId, c.customerId, field, value, new Date(c.changedAt).toISOString()] as const));
    if (rows.length === 0) continue;
    await duck.append({ name: 'id_frontline_in', catalog: 'temp' }, [0, 1, 2, 3, 4].map((i) => rows.map((r) => r[i]!)) as never);
  }
  // Counted from what is new, not from the whole table, which grows with every change ever taken.
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_frontline_new AS
    SELECT change_id::BIGINT AS change_id, customer_id, field, value, replace(changed_at, 'Z', '')::TIMESTAMP AS changed_at, $1 AS run_id
    FROM id_frontline_in i WHERE NOT EXISTS (SELECT 1 FROM identity.frontline_value f WHERE f.change_id = i.change_id::BIGINT AND f.field = i.field)`, [runId]);
  await duck.run('INSERT INTO identity.frontline_value SELECT * FROM id_frontline_new');
  const added = await duck.one<{ n: number }>('SELECT count(DISTINCT change_id)::INTEGER AS n FROM id_frontline_new');
  return added?.n ?? 0;
}

/** Customers whose front-line values this run recorded: their golden records are built again. */
export const frontLineCustomers = (runId: number) =>
  `SELECT DISTINCT customer_id FROM identity.frontline_value WHERE run_id = ${Number(runId)}`;

/** Values of customers this run merged into others go with them to the customer they were merged into. */
export async function followMerges(duck: Duck, runId: number): Promise<void> {
  await duck.run(`UPDATE identity.frontline_value f SET customer_id = r.to_id FROM identity.redirect r
    WHERE r.from_id = f.customer_id AND r.run_id = $1`, [runId]);
}

/** The front-line changes each run after `sinceRun` took, to be marked so in the ODS. */
export async function frontLineTakenSince(duck: Duck, sinceRun: number): Promise<{ changeId: number; runId: number }[]> {
  const rows = await duck.all<{ change_id: number; run_id: number }>(
    'SELECT DISTINCT change_id::DOUBLE AS change_id, run_id FROM identity.frontline_value WHERE run_id > $1 ORDER BY change_id', [sinceRun]);
  return rows.map((r) => ({ changeId: r.change_id, runId: r.run_id }));
}

/**
 * Puts the front line's values into id_golden (built by survivorship from id_source_row): the latest value of each
 * field, unless a record of the customer maintained after the change holds another value.
 */
export async function applyFrontLineValues(duck: Duck): Promise<void> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE id_frontline AS
    SELECT f.customer_id, f.field, f.value, f.changed_at FROM identity.frontline_value f
    WHERE f.customer_id IN (SELECT customer_id FROM id_golden)
    QUALIFY row_number() OVER (PARTITION BY f.customer_id, f.field ORDER BY f.change_id DESC) = 1`);
  const column = `CASE f.field ${frontLineFields.map((field) => `WHEN '${field}' THEN s.${field}`).join(' ')} END`;
  await duck.run(`DELETE FROM id_frontline f WHERE EXISTS (SELECT 1 FROM id_source_row s
    WHERE s.customer_id = f.customer_id AND s.upd > f.changed_at::DATE AND ${column} IS NOT NULL AND ${column} IS DISTINCT FROM f.value)`);
  const pivot = frontLineFields.map((field) => `bool_or(field = '${field}') AS has_${field}, max(value) FILTER (WHERE field = '${field}') AS ${field}`).join(', ');
  const any = (fields: string[]) => fields.map((f) => `p.has_${f}`).join(' OR ');
  const first = (field: keyof typeof listFields) => `CASE WHEN p.has_${field} THEN list_prepend({'value': p.${field}, 'source': '${frontLineSource}'},
    list_filter(g.${listFields[field]}, lambda v: v.value <> p.${field})) ELSE g.${listFields[field]} END`;
  await duck.run(`UPDATE id_golden g SET
    ${columnFields.map((f) => `${f} = CASE WHEN p.has_${f} THEN p.${f} ELSE g.${f} END`).join(', ')},
    name_source = CASE WHEN ${any(nameFields)} THEN '${frontLineSource}' ELSE g.name_source END,
    address_source = CASE WHEN ${any(addressFields)} THEN '${frontLineSource}' ELSE g.address_source END,
    emails = ${first('email')}, phones = ${first('phone')}
    FROM (SELECT customer_id, ${pivot} FROM id_frontline GROUP BY customer_id) p
    WHERE g.customer_id = p.customer_id`);
}
