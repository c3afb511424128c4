// Search, then one customer on one screen; the stewards' review queue. Views follow the URL hash so the back button works.
import { showOutbound } from './outbound.js';
import { refreshQueueCount, reviewKeys, showPair, showQueue } from './review.js';
import { stewardshipHtml, wireStewardship } from './stewardship.js';
import { $, api, esc, fmtPhone, fullName, signOut } from './util.js';

const money = (n) => (n == null ? '' : Number(n).toLocaleString('en-US', { style: 'currency', currency: 'USD' }));

async function showTotals() {
  try {
    const s = await api('/api/stats');
    $('#totals').textContent = `${s.customers.toLocaleString()} customers · ${s.households.toLocaleString()} households · ${s.multiProductCustomers.toLocaleString()} multi-product`;
  } catch { /* the totals are a courtesy */ }
}

async function search(q) {
  $('#customer').innerHTML = '';
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

function sourceTag(s) {
  return s ? `<span class="src" title="from ${esc(s)}">${esc(s)}</span>` : '';
}

async function showCustomer(id) {
  $('#results').innerHTML = '';
  $('#review').innerHTML = '';
  $('#customer').innerHTML = '<p class="muted">Loading…</p>';
  try {
    const p = await api(`/api/customers/${id}`);
    const c = p.customer;
    const active = p.accounts.filter((a) => a.status === 'active');
    const lines = [...new Set(active.map((a) => a.product_line))];
    const steward = stewardshipHtml(p);
    $('#customer').innerHTML = `
      ${p.redirectedFrom ? `<p class="notice">Customer ${esc(p.redirectedFrom)} was merged into ${esc(c.customer_id)}.</p>` : ''}
      <div class="head">
        <h1 id="customer-name">${esc(fullName(c))}</h1>
        <span class="id">#${esc(c.customer_id)}</span>
        <span class="pill">${lines.length} product line${lines.length === 1 ? '' : 's'}: ${esc(lines.join(', ') || 'none active')}</span>
        <span class="spacer"></span>${steward.actions}
      </div>
      ${steward.pending}
      <div class="grid">
        <section class="card"><h2>Golden record</h2><dl>
          <dt>Name</dt><dd>${esc(fullName(c))} ${sourceTag(c.name_source)}</dd>
          <dt>Born</dt><dd>${esc(c.birth_date ?? '—')} ${sourceTag(c.birth_date_source)}</dd>
          <dt>Address</dt><dd>${esc([c.address_line, c.city, c.region, c.postcode].filter(Boolean).join(', ') || '—')} ${sourceTag(c.address_source)}</dd>
          <dt>Phones</dt><dd>${c.phones.map((v) => `${esc(fmtPhone(v.value))} ${sourceTag(v.source)}`).join('<br>') || '—'}</dd>
          <dt>E-mails</dt><dd>${c.emails.map((v) => `${esc(v.value)} ${sourceTag(v.source)}`).join('<br>') || '—'}</dd>
        </dl></section>
        <section class="card"><h2>Household</h2>${p.household ? `
          <p>${esc([p.household.address_line, p.household.city, p.household.postcode].filter(Boolean).join(', '))}</p>
          <ul class="members">${p.household.members.map((m) => `<li>${m.customer_id === c.customer_id ? `<strong>${esc(m.name)}</strong>` : `<a href="#/customers/${m.customer_id}">${esc(m.name)}</a>`} <span class="muted">${esc(m.birth_date ?? '')}</span></li>`).join('')}</ul>` : '<p class="muted">No household.</p>'}
        </section>
      </div>
      <section class="card"><h2>Accounts and products</h2>
        <table id="accounts"><thead><tr><th>Line</th><th>Product</th><th>Account</th><th>Status</th><th>Opened</th><th>Closed</th><th class="num">Monthly</th></tr></thead><tbody>
        ${p.accounts.map((a) => `<tr class="${a.status}"><td>${esc(a.product_line)}</td><td>${esc(a.product)}</td><td><code>${esc(a.account_key)}</code></td><td>${esc(a.status)}</td><td>${esc(a.opened_on ?? '')}</td><td>${esc(a.closed_on ?? '')}</td><td class="num">${money(a.monthly_amount)}</td></tr>`).join('') || '<tr><td colspan="7" class="muted">No accounts.</td></tr>'}
        </tbody></table></section>
      <section class="card"><h2>Recent contacts</h2>
        <table><thead><tr><th>When</th><th>Channel</th><th>Reason</th><th>Outcome</th><th></th></tr></thead><tbody>
        ${p.contacts.map((k) => `<tr><td>${esc(String(k.contacted_at).slice(0, 16).replace('T', ' '))}</td><td>${esc(k.channel)}</td><td>${esc(k.reason)}</td><td>${esc(k.outcome)}</td><td>${k.is_complaint ? '<span class="pill warn">complaint</span>' : ''}</td></tr>`).join('') || '<tr><td colspan="5" class="muted">No contacts.</td></tr>'}
        </tbody></table></section>
      <section class="card"><h2>Source records (${p.sourceRecords.length})</h2>
        <table id="sources"><thead><tr><th>System</th><th>Key</th><th>Name</th><th>Born</th><th>Address</th><th>Phone</th><th>E-mail</th><th>Updated</th></tr></thead><tbody>
        ${p.sourceRecords.map((s) => `<tr><td>${esc(s.source)}</td><td><code>${esc(s.source_key)}</code></td><td>${esc([s.given_name, s.middle_name, s.family_name, s.name_suffix].filter(Boolean).join(' '))}</td><td>${esc(s.birth_date ?? '')}</td><td>${esc([s.address_line, s.postcode].filter(Boolean).join(' '))}</td><td>${esc(s.phone ? fmtPhone(s.phone) : '')}</td><td>${esc(s.email ?? '')}</td><td>${esc(s.updated_on ?? '')}</td></tr>`).join('')}
        </tbody></table></section>
      ${steward.cards}`;
    document.title = `${fullName(c)} — cif`;
    wireStewardship(p, () => showCustomer(id));
  } catch (e) {
    $('#customer').innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

let view = 'search';

function route() {
  const raw = location.hash.slice(1) || '/';
  const pair = raw.match(/^\/review\/(.+)$/);
  const hash = decodeURIComponent(raw);
  $('#outbound').innerHTML = '';
  $('#nav-outbound').classList.toggle('on', hash.startsWith('/outbound'));
  if (hash.startsWith('/outbound')) {
    view = 'outbound';
    for (const id of ['#results', '#customer', '#review']) $(id).innerHTML = '';
    $('#nav-review').classList.remove('on');
    return showOutbound($('#outbound'));
  }
  view = hash.startsWith('/review') ? 'review' : 'other';
  $('#nav-review').classList.toggle('on', view === 'review');
  if (view === 'review') {
    $('#results').innerHTML = '';
    $('#customer').innerHTML = '';
    if (document.activeElement === $('#q')) $('#q').blur(); // the keys are the queue's
    return pair ? showPair($('#review'), decodeURIComponent(pair[1])) : showQueue($('#review'));
  }
  const m = hash.match(/^\/customers\/(\d+)$/);
  if (m) return showCustomer(m[1]);
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
  if (e.key === '/' && document.activeElement !== $('#q')) { e.preventDefault(); $('#q').focus(); $('#q').select(); }
});
window.addEventListener('hashchange', route);

const stewards = ['steward', 'admin'];
/** Who is signed in, in the header; the review queue only for those who may work it. */
function showWho(who) {
  $('#who-name').textContent = `${who.name} · ${who.role}`;
  $('#who').hidden = false;
  $('#nav-review').hidden = !stewards.includes(who.role);
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
