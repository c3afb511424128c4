// What the front line may write, checked at the edge and put in the form the factory keeps (upper-case addresses,
// lower-case e-mail, E.164 phones), so a change reads like a cleansed source record. A bad value is a 422 naming it.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';

const squeeze = (s: string) => s.trim().replace(/\s+/g, ' ');

const text = (max: number) =>
  z.string({ error: (issue) => (issue.input === undefined ? 'required' : 'must be text') }).transform(squeeze)
    .pipe(z.string().min(1, 'must not be empty').max(max, `at most ${max} characters`));

const name = text(100).refine((s) => /\p{L}/u.test(s), 'must have letters');
const upper = (max: number) => text(max).transform((s) => s.toUpperCase());

export function detailsSchema(country: CountryCode) {
  const phone = text(40).transform((value, ctx) => {
    const parsed = parsePhoneNumberFromString(value, country);
    if (!parsed?.isValid()) {
      ctx.addIssue({ code: 'custom', message: 'is not a telephone number' });
      return z.NEVER;
    }
    return parsed.number;
  });
  return z.strictObject({
    version: z.number({ error: 'required: the version of the customer that was read' }).int().positive(),
    given_name: name.optional(),
    middle_name: name.nullable().optional(),
    family_name: name.optional(),
    address_line: upper(200).optional(),
    city: upper(100).optional(),
    region: upper(50).nullable().optional(),
    postcode: upper(12).refine((s) => /^[A-Z0-9][A-Z0-9 -]*$/.test(s), 'is not a postal code').optional(),
    email: text(254).transform((s) => s.toLowerCase()).pipe(z.email('is not an e-mail address')).optional(),
    phone: phone.optional(),
  }, { error: (issue) => (issue.code === 'unrecognized_keys' ? `is not a field the front line can change` : undefined) });
}

export const channels = ['phone', 'branch', 'chat', 'email', 'web', 'post', 'sms', 'visit'] as const;

export const contactSchema = z.strictObject({
  channel: z.enum(channels, { error: `must be one of ${channels.join(', ')}` }),
  reason: text(200),
  outcome: text(200).nullable().optional(),
  notes: text(4000).nullable().optional(),
  complaint: z.boolean({ error: 'must be true or false' }).optional(),
});

export const responses = ['accepted', 'interested', 'declined', 'not interested'] as const;

export const responseSchema = z.strictObject({
  campaign: text(200),
  offer: text(200).nullable().optional(),
  response: z.enum(responses, { error: `must be one of ${responses.join(', ')}` }),
  channel: z.enum(channels, { error: `must be one of ${channels.join(', ')}` }),
  notes: text(4000).nullable().optional(),
});

export const marketingChannels = ['email', 'phone', 'sms', 'post'] as const;

export const preferencesSchema = z.strictObject({
  do_not_contact: z.boolean({ error: 'must be true or false' }).optional(),
  marketing: z.partialRecord(z.enum(marketingChannels, { error: `a channel is one of ${marketingChannels.join(', ')}` }),
    z.boolean({ error: 'must be true or false' })).optional(),
  preferred_channel: z.enum(channels, { error: `must be one of ${channels.join(', ')}` }).nullable().optional(),
  language: text(35).nullable().optional(),
});

/** 422 with the first offending field named, in the message and as `field`. */
export class UnprocessableField extends HTTPException {
  constructor(readonly field: string, message: string) {
    super(422, { message: `${field}: ${message}` });
  }
}

export function parseOr422<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.code === 'unrecognized_keys' ? String(issue.keys[0]) : issue.path.join('.') || 'body';
  throw new UnprocessableField(field, issue.message);
}
