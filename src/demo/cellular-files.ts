// The cellular subscriber system: a mainframe that keeps everything upper case, names as
// "SMITH, ROBERT J JR", dates as MM/DD/YYYY and the status as one letter.
import { usDay, usText } from './calendar.ts';
import { addressUpperAbbreviated, money, phoneParenthesised } from './text-formats.ts';
import type { Random } from './random.ts';
import type { RecordView } from './record-variation.ts';
import type { AccountPlan } from './customer-life.ts';

export const cellularCustomerHeader = 'SUBSCRIBER_ID,NAME,DOB,ADDRESS,CITY,STATE,ZIP,PHONE,EMAIL,LAST_UPDATED';
export const cellularAccountHeader = 'ACCOUNT_NO,SUBSCRIBER_ID,PLAN,STATUS,ACTIVATED,DEACTIVATED,MONTHLY_CHARGE';

export function cellularCustomerRow(key: string, view: RecordView, rng: Random): string {
  const initial = view.middle && rng.chance(0.8) ? ` ${view.middle[0]}` : '';
  const suffix = view.suffix ? ` ${view.suffix}` : '';
  // the old screens took letters only, so O'Brien became OBRIEN
  const family = view.family.replace(/[^A-Za-z -]/g, '');
  const name = `${family}, ${view.given}${initial}${suffix}`.toUpperCase();
  // only the name holds a comma; the other fields are known to be plain
  return (
    `${key},"${name}",${view.birth ? usText(view.birth) : ''},${addressUpperAbbreviated(view.address)},` +
    `${view.address.city.name.toUpperCase()},${view.address.city.state},${view.address.zip},` +
    `${view.phone ? phoneParenthesised(view.phone) : ''},${view.email ? view.email.toUpperCase() : ''},${usDay(view.updatedDay)}`
  );
}

export function cellularAccountRow(account: AccountPlan): string {
  const closed = account.closedDay >= 0;
  return `${account.key},${account.customerKey},${account.plan.name},${closed ? 'C' : 'A'},${usDay(account.openedDay)},${closed ? usDay(account.closedDay) : ''},${money(account.monthlyCents)}`;
}
