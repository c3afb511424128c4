// What a role sees of a customer: only stewards and admins see a full birth date; the others see the year, which
// is enough to tell two namesakes apart on the phone and too little to answer a security question.
import type { CustomerHit, CustomerProfile } from '../../ods/index.ts';
import type { Role } from './route-roles.ts';

const seesBirthDates: readonly Role[] = ['steward', 'admin'];

/** 1971-06-24 → 1971-**-**. */
export const birthYearOnly = (date: string | null | undefined): string | null => (date == null ? null : `${String(date).slice(0, 4)}-**-**`);

export const masksBirthDates = (role: Role): boolean => !seesBirthDates.includes(role);

/** The profile as the role may see it: the golden record's, the source records' and the household members' birth dates. */
export function maskProfile(profile: CustomerProfile, role: Role): CustomerProfile {
  if (!masksBirthDates(role)) return profile;
  return {
    ...profile,
    customer: { ...profile.customer, birth_date: birthYearOnly(profile.customer.birth_date) },
    sourceRecords: profile.sourceRecords.map((r) => ({ ...r, birth_date: birthYearOnly(r.birth_date) })),
    household: profile.household && { ...profile.household, members: profile.household.members.map((m) => ({ ...m, birth_date: birthYearOnly(m.birth_date) })) },
  };
}

/** Search hits as the role may see them. */
export function maskHits<T extends { items: CustomerHit[] }>(result: T, role: Role): T {
  if (!masksBirthDates(role)) return result;
  return { ...result, items: result.items.map((h) => ({ ...h, birth_date: birthYearOnly(h.birth_date) })) };
}

type Explained = { fields: { birth_date?: string | null }; explanation: { evidence: { comparison: string; a: unknown; b: unknown }[] } };

/** A customer's records explained against the golden record, as the role may see them: the compared birth dates too. */
export function maskExplained<T extends { golden: { birth_date?: string | null }; records: Explained[] }>(result: T, role: Role): T {
  if (!masksBirthDates(role)) return result;
  const year = (v: unknown) => (typeof v === 'string' ? birthYearOnly(v) : v);
  return {
    ...result,
    golden: { ...result.golden, birth_date: birthYearOnly(result.golden.birth_date) },
    records: result.records.map((r) => ({
      ...r,
      fields: { ...r.fields, birth_date: birthYearOnly(r.fields.birth_date) },
      explanation: { ...r.explanation, evidence: r.explanation.evidence.map((e) => (e.comparison === 'birth_date' ? { ...e, a: year(e.a), b: year(e.b) } : e)) },
    })),
  };
}
