// The prompts a factory gets when its cif.yaml has no `prompts:` list: the front line's four everyday cautions
// and one cross-sell. The offer names the demo's product lines; a factory without them never sees it.
import type { PromptRule } from './prompt-rule.ts';

export const defaultPromptRules: PromptRule[] = [
  {
    id: 'complaint-open',
    when: { fact: 'complaintOpenDays', atLeast: 7 },
    tone: 'warning',
    text: 'Complaint open for {complaintOpenDays} days',
    reason: 'No contact has resolved it for a week or more: deal with it before anything else.',
  },
  {
    id: 'address-differs',
    when: { fact: 'addressesDiffer', is: true },
    tone: 'warning',
    text: 'Address changed in {addressChangedIn} but not in {addressNotChangedIn}',
    reason: 'The systems hold different addresses: confirm it with the customer and change it here, once, for all of them.',
  },
  {
    id: 'do-not-contact',
    when: { fact: 'doNotContact', is: true },
    tone: 'warning',
    text: 'Do not contact: serve the customer, do not sell',
    reason: 'The customer asked to be contacted only to be served.',
    suppressOffers: true,
  },
  {
    id: 'contacted-often',
    when: { fact: 'contactsLast30Days', atLeast: 3 },
    tone: 'warning',
    text: 'Contacted {contactsLast30Days} times in 30 days: do not solicit',
    reason: 'Three contacts in 30 days are enough: offers wait.',
    suppressOffers: true,
  },
  {
    id: 'cable-bundle',
    when: { owns: ['cellular'], lacks: ['cable', 'long_distance'] },
    tone: 'offer',
    text: 'Owns cellular only: offer the cable bundle',
    reason: 'A customer with one product line leaves more often than one with two.',
  },
];
