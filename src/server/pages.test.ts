// Which page a path gets: the portal under /portal, with or without a trailing slash; the staff screens elsewhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OdsReader } from '../ods/index.ts';
import { createApp } from './app.ts';

// Pages and files never reach the ODS.
const app = createApp({} as OdsReader);

async function page(path: string): Promise<{ status: number; type: string | null; title: string | undefined }> {
  const res = await app.request(path);
  return { status: res.status, type: res.headers.get('content-type'), title: /<title>([^<]*)<\/title>/.exec(await res.text())?.[1] };
}

test('/portal, /portal/ and any other path under it serve the portal; the rest the staff screens', async () => {
  const portal = await page('/portal');
  const staff = await page('/');
  assert.equal(portal.status, 200);
  assert.match(portal.type ?? '', /^text\/html/);
  assert.notEqual(portal.title, staff.title);
  for (const path of ['/portal/', '/portal/details', '/portal/a/b']) assert.deepEqual(await page(path), portal, path);
  for (const path of ['/customers', '/portals', '/review/']) assert.deepEqual(await page(path), staff, path);
});

test('the portal\'s own files are still files', async () => {
  const res = await app.request('/portal.js');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/);
});

test('Chart.js is served from its package for the decision-support screens, and their scripts are files', async () => {
  const chart = await app.request('/vendor/chart.umd.min.js');
  assert.equal(chart.status, 200);
  assert.match(chart.headers.get('content-type') ?? '', /^text\/javascript/);
  assert.match(await chart.text(), /Chart\.js v4\./, 'the browser build, which sets window.Chart');
  for (const path of ['/dashboard.js', '/olap-explorer.js', '/sql-workbench.js', '/charts.js', '/olap.js', '/result-table.js']) {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    assert.match(await res.text(), /^\/\/ /, `${path}: the script, not the page`);
  }
});
