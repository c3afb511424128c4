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
