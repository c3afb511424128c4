// Debian's Chromium driven by playwright-core (CIF_CHROMIUM names another), with the flags it needs on a server.
import assert from 'node:assert/strict';
import { type Browser, chromium, type Page } from 'playwright-core';

export const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CIF_CHROMIUM ?? '/usr/bin/chromium', args: chromiumFlags });
}

/** A new page that fails the test, when closed, if any script on it threw. */
export async function checkedPage(browser: Browser, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('close', () => assert.deepEqual(errors, [], 'no script errors'));
  return page;
}
