// A small stewardship world for the API and screen tests: a few customers whose records identity was unsure about,
// loaded through the ODS's own load path, with a hand-written matching model. Queue probabilities are the model's
// own, as identity would have given them.
import { explainPair, type IdentityModel } from '../identity/index.ts';
import type { CustomerEventInput, CustomerInput, CustomerSourceInput, Ods, ReviewPairInput } from '../ods/index.ts';

const level = (label: string, m: number, u: number, tf?: string) => ({ label, m, u, ...(tf ? { tf } : {}) });

/** m: how often one person's two records land on a level; u: how often two people's do. Level labels as in identity's comparisons. */
export const fixtureModel: IdentityModel = {
  version: 1,
  trainedAt: '2024-05-01T08:00:00.000Z',
  records: 20_000,
  prior: 0.00005,
  comparisons: [
    {
      name: 'first_name', description: 'Given name',
      levels: [level('exact', 0.8, 0.01, 'given'), level('nickname', 0.05, 0.001), level('close (Jaro-Winkler ≥ 0.92)', 0.06, 0.003), level('sounds alike', 0.02, 0.005),
        level('similar (Jaro-Winkler ≥ 0.8)', 0.02, 0.02), level('initial', 0.01, 0.005), level("the other's family name", 0.01, 0.0005), level('different', 0.03, 0.9555)],
    },
    {
      name: 'middle_name', description: 'Middle name',
      levels: [level('exact', 0.7, 0.05), level('initial', 0.2, 0.06), level('different', 0.1, 0.89)],
    },
    {
      name: 'last_name', description: 'Family name',
      levels: [level('exact', 0.8, 0.005, 'family'), level('close (one edit or Jaro-Winkler ≥ 0.92)', 0.08, 0.002), level('sounds alike', 0.02, 0.003),
        level('similar or part of the other', 0.03, 0.02), level("the other's given name", 0.01, 0.0005), level('different', 0.06, 0.9695)],
    },
    {
      name: 'name_suffix', description: 'Generational suffix (Jr, Sr, III)',
      levels: [level('exact', 0.95, 0.6), level('different', 0.05, 0.4)],
    },
    {
      name: 'birth_date', description: 'Date of birth',
      levels: [level('exact', 0.88, 0.0001), level('day and month swapped', 0.02, 0.0001), level('a generation apart (10 years or more)', 0.005, 0.6),
        level('one digit off', 0.05, 0.002), level('same year', 0.02, 0.02), level('different', 0.025, 0.37778)],
    },
    {
      name: 'email', description: 'E-mail address',
      levels: [level('exact', 0.75, 0.00001, 'email'), level('same name before the @', 0.1, 0.0005), level('different', 0.15, 0.99949)],
    },
    {
      name: 'phone', description: 'Telephone number',
      levels: [level('exact', 0.7, 0.0001, 'phone'), level('same last 7 digits', 0.05, 0.0005), level('one digit off', 0.03, 0.001), level('different', 0.22, 0.9984)],
    },
    {
      name: 'address', description: 'Address',
      levels: [level('exact', 0.6, 0.0005, 'address_key'), level('same number and street', 0.05, 0.0005), level('same postcode', 0.1, 0.02, 'postcode'),
        level('same city', 0.1, 0.05, 'city'), level('different', 0.15, 0.9295)],
    },
  ],
};

type Person = Omit<CustomerSourceInput, 'source' | 'source_key' | 'customer_id' | 'updated_on'>;

const person = (over: Partial<Person>): Person => ({
  given_name: null, middle_name: null, family_name: null, name_suffix: null, birth_date: null, email: null, phone: null,
  address_line: null, city: null, region: null, postcode: null, ...over,
});

const springfield = { city: 'Springfield', region: 'IL', postcode: '62701' };

/** customer id → its source records (source, key, fields); the first record's fields make the golden record. */
const people: Record<number, [string, string, Person][]> = {
  101: [
    ['core', 'C-1001', person({ given_name: 'Robert', middle_name: 'J', family_name: 'Smith', birth_date: '1970-01-31', email: 'rjs1970@example.com', phone: '+12175550101', address_line: '12 Oak Street', ...springfield })],
    ['web', 'W-88', person({ given_name: 'Bob', family_name: 'Smith', birth_date: '1970-01-31', email: 'bob.smith@example.net', phone: '+12175550101', address_line: '12 Oak St', ...springfield })],
  ],
  102: [['wireless', 'WL-7', person({ given_name: 'Bobby', family_name: 'Smyth', birth_date: '1970-01-13', email: 'rjs1970@example.net', phone: '+12175550199', address_line: '120 Oak St', ...springfield })]],
  103: [['core', 'C-2001', person({ given_name: 'Maria', family_name: 'Garcia', birth_date: '1985-06-02', email: 'maria.garcia@example.com', phone: '+13095550142', address_line: '4 Elm Avenue', city: 'Peoria', region: 'IL', postcode: '61602' })]],
  104: [['cable', 'CB-55', person({ given_name: 'Mary', family_name: 'Garcia', birth_date: '1985-06-20', phone: '+13095550142', address_line: '88 Lake Road', city: 'Peoria', region: 'IL', postcode: '61603' })]],
  105: [['core', 'C-3001', person({ given_name: 'John', middle_name: 'Allen', family_name: 'Doe', birth_date: '1962-11-05', address_line: '7 Pine Court', ...springfield, phone: '+12175550177' })]],
  106: [['web', 'W-301', person({ given_name: 'J', middle_name: 'A', family_name: 'Doe', birth_date: '1962-05-11', address_line: '19 Birch Lane', ...springfield })]],
  107: [['cable', 'CB-9', person({ given_name: 'Emily', family_name: 'Chen', birth_date: '1991-03-14', email: 'emily.chen@example.org', address_line: '301 River Drive', city: 'Decatur', region: 'IL', postcode: '62521' })]],
  108: [['wireless', 'WL-12', person({ given_name: 'Emily', family_name: 'Chen-Walker', birth_date: '1991-03-14', address_line: '55 Hill Street', city: 'Chicago', region: 'IL', postcode: '60601' })]],
};

/** Pairs identity was unsure about: [a, b] as source:key. */
const uncertain: [string, string][] = [
  ['core:C-1001', 'wireless:WL-7'],
  ['core:C-2001', 'cable:CB-55'],
  ['core:C-3001', 'web:W-301'],
  ['cable:CB-9', 'wireless:WL-12'],
];

const events: CustomerEventInput[] = [
  {
    customer_id: 101, kind: 'merged', other_id: 109, run_id: 1, reason: 'Same e-mail address and date of birth',
    evidence: { probability: 0.9993, agree: ['email', 'birth_date', 'last_name'] },
  },
  { customer_id: 103, kind: 'split', other_id: 110, run_id: 2, reason: 'Steward: mother and daughter share a name', evidence: { decisions: [7], decidedBy: 'ann.steward' } },
];

function records(): (CustomerSourceInput & { ref: string })[] {
  return Object.entries(people).flatMap(([id, list]) =>
    list.map(([source, source_key, fields]) => ({ source, source_key, customer_id: Number(id), updated_on: '2024-04-01', ...fields, ref: `${source}:${source_key}` })),
  );
}

function golden(id: number, fields: Person, list: [string, string, Person][]): CustomerInput {
  const [first] = list;
  return {
    customer_id: id,
    given_name: fields.given_name, middle_name: fields.middle_name, family_name: fields.family_name, name_suffix: fields.name_suffix,
    name_source: first![0], birth_date: fields.birth_date, birth_date_source: first![0],
    address_line: fields.address_line, city: fields.city, region: fields.region, postcode: fields.postcode, address_source: first![0],
    emails: list.flatMap(([source, , p]) => (p.email ? [{ value: p.email, source }] : [])),
    phones: [...new Map(list.flatMap(([source, , p]) => (p.phone ? [[p.phone, { value: p.phone, source }] as const] : []))).values()],
    household_id: null,
  };
}

async function* once<T>(rows: T[]): AsyncIterable<T[]> {
  yield rows;
}

export interface StewardshipFixture {
  /** The queue, most probable first: pair id, a and b as source:key. */
  pairs: { pairId: string; a: string; b: string; probability: number }[];
}

/** Loads the fixture into an open ODS (runs 1 and 2), with or without the model. */
export async function loadStewardshipFixture(ods: Ods, options: { model?: boolean } = {}): Promise<StewardshipFixture> {
  const all = records();
  const byRef = new Map(all.map((r) => [r.ref, r]));
  const review: ReviewPairInput[] = [];
  for (const [a, b] of uncertain) {
    const ra = byRef.get(a)!;
    const rb = byRef.get(b)!;
    const { probability } = await explainPair(fixtureModel, ra, rb);
    review.push({
      pair_id: `${a}|${b}`, a_source: ra.source, a_key: ra.source_key, b_source: rb.source, b_key: rb.source_key,
      a_customer_id: ra.customer_id, b_customer_id: rb.customer_id, probability: Math.round(probability * 10_000) / 10_000,
    });
  }
  for (const run of [1, 2]) {
    const day = `2024-05-0${run}`;
    await ods.recordRun({ run_id: run, started_at: `${day}T08:00:00.000Z`, finished_at: `${day}T08:04:00.000Z`, status: 'succeeded', error: null, sources: [] });
  }
  await ods.load(1, {
    upsert: {
      customer: once(Object.entries(people).map(([id, list]) => golden(Number(id), list[0]![2], list))),
      customer_source: once(all.map(({ ref: _, ...row }) => row)),
    },
    events: once(events.filter((e) => e.run_id === 1)),
  });
  await ods.load(2, { review: once(review), events: once(events.filter((e) => e.run_id === 2)), ...(options.model === false ? {} : { model: fixtureModel }) });
  return {
    pairs: review
      .map((p) => ({ pairId: p.pair_id, a: `${p.a_source}:${p.a_key}`, b: `${p.b_source}:${p.b_key}`, probability: p.probability }))
      .sort((x, y) => y.probability - x.probability),
  };
}
