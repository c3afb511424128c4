// A prompt rule is data: a condition over the customer's facts, a tone, a text and a reason. cif.yaml's
// `prompts:` list is read with these schemas, so a rule naming an unknown fact is refused with its field named.
import { z } from 'zod';
import { customerFactKinds, type FactName } from '../ods/index.ts';
import { placeholders } from './prompt-text.ts';

export const tones = ['warning', 'offer', 'info'] as const;
export type Tone = (typeof tones)[number];

/** Every test given must hold: a fact compared (atLeast, atMost, is) or known, product lines owned or lacked, all or any of other conditions. */
export interface Condition {
  fact?: FactName;
  atLeast?: number;
  atMost?: number;
  is?: boolean | number | string;
  /** Whether the ODS knows the fact (true) or not (false): a customer the models have scored, an offer they made. */
  known?: boolean;
  /** Active accounts in every one of these product lines. */
  owns?: string[];
  /** No active account in any of these product lines. */
  lacks?: string[];
  all?: Condition[];
  any?: Condition[];
}

const factNames = Object.keys(customerFactKinds) as FactName[];
const factList = factNames.join(', ');
const comparisons = ['atLeast', 'atMost', 'is', 'known'] as const;
const valueKinds = { number: 'number', boolean: 'boolean', text: 'string' } as const;

function checkCondition(condition: Condition, ctx: z.core.$RefinementCtx<Condition>): void {
  const issue = (key: keyof Condition, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
  if (Object.keys(condition).length === 0) {
    ctx.addIssue({ code: 'custom', message: 'a condition needs a test: fact with atLeast, atMost, is or known; owns; lacks; all; any' });
  }
  const given = comparisons.filter((key) => condition[key] !== undefined);
  if (condition.fact === undefined) {
    for (const key of given) issue(key, 'compares a fact: name it (fact: …)');
    return;
  }
  const { kind } = customerFactKinds[condition.fact];
  if (kind === 'list') {
    for (const key of given.length > 0 ? given : (['fact'] as const)) issue(key, `${condition.fact} is a list: test it with owns or lacks`);
    return;
  }
  if (given.length === 0) issue('fact', 'say what to compare it with: atLeast, atMost, is or known');
  for (const key of ['atLeast', 'atMost'] as const) {
    if (condition[key] !== undefined && kind !== 'number') issue(key, `${condition.fact} is a ${kind}, not a number: compare it with is`);
  }
  if (condition.is !== undefined && typeof condition.is !== valueKinds[kind]) issue('is', `${condition.fact} is a ${kind}: compare it with a ${kind}`);
}

const productLines = z.array(z.string().min(1), { error: 'a list of product lines' }).min(1, 'name at least one product line');

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject({
      fact: z.enum(factNames, { error: (issue) => `unknown fact "${String(issue.input)}"; facts: ${factList}` }).optional(),
      atLeast: z.number({ error: 'must be a number' }).optional(),
      atMost: z.number({ error: 'must be a number' }).optional(),
      is: z.union([z.boolean(), z.number(), z.string()], { error: 'must be true, false, a number or a text' }).optional(),
      known: z.boolean({ error: 'must be true (the fact is known) or false (it is not)' }).optional(),
      owns: productLines.optional(),
      lacks: productLines.optional(),
      all: z.array(conditionSchema).min(1, 'name at least one condition').optional(),
      any: z.array(conditionSchema).min(1, 'name at least one condition').optional(),
    })
    .superRefine(checkCondition),
);

const template = (what: string) =>
  z
    .string({ error: `required: ${what}` })
    .trim()
    .min(1, 'must not be empty')
    .superRefine((text, ctx) => {
      for (const name of placeholders(text)) {
        if (!factNames.includes(name as FactName)) ctx.addIssue({ code: 'custom', message: `{${name}} is not a fact; facts: ${factList}` });
      }
    });

export const promptRuleSchema = z
  .strictObject({
    id: z.string({ error: 'required: the rule id' }).regex(/^[a-z][a-z0-9-]*$/, 'a rule id is lower case letters, digits and -'),
    when: conditionSchema,
    tone: z.enum(tones, { error: `must be one of ${tones.join(', ')}` }),
    text: template('what the prompt says, e.g. "Complaint open for {complaintOpenDays} days"'),
    reason: template('why the prompt is shown'),
    /** While this rule holds, offers are held back: the rule's own prompt says why. */
    suppressOffers: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .refine((rule) => !(rule.suppressOffers && rule.tone === 'offer'), { message: 'an offer cannot hold back offers', path: ['suppressOffers'] });

export type PromptRule = z.infer<typeof promptRuleSchema>;

export const promptRulesSchema = z.array(promptRuleSchema).superRefine((rules, ctx) => {
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `rule "${rule.id}" is declared twice` });
    seen.add(rule.id);
  });
});

/** The product lines a condition names, each with its path below the condition (for errors naming the field). */
export function productLinesNamed(condition: Condition, path: (string | number)[] = []): { line: string; path: (string | number)[] }[] {
  return [
    ...(['owns', 'lacks'] as const).flatMap((key) => (condition[key] ?? []).map((line, i) => ({ line, path: [...path, key, i] }))),
    ...(['all', 'any'] as const).flatMap((key) => (condition[key] ?? []).flatMap((inner, i) => productLinesNamed(inner, [...path, key, i]))),
  ];
}
