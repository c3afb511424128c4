// Signing in and out. A wrong name and a wrong password get the same answer, so the answer does not tell who has an account.
import type { IncomingMessage } from 'node:http';
import type { Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { OdsReader } from '../../ods/index.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { sessionToken } from './require-access.ts';
import { type SignInLimit, signInLimit } from './sign-in-limit.ts';
import { signedIn } from './signed-in.ts';
import { newToken, sessionCookie, sessionExpiry, sessionHours, sha256Hex } from './tokens.ts';

const loginBody = z.object({
  name: z.string({ error: 'required' }).trim().min(1, 'required').max(200),
  password: z.string({ error: 'required' }).min(1, 'required').max(1000),
});

const wrong = 'wrong name or password';

// Verified against when the name is unknown, so that an unknown name takes as long as a wrong password.
let decoy: Promise<string> | undefined;

/** The caller's address as the socket has it ('unknown' when no socket, e.g. a request made in-process). */
function clientAddress(c: Context): string {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming?.socket.remoteAddress ?? 'unknown';
}

export function authRoutes(app: Hono, ods: OdsReader, limit: SignInLimit = signInLimit()): void {
  app.post('/api/auth/login', async (c) => {
    const raw = await c.req.json().catch(() => {
      throw new HTTPException(400, { message: 'request body: expected JSON {"name", "password"}' });
    });
    const parsed = loginBody.safeParse(raw);
    if (!parsed.success) throw new HTTPException(400, { message: parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ') });
    const { name, password } = parsed.data;
    const address = clientAddress(c);
    const retryAfter = limit.retryAfter(name, address);
    if (retryAfter > 0) {
      const minutes = Math.ceil(retryAfter / 60);
      const error = `too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`;
      return c.json({ error }, 429, { 'retry-after': String(retryAfter) });
    }
    const user = await ods.findUser(name);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await (decoy ??= hashPassword(newToken()))));
    if (!user || !ok || user.disabledAt !== null) {
      limit.failed(name, address);
      throw new HTTPException(401, { message: wrong });
    }
    limit.succeeded(name);
    const token = newToken();
    const expiresAt = sessionExpiry();
    await ods.createSession(user.name, sha256Hex(token), expiresAt.toISOString());
    setCookie(c, sessionCookie, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      maxAge: sessionHours * 3600,
      secure: new URL(c.req.url).protocol === 'https:',
    });
    return c.json({ token, name: user.name, role: user.role, customerId: user.customerId, expiresAt: expiresAt.toISOString() });
  });

  app.post('/api/auth/logout', async (c) => {
    const token = sessionToken(c);
    if (token) await ods.endSession(sha256Hex(token));
    deleteCookie(c, sessionCookie, { path: '/' });
    return c.json({ signedOut: signedIn(c).name });
  });

  app.get('/api/auth/me', (c) => c.json(signedIn(c)));
}
