// Search, then one customer on one screen; the stewards' review queue; the decision-support screens. Views follow the
// URL hash so the back button works.
import { showAnalytics } from './analytics-report.js';
import { releaseCharts } from './charts.js';
import { customerKeys, leaveCustomer, showCustomer } from './customer-screen.js';
import { showDashboard } from './dashboard.js';
import { showExplorer } from './olap-explorer.js';
import { showOutbound } from './outbound.js';
import { showWorkbench } from './sql-workbench.js';
import { refreshQueueCount, reviewKeys, showPair, showQueue } from './review.js';
import { $, $$, api, esc, fmtPhone, signOut, typing } from './util.js';

async function showTotals() {
  try {
    const s = await api('/api/stats');
    $('#totals').textContent = `${s.customers.toLocaleString()} customers · ${s.households.toLocaleString()} households · ${s.multiProductCustomers.toLocaleString()} multi-product`;
  } catch { /* the totals are a courtesy */ }
}

async function search(q) {
  $('#customer').innerHTML = '';
  document.title = 'cif — customers';
  $('#review').innerHTML = '';
  if (!q) { $('#results').innerHTML = '<p class="hint">Search by name, phone, e-mail, any account or customer number.</p>'; return; }
  $('#results').innerHTML = '<p class="muted">Searching…</p>';
  try {
    const r = await api(`/api/customers?q=${encodeURIComponent(q)}&limit=25`);
    if (r.items.length === 0) { $('#results').innerHTML = `<p class="hint">No customer matches “${esc(q)}”.</p>`; return; }
    $('#results').innerHTML = `<p class="muted">${r.total} found</p><ol class="hits">${r.items.map((h) => `
      <li><a class="hit" href="#/customers/${h.customer_id}">
        <span class="name">${esc(h.name)}</span>
        <span class="meta">${esc(h.birth_date ?? '')}</span>
        <span class="meta">${esc(h.address ?? '')}</span>
        <span class="meta">${esc((h.phones ?? []).map(fmtPhone).join(', '))}</span>
        <span class="tag">${esc(h.matched)}</span>
      </a></li>`).join('')}</ol>`;
  } catch (e) {
    $('#results').innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

let view = 'search';
let signedInAs = null;

const analysts = ['marketer', 'analyst', 'admin'];
/** The decision-support views, each in a section of its own, linked for the roles the API lets use it. */
const analysis = {
  '/dashboard': { section: '#dashboard', nav: '#nav-dashboard', show: showDashboard, roles: analysts, who: 'The dashboard is for marketers, analysts and administrators.' },
  '/analytics': { section: '#analytics', nav: '#nav-analytics', show: showAnalytics, roles: analysts, who: 'The models\' screen is for marketers, analysts and administrators.' },
  '/olap': { section: '#olap', nav: '#nav-olap', show: showExplorer, roles: analysts, who: 'The OLAP explorer is for marketers, analysts and administrators.' },
  '/sql': { section: '#sql', nav: '#nav-sql', show: showWorkbench, roles: ['analyst', 'admin'], who: 'The SQL workbench is for analysts and administrators.' },
};
/** Analysts do not search customers: their screens start at the dashboard. */
const searchers = ['agent', 'marketer', 'steward', 'admin'];

function showAnalysis(path) {
  const v = analysis[path];
  view = 'analysis';
  if (document.activeElement === $('#q')) $('#q').blur(); // the page is the view's, not a search's
  for (const id of ['#results', '#customer', '#review']) $(id).innerHTML = '';
  $('#nav-review').classList.remove('on');
  if (!v.roles.includes(signedInAs?.role)) {
    $(v.section).innerHTML = `<p class="hint">${v.who}</p>`;
    return undefined;
  }
  return v.show($(v.section));
}

/** Up and down arrows move through the search results, from the search box and back to it. */
function resultKeys(e) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return false;
  const hits = $$('#results a.hit');
  const at = hits.indexOf(document.activeElement);
  if (hits.length === 0 || (at < 0 && document.activeElement !== $('#q'))) return false;
  e.preventDefault();
  const next = e.key === 'ArrowDown' ? Math.min(at + 1, hits.length - 1) : at - 1;
  (next < 0 ? $('#q') : hits[next]).focus();
  return true;
}

function route() {
  const raw = location.hash.slice(1) || '/';
  leaveCustomer();
  const pair = raw.match(/^\/review\/(.+)$/);
  const hash = decodeURIComponent(raw);
  if (hash === '/' && signedInAs && !searchers.includes(signedInAs.role)) return location.replace('#/dashboard');
  for (const [path, v] of Object.entries(analysis)) {
    $(v.nav).classList.toggle('on', hash === path);
    if (hash === path) continue;
    releaseCharts($(v.section));
    $(v.section).innerHTML = '';
  }
  $('#outbound').innerHTML = '';
  $('#nav-outbound').classList.toggle('on', hash.startsWith('/outbound'));
  if (analysis[hash]) return showAnalysis(hash);
  if (hash.startsWith('/outbound')) {
    view = 'outbound';
    for (const id of ['#results', '#customer', '#review']) $(id).innerHTML = '';
    $('#nav-review').classList.remove('on');
    return showOutbound($('#outbound'));
  }
  view = hash.startsWith('/review') ? 'review' : hash.startsWith('/customers/') ? 'customer' : 'search';
  $('#nav-review').classList.toggle('on', view === 'review');
  if (view === 'review') {
    $('#results').innerHTML = '';
    $('#customer').innerHTML = '';
    if (document.activeElement === $('#q')) $('#q').blur(); // the keys are the queue's
    return pair ? showPair($('#review'), decodeURIComponent(pair[1])) : showQueue($('#review'));
  }
  const m = hash.match(/^\/customers\/(\d+)$/);
  if (m) {
    $('#results').innerHTML = '';
    $('#review').innerHTML = '';
    return showCustomer($('#customer'), Number(m[1]), signedInAs);
  }
  const q = hash.startsWith('/search/') ? hash.slice(8) : '';
  $('#q').value = q;
  return search(q);
}

$('#search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  location.hash = `/search/${encodeURIComponent($('#q').value.trim())}`;
});
document.addEventListener('keydown', (e) => {
  if (document.querySelector('dialog[open]')) return; // a dialog has the keyboard
  if (view === 'review' && reviewKeys(e, $('#review'))) return;
  if (view === 'customer' && customerKeys(e)) return;
  if (view === 'search' && resultKeys(e)) return;
  if (typing(e)) return; // a '/' typed in a field is text
  if (e.key === '/' && document.activeElement !== $('#q')) { e.preventDefault(); $('#q').focus(); $('#q').select(); }
});
window.addEventListener('hashchange', route);

const stewards = ['steward', 'admin'];
/** Who is signed in, in the header; the review queue and the outbox only for those who may work them. */
function showWho(who) {
  signedInAs = who;
  $('#who-name').textContent = `${who.name} · ${who.role}`;
  $('#who').hidden = false;
  $('#nav-review').hidden = !stewards.includes(who.role);
  $('#nav-outbound').hidden = who.role !== 'admin';
  for (const v of Object.values(analysis)) $(v.nav).hidden = !v.roles.includes(who.role);
  $('#search-form').hidden = !searchers.includes(who.role);
}
document.addEventListener('cif:signed-in', (e) => showWho(e.detail));
$('#sign-out').addEventListener('click', (e) => { e.preventDefault(); signOut(); });

// Signing in comes first (the call asks for it), so the views below do not each meet a 401.
api('/api/auth/me').then((who) => {
  showWho(who);
  if (who.role === 'customer') {
    $('#results').innerHTML = '<p class="hint">These screens are for the company\'s staff. Sign out to sign in as a member of staff.</p>';
    return;
  }
  showTotals();
  if (stewards.includes(who.role)) refreshQueueCount();
  route();
});
