// Data stewardship over HTTP: the review queue, decisions on pairs, merging and splitting customers (recorded as
// decisions that identity applies at the next run), and explanations of why records are, or are not, one person.
import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { type Explanation, explainPair, type IdentityModel, type PersonFields } from '../identity/index.ts';
import type { CustomerRow, CustomerSourceRow, DecisionInput, OdsReader, RecordRef, StewardDecision } from '../ods/index.ts';
import { maskExplained, signedIn } from './access/index.ts';

/** When decisions take effect: identity applies them at the next `cif run`. */
const appliesAt = 'next run';
/** A split records a decision for every leaving × staying pair of records; beyond this, ask for a smaller split. */
const maxSplitDecisions = 2_500;
/** Records explained against the golden record on the customer screen. */
const maxExplainedRecords = 50;

const text = (field: string, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'required' : 'must be text') })
    .trim()
    .min(1, field === 'reason' ? 'required: say why' : 'required')
    .max(max, `at most ${max} characters`);

const reason = text('reason', 2000);
const decidedBy = text('decidedBy', 200).optional();
const recordRef = z.object({ source: text('source', 200), sourceKey: text('sourceKey', 500) });

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const decisionBody = z.object({
  decision: z.enum(['same', 'different'], { error: 'must be "same" or "different"' }),
  reason,
  decidedBy,
});
const mergeBody = z.object({
  otherId: z.coerce.number({ error: 'must be a customer id' }).int('must be a customer id').positive('must be a customer id'),
  reason,
  decidedBy,
});
const splitBody = z.object({
  records: z.array(recordRef, { error: 'required: the records to split off, as [{source, sourceKey}]' }).min(1, 'pick at least one record to split off'),
  reason,
  decidedBy,
});
const refParam = z
  .string({ error: 'required, as SOURCE:KEY' })
  .regex(/^[^:]+:.+$/, 'expected SOURCE:KEY')
  .transform((value): RecordRef => ({ source: value.slice(0, value.indexOf(':')), sourceKey: value.slice(value.indexOf(':') + 1) }));
const explainQuery = z.object({ a: refParam, b: refParam });
const customerId = z.coerce.number().int().positive();

export function badRequest(error: z.ZodError): HTTPException {
  const message = error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
  return new HTTPException(400, { message });
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(parsed.error);
  return parsed.data;
}

async function jsonBody(c: { req: { json: () => Promise<unknown> } }): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new HTTPException(400, { message: 'request body: expected JSON' });
  }
}

const refText = (r: RecordRef) => `${r.source}:${r.sourceKey}`;
const refOf = (r: CustomerSourceRow): RecordRef => ({ source: r.source, sourceKey: r.source_key });

/** A source record's person fields, as identity compares them. */
function personFields(r: CustomerSourceRow): PersonFields {
  const { given_name, middle_name, family_name, name_suffix, birth_date, email, phone, address_line, city, region, postcode } = r;
  return { given_name, middle_name, family_name, name_suffix, birth_date, email, phone, address_line, city, region, postcode };
}

const digits = (value: string | null | undefined) => (value ?? '').replace(/\D/g, '').slice(-10);

/**
 * The golden record as person fields. It may hold several e-mails and phones; against a record, the one that record
 * gave (the same value, else one from the same source) stands for the golden record, else the first.
 */
export function goldenFields(c: CustomerRow, against?: CustomerSourceRow): PersonFields {
  const pick = (values: CustomerRow['emails'], same: (value: string) => boolean) =>
    (against && (values.find((v) => same(v.value)) ?? values.find((v) => v.source === against.source)))?.value ?? values[0]?.value ?? null;
  return {
    given_name: c.given_name,
    middle_name: c.middle_name,
    family_name: c.family_name,
    name_suffix: c.name_suffix,
    birth_date: c.birth_date,
    email: pick(c.emails, (v) => against?.email != null && v.toLowerCase() === against.email.toLowerCase()),
    phone: pick(c.phones, (v) => against?.phone != null && digits(v) === digits(against.phone)),
    address_line: c.address_line,
    city: c.city,
    region: c.region,
    postcode: c.postcode,
  };
}

async function modelOrConflict(ods: OdsReader): Promise<IdentityModel> {
  const model = await ods.identityModel();
  if (model === null) throw new HTTPException(409, { message: 'no identity model yet: a `cif run` delivers it to the ODS' });
  return model as IdentityModel;
}

async function explain(model: IdentityModel, a: PersonFields, b: PersonFields): Promise<Explanation> {
  try {
    return await explainPair(model, a, b);
  } catch (error) {
    throw new HTTPException(500, { message: `cannot explain with the identity model held: ${error instanceof Error ? error.message : String(error)}` });
  }
}

async function customerOr404(ods: OdsReader, raw: string) {
  const parsed = customerId.safeParse(raw);
  if (!parsed.success) throw new HTTPException(400, { message: `customer id must be a positive number, not "${raw}"` });
  const profile = await ods.getCustomer(parsed.data);
  if (!profile) throw new HTTPException(404, { message: `no customer ${parsed.data}` });
  return profile;
}

export function stewardshipRoutes(app: Hono, ods: OdsReader): void {
  app.get('/api/review', async (c) => {
    const { limit, offset } = parse(pageQuery, c.req.query());
    return c.json({ limit, offset, ...(await ods.listReview({ limit, offset })) });
  });

  app.get('/api/review/:pairId', async (c) => {
    const pairId = c.req.param('pairId');
    const pair = await ods.getReviewPair(pairId);
    if (!pair) throw new HTTPException(404, { message: `no pair "${pairId}" in the review queue` });
    const model = await ods.identityModel();
    let explanation: Explanation | null = null;
    let explanationMissing: string | undefined;
    if (model === null) explanationMissing = 'no identity model yet: a `cif run` delivers it to the ODS';
    else if (!pair.a.fields || !pair.b.fields) explanationMissing = 'a record of this pair is no longer in the ODS';
    else explanation = await explain(model as IdentityModel, pair.a.fields, pair.b.fields);
    return c.json({ ...pair, explanation, ...(explanationMissing ? { explanationMissing } : {}) });
  });

  app.post('/api/review/:pairId/decision', async (c) => {
    const pairId = c.req.param('pairId');
    const body = parse(decisionBody, await jsonBody(c));
    const pair = await ods.getReviewPair(pairId);
    if (!pair) throw new HTTPException(404, { message: `no pair "${pairId}" in the review queue` });
    if (pair.status === 'decided') throw new HTTPException(409, { message: `pair "${pairId}" was already decided (${pair.decision}) at ${pair.decidedAt}` });
    const decision = await ods.recordDecision({
      a: { source: pair.a.source, sourceKey: pair.a.sourceKey },
      b: { source: pair.b.source, sourceKey: pair.b.sourceKey },
      decision: body.decision,
      reason: body.reason,
      decidedBy: body.decidedBy ?? signedIn(c).name,
    });
    return c.json(decision, 201);
  });

  app.post('/api/customers/:id/merge', async (c) => {
    const body = parse(mergeBody, await jsonBody(c));
    const profile = await customerOr404(ods, c.req.param('id'));
    const other = await ods.getCustomer(body.otherId);
    const id = profile.customer.customer_id;
    if (!other) throw new HTTPException(400, { message: `otherId: no customer ${body.otherId}` });
    if (other.customer.customer_id === id) {
      const via = body.otherId === id ? '' : ` (${body.otherId} was merged into ${id})`;
      throw new HTTPException(400, { message: `otherId: cannot merge customer ${id} with itself${via}` });
    }
    const [mine] = profile.sourceRecords;
    const [theirs] = other.sourceRecords;
    if (!mine) throw new HTTPException(400, { message: `customer ${id} has no source records to link` });
    if (!theirs) throw new HTTPException(400, { message: `otherId: customer ${other.customer.customer_id} has no source records to link` });
    // One "same" decision joins the two: identity clusters a steward's link whole.
    const decisions = await ods.recordDecisions([
      { a: refOf(mine), b: refOf(theirs), decision: 'same', reason: body.reason, decidedBy: body.decidedBy ?? signedIn(c).name },
    ]);
    return c.json({ decisions, appliesAt }, 202);
  });

  app.post('/api/customers/:id/split', async (c) => {
    const body = parse(splitBody, await jsonBody(c));
    const profile = await customerOr404(ods, c.req.param('id'));
    const id = profile.customer.customer_id;
    const own = new Map(profile.sourceRecords.map((r) => [refText(refOf(r)), r]));
    const leaving = new Map<string, CustomerSourceRow>();
    const strangers: { index: number; ref: RecordRef }[] = [];
    body.records.forEach((ref, index) => {
      const record = own.get(refText(ref));
      if (record) leaving.set(refText(ref), record);
      else strangers.push({ index, ref });
    });
    if (strangers.length > 0) {
      const found = await ods.getSourceRecords(strangers.map((s) => s.ref));
      const { index, ref } = strangers[0]!;
      const elsewhere = found.find((r) => r.source === ref.source && r.source_key === ref.sourceKey);
      throw new HTTPException(400, {
        message: elsewhere
          ? `records.${index}: ${refText(ref)} is a record of customer ${elsewhere.customer_id}, not of customer ${id}`
          : `records.${index}: no source record ${refText(ref)}`,
      });
    }
    const staying = profile.sourceRecords.filter((r) => !leaving.has(refText(refOf(r))));
    if (staying.length === 0) {
      throw new HTTPException(400, { message: `records: splitting off all ${leaving.size} records of customer ${id} leaves nothing behind; keep at least one` });
    }
    if (leaving.size * staying.length > maxSplitDecisions) {
      throw new HTTPException(400, { message: `records: this split needs ${leaving.size * staying.length} decisions (at most ${maxSplitDecisions}); split in smaller steps` });
    }
    const decidedBy = body.decidedBy ?? signedIn(c).name;
    const inputs: DecisionInput[] = [...leaving.values()].flatMap((l) =>
      staying.map((s) => ({ a: refOf(l), b: refOf(s), decision: 'different' as const, reason: body.reason, decidedBy })),
    );
    const decisions: StewardDecision[] = await ods.recordDecisions(inputs);
    return c.json({ decisions, appliesAt }, 202);
  });

  app.get('/api/explain', async (c) => {
    const { a, b } = parse(explainQuery, c.req.query());
    const found = await ods.getSourceRecords([a, b]);
    const record = (side: 'a' | 'b', ref: RecordRef) => {
      const row = found.find((r) => r.source === ref.source && r.source_key === ref.sourceKey);
      if (!row) throw new HTTPException(404, { message: `${side}: no source record ${refText(ref)}` });
      return row;
    };
    const ra = record('a', a);
    const rb = record('b', b);
    const model = await modelOrConflict(ods);
    const side = (r: CustomerSourceRow) => ({ source: r.source, sourceKey: r.source_key, customerId: r.customer_id, fields: personFields(r) });
    return c.json({ a: side(ra), b: side(rb), explanation: await explain(model, personFields(ra), personFields(rb)) });
  });

  app.get('/api/customers/:id/explain', async (c) => {
    const profile = await customerOr404(ods, c.req.param('id'));
    const model = await modelOrConflict(ods);
    const records = [];
    for (const r of profile.sourceRecords.slice(0, maxExplainedRecords)) {
      records.push({ source: r.source, sourceKey: r.source_key, fields: personFields(r), explanation: await explain(model, personFields(r), goldenFields(profile.customer, r)) });
    }
    const result = {
      customerId: profile.customer.customer_id,
      golden: goldenFields(profile.customer),
      records,
      ...(profile.sourceRecords.length > maxExplainedRecords ? { omitted: profile.sourceRecords.length - maxExplainedRecords } : {}),
    };
    return c.json(maskExplained(result, signedIn(c).role));
  });
}
