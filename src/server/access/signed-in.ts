// Who made the request, as the access middleware found them; every handler behind it may ask.
import type { Context } from 'hono';
import type { Role } from './route-roles.ts';

export interface SignedIn {
  name: string;
  role: Role;
  /** The customer a customer user is; null for staff and systems. */
  customerId: number | null;
}

declare module 'hono' {
  interface ContextVariableMap {
    signedIn: SignedIn;
  }
}

/** The signed-in user; throws if called on a route the access middleware does not guard (a programming error). */
export function signedIn(c: Context): SignedIn {
  const who = c.get('signedIn');
  if (!who) throw new Error('signedIn(c) called on a request the access middleware did not see');
  return who;
}
