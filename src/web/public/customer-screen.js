// The front line's workspace: one customer on one screen, to read at a glance and act on. The header says who they
// are and what they hold; prompts and the analytics' scores sit above the work; details, preferences and household at
// the side; accounts and one timeline of everything that happened in the middle. Agents change details and
// preferences, log contacts and campaign responses from buttons or keys; the screen shows the result at once.
import { accountsCard, activeMonthly, isoToday, money, tenure } from './accounts.js';
import { openContactDialog } from './contact-dialog.js';
import { openDetailsDialog } from './details-dialog.js';
import { channelName, marketingChannels } from './front-line-choices.js';
import { openPreferencesDialog } from './preferences-dialog.js';
import { promptsPanel } from './prompts.js';
import { openResponseDialog } from './response-dialog.js';
import { scoresPanel } from './scores.js';
import { stewardshipHtml, wireStewardship } from './stewardship.js';
import { timelineCard } from './timeline.js';
import { $, api, esc, fmtPhone, fullName, toast, typing } from './util.js';

const changers = ['agent', 'admin'];
const stewards = ['steward', 'admin'];
/** Who may read why the records are this customer (the explanation, with the merges' evidence). */
const explainers = ['agent', 'steward', 'admin'];
const recentDays = 90;

/**
 * The customer on the screen: { root, id, p, audit (null when the role may not read it), who, filter, fresh, older }.
 * `older`: older contacts were added to p.contacts (p.olderContacts then says where the next ones start).
 */
let state = null;

const canChange = (s) => changers.includes(s.who?.role);

function sourceTag(source) {
  if (!source) return '';
  return source === 'frontline'
    ? '<span class="src frontline" title="changed by the front line">front line</span>'
    : `<span class="src" title="from ${esc(source)}">${esc(source)}</span>`;
}

const actionButton = (act, id, label, k, primary = false) =>
  `<button type="button" class="btn${primary ? ' primary' : ''}" id="${id}" data-act="${act}" aria-keyshortcuts="${k}" title="${label} (${k})">${label} <kbd aria-hidden="true">${k}</kbd></button>`;

function headHtml(s) {
  const { p } = s;
  const c = p.customer;
  const active = p.accounts.filter((a) => a.status === 'active');
  const lines = [...new Set(active.map((a) => a.product_line))];
  const since = p.accounts.map((a) => a.opened_on).filter(Boolean).sort()[0];
  const complaints = p.contacts.filter((k) => k.is_complaint && Date.now() - Date.parse(k.contacted_at) < recentDays * 86_400_000).length;
  const facts = [
    c.birth_date ? `born ${esc(c.birth_date.slice(0, 4))}` : '',
    [c.city, c.region].filter(Boolean).map(esc).join(', '),
    since ? `<span title="${esc(tenure(since, null, isoToday()))}">customer since ${esc(since.slice(0, 4))}</span>` : 'no accounts',
    active.length ? `<b>${money(activeMonthly(p.accounts))}</b> a month` : '',
  ].filter(Boolean);
  const steward = stewards.includes(s.who?.role) ? stewardshipHtml(p).actions : '';
  return `<div class="cust-head" data-part="head">
      <div class="cust-title">
        <div class="cust-name"><h1 id="customer-name" tabindex="-1">${esc(fullName(c))}</h1><span class="id">#${esc(c.customer_id)}</span></div>
        <div class="cust-facts">${facts.join('<span class="dot">·</span>')}</div>
        <div class="badges">
          ${p.preferences.do_not_contact ? '<span class="badge stop" id="dnc-badge">Do not contact</span>' : ''}
          ${complaints ? `<span class="badge warn">${complaints} complaint${complaints === 1 ? '' : 's'} in ${recentDays} days</span>` : ''}
          <span class="badge lines">${lines.length ? `${lines.length} product line${lines.length === 1 ? '' : 's'}: ${esc(lines.join(', '))}` : 'no active product'}</span>
          ${p.preferences.preferred_channel ? `<span class="badge">prefers ${esc(channelName(p.preferences.preferred_channel))}</span>` : ''}
          ${p.preferences.language ? `<span class="badge">speaks ${esc(p.preferences.language)}</span>` : ''}
        </div>
      </div>
      <div class="cust-actions">${canChange(s) ? `
        ${actionButton('contact', 'log-contact-btn', 'Log contact', 'c', true)}
        ${actionButton('respond', 'response-btn', 'Campaign response', 'r')}
        ${actionButton('edit', 'edit-btn', 'Edit details', 'e')}
        ${actionButton('prefs', 'prefs-btn', 'Preferences', 'p')}` : ''}
        ${steward}
        <button type="button" class="btn icon-only" data-act="keys" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">?</button>
      </div>
    </div>`;
}

const cardHead = (title, act, label, k) => `<div class="card-head"><h2>${title}</h2>${act ? `<button type="button" class="btn small quiet" data-act="${act}" title="${label} (${k})">${label}</button>` : ''}</div>`;

function goldenHtml(s) {
  const c = s.p.customer;
  const list = (values, fmt) => values.map((v, i) => `<span class="${i ? 'muted' : ''}">${esc(fmt(v.value))}</span> ${sourceTag(v.source)}`).join('<br>') || '—';
  return `<section class="card" id="golden" data-part="golden">${cardHead('Golden record', canChange(s) && 'edit', 'Edit', 'e')}<dl>
      <dt>Name</dt><dd>${esc(fullName(c))} ${sourceTag(c.name_source)}</dd>
      <dt>Born</dt><dd>${esc(c.birth_date ?? '—')} ${sourceTag(c.birth_date_source)}</dd>
      <dt>Address</dt><dd id="golden-address">${esc(c.address_line ?? '')}${c.address_line ? '<br>' : ''}${esc([c.city, [c.region, c.postcode].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '—')} ${sourceTag(c.address_source)}</dd>
      <dt>Phones</dt><dd id="golden-phones">${list(c.phones, fmtPhone)}</dd>
      <dt>E-mails</dt><dd id="golden-emails">${list(c.emails, String)}</dd>
    </dl></section>`;
}

function preferencesHtml(s) {
  const pref = s.p.preferences;
  const consent = marketingChannels.map((ch) => {
    const given = pref.marketing[ch];
    const state = given === true ? 'yes' : given === false ? 'no' : 'unasked';
    const word = given === true ? 'yes' : given === false ? 'no' : 'not asked';
    return `<span class="consent-chip ${state}" title="Marketing by ${esc(channelName(ch))}: ${word}">${esc(channelName(ch))} <b>${given === true ? '✓' : given === false ? '✕' : '–'}</b></span>`;
  }).join('');
  const asked = marketingChannels.some((ch) => typeof pref.marketing[ch] === 'boolean');
  return `<section class="card" id="prefs-card" data-part="prefs">${cardHead('Preferences and consent', canChange(s) && 'prefs', 'Edit', 'p')}
      ${pref.do_not_contact ? '<p class="dnc">Do not contact for marketing</p>' : ''}
      <dl><dt>Marketing</dt><dd class="consents">${asked ? consent : '<span class="muted">not asked yet</span>'}</dd>
      <dt>Preferred</dt><dd>${esc(channelName(pref.preferred_channel) || '—')}</dd>
      <dt>Language</dt><dd>${esc(pref.language ?? '—')}</dd></dl></section>`;
}

function householdHtml(s) {
  const { p } = s;
  const h = p.household;
  return `<section class="card" id="household" data-part="household"><h2>Household</h2>${h ? `
      <p class="small">${esc([h.address_line, h.city, h.postcode].filter(Boolean).join(', '))}</p>
      <ul class="members">${h.members.map((m) => `<li>${m.customer_id === p.customer.customer_id ? `<strong>${esc(m.name)}</strong>` : `<a href="#/customers/${m.customer_id}">${esc(m.name)}</a>`} <span class="muted">${esc(m.birth_date ?? '')}</span></li>`).join('')}</ul>` : '<p class="muted">No household.</p>'}
    </section>`;
}

function sourcesHtml(s) {
  const records = s.p.sourceRecords;
  return `<section class="card" data-part="sources"><h2>Source records (${records.length})</h2>
      <table id="sources"><thead><tr><th>System</th><th>Key</th><th>Name</th><th>Born</th><th>Address</th><th>Phone</th><th>E-mail</th><th>Updated</th></tr></thead><tbody>
      ${records.map((r) => `<tr><td>${esc(r.source)}</td><td><code>${esc(r.source_key)}</code></td><td>${esc(fullName(r))}</td><td>${esc(r.birth_date ?? '')}</td><td>${esc([r.address_line, r.postcode].filter(Boolean).join(' '))}</td><td>${esc(r.phone ? fmtPhone(r.phone) : '')}</td><td>${esc(r.email ?? '')}</td><td>${esc(r.updated_on ?? '')}</td></tr>`).join('')}
      </tbody></table></section>`;
}

const parts = {
  head: headHtml,
  prompts: (s) => promptsPanel(s.p, { canRecord: canChange(s) }),
  scores: (s) => scoresPanel(s.p),
  golden: goldenHtml,
  prefs: preferencesHtml,
  household: householdHtml,
  accounts: (s) => accountsCard(s.p.accounts),
  timeline: (s) => timelineCard(s.p, s.audit ?? [], { filter: s.filter, fresh: s.fresh, auditShown: s.audit !== null }),
  sources: sourcesHtml,
};

function render(s) {
  const { p } = s;
  const steward = stewardshipHtml(p);
  s.root.innerHTML = `
    ${p.redirectedFrom ? `<p class="notice">Customer ${esc(p.redirectedFrom)} was merged into ${esc(p.customer.customer_id)}.</p>` : ''}
    ${parts.head(s)}
    ${steward.pending}
    ${parts.prompts(s)}
    ${parts.scores(s)}
    <div class="workspace">
      <div class="ws-side">${parts.golden(s)}${parts.prefs(s)}${parts.household(s)}</div>
      <div class="ws-main">${parts.accounts(s)}${parts.timeline(s)}</div>
    </div>
    ${parts.sources(s)}
    ${explainers.includes(s.who?.role) ? steward.cards : ''}`;
  document.title = `${fullName(p.customer)} — cif`;
  if (explainers.includes(s.who?.role)) wireStewardship(p, () => showCustomer(s.root, s.id, s.who));
}

/** Draws some parts again in place, leaving the rest (and the explanations already loaded) as they are. */
function repaint(s, ...names) {
  for (const name of names) {
    const el = $(`[data-part="${name}"]`, s.root);
    if (el) el.outerHTML = parts[name](s);
  }
}

async function readAudit(id) {
  try {
    return (await api(`/api/customers/${id}/audit`)).items;
  } catch (e) {
    if (e.status === 403) return null; // a role that may open customers but not read their audit trail
    throw e;
  }
}

/** A customer read again, with the older contacts already shown kept (and where the next ones start): no place is lost. */
function keepingOlder(s, p) {
  if (!s.older || !s.p) return p;
  const key = (k) => `${k.source}/${k.contact_key}`;
  const read = new Set(p.contacts.map(key));
  return { ...p, contacts: [...p.contacts, ...s.p.contacts.filter((k) => !read.has(key(k)))], olderContacts: s.p.olderContacts };
}

/** Reads the customer (and audit trail) again; false when the screen has moved on to someone else meanwhile. */
async function reload(s) {
  const [p, audit] = await Promise.all([api(`/api/customers/${s.id}`), readAudit(s.id)]);
  if (state !== s) return false;
  Object.assign(s, { p: keepingOlder(s, p), audit });
  return true;
}

const after = {
  /** The customer as the API returned it after a change: drawn again whole (the explanations compare against it). */
  saved: async (s, profile) => {
    s.p = keepingOlder(s, profile);
    s.audit = await readAudit(s.id);
    if (state === s) render(s);
  },
  preferences: async (s, preferences) => {
    s.p.preferences = preferences;
    s.audit = await readAudit(s.id);
    if (state === s) repaint(s, 'head', 'prefs', 'timeline');
  },
  /** A contact or response just logged: in the timeline at once, marked, wherever the filter was. */
  logged: async (s, contactKey) => {
    if (!(await reload(s))) return;
    s.fresh = `contact/frontline/${contactKey}`;
    if (s.filter !== 'all' && s.filter !== 'contact') s.filter = 'all';
    repaint(s, 'head', 'timeline');
    $(`.tl-item.fresh`, s.root)?.scrollIntoView({ block: 'nearest' });
  },
};

const actions = {
  edit: (s) => openDetailsDialog(s.p, { onSaved: (profile) => after.saved(s, profile), onReloaded: (profile) => after.saved(s, profile) }),
  prefs: (s) => openPreferencesDialog(s.p, { onSaved: (preferences) => after.preferences(s, preferences) }),
  contact: (s) => openContactDialog(s.p, { onLogged: (contactKey) => after.logged(s, contactKey) }),
  respond: (s, el) => {
    const prompt = el?.dataset.prompt !== undefined ? s.p.prompts?.[Number(el.dataset.prompt)] : undefined;
    openResponseDialog(s.p, { onLogged: (contactKey) => after.logged(s, contactKey), offer: prompt ? { campaign: prompt.rule, offer: prompt.text } : {} });
  },
  filter: (s, el) => {
    s.filter = el.dataset.filter;
    s.fresh = null;
    repaint(s, 'timeline');
    $(`[data-part="timeline"] [data-filter="${s.filter}"]`, s.root)?.focus();
  },
  keys: () => showKeys(),
  /** The next page of older contacts, added at the foot of the timeline. */
  older: async (s, el) => {
    el.disabled = true;
    el.textContent = 'Loading…';
    try {
      const page = await api(`/api/customers/${s.id}/contacts?before=${encodeURIComponent(s.p.olderContacts)}`);
      if (state !== s) return;
      s.p = { ...s.p, contacts: [...s.p.contacts, ...page.items], olderContacts: page.next };
      s.older = true;
      repaint(s, 'timeline');
      $('#older-contacts', s.root)?.focus();
    } catch (e) {
      toast(e.message, 'error');
      el.disabled = false;
      el.textContent = 'Show older contacts';
    }
  },
};

function wire(root) {
  if (root.dataset.wired) return;
  root.dataset.wired = 'yes';
  root.addEventListener('click', (e) => {
    const el = e.target.closest('[data-act]');
    if (!el || !state || state.root !== root || !actions[el.dataset.act]) return;
    if (['edit', 'prefs', 'contact', 'respond'].includes(el.dataset.act) && !canChange(state)) return;
    actions[el.dataset.act](state, el);
  });
}

/** Shows customer `id` in `root` for `who` (the signed-in user: what they may do). */
export async function showCustomer(root, id, who) {
  const s = { root, id, who, p: null, audit: null, filter: state?.id === id ? state.filter : 'all', fresh: null, older: false };
  state = s;
  wire(root);
  if (!root.querySelector('#customer-name')) root.innerHTML = '<p class="muted">Loading…</p>';
  try {
    if (!(await reload(s))) return;
    render(s);
    // Arriving at a customer, the keys are the workspace's (not the search box's), and a screen reader starts at the name.
    if (!document.querySelector('dialog[open]')) $('#customer-name', root).focus({ preventScroll: true });
  } catch (e) {
    if (state === s) root.innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

/** Leaves the customer screen: its keys stop working. */
export function leaveCustomer() {
  state = null;
}

const keyList = [
  ['c', 'log a contact'], ['r', 'record a campaign response'], ['e', 'edit details'], ['p', 'preferences and consent'],
  ['/', 'search customers'], ['↑ ↓', 'move through search results'], ['Esc', 'close a dialog'], ['Ctrl Enter', 'save a dialog'], ['?', 'this list'],
];

function showKeys() {
  let dialog = $('#workspace-keys');
  if (!dialog) {
    dialog = document.createElement('dialog');
    dialog.id = 'workspace-keys';
    dialog.className = 'keys-dialog';
    dialog.innerHTML = `<h2>Keyboard</h2><dl class="keylist">${keyList.map(([k, what]) => `<dt>${k.split(' ').map((x) => `<kbd>${esc(x)}</kbd>`).join(' ')}</dt><dd>${esc(what)}</dd>`).join('')}</dl>
      <form method="dialog"><button class="btn" autofocus>Close</button></form>`;
    document.body.append(dialog);
  }
  dialog.showModal();
}

const keyActions = { e: 'edit', p: 'prefs', c: 'contact', r: 'respond' };

/** Keys on the customer screen; true when the key was theirs. */
export function customerKeys(e) {
  if (!state?.p || typing(e)) return false;
  if (e.key === '?') { showKeys(); return true; }
  const act = keyActions[e.key];
  if (!act || !canChange(state)) return false;
  e.preventDefault();
  actions[act](state);
  return true;
}
