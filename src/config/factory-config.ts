// The factory's configuration (cif.yaml or cif.json): where its data lives and which operational systems it reads.
import { z } from 'zod';
import { analyticsConfigSchema } from '../analytics/index.ts';
import { semanticConfigSchema } from '../marts/index.ts';
import { productLinesNamed, promptRulesSchema } from '../prompts/index.ts';
import { entities, entityNames, type EntityName } from './canonical-model.ts';

const fieldMapping = z.union([
  z.string().min(1),
  z.strictObject({
    field: z.string().min(1),
    format: z.string().optional(),
    parse: z.enum(['last_first', 'first_last']).optional(),
    map: z.record(z.string(), z.union([z.string(), z.boolean()])).optional(),
  }),
  z.strictObject({ value: z.union([z.string(), z.number(), z.boolean()]) }),
]);

const sourceFile = z
  .strictObject({
    entity: z.enum(entityNames as [EntityName, ...EntityName[]]),
    path: z.string().min(1),
    format: z.enum(['csv', 'jsonl', 'parquet']),
    key: z.string().min(1),
    delimiter: z.string().length(1).optional(),
    fields: z.record(z.string(), fieldMapping),
  })
  .superRefine((file, ctx) => {
    const known = entities[file.entity].fields as Record<string, unknown>;
    for (const name of Object.keys(file.fields)) {
      if (!(name in known)) {
        ctx.addIssue({ code: 'custom', path: ['fields', name], message: `"${name}" is not a field of a ${file.entity}; known fields: ${Object.keys(known).join(', ')}` });
      }
    }
  });

const httpUrl = z.string({ error: 'required: the http(s) URL changes are posted to' }).refine((value) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'must be an http:// or https:// URL');

/** Where front-line changes to this system's customers are delivered (see src/outbound/). */
const outbound = z.strictObject({
  url: httpUrl,
  secret: z.string({ error: 'required: the shared secret deliveries are signed with' }).trim().min(1, 'must not be empty: deliveries are signed with it'),
  maxAttempts: z.number().int().min(1, 'at least 1').max(100, 'at most 100').optional(),
});

const source = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a source name is lower case letters, digits and _'),
  description: z.string().optional(),
  productLine: z.string().optional(),
  files: z.array(sourceFile).min(1),
  outbound: outbound.optional(),
});

const probability = z.number().gt(0, 'a probability above 0').lt(1, 'a probability below 1');

/** How identity resolution decides; every setting has a default, so the section is optional. */
const identity = z.strictObject({
  /** Pairs at or above this match probability are one person. */
  matchThreshold: probability.default(0.95),
  /** Pairs between this and matchThreshold go to the steward's review queue. */
  reviewThreshold: probability.default(0.5),
  /** Estimate the matching model again from all records at the next run (then set it back to false). */
  retrain: z.boolean().default(false),
  /** Parameters to use instead of the estimated ones: comparison → level label → { m, u }. */
  model: z.record(z.string(), z.record(z.string(), z.strictObject({ m: probability.optional(), u: probability.optional() }))).optional(),
  /** Systems that keep one record per person by an identifier: two of their records with different values are two people. */
  uniqueWithinSource: z.record(z.string(), z.array(z.enum(['source_key', 'email', 'phone']))).optional(),
}).refine((i) => i.reviewThreshold <= i.matchThreshold, { message: 'reviewThreshold must not be above matchThreshold', path: ['reviewThreshold'] });

const factoryConfigShape = z.strictObject({
  name: z.string().default('cif'),
  data: z.string().default('.cif'),
  ods: z.strictObject({ url: z.string().nullable().optional() }).optional(),
  defaults: z.strictObject({ country: z.string().length(2).default('US') }).default({ country: 'US' }),
  sources: z.array(source).default([]),
  identity: identity.default({ matchThreshold: 0.95, reviewThreshold: 0.5, retrain: false }),
  /** Prompts on the front-line screen; without the list, the default rules (src/prompts/default-rules.ts). */
  prompts: promptRulesSchema.optional(),
  /** The measures, dimensions and value bands of the marts; without it, the defaults (src/marts/semantic-layer.ts). */
  semantic: semanticConfigSchema.optional(),
  /** How the analytics models are trained and what their scores turn into; without it, the defaults (src/analytics/analytics-config.ts). */
  analytics: analyticsConfigSchema.optional(),
});

export const factoryConfigSchema = factoryConfigShape.superRefine((config, ctx) => {
  const seen = new Set<string>();
  config.sources.forEach((s, i) => {
    if (seen.has(s.name)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'name'], message: `source "${s.name}" is declared twice` });
    seen.add(s.name);
  });
  for (const name of Object.keys(config.identity.uniqueWithinSource ?? {})) {
    if (!seen.has(name)) ctx.addIssue({ code: 'custom', path: ['identity', 'uniqueWithinSource', name], message: `no source "${name}" is declared` });
  }
  checkPromptProductLines(config, ctx);
});

/** Product lines a prompt names must be ones a source declares; unless a file maps product_line itself, which may hold any. */
function checkPromptProductLines(config: z.infer<typeof factoryConfigShape>, ctx: z.core.$RefinementCtx): void {
  const mapped = config.sources.some((s) => s.files.some((f) => f.entity === 'account' && 'product_line' in f.fields));
  if (mapped) return;
  const declared = [...new Set(config.sources.flatMap((s) => (s.productLine ? [s.productLine] : [])))];
  config.prompts?.forEach((rule, i) => {
    for (const { line, path } of productLinesNamed(rule.when)) {
      if (declared.includes(line)) continue;
      const known = declared.length > 0 ? `product lines: ${declared.join(', ')}` : 'no source declares a productLine';
      ctx.addIssue({ code: 'custom', path: ['prompts', i, 'when', ...path], message: `no source has product line "${line}"; ${known}` });
    }
  });
}

export type FactoryConfig = z.infer<typeof factoryConfigSchema>;
export type SourceConfig = FactoryConfig['sources'][number];
export type SourceFileConfig = SourceConfig['files'][number];
export type FieldMapping = z.infer<typeof fieldMapping>;
