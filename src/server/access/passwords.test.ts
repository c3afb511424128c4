import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from './passwords.ts';
import { newToken, sha256Hex } from './tokens.ts';

test('a password is stored as scrypt$N$r$p$salt$hash with a new salt each time, and verifies', async () => {
  const stored = await hashPassword('s3cret pass');
  assert.match(stored, /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
  assert.notEqual(await hashPassword('s3cret pass'), stored, 'a random salt');
  assert.equal(await verifyPassword('s3cret pass', stored), true);
  assert.equal(await verifyPassword('s3cret pasS', stored), false);
  assert.equal(await verifyPassword('', stored), false);
});

test('a malformed or tampered hash verifies nothing', async () => {
  const stored = await hashPassword('pw');
  const parts = stored.split('$');
  for (const bad of ['', 'pw', 'bcrypt$1$2$3$4$5', parts.slice(0, 5).join('$'), [...parts.slice(0, 5), 'c2hvcnQ='].join('$'), ['scrypt', 2 ** 30, ...parts.slice(2)].join('$')]) {
    assert.equal(await verifyPassword('pw', bad), false, bad);
  }
  await assert.rejects(hashPassword(''), /password: required/);
});

test('tokens are 32 random bytes in base64url; only their SHA-256 is kept', () => {
  const token = newToken();
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(newToken(), token);
  assert.match(sha256Hex(token), /^[0-9a-f]{64}$/);
});
