// The sign-in limit through POST /api/auth/login, on a clock the test moves, against a real ODS whose user look-ups
// are counted: a refused attempt must not reach the directory, nor the password hash.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Hono } from 'hono';
import { openOds, type OdsReader } from '../../ods/index.ts';
import { createApp } from '../app.ts';
import { failureWindowMs, maxFailuresPerAddress, maxFailuresPerName, signInLimit } from './sign-in-limit.ts';
import { addTestUser, testPassword } from './test-users.ts';

const directory = await openOds({});
after(() => directory.close());
for (const role of ['agent', 'steward'] as const) await addTestUser(directory, role);

function setup() {
  let now = Date.parse('2024-05-01T09:00:00Z');
  let lookups = 0;
  const ods: OdsReader = { ...directory, findUser: (name) => (lookups++, directory.findUser(name)) };
  const app = createApp(ods, undefined, { signInLimit: signInLimit(() => now) });
  return { app, lookups: () => lookups, pass: (ms: number) => void (now += ms) };
}

/** Signs in from an address, as the socket of a real request would have it. */
const login = (app: Hono, name: string, password: string, address = '10.0.0.1') =>
  app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) },
    { incoming: { socket: { remoteAddress: address } } });

async function fail(app: Hono, name: string, times: number, address?: string): Promise<void> {
  for (let i = 0; i < times; i++) assert.equal((await login(app, name, `guess ${i}`, address)).status, 401);
}

test(`after ${maxFailuresPerName} failed sign-ins a name gets 429 with Retry-After, even with its password, and the password is not checked`, async () => {
  const { app, lookups } = setup();
  await fail(app, 'agent', maxFailuresPerName);
  const before = lookups();
  const locked = await login(app, 'agent', testPassword);
  assert.equal(locked.status, 429);
  assert.equal(locked.headers.get('retry-after'), String(failureWindowMs / 1000));
  assert.deepEqual(await locked.json(), { error: 'too many failed sign-ins: try again in 15 minutes' });
  assert.equal(locked.headers.get('set-cookie'), null);
  assert.equal(lookups(), before, 'refused before the directory or the hash');
  assert.equal((await login(app, 'agent', testPassword, '10.0.0.9')).status, 429, 'from another address too');
});

test('another name is not locked by the first one\'s failures', async () => {
  const { app } = setup();
  await fail(app, 'agent', maxFailuresPerName);
  assert.equal((await login(app, 'steward', testPassword)).status, 200);
  assert.equal((await login(app, 'agent', testPassword)).status, 429);
});

test('the name unlocks when its oldest failure leaves the window; Retry-After counts down to it', async () => {
  const { app, pass } = setup();
  await fail(app, 'agent', 1);
  pass(5 * 60_000);
  await fail(app, 'agent', maxFailuresPerName - 1);
  const locked = await login(app, 'agent', testPassword);
  assert.equal(locked.headers.get('retry-after'), String((failureWindowMs - 5 * 60_000) / 1000));
  assert.match(((await locked.json()) as { error: string }).error, /try again in 10 minutes/);
  pass(failureWindowMs - 5 * 60_000 - 1_000);
  assert.equal((await login(app, 'agent', testPassword)).headers.get('retry-after'), '1');
  pass(1_000);
  assert.equal((await login(app, 'agent', testPassword)).status, 200);
});

test('a successful sign-in clears the name\'s failures', async () => {
  const { app } = setup();
  await fail(app, 'agent', maxFailuresPerName - 1);
  assert.equal((await login(app, 'agent', testPassword)).status, 200);
  await fail(app, 'agent', maxFailuresPerName - 1);
  assert.equal((await login(app, 'agent', testPassword)).status, 200);
});

test(`after ${maxFailuresPerAddress} failures from one address, over any names, that address is refused; others are not`, async () => {
  const { app, pass } = setup();
  for (let i = 0; i < maxFailuresPerAddress; i++) await fail(app, `nobody-${i}`, 1, '10.0.0.7');
  const locked = await login(app, 'steward', testPassword, '10.0.0.7');
  assert.equal(locked.status, 429);
  assert.ok(Number(locked.headers.get('retry-after')) > 0);
  assert.equal((await login(app, 'steward', testPassword, '10.0.0.8')).status, 200);
  pass(failureWindowMs);
  assert.equal((await login(app, 'steward', testPassword, '10.0.0.7')).status, 200);
});
