// Stewardship on the customer screen: how each source record matches the golden record, the customer's merges and
// splits, decisions waiting for the next run, and merging or splitting with a reason.
import { $, $$, api, esc, fullName, pct, steward, toast, when } from './util.js';
import { waterfall } from './waterfall.js';

const ref = (r) => `${r.source}:${r.sourceKey}`;

const icon = (d) => `<svg viewBox="0 0 16 16" width="14" height="14" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d="${d}"/></svg>`;
const icons = { merge: icon('M3 2v3a4 4 0 0 0 4 4h0a4 4 0 0 1 4 4v1M13 2v3a4 4 0 0 1-4 4M9 12l2 2 2-2'), split: icon('M8 14v-4M8 10 3 4M8 10l5-6M3 7V4h3M13 7V4h-3') };

/** A customer event's evidence: a match explanation as a waterfall, anything else as a short list. */
function evidenceHtml(evidence) {
  if (evidence === null || evidence === undefined) return '';
  if (typeof evidence === 'object' && Array.isArray(evidence.evidence) && typeof evidence.prior === 'number') {
    return `<div class="ev-fall">${waterfall(evidence, { compact: true, label: 'Evidence' })}</div>`;
  }
  if (typeof evidence !== 'object') return `<div class="ev">${esc(evidence)}</div>`;
  const show = (key, value) => {
    if (key === 'probability' && typeof value === 'number') return pct(value);
    if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v).replaceAll('_', ' '))).join(', ');
    if (value && typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  const label = (key) => key.replace(/([a-z])([A-Z])/g, '$1 $2').replaceAll('_', ' ').toLowerCase();
  return `<dl class="ev">${Object.entries(evidence).map(([k, v]) => `<dt>${esc(label(k))}</dt><dd>${esc(show(k, v))}</dd>`).join('')}</dl>`;
}

function eventText(e, selfId) {
  const other = e.otherId === null ? 'another customer' : `<a href="#/customers/${esc(e.otherId)}">#${esc(e.otherId)}</a>`;
  if (e.kind === 'merged') return `Customer ${other} merged into #${esc(selfId)}`;
  if (e.kind === 'split') return `Customer ${other} split off #${esc(selfId)}`;
  return `Split off customer ${other}`;
}

function historyCard(p) {
  const id = p.customer.customer_id;
  const items = p.history.map((e) => `<li class="event ${e.kind.replace(' ', '-')}">
      <span class="ev-icon" aria-hidden="true">${e.kind === 'merged' ? icons.merge : icons.split}</span>
      <div><div class="ev-line"><strong>${eventText(e, id)}</strong> <span class="muted">${esc(e.at ? when(e.at) : '')} · run ${esc(e.runId)}</span></div>
      <div class="ev-reason">${esc(e.reason)}</div>${evidenceHtml(e.evidence)}</div></li>`);
  return `<section class="card" id="history"><h2>History: merges and splits</h2>
    ${items.length ? `<ol class="timeline">${items.join('')}</ol>` : '<p class="muted">Never merged or split.</p>'}</section>`;
}

function pendingNotice(p) {
  if (!p.pendingDecisions.length) return '';
  const line = (d) => {
    const mine = new Set(p.sourceRecords.map((r) => `${r.source}:${r.source_key}`));
    const [own, other] = mine.has(ref(d.a)) ? [d.a, d.b] : [d.b, d.a];
    const what = d.decision === 'same' ? 'the same person as' : 'a different person from';
    return `<li><code>${esc(ref(own))}</code> is ${what} <code>${esc(ref(other))}</code>${other.customerId !== p.customer.customer_id ? ` (<a href="#/customers/${esc(other.customerId)}">#${esc(other.customerId)}</a>)` : ''}
      — “${esc(d.reason)}” <span class="muted">${esc(d.decidedBy)}, ${esc(when(d.decidedAt))}</span></li>`;
  };
  return `<section class="notice pending" id="pending"><strong>${p.pendingDecisions.length} steward decision${p.pendingDecisions.length === 1 ? '' : 's'} wait${p.pendingDecisions.length === 1 ? 's' : ''} for the next run</strong>
    <ul>${p.pendingDecisions.map(line).join('')}</ul></section>`;
}

/** The stewardship sections of the customer screen, placed by the caller. */
export function stewardshipHtml(p) {
  return {
    actions: `<span class="actions"><button class="btn" id="merge-btn" title="Merge this customer with another">Merge…</button>
      <button class="btn" id="split-btn" title="Split records off this customer" ${p.sourceRecords.length < 2 ? 'disabled' : ''}>Split…</button></span>`,
    pending: pendingNotice(p),
    cards: `<section class="card" id="explain"><h2>Why these records are this customer</h2><div id="explain-body"><p class="muted">Explaining…</p></div></section>
      ${historyCard(p)}`,
  };
}

async function loadExplanations(p) {
  const body = $('#explain-body');
  try {
    const r = await api(`/api/customers/${p.customer.customer_id}/explain`);
    const name = (rec) => fullName(rec.fields) || '(no name)';
    body.innerHTML = `<p class="muted small">Each source record against the golden record: what every attribute adds to the match, and the probability they are one person.</p>
      <div class="explain-grid">${r.records.map((rec) => `<div class="explain-item">
        <div class="explain-head"><span class="src">${esc(rec.source)}</span> <code>${esc(rec.sourceKey)}</code> <strong>${esc(name(rec))}</strong>
          <span class="spacer"></span><span class="prob-pill ${rec.explanation.probability >= 0.9 ? 'hi' : rec.explanation.probability >= 0.5 ? 'mid' : 'lo'}">${pct(rec.explanation.probability)}</span></div>
        ${waterfall(rec.explanation, { compact: true, label: `${rec.source} ${rec.sourceKey} against the golden record` })}</div>`).join('')}</div>
      ${r.omitted ? `<p class="muted">${r.omitted} more records not shown.</p>` : ''}`;
  } catch (e) {
    body.innerHTML = `<p class="muted">${esc(e.status === 409 ? 'No explanation yet: the ODS holds no matching model; a run delivers it.' : e.message)}</p>`;
  }
}

function dialog(id, html) {
  $(`#${id}`)?.remove();
  const d = document.createElement('dialog');
  d.id = id;
  d.className = 'steward-dialog';
  d.innerHTML = html;
  document.body.append(d);
  d.addEventListener('close', () => d.remove());
  d.querySelector('[data-cancel]')?.addEventListener('click', () => d.close());
  return d;
}

const whoField = () => `<label class="field">Decided by <input name="decidedBy" value="${esc(steward.get())}" placeholder="your name"></label>`;

async function submit(d, path, body, done) {
  const error = d.querySelector('.form-error');
  const button = d.querySelector('button[type=submit]');
  button.disabled = true;
  error.textContent = '';
  try {
    if (body.decidedBy) steward.set(body.decidedBy);
    else delete body.decidedBy;
    const r = await api(path, body);
    d.close();
    toast(`Recorded ${r.decisions.length} decision${r.decisions.length === 1 ? '' : 's'}: applied at the ${r.appliesAt}.`);
    done();
  } catch (e) {
    error.textContent = e.message;
    button.disabled = false;
  }
}

function openMerge(p, done) {
  const c = p.customer;
  const d = dialog('merge-dialog', `<form method="dialog" class="dialog-form">
    <h2>Merge customer #${esc(c.customer_id)} ${esc(fullName(c))}</h2>
    <p class="muted">The two customers become one at the next run; the older id stays.</p>
    <label class="field">With customer number <input name="otherId" inputmode="numeric" required autofocus placeholder="e.g. 1042"></label>
    <div class="preview muted" id="merge-preview">Type the other customer's number.</div>
    <label class="field">Reason <textarea name="reason" required rows="2" placeholder="Why are they one person?"></textarea></label>
    ${whoField()}
    <p class="form-error error" role="alert"></p>
    <div class="buttons"><button type="button" class="btn" data-cancel>Cancel</button><button type="submit" class="btn primary">Merge</button></div>
  </form>`);
  const form = d.querySelector('form');
  let timer;
  form.otherId.addEventListener('input', () => {
    clearTimeout(timer);
    const id = form.otherId.value.trim();
    const preview = $('#merge-preview', d);
    if (!/^\d+$/.test(id)) { preview.textContent = id ? 'A customer number is digits only.' : "Type the other customer's number."; return; }
    timer = setTimeout(async () => {
      try {
        const o = await api(`/api/customers/${id}`);
        const oc = o.customer;
        preview.innerHTML = oc.customer_id === c.customer_id
          ? '<span class="error">That is this customer.</span>'
          : `<strong>${esc(fullName(oc))}</strong> #${esc(oc.customer_id)} · born ${esc(oc.birth_date ?? '—')} · ${esc([oc.address_line, oc.city].filter(Boolean).join(', ') || 'no address')} · ${o.sourceRecords.length} record${o.sourceRecords.length === 1 ? '' : 's'}`;
      } catch (e) {
        preview.innerHTML = `<span class="error">${esc(e.message)}</span>`;
      }
    }, 200);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit(d, `/api/customers/${c.customer_id}/merge`, { otherId: Number(form.otherId.value.trim()), reason: form.reason.value, decidedBy: form.decidedBy.value.trim() }, done);
  });
  d.showModal();
}

function openSplit(p, done) {
  const c = p.customer;
  const d = dialog('split-dialog', `<form method="dialog" class="dialog-form">
    <h2>Split records off #${esc(c.customer_id)} ${esc(fullName(c))}</h2>
    <p class="muted">The records you tick leave this customer at the next run; the others stay.</p>
    <fieldset class="records"><legend>Records to split off</legend>${p.sourceRecords.map((r, i) => `
      <label class="record"><input type="checkbox" name="record" value="${i}" ${i === 0 ? 'autofocus' : ''}>
        <span class="src">${esc(r.source)}</span> <code>${esc(r.source_key)}</code> <strong>${esc(fullName(r))}</strong>
        <span class="muted">${esc(r.birth_date ?? '')} ${esc([r.address_line, r.postcode].filter(Boolean).join(' '))}</span></label>`).join('')}
    </fieldset>
    <label class="field">Reason <textarea name="reason" required rows="2" placeholder="Why are these records another person?"></textarea></label>
    ${whoField()}
    <p class="form-error error" role="alert"></p>
    <div class="buttons"><button type="button" class="btn" data-cancel>Cancel</button><button type="submit" class="btn primary" disabled>Split off</button></div>
  </form>`);
  const form = d.querySelector('form');
  const button = form.querySelector('button[type=submit]');
  const picked = () => $$('input[name=record]:checked', form).map((x) => p.sourceRecords[Number(x.value)]);
  form.addEventListener('change', () => {
    const n = picked().length;
    button.disabled = n === 0 || n === p.sourceRecords.length;
    button.textContent = n === 0 ? 'Split off' : n === p.sourceRecords.length ? 'Keep at least one record' : `Split off ${n} record${n === 1 ? '' : 's'}`;
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const records = picked().map((r) => ({ source: r.source, sourceKey: r.source_key }));
    submit(d, `/api/customers/${c.customer_id}/split`, { records, reason: form.reason.value, decidedBy: form.decidedBy.value.trim() }, done);
  });
  d.showModal();
}

/** Wires the sections once they are on the page; `reload` shows the customer again after a decision. */
export function wireStewardship(p, reload) {
  loadExplanations(p);
  $('#merge-btn')?.addEventListener('click', () => openMerge(p, reload));
  $('#split-btn')?.addEventListener('click', () => openSplit(p, reload));
}
