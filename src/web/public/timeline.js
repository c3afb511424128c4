// One timeline of the customer, newest first: contacts through every channel and system (the product lines' and the
// front line's own), the front line's changes to details and preferences (the audit trail), and the merges and
// splits identity made. Each entry says when, what, and who or which system.
import { channelName } from './front-line-choices.js';
import { iconFor } from './icons.js';
import { esc, fmtPhone } from './util.js';

const labels = {
  given_name: 'Given name', middle_name: 'Middle name', family_name: 'Family name', address_line: 'Address line', city: 'City', region: 'Region',
  postcode: 'Postcode', email: 'E-mail', phone: 'Phone', do_not_contact: 'Do not contact', preferred_channel: 'Preferred channel', language: 'Language',
};
const topics = { given_name: 'name', middle_name: 'name', family_name: 'name', address_line: 'address', city: 'address', region: 'address', postcode: 'address', email: 'e-mail', phone: 'phone' };

export const filters = [['all', 'All'], ['contact', 'Contacts'], ['complaint', 'Complaints'], ['change', 'Changes'], ['identity', 'Merges and splits']];

/** The entries of the timeline, newest first. The audit trail says who logged each front-line contact. */
export function timelineEntries(p, audit = []) {
  const logged = new Map(audit.filter((a) => a.kind === 'contact' || a.kind === 'response').map((a) => [`FL-${a.change_id}`, a]));
  const entries = [];
  for (const k of p.contacts) {
    const by = k.source === 'frontline' ? logged.get(k.contact_key) : undefined;
    entries.push({ kind: by?.kind === 'response' ? 'response' : 'contact', at: k.contacted_at, key: `contact/${k.source}/${k.contact_key}`, contact: k, by });
  }
  for (const a of audit) {
    if (a.kind === 'details' || a.kind === 'preferences') entries.push({ kind: 'change', at: a.changed_at, key: `change/${a.change_id}`, change: a });
  }
  for (const [i, e] of p.history.entries()) entries.push({ kind: 'identity', at: e.at, key: `identity/${e.runId}/${i}`, event: e });
  const time = (e) => (e.at ? Date.parse(e.at) : 0);
  return entries.sort((x, y) => time(y) - time(x));
}

const inFilter = (entry, filter) => filter === 'all'
  || (filter === 'contact' && (entry.kind === 'contact' || entry.kind === 'response'))
  || (filter === 'complaint' && entry.contact?.is_complaint)
  || filter === entry.kind;

/** "just now", "5 min ago", "3 h ago", "yesterday", "12 days ago", "7 wk ago", "5 mo ago", "3 yr ago". */
export function ago(iso, now = Date.now()) {
  const minutes = Math.floor((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ago`;
  const days = Math.floor(minutes / (24 * 60));
  if (days < 2) return 'yesterday';
  if (days < 28) return `${days} days ago`;
  if (days < 120) return `${Math.floor(days / 7)} wk ago`;
  if (days < 730) return `${Math.floor(days / 30.4)} mo ago`;
  return `${Math.floor(days / 365.25)} yr ago`;
}

const dayFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function when(iso, now) {
  if (!iso) return '<time class="tl-when"><b>—</b></time>';
  const d = new Date(iso);
  return `<time class="tl-when" datetime="${esc(iso)}" title="${esc(d.toString())}"><b>${dayFormat.format(d)}</b><span>${timeFormat.format(d)} · ${ago(iso, now)}</span></time>`;
}

const shown = (field, v) => {
  if (v === null || v === undefined || v === '') return '<span class="none">none</span>';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (field === 'phone') return esc(fmtPhone(v));
  if (field === 'preferred_channel') return esc(channelName(v));
  return esc(v);
};

/** A change as rows of field: before → after; marketing consent one row per channel that changed. */
function changeRows(change) {
  const rows = [];
  for (const field of Object.keys(change.after)) {
    if (field === 'marketing') {
      const before = change.before.marketing ?? {};
      const after = change.after.marketing ?? {};
      for (const channel of Object.keys(after)) {
        if (before[channel] !== after[channel]) rows.push([`Marketing by ${channelName(channel)}`, shown('', before[channel] ?? null), shown('', after[channel])]);
      }
      continue;
    }
    rows.push([labels[field] ?? field, shown(field, change.before[field]), shown(field, change.after[field])]);
  }
  return `<dl class="tl-diff">${rows.map(([label, before, after]) => `<dt>${esc(label)}</dt><dd><del>${before}</del> → <ins>${after}</ins></dd>`).join('')}</dl>`;
}

function changeTitle(change) {
  if (change.kind === 'preferences') return 'Changed preferences and consent';
  const what = [...new Set(Object.keys(change.after).map((f) => topics[f] ?? f))];
  return `Changed ${what.length > 1 ? `${what.slice(0, -1).join(', ')} and ${what.at(-1)}` : what[0]}`;
}

const person = (a) => `<span class="tl-who">${esc(a.changed_by)}</span> <span class="muted">(${esc(a.role)}, ${esc(a.channel)})</span>`;

function entryHtml(e, now, fresh) {
  const classes = `tl-item ${e.kind}${e.contact?.is_complaint ? ' complaint' : ''}${e.key === fresh ? ' fresh' : ''}`;
  let icon, title, body = '', meta;
  if (e.contact) {
    const k = e.contact;
    icon = e.kind === 'response' ? 'response' : k.channel;
    title = `<strong>${esc(k.reason ?? 'Contact')}</strong>${k.outcome ? ` <span class="tl-outcome">→ ${esc(k.outcome)}</span>` : ''}${k.is_complaint ? ' <span class="pill warn">complaint</span>' : ''}`;
    body = k.notes ? `<div class="tl-notes">${esc(k.notes)}</div>` : '';
    meta = `${e.kind === 'response' ? 'Campaign response' : esc(channelName(k.channel) || 'Contact')} · ${e.by ? `logged by ${person(e.by)}` : `<span class="src" title="recorded in ${esc(k.source)}">${esc(k.source)}</span>`}`;
  } else if (e.change) {
    icon = 'edit';
    title = `<strong>${esc(changeTitle(e.change))}</strong>`;
    body = changeRows(e.change);
    meta = `by ${person(e.change)}`;
  } else {
    const ev = e.event;
    const other = ev.otherId === null ? 'another customer' : `<a href="#/customers/${esc(ev.otherId)}">#${esc(ev.otherId)}</a>`;
    icon = ev.kind === 'merged' ? 'merge' : 'split';
    title = `<strong>${ev.kind === 'merged' ? `Merged with customer ${other}` : ev.kind === 'split' ? `Customer ${other} split off` : `Split off customer ${other}`}</strong>`;
    body = `<div class="tl-notes">${esc(ev.reason)}</div>`;
    meta = `identity · run ${esc(ev.runId)}`;
  }
  return `<li class="${classes}" data-key="${esc(e.key)}">${when(e.at, now)}<span class="tl-icon">${iconFor(icon)}</span>
    <div class="tl-body"><div class="tl-title">${title}</div>${body}<div class="tl-meta">${meta}</div></div></li>`;
}

/** At the foot while older contacts wait (p.olderContacts is where they start), unless the filter shows no contacts. */
const olderButton = (p, filter) => (p.olderContacts && (filter === 'all' || filter === 'contact' || filter === 'complaint')
  ? '<button type="button" class="btn small quiet" id="older-contacts" data-act="older">Show older contacts</button>' : '');

/** The timeline card. `fresh` is the key of an entry to highlight (one just logged). */
export function timelineCard(p, audit, { filter = 'all', fresh = null, now = Date.now(), auditShown = true } = {}) {
  const entries = timelineEntries(p, audit);
  const counts = Object.fromEntries(filters.map(([f]) => [f, entries.filter((e) => inFilter(e, f)).length]));
  const list = entries.filter((e) => inFilter(e, filter));
  const chips = filters.filter(([f]) => f === 'all' || counts[f] > 0 || f === filter).map(([f, label]) =>
    `<button type="button" class="chip-filter${f === filter ? ' on' : ''}" data-act="filter" data-filter="${f}" aria-pressed="${f === filter}">${label} <b>${counts[f]}</b></button>`).join('');
  return `<section class="card" id="timeline-card" data-part="timeline">
    <div class="card-head"><h2>Timeline</h2><div class="chips" role="group" aria-label="Show">${chips}</div></div>
    ${list.length ? `<ol class="tl" id="timeline">${list.map((e) => entryHtml(e, now, fresh)).join('')}</ol>` : '<p class="muted" id="timeline-empty">Nothing here yet.</p>'}
    <p class="muted small tl-foot">${olderButton(p, filter)}${auditShown ? '' : 'Front-line changes are not shown to your role.'}</p>
  </section>`;
}
