// The screens: static files served by the server. Plain HTML, CSS and a module script, no build step.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./public/', import.meta.url));

const files = [
  { route: '/', file: 'index.html', type: 'text/html; charset=utf-8' },
  { route: '/app.js', file: 'app.js', type: 'text/javascript; charset=utf-8' },
  { route: '/util.js', file: 'util.js', type: 'text/javascript; charset=utf-8' },
  { route: '/review.js', file: 'review.js', type: 'text/javascript; charset=utf-8' },
  { route: '/outbound.js', file: 'outbound.js', type: 'text/javascript; charset=utf-8' },
  { route: '/stewardship.js', file: 'stewardship.js', type: 'text/javascript; charset=utf-8' },
  { route: '/waterfall.js', file: 'waterfall.js', type: 'text/javascript; charset=utf-8' },
  { route: '/style.css', file: 'style.css', type: 'text/css; charset=utf-8' },
];

export function webAssets(): { route: string; type: string; body: () => string }[] {
  return files.map((f) => ({ route: f.route, type: f.type, body: () => readFileSync(dir + f.file, 'utf8') }));
}
