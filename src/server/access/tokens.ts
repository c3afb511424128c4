// Session tokens and API keys: random, handed out once; the ODS keeps only their SHA-256.
import { createHash, randomBytes } from 'node:crypto';

/** How long a session lasts: one working day. */
export const sessionHours = 8;
export const sessionCookie = 'cif_session';

/** 32 random bytes, base64url. */
export const newToken = (): string => randomBytes(32).toString('base64url');

export const sha256Hex = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export const sessionExpiry = (now = new Date()): Date => new Date(now.getTime() + sessionHours * 3_600_000);
