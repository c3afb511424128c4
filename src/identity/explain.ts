// Why two records are, or are not, one person: the weight each attribute adds to the match (a waterfall of
// evidence), from the same comparisons and model the run used. Works on any two records given as person fields,
// in its own small in-memory DuckDB, so the server can explain without the warehouse file.
import { type Duck, openDuck } from '../duckdb/index.ts';
import { trustedSql, vetoSql } from './deterministic-rules.ts';
import { comparePairs, type IdentityModel, matchWeightSql, modelComparisons, termFrequencyColumns, weightColumns } from './fellegi-sunter.ts';
import { prepareRecords } from './person-fields.ts';

/** A source record's standardised fields, as staging and the ODS keep them. */
export interface PersonFields {
  given_name?: string | null;
  middle_name?: string | null;
  family_name?: string | null;
  name_suffix?: string | null;
  /** yyyy-mm-dd */
  birth_date?: string | null;
  email?: string | null;
  phone?: string | null;
  address_line?: string | null;
  city?: string | null;
  region?: string | null;
  postcode?: string | null;
}

export interface Evidence {
  comparison: string;
  description: string;
  /** The level the pair landed on, or null when one of them has no value. */
  level: string | null;
  /** log2 of the Bayes factor: what this attribute adds to the match weight. */
  weight: number;
  a: string | null;
  b: string | null;
}

export interface Explanation {
  /** log2 odds that two records drawn at random are one person. */
  prior: number;
  /** prior + the evidence. */
  weight: number;
  probability: number;
  evidence: Evidence[];
  /** A rule that says these records are never one person, whatever the weights. */
  veto: boolean;
  /** An identifier trusted to link at once. */
  trusted: boolean;
}

const fieldOfComparison: Record<string, (p: PersonFields) => string | null | undefined> = {
  first_name: (p) => p.given_name, middle_name: (p) => p.middle_name, last_name: (p) => p.family_name, name_suffix: (p) => p.name_suffix,
  birth_date: (p) => p.birth_date, email: (p) => p.email, phone: (p) => p.phone,
  address: (p) => [p.address_line, p.city, p.postcode].filter(Boolean).join(', ') || null,
};

let shared: Promise<Duck> | null = null;
let queue: Promise<unknown> = Promise.resolve();

/** Explains a pair of records under a model. Calls are serialised on one in-memory DuckDB. */
export function explainPair(model: IdentityModel, a: PersonFields, b: PersonFields): Promise<Explanation> {
  const next = queue.then(async () => explainOn(await (shared ??= openDuck(':memory:', { memoryLimit: '256MB' })), model, a, b));
  queue = next.catch(() => undefined);
  return next;
}

async function explainOn(duck: Duck, model: IdentityModel, a: PersonFields, b: PersonFields): Promise<Explanation> {
  const row = (p: PersonFields, rid: number) => [rid, 'x', p.given_name ?? null, p.middle_name ?? null, p.family_name ?? null, p.name_suffix ?? null,
    p.birth_date ?? null, p.email ?? null, p.phone ?? null, p.address_line ?? null, p.city ?? null, p.postcode ?? null, p.region ?? null];
  await duck.run(`CREATE OR REPLACE TEMP TABLE explain_input (rid INTEGER, src VARCHAR, first_name VARCHAR, middle_name VARCHAR, last_name VARCHAR,
    name_suffix VARCHAR, birth_date VARCHAR, email VARCHAR, phone VARCHAR, address_1 VARCHAR, city VARCHAR, postcode VARCHAR, state VARCHAR)`);
  await duck.run('INSERT INTO explain_input VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)', row(a, 1));
  await duck.run('INSERT INTO explain_input VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)', row(b, 2));
  await prepareRecords(duck, {
    from: 'explain_input', into: 'explain_record',
    roles: ['first_name', 'middle_name', 'last_name', 'name_suffix', 'birth_date', 'email', 'phone', 'address_1', 'city', 'postcode', 'state'],
  });
  // A lone pair has no population to tell how common a value is: the model's average (u) stands in.
  for (const column of termFrequencyColumns) await duck.run(`ALTER TABLE explain_record ADD COLUMN tf_${column} DOUBLE`);
  await duck.run("CREATE OR REPLACE TEMP TABLE explain_pair AS SELECT 1 AS a, 2 AS b, 0 AS rules");
  await comparePairs(duck, { pairs: 'explain_pair', records: 'explain_record', into: 'explain_compared', active: modelComparisons(model) });
  const result = await duck.one<Record<string, number | boolean | null>>(`SELECT *, ${weightColumns(model)}, ${matchWeightSql(model)} AS total,
      ${vetoSql(model)} AS veto, ${trustedSql(model)} AS trusted FROM explain_compared`);
  const prior = Math.log2(model.prior / (1 - model.prior));
  const evidence: Evidence[] = model.comparisons.map((c) => {
    const level = result?.[`g_${c.name}`] as number | null;
    return {
      comparison: c.name, description: c.description, level: level === null || level === undefined ? null : c.levels[level].label,
      weight: round((result?.[`w_${c.name}`] as number) ?? 0), a: fieldOfComparison[c.name]?.(a) ?? null, b: fieldOfComparison[c.name]?.(b) ?? null,
    };
  });
  // The household correction is a line of its own, so the waterfall still adds up.
  evidence.push({ comparison: 'household', description: 'Surname, address and phone agree as a household\'s do: their rarity counts once',
    level: null, weight: round((result?.w_household as number) ?? 0), a: null, b: null });
  const weight = (result?.total as number) ?? prior;
  const veto = Boolean(result?.veto);
  const trusted = Boolean(result?.trusted);
  return { prior: round(prior), weight: round(weight), probability: trusted ? 1 : veto ? 0 : 1 / (1 + 2 ** -weight), evidence, veto, trusted };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

const fieldColumns = `given_name, middle_name, family_name, name_suffix, strftime(birth_date, '%Y-%m-%d') AS birth_date, email, phone,
  address_line, city, region, postcode`;

/** A source record's fields as staged, or null when the factory has no such record. */
export async function recordFields(duck: Duck, source: string, sourceKey: string): Promise<PersonFields | null> {
  return (await duck.one<PersonFields>(`SELECT ${fieldColumns} FROM staging.customer WHERE source = $1 AND source_key = $2`, [source, sourceKey])) ?? null;
}

/** Each source record of a customer explained against the customer's golden record. */
export async function explainCustomer(duck: Duck, model: IdentityModel, customerId: number) {
  const golden = await duck.one<PersonFields>(`SELECT given_name, middle_name, family_name, name_suffix, strftime(birth_date, '%Y-%m-%d') AS birth_date,
      emails[1].value AS email, phones[1].value AS phone, address_line, city, region, postcode FROM identity.customer WHERE customer_id = $1`, [customerId]);
  if (!golden) return null;
  const records = await duck.all<PersonFields & { source: string; source_key: string }>(`SELECT s.source, s.source_key, ${fieldColumns}
    FROM staging.customer s JOIN identity.xref x USING (source, source_key) WHERE x.customer_id = $1 ORDER BY s.source, s.source_key`, [customerId]);
  const out = [];
  for (const { source, source_key: sourceKey, ...fields } of records) out.push({ source, sourceKey, explanation: await explainPair(model, fields, golden) });
  return { golden, records: out };
}
