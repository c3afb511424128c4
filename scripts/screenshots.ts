// The README's pictures of the workspace, from a generated enterprise: a customer screen with prompts, accounts and
// the timeline (docs/screenshots/workspace.png) and the edit dialog (docs/screenshots/workspace-edit.png).
// Run with `npx tsx scripts/screenshots.ts`; it drives Chromium as the browser tests do (test/e2e/chromium.ts).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFactory } from '../src/config/index.ts';
import { generateEnterprise } from '../src/demo/index.ts';
import { openStores, runWith } from '../src/ops/index.ts';
import { addTestUser } from '../src/server/access/test-users.ts';
import { serveFactory } from '../src/server/index.ts';
import { checkedPage, launchChromium } from '../test/e2e/chromium.ts';
import { apiToken, signInOnPage } from '../test/e2e/sign-in.ts';

const out = 'docs/screenshots';
const dir = join(mkdtempSync(join(tmpdir(), 'cif-screenshots-')), 'factory');
await generateEnterprise({ customers: 1_500, seed: 11, out: dir });
const factory = loadFactory(dir, {}); // the embedded ODS in the factory's own folder, whatever CIF_ODS_URL says
// Nobody takes the changes here: the outbox keeps them.
for (const source of factory.config.sources) delete source.outbound;

// Customers worth a picture: seen by more than one system, several accounts, a history of contacts.
const stores = await openStores(factory);
let candidates: number[];
try {
  await runWith(factory, stores, () => undefined);
  candidates = (await stores.ods.query<{ customer_id: number }>(`select c.customer_id from customer c
      where (select count(*) from customer_source s where s.customer_id = c.customer_id) >= 2
        and (select count(*) from account a where a.customer_id = c.customer_id) >= 3
        and (select count(*) from contact k where k.customer_id = c.customer_id) between 3 and 8
      order by c.customer_id limit 200`)).map((r) => Number(r.customer_id));
  await addTestUser(stores.ods, 'agent');
} finally {
  await stores.close();
}

const server = await serveFactory(factory, { port: 0 });
const browser = await launchChromium();
try {
  const token = await apiToken(server.url, 'agent');
  const call = async (path: string, method = 'GET', body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<any>;
  };

  // The first candidate the factory has an offer for; then a morning's work on them, so the timeline has the front line in it.
  let id: number | undefined;
  for (const candidate of candidates) {
    const p = await call(`/api/customers/${candidate}`);
    if (p.prompts?.some((x: { tone: string }) => x.tone === 'offer')) { id = candidate; break; }
  }
  id ??= candidates[0]!;
  const p = await call(`/api/customers/${id}`);
  await call(`/api/customers/${id}`, 'PATCH', { version: p.version, address_line: '2150 Lakeview Terrace', postcode: p.customer.postcode });
  await call(`/api/customers/${id}/contacts`, 'POST', { channel: 'phone', reason: 'change of address', outcome: 'resolved', notes: 'Moving next month; new address confirmed.' });
  await call(`/api/customers/${id}/preferences`, 'PATCH', { marketing: { email: true, sms: false }, preferred_channel: 'email' });

  const page = await checkedPage(browser, { width: 1360, height: 1020 });
  await page.goto(`${server.url}/#/customers/${id}`);
  await signInOnPage(page, 'agent');
  await page.locator('#timeline .tl-item').first().waitFor();
  await page.mouse.move(0, 0);
  mkdirSync(out, { recursive: true });
  await page.screenshot({ path: `${out}/workspace.png` });

  await page.keyboard.press('e');
  await page.locator('#details-dialog').waitFor();
  await page.fill('#details-dialog input[name=phone]', '(415) 555-0134');
  await page.fill('#details-dialog input[name=postcode]', 'W1!');
  await page.keyboard.press('Control+Enter');
  await page.locator('#details-dialog .field-error').waitFor();
  await page.screenshot({ path: `${out}/workspace-edit.png` });
  console.log(`customer ${id}: ${out}/workspace.png, ${out}/workspace-edit.png`);
} finally {
  await browser.close();
  await server.close();
}
