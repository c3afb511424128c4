// One customer's prompts: the rules whose condition holds over the customer's facts, in the order of the rules,
// with offers held back while a rule says so, and always for a customer who is not to be contacted to sell.
import type { CustomerFacts } from '../ods/index.ts';
import { holds } from './condition.ts';
import type { PromptRule, Tone } from './prompt-rule.ts';
import { fillTemplate } from './prompt-text.ts';

export interface Prompt {
  rule: string;
  tone: Tone;
  text: string;
  reason: string;
}

/** Said when do-not-contact holds back offers and no rule of the factory's says so itself. */
export const offersHeldRule: PromptRule = {
  id: 'offers-held',
  when: { fact: 'doNotContact', is: true },
  tone: 'warning',
  text: 'Do not contact: no offers',
  reason: 'The customer asked to be contacted only to be served.',
};

export function promptsFor(facts: CustomerFacts, rules: readonly PromptRule[]): Prompt[] {
  const fired = rules.filter((rule) => holds(rule.when, facts));
  const saidWhy = fired.some((rule) => rule.suppressOffers);
  const guard = !saidWhy && holds(offersHeldRule.when, facts) ? [offersHeldRule] : [];
  const offersHeld = saidWhy || guard.length > 0;
  return [...guard, ...fired.filter((rule) => !(offersHeld && rule.tone === 'offer'))].map((rule) => ({
    rule: rule.id,
    tone: rule.tone,
    text: fillTemplate(rule.text, facts),
    reason: fillTemplate(rule.reason, facts),
  }));
}
