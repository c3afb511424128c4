// The portal's words for the factory's names: what a customer reads instead of column and channel codes.

/** The details a customer keeps, in the order the form asks for them. */
export const detailLabels = {
  given_name: 'First name',
  middle_name: 'Middle name',
  family_name: 'Last name',
  address_line: 'Street address',
  city: 'Town or city',
  region: 'State or region',
  postcode: 'ZIP or postcode',
  phone: 'Phone',
  email: 'E-mail',
};

/** Channels we may send offers by (the marketing consent's keys). */
export const offerChannels = { email: 'E-mail', phone: 'Phone call', sms: 'Text message', post: 'Letter' };

/** Every channel the factory knows, as a way to reach the customer. */
export const channelLabels = {
  email: 'E-mail', phone: 'Phone call', sms: 'Text message', post: 'Letter',
  chat: 'Online chat', web: 'Our website', branch: 'In a branch', visit: 'A visit',
};

export const productLines = { cellular: 'Mobile', long_distance: 'Long distance calls', cable: 'Cable TV and internet' };

export const productLine = (line) => productLines[line] ?? String(line ?? '').replace(/_/g, ' ');

/** 'YYYY-MM-DD' as "March 2019" (month: 'long') or "4 March 2019". */
export function dateWords(iso, { day = true } = {}) {
  if (!iso) return '';
  const date = new Date(`${String(iso).slice(0, 10)}T12:00:00`);
  return date.toLocaleDateString(undefined, { year: 'numeric', month: 'long', ...(day ? { day: 'numeric' } : {}) });
}

/** A timestamp as the customer's own date and time. */
export const momentWords = (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Who made a change, as the customer sees it: themselves, our staff, or one of our systems; never a staff member's name. */
export function byWhom(change) {
  if (change.role === 'customer') return change.channel === 'portal' ? 'You, on this site' : 'You';
  if (change.role === 'system') return 'One of our systems';
  return 'Our staff';
}
