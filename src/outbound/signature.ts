// The signature a receiving system checks: HMAC-SHA256 of the exact body bytes with the secret both sides hold.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'X-Cif-Signature';

/** "sha256=<hex>" for the body as sent. */
export function signBody(body: string | Uint8Array, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Whether `header` (the X-Cif-Signature value) signs `body` with `secret`; compared in constant time. */
export function verifySignature(body: string | Uint8Array, secret: string, header: string | null | undefined): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
