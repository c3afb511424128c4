// The long distance system: a newer service that exports JSON Lines, names in separate fields in
// mixed case, ISO dates, dotted phone numbers and missing values as null.
import { isoDay, isoText } from './calendar.ts';
import { addressSpelledOut, jsonValue, phoneDotted, recasedEmail } from './text-formats.ts';
import type { Random } from './random.ts';
import type { RecordView } from './record-variation.ts';
import type { AccountPlan } from './customer-life.ts';

export function longDistanceCustomerLine(key: string, view: RecordView, rng: Random): string {
  const middle = view.middle === null ? null : rng.chance(0.55) ? view.middle : rng.chance(0.45) ? view.middle[0]! : null;
  const suffix = view.suffix === 'JR' ? 'Jr' : view.suffix === 'SR' ? 'Sr' : null;
  const zip = rng.chance(0.25) ? `${view.address.zip}-${String(rng.between(1, 9999)).padStart(4, '0')}` : view.address.zip;
  const email = view.email && view.emailRecased ? recasedEmail(view.email) : view.email;
  return (
    `{"cust_no":${jsonValue(key)},"first_name":${jsonValue(view.given)},"middle_name":${jsonValue(middle)},` +
    `"last_name":${jsonValue(view.family)},"suffix":${jsonValue(suffix)},"birth_date":${jsonValue(view.birth ? isoText(view.birth) : null)},` +
    `"street":${jsonValue(addressSpelledOut(view.address))},"city":${jsonValue(view.address.city.name)},"state":${jsonValue(view.address.city.state)},` +
    `"zip":${jsonValue(zip)},"phone":${jsonValue(view.phone ? phoneDotted(view.phone) : null)},"email":${jsonValue(email)},` +
    `"updated":${jsonValue(isoDay(view.updatedDay))}}`
  );
}

export function longDistanceAccountLine(account: AccountPlan): string {
  const closed = account.closedDay >= 0;
  return (
    `{"account_id":${jsonValue(account.key)},"cust_no":${jsonValue(account.customerKey)},"plan":${jsonValue(account.plan.name)},` +
    `"status":"${closed ? 'closed' : 'active'}","start_date":"${isoDay(account.openedDay)}",` +
    `"end_date":${closed ? `"${isoDay(account.closedDay)}"` : 'null'},"monthly_fee":${account.monthlyCents / 100}}`
  );
}
