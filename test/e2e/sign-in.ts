// Signing in through the screens' form, as a person does: the form appears at the first 401.
import type { Page } from 'playwright-core';
import { testPassword } from '../../src/server/access/test-users.ts';

export async function signInOnPage(page: Page, name: string, password = testPassword): Promise<void> {
  const dialog = page.locator('#sign-in');
  await dialog.waitFor({ state: 'visible' });
  await page.fill('#sign-in input[name=name]', name);
  await page.fill('#sign-in input[name=password]', password);
  await page.click('#sign-in button[type=submit]');
  await dialog.waitFor({ state: 'hidden' });
}

/** Signs in through the API, as a client other than the screens does: the session token. */
export async function apiToken(serverUrl: string, name: string, password = testPassword): Promise<string> {
  const res = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }),
  });
  if (res.status !== 200) throw new Error(`cannot sign in as ${name}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
