// The prompts a factory gets when its cif.yaml has no `prompts:` list: the front line's four everyday cautions and one
// cross-sell, and the analytics' scores fed back (churn risk, payment risk, value, the next best offer). The cross-sell
// names the demo's product lines (a factory without them never sees it) and gives way to the models' own offer.
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
    id: 'churn-risk-high',
    when: { fact: 'churnBand', is: 'high' },
    tone: 'warning',
    text: 'Churn risk high ({churnRiskPercent}%): find out what would keep them',
    reason: '{churnReasons}',
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
    id: 'collection-treatment',
    when: { any: [{ fact: 'paymentRisk', is: 'high' }, { fact: 'paymentRisk', is: 'medium' }] },
    tone: 'info',
    text: 'Payment risk {paymentRisk}: {collectionTreatment}',
    reason: '{collectionDescription}',
  },
  {
    id: 'top-value',
    when: { fact: 'valueTier', is: 'top' },
    tone: 'info',
    text: 'Top-value customer: worth {valueLast12Months} over the last 12 months',
    reason: 'Among the customers the company earns the most from: serve them first.',
  },
  {
    id: 'next-best-offer',
    when: { fact: 'offerLine', known: true },
    tone: 'offer',
    text: 'Offer the {offerLine} bundle at {offerDiscountPercent}% off',
    reason: 'The best of the offers the models ranked for this customer: {offerPropensityPercent}% likely to be taken, worth {offerExpectedValue}.',
  },
  {
    id: 'cable-bundle',
    when: { owns: ['cellular'], lacks: ['cable', 'long_distance'], fact: 'offerLine', known: false },
    tone: 'offer',
    text: 'Owns cellular only: offer the cable bundle',
    reason: 'A customer with one product line leaves more often than one with two.',
  },
];
