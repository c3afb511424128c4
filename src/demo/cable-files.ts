// The cable system: installer work orders turned customer file, kept as Parquet with every column
// text — names in natural order ("Robert J. Smith Jr."), dates as DD-Mon-YYYY, phones in E.164.
import { dayMonthText, isoDay } from './calendar.ts';
import { addressShort, money, phoneInternational, recasedEmail } from './text-formats.ts';
import type { Random } from './random.ts';
import type { RecordView } from './record-variation.ts';
import type { AccountPlan } from './customer-life.ts';

export const cableCustomerHeader = 'customer_id,full_name,date_of_birth,address1,city,state,postal_code,phone,email,modified';
export const cableAccountHeader = 'account_number,customer_id,package,status,install_date,disconnect_date,monthly_rate';

export function cableCustomerRow(key: string, view: RecordView, rng: Random): string {
  const initial = view.middle && rng.chance(0.5) ? ` ${view.middle[0]}.` : '';
  const suffix = view.suffix === 'JR' ? ' Jr.' : view.suffix === 'SR' ? ' Sr.' : '';
  const email = view.email && view.emailRecased ? recasedEmail(view.email) : (view.email ?? '');
  // no field here can hold a comma or a quote, so none needs quoting
  return (
    `${key},${view.given}${initial} ${view.family}${suffix},${view.birth ? dayMonthText(view.birth) : ''},${addressShort(view.address)},` +
    `${view.address.city.name},${view.address.city.state},${view.address.zip},${view.phone ? phoneInternational(view.phone) : ''},` +
    `${email},${isoDay(view.updatedDay)}`
  );
}

export function cableAccountRow(account: AccountPlan): string {
  const closed = account.closedDay >= 0;
  return `${account.key},${account.customerKey},${account.plan.name},${closed ? 'DISCONNECTED' : 'ACTIVE'},${isoDay(account.openedDay)},${closed ? isoDay(account.closedDay) : ''},${money(account.monthlyCents)}`;
}
