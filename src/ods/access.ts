// Access in the ODS: who may sign in (app_user), their sessions (user_session) and the operational systems' API
// keys (api_key). Only hashes of secrets reach these tables; hashing is the server's business, not the store's.
import type { OdsDriver, OdsSession } from './driver.ts';
import { OdsInputError } from './stewardship.ts';

export const userRoles = ['agent', 'marketer', 'analyst', 'steward', 'admin', 'customer'] as const;
export type UserRole = (typeof userRoles)[number];

export interface UserInput {
  name: string;
  role: UserRole;
  /** scrypt$N$r$p$salt$hash, made by the server's access module. */
  passwordHash: string;
  /** Required for a customer, refused for staff. */
  customerId?: number | null;
}

export interface UserRecord {
  name: string;
  role: UserRole;
  passwordHash: string;
  customerId: number | null;
  createdAt: string;
  disabledAt: string | null;
}

/** Who a session belongs to: enough to decide what they may do. */
export interface SessionUser {
  name: string;
  role: UserRole;
  customerId: number | null;
}

type UserRow = { name: string; role: UserRole; password_hash: string; customer_id: number | null; created_at: string; disabled_at: string | null };

const maxNameLength = 200;

function userRecord(row: UserRow): UserRecord {
  return { name: row.name, role: row.role, passwordHash: row.password_hash, customerId: row.customer_id, createdAt: row.created_at, disabledAt: row.disabled_at };
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Adds a user in one transaction; bad input (a taken name, a customer that does not exist) is an OdsInputError naming the field. */
export async function addUser(driver: OdsDriver, input: UserInput): Promise<UserRecord> {
  if (typeof input !== 'object' || input === null) throw new OdsInputError('user: expected an object');
  if (!nonEmpty(input.name)) throw new OdsInputError('name: required');
  const name = input.name.trim();
  if (name.length > maxNameLength) throw new OdsInputError(`name: at most ${maxNameLength} characters`);
  if (!userRoles.includes(input.role)) throw new OdsInputError(`role: must be one of ${userRoles.join(', ')}, not ${JSON.stringify(input.role ?? null)}`);
  if (!nonEmpty(input.passwordHash)) throw new OdsInputError('passwordHash: required');
  const customerId = input.customerId ?? null;
  if (input.role === 'customer' && customerId === null) throw new OdsInputError('customerId: required for a customer user');
  if (input.role !== 'customer' && customerId !== null) throw new OdsInputError(`customerId: only a customer user has one, not a ${input.role}`);
  if (customerId !== null && !Number.isSafeInteger(customerId)) throw new OdsInputError(`customerId: must be a customer id, not ${JSON.stringify(customerId)}`);
  return driver.transaction(async (session) => {
    if (customerId !== null) {
      const [found] = await session.query('select 1 from customer where customer_id = $1', [customerId]);
      if (!found) throw new OdsInputError(`customerId: no customer ${customerId}`);
    }
    const [row] = await session.query<UserRow>(
      `insert into app_user (name, role, password_hash, customer_id) values ($1, $2, $3, $4)
       on conflict (name) do nothing returning *`,
      [name, input.role, input.passwordHash, customerId],
    );
    if (!row) throw new OdsInputError(`name: a user named "${name}" already exists`);
    return userRecord(row);
  });
}

export async function findUser(session: OdsSession, name: string): Promise<UserRecord | null> {
  const [row] = await session.query<UserRow>('select * from app_user where name = $1', [name]);
  return row ? userRecord(row) : null;
}

export async function listUsers(session: OdsSession): Promise<UserRecord[]> {
  return (await session.query<UserRow>('select * from app_user order by name')).map(userRecord);
}

/** Records a session; the user's expired sessions are cleared on the way, so the table does not grow without end. */
export async function createSession(driver: OdsDriver, userName: string, tokenHash: string, expiresAt: string): Promise<void> {
  if (!nonEmpty(tokenHash)) throw new OdsInputError('tokenHash: required');
  if (Number.isNaN(Date.parse(expiresAt))) throw new OdsInputError(`expiresAt: must be a timestamp, not ${JSON.stringify(expiresAt)}`);
  await driver.transaction(async (session) => {
    const [user] = await session.query('select 1 from app_user where name = $1 and disabled_at is null', [userName]);
    if (!user) throw new OdsInputError(`userName: no user "${userName}" who may sign in`);
    await session.query('delete from user_session where user_name = $1 and expires_at <= now()', [userName]);
    await session.query('insert into user_session (token_hash, user_name, expires_at) values ($1, $2, $3)', [tokenHash, userName, expiresAt]);
  });
}

/** The user of a live session: null when there is no such session, it has expired, or the user was disabled. */
export async function sessionUser(session: OdsSession, tokenHash: string): Promise<SessionUser | null> {
  const [row] = await session.query<{ name: string; role: UserRole; customer_id: number | null }>(
    `select u.name, u.role, u.customer_id from user_session s join app_user u on u.name = s.user_name
     where s.token_hash = $1 and s.expires_at > now() and u.disabled_at is null`,
    [tokenHash],
  );
  return row ? { name: row.name, role: row.role, customerId: row.customer_id } : null;
}

export async function endSession(session: OdsSession, tokenHash: string): Promise<void> {
  await session.query('delete from user_session where token_hash = $1', [tokenHash]);
}

export async function addApiKey(session: OdsSession, source: string, keyHash: string): Promise<void> {
  if (!nonEmpty(source)) throw new OdsInputError('source: required: the operational system that holds the key');
  if (!nonEmpty(keyHash)) throw new OdsInputError('keyHash: required');
  const rows = await session.query('insert into api_key (key_hash, source) values ($1, $2) on conflict (key_hash) do nothing returning key_hash', [keyHash, source.trim()]);
  if (rows.length === 0) throw new OdsInputError('keyHash: this key is already held');
}

/** The operational system holding a key that is not revoked, else null. */
export async function apiKeySource(session: OdsSession, keyHash: string): Promise<string | null> {
  const [row] = await session.query<{ source: string }>('select source from api_key where key_hash = $1 and revoked_at is null', [keyHash]);
  return row?.source ?? null;
}
