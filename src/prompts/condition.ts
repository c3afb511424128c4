// Whether a rule's condition holds over one customer's facts: every test it gives must hold. A fact the ODS
// does not know (null) satisfies no comparison; `known` asks whether it knows it.
import type { CustomerFacts } from '../ods/index.ts';
import type { Condition } from './prompt-rule.ts';

export function holds(condition: Condition, facts: CustomerFacts): boolean {
  const value = condition.fact === undefined ? undefined : facts[condition.fact];
  const owned = facts.productLines ?? [];
  if (condition.atLeast !== undefined && !(typeof value === 'number' && value >= condition.atLeast)) return false;
  if (condition.atMost !== undefined && !(typeof value === 'number' && value <= condition.atMost)) return false;
  if (condition.is !== undefined && value !== condition.is) return false;
  if (condition.known !== undefined && (value !== null && value !== undefined) !== condition.known) return false;
  if (condition.owns && !condition.owns.every((line) => owned.includes(line))) return false;
  if (condition.lacks && condition.lacks.some((line) => owned.includes(line))) return false;
  if (condition.all && !condition.all.every((inner) => holds(inner, facts))) return false;
  if (condition.any && !condition.any.some((inner) => holds(inner, facts))) return false;
  return true;
}
