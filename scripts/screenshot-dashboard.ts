// The README's picture of the KPI dashboard (docs/dashboard.png), from a generated enterprise served as cif serve
// serves it. Run with `npx tsx scripts/screenshot-dashboard.ts`; it drives Chromium as the browser tests do.
import { mkdirSync } from 'node:fs';
import { checkedPage, launchChromium } from '../test/e2e/chromium.ts';
import { servedEnterprise } from '../test/e2e/served-enterprise.ts';
import { signInOnPage } from '../test/e2e/sign-in.ts';

const out = 'docs/dashboard.png';
const { server } = await servedEnterprise(3_000, ['marketer'], 11);
const browser = await launchChromium();
try {
  const page = await checkedPage(browser, { width: 1280, height: 900 });
  await page.goto(`${server.url}/#/dashboard`);
  await signInOnPage(page, 'marketer');
  await page.locator('.charts[aria-busy="false"]').waitFor();
  await page.mouse.move(0, 0);
  mkdirSync('docs', { recursive: true });
  await page.screenshot({ path: out });
  await page.close();
  console.log(out);
} finally {
  await browser.close();
  await server.close();
}
