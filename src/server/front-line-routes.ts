// The transactional interface over HTTP: the front line (and the customer, in the portal) changes details and
// preferences, logs contacts and campaign responses. Every write names who made it and through which channel.
import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { type Actor, contactsPerPage, type CustomerProfile, maxContactsPage, type OdsReader } from '../ods/index.ts';
import { defaultPromptRules, type Prompt, type PromptRule, promptsFor } from '../prompts/index.ts';
import { maskProfile, type Role, signedIn } from './access/index.ts';
import { contactSchema, detailsSchema, parseOr422, preferencesSchema, responseSchema, UnprocessableField } from './front-line-validation.ts';

export interface FrontLineOptions {
  /** Operational systems with an outbound endpoint: each gets the changes of the customers it holds. */
  outboundSources: string[];
  /** Country of phone numbers written without one. */
  country: CountryCode;
  /** The prompts shown with a customer (cif.yaml's `prompts:`); the default rules when not given. */
  prompts?: readonly PromptRule[];
}

const customerId = z.coerce.number().int().positive();

const contactsQuery = z.object({
  before: z.string().max(1000, 'is not a cursor of a page of contacts').optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number')
    .min(1, `must be 1 to ${maxContactsPage}`).max(maxContactsPage, `must be 1 to ${maxContactsPage}`).default(contactsPerPage),
});

async function body(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new HTTPException(400, { message: 'the body must be JSON' });
  }
}

/** The ODS's refusals, which arrive by name from its thread, as HTTP answers. */
export async function fromOds<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const { name, message } = error as Error;
    if (name === 'OdsConflictError') throw new HTTPException(409, { message });
    if (name === 'OdsNotFoundError') throw new HTTPException(404, { message });
    if (name === 'OdsInputError') throw new UnprocessableField(message.split(':')[0] ?? 'body', message.slice(message.indexOf(':') + 1).trim());
    throw error;
  }
}

/** The version a client sends back with its change: the customer's row version, at the top for convenience. */
export function withVersion(profile: CustomerProfile): CustomerProfile & { version: number } {
  return { ...profile, version: profile.customer.version };
}

/** A customer as staff see it: masked for the role, with the version to send back and the prompts of the factory's rules. */
export function staffView(profile: CustomerProfile, role: Role, rules: readonly PromptRule[] = defaultPromptRules): CustomerProfile & { version: number; prompts: Prompt[] } {
  return { ...withVersion(maskProfile(profile, role)), prompts: promptsFor(profile.facts, rules) };
}

/** What a customer sees of themselves: their details, products and preferences; not the factory's workings. */
function portalView(profile: CustomerProfile) {
  const { customer, accounts, preferences } = profile;
  return { customer, accounts, preferences, version: customer.version };
}

export function frontLineRoutes(app: Hono, ods: OdsReader, options: FrontLineOptions): void {
  const details = detailsSchema(options.country);

  const actor = (c: Context, channel: Actor['channel']): Actor => {
    const who = signedIn(c);
    return { name: who.name, role: who.role, channel };
  };

  /** The customer id the route names, as asked for; 400 when it is no id. */
  const named = (c: Context): number => {
    const parsed = customerId.safeParse(c.req.param('id'));
    if (!parsed.success) throw new HTTPException(400, { message: `customer id must be a positive number, not "${c.req.param('id')}"` });
    return parsed.data;
  };

  /** The customer the route names, following merges; 404 when there is none. */
  const resolve = async (c: Context): Promise<number> => {
    const id = named(c);
    const found = await ods.survivingCustomerId(id);
    if (found === null) throw new HTTPException(404, { message: `no customer ${id}` });
    return found;
  };

  /** A customer in the portal is their own customer, and nobody else. */
  const own = (c: Context): number => {
    const id = signedIn(c).customerId;
    if (id === null) throw new HTTPException(403, { message: 'only a customer has a record of their own' });
    return id;
  };

  const view = (c: Context, profile: CustomerProfile, channel: Actor['channel']) =>
    (channel === 'portal' ? portalView(profile) : staffView(profile, signedIn(c).role, options.prompts));

  const changeDetails = async (c: Context, id: number, channel: Actor['channel']) => {
    const { version, ...change } = parseOr422(details, await body(c));
    const result = await fromOds(() => ods.updateCustomerDetails({ customerId: id, version, change, actor: actor(c, channel), outbound: options.outboundSources }));
    const profile = await ods.getCustomer(id);
    return c.json({ ...view(c, profile!, channel), changeId: result.change.change_id, outbound: result.outbound });
  };

  const changePreferences = async (c: Context, id: number, channel: Actor['channel']) => {
    const change = parseOr422(preferencesSchema, await body(c));
    const result = await fromOds(() => ods.updatePreferences({ customerId: id, change, actor: actor(c, channel), outbound: options.outboundSources }));
    return c.json({ preferences: result.preferences, changeId: result.change.change_id, outbound: result.outbound });
  };

  const audit = async (c: Context, id: number) => c.json({ customerId: id, items: await ods.listChanges(id) });

  app.patch('/api/customers/:id', async (c) => changeDetails(c, await resolve(c), 'workspace'));
  app.patch('/api/customers/:id/preferences', async (c) => changePreferences(c, await resolve(c), 'workspace'));
  app.get('/api/customers/:id/audit', async (c) => audit(c, await resolve(c)));

  // Older contacts than the customer answer holds, a page at a time; the ODS follows merges itself.
  app.get('/api/customers/:id/contacts', async (c) => {
    const id = named(c);
    const { before, limit } = parseOr422(contactsQuery, c.req.query());
    const page = await fromOds(() => ods.listContacts(id, { before, limit }));
    if (!page) throw new HTTPException(404, { message: `no customer ${id}` });
    return c.json(page);
  });

  app.post('/api/customers/:id/contacts', async (c) => {
    const id = await resolve(c);
    const input = parseOr422(contactSchema, await body(c));
    const contact = { channel: input.channel, reason: input.reason, outcome: input.outcome ?? null, notes: input.notes ?? null, is_complaint: input.complaint ?? false };
    const result = await fromOds(() => ods.logContact({ customerId: id, contact, actor: actor(c, 'workspace') }));
    return c.json({ changeId: result.change.change_id, contactKey: result.contactKey, contactedAt: result.change.changed_at }, 201);
  });

  app.post('/api/customers/:id/responses', async (c) => {
    const id = await resolve(c);
    const input = parseOr422(responseSchema, await body(c));
    const contact = {
      channel: input.channel, reason: `campaign ${input.campaign}${input.offer ? `: ${input.offer}` : ''}`, outcome: input.response,
      notes: input.notes ?? null, is_complaint: false,
    };
    const result = await fromOds(() => ods.logContact({ customerId: id, contact, kind: 'response', actor: actor(c, 'workspace') }));
    return c.json({ changeId: result.change.change_id, contactKey: result.contactKey, contactedAt: result.change.changed_at }, 201);
  });

  // The portal: the same writes, on the signed-in customer's own record only.
  app.get('/api/me', async (c) => {
    const profile = await ods.getCustomer(own(c));
    if (!profile) throw new HTTPException(404, { message: 'your customer record is not in the ODS' });
    return c.json(portalView(profile));
  });
  app.patch('/api/me', async (c) => changeDetails(c, own(c), 'portal'));
  app.patch('/api/me/preferences', async (c) => changePreferences(c, own(c), 'portal'));
  // A customer sees that staff changed their record, not which member of staff did, nor the notes staff wrote.
  app.get('/api/me/audit', async (c) => {
    const id = own(c);
    const items = (await ods.listChanges(id)).map((change) => (change.role === 'customer' ? change : {
      ...change, changed_by: 'staff', after: change.kind === 'contact' || change.kind === 'response' ? { ...change.after, notes: null } : change.after,
    }));
    return c.json({ customerId: id, items });
  });
}
