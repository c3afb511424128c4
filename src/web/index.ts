// The screens: static files served by the server. Plain HTML, CSS and module scripts, no build step; Chart.js's
// browser build from its package, for the decision-support screens' charts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./public/', import.meta.url));
/** Chart.js's browser build (a classic script that sets window.Chart), wherever the package was installed. */
const chartJs = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

const files = [
  { route: '/', file: 'index.html', type: 'text/html; charset=utf-8' },
  { route: '/app.js', file: 'app.js', type: 'text/javascript; charset=utf-8' },
  { route: '/util.js', file: 'util.js', type: 'text/javascript; charset=utf-8' },
  { route: '/review.js', file: 'review.js', type: 'text/javascript; charset=utf-8' },
  { route: '/outbound.js', file: 'outbound.js', type: 'text/javascript; charset=utf-8' },
  { route: '/stewardship.js', file: 'stewardship.js', type: 'text/javascript; charset=utf-8' },
  { route: '/waterfall.js', file: 'waterfall.js', type: 'text/javascript; charset=utf-8' },
  { route: '/customer-screen.js', file: 'customer-screen.js', type: 'text/javascript; charset=utf-8' },
  { route: '/accounts.js', file: 'accounts.js', type: 'text/javascript; charset=utf-8' },
  { route: '/timeline.js', file: 'timeline.js', type: 'text/javascript; charset=utf-8' },
  { route: '/prompts.js', file: 'prompts.js', type: 'text/javascript; charset=utf-8' },
  { route: '/scores.js', file: 'scores.js', type: 'text/javascript; charset=utf-8' },
  { route: '/icons.js', file: 'icons.js', type: 'text/javascript; charset=utf-8' },
  { route: '/form-dialog.js', file: 'form-dialog.js', type: 'text/javascript; charset=utf-8' },
  { route: '/details-dialog.js', file: 'details-dialog.js', type: 'text/javascript; charset=utf-8' },
  { route: '/preferences-dialog.js', file: 'preferences-dialog.js', type: 'text/javascript; charset=utf-8' },
  { route: '/contact-dialog.js', file: 'contact-dialog.js', type: 'text/javascript; charset=utf-8' },
  { route: '/response-dialog.js', file: 'response-dialog.js', type: 'text/javascript; charset=utf-8' },
  { route: '/front-line-choices.js', file: 'front-line-choices.js', type: 'text/javascript; charset=utf-8' },
  { route: '/dashboard.js', file: 'dashboard.js', type: 'text/javascript; charset=utf-8' },
  { route: '/analytics-report.js', file: 'analytics-report.js', type: 'text/javascript; charset=utf-8' },
  { route: '/olap-explorer.js', file: 'olap-explorer.js', type: 'text/javascript; charset=utf-8' },
  { route: '/sql-workbench.js', file: 'sql-workbench.js', type: 'text/javascript; charset=utf-8' },
  { route: '/charts.js', file: 'charts.js', type: 'text/javascript; charset=utf-8' },
  { route: '/olap.js', file: 'olap.js', type: 'text/javascript; charset=utf-8' },
  { route: '/result-table.js', file: 'result-table.js', type: 'text/javascript; charset=utf-8' },
  { route: '/style.css', file: 'style.css', type: 'text/css; charset=utf-8' },
  { route: '/vendor/chart.umd.min.js', file: chartJs, type: 'text/javascript; charset=utf-8' },
  // The customer's own portal: a page of its own, apart from the staff screens.
  { route: '/portal', file: 'portal.html', type: 'text/html; charset=utf-8' },
  { route: '/portal.js', file: 'portal.js', type: 'text/javascript; charset=utf-8' },
  { route: '/portal-details.js', file: 'portal-details.js', type: 'text/javascript; charset=utf-8' },
  { route: '/portal-contact.js', file: 'portal-contact.js', type: 'text/javascript; charset=utf-8' },
  { route: '/portal-changes.js', file: 'portal-changes.js', type: 'text/javascript; charset=utf-8' },
  { route: '/portal-refusal.js', file: 'portal-refusal.js', type: 'text/javascript; charset=utf-8' },
  { route: '/portal-words.js', file: 'portal-words.js', type: 'text/javascript; charset=utf-8' },
  { route: '/portal.css', file: 'portal.css', type: 'text/css; charset=utf-8' },
];

export interface WebAsset { route: string; type: string; body: () => string }

export function webAssets(): WebAsset[] {
  return files.map((f) => ({ route: f.route, type: f.type, body: () => readFileSync(resolve(dir, f.file), 'utf8') }));
}

/** The page for a path that is no file: the portal under /portal (/portal/ included), the staff screens anywhere else. */
export function pageFor(path: string): WebAsset {
  const route = path === '/portal' || path.startsWith('/portal/') ? '/portal' : '/';
  return webAssets().find((asset) => asset.route === route)!;
}
