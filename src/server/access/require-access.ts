// The gate in front of /api/*: who is calling (a session token in the cookie or a Bearer header, or a system's API
// key), then whether their role may call this route (route-roles.ts).
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { OdsReader } from '../../ods/index.ts';
import { allowedRoles } from './route-roles.ts';
import type { SignedIn } from './signed-in.ts';
import { sessionCookie, sha256Hex } from './tokens.ts';

/** Routes anyone may call: signing in. */
const open = new Set(['POST /api/auth/login']);

/** The session token: the Bearer header's, else the cookie's. */
export function sessionToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (header) return /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  return getCookie(c, sessionCookie);
}

const refuse = (c: Context, error: string) => c.json({ error }, 401, { 'www-authenticate': 'Bearer realm="cif"' });

async function caller(c: Context, ods: OdsReader): Promise<SignedIn | string> {
  const apiKey = c.req.header('x-api-key');
  if (apiKey !== undefined) {
    const source = apiKey ? await ods.apiKeySource(sha256Hex(apiKey)) : null;
    return source === null ? 'the API key is not valid' : { name: source, role: 'system', customerId: null };
  }
  const token = sessionToken(c);
  if (!token) return 'sign in first';
  return (await ods.sessionUser(sha256Hex(token))) ?? 'the session has ended or is not valid: sign in again';
}

export function requireAccess(ods: OdsReader): MiddlewareHandler {
  return async (c, next) => {
    if (open.has(`${c.req.method} ${c.req.path}`)) return next();
    const who = await caller(c, ods);
    if (typeof who === 'string') return refuse(c, who);
    if (!allowedRoles(c.req.method, c.req.path).includes(who.role)) {
      return c.json({ error: `the ${who.role} role may not ${c.req.method} ${c.req.path}` }, 403);
    }
    c.set('signedIn', who);
    return next();
  };
}
