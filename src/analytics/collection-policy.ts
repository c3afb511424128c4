// The credit and collection policy: a table in cif.yaml maps a customer's value tier and payment risk to a treatment;
// the first row that matches decides ("*" matches any). The same rule in TypeScript, for whoever asks about one
// customer, and in SQL, for scoring every customer at once.
import type { CollectionPolicyRow, PaymentRisk } from './analytics-config.ts';

/** Stands for any tier or any payment risk in a policy row. */
export const anyValue = '*';

export function matches(row: CollectionPolicyRow, tier: string, risk: PaymentRisk): boolean {
  return (row.tier === anyValue || row.tier === tier) && (row.paymentRisk === anyValue || row.paymentRisk === risk);
}

/** The treatment of a customer of this tier and payment risk: the first row that matches, undefined when none does. */
export function collectionTreatment(policy: CollectionPolicyRow[], tier: string, risk: PaymentRisk): CollectionPolicyRow | undefined {
  return policy.find((row) => matches(row, tier, risk));
}

const text = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** An SQL CASE giving the treatment (field 'treatment') or its description (field 'description') of the first row that matches. */
export function policySql(policy: CollectionPolicyRow[], tier: string, risk: string, field: 'treatment' | 'description'): string {
  const when = policy.map((row) => {
    const tests = [row.tier === anyValue ? null : `${tier} = ${text(row.tier)}`, row.paymentRisk === anyValue ? null : `${risk} = ${text(row.paymentRisk)}`]
      .filter((t) => t !== null);
    return `WHEN ${tests.length > 0 ? tests.join(' AND ') : 'true'} THEN ${text(row[field])}`;
  });
  return `CASE ${when.join(' ')} END`;
}
