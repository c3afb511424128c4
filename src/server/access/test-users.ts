// For tests: users named after their role, signed in through the API as the screens do.
import type { Hono } from 'hono';
import type { OdsReader, UserRole } from '../../ods/index.ts';
import { hashPassword } from './passwords.ts';

export const testPassword = 'correct horse battery staple';

// One hash for every test user: scrypt is slow on purpose.
let hashed: Promise<string> | undefined;

/** Adds a user (named after the role unless named); a customer user needs the customer id. */
export async function addTestUser(ods: OdsReader, role: UserRole, options: { name?: string; customerId?: number } = {}): Promise<string> {
  const name = options.name ?? role;
  await ods.addUser({ name, role, passwordHash: await (hashed ??= hashPassword(testPassword)), customerId: options.customerId ?? null });
  return name;
}

/** Signs in through POST /api/auth/login and returns the session token. */
export async function logIn(app: Hono, name: string, password = testPassword): Promise<string> {
  const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  if (res.status !== 200) throw new Error(`cannot sign in as ${name}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Adds a user with the role and signs them in: the session token. */
export async function signInAs(app: Hono, ods: OdsReader, role: UserRole, options: { name?: string; customerId?: number } = {}): Promise<string> {
  return logIn(app, await addTestUser(ods, role, options));
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
