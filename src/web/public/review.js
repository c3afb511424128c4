// The steward's review queue: pairs of records identity was unsure about, most probable first. Open one to see
// both records side by side, differences marked, and the evidence as a waterfall; decide with a reason.
import { $, $$, api, esc, fmtPhone, fullName, pct, shortLevel, signed, steward, toast, typing, when } from './util.js';
import { waterfall } from './waterfall.js';

const pageSize = 50;
let queue = { total: 0, items: [], offset: 0 };
let selected = 0;
let open = null; // the pair on screen: { pair, index }
let choice = null; // 'same' | 'different' while the steward writes the reason

/** The number of open pairs, on the header link. */
export async function refreshQueueCount() {
  try {
    const { total } = await api('/api/review?limit=1');
    const badge = $('#review-count');
    badge.textContent = total > 999 ? '999+' : String(total);
    badge.hidden = total === 0;
  } catch { /* a courtesy */ }
}

const pairHref = (pairId) => `#/review/${encodeURIComponent(pairId)}`;
const recordName = (r) => (r.fields ? fullName(r.fields) || '(no name)' : '(record gone)');
const refText = (r) => `${r.source} ${r.sourceKey}`;

function probabilityCell(p) {
  const tone = p >= 0.9 ? 'hi' : p >= 0.7 ? 'mid' : 'lo';
  return `<span class="prob ${tone}"><span class="prob-bar"><i style="width:${(p * 100).toFixed(1)}%"></i></span><b>${pct(p)}</b></span>`;
}

/** The two birth dates, the digits that differ marked. */
function bornCells(item) {
  const a = item.a.fields?.birth_date ?? '';
  const b = item.b.fields?.birth_date ?? '';
  const [ha, hb] = a && b && a !== b ? markDiff(a, b) : [esc(a || '—'), esc(b || '—')];
  return `${ha}<div class="sub">${hb}</div>`;
}

async function loadQueue(offset = 0) {
  queue = { ...(await api(`/api/review?limit=${pageSize}&offset=${offset}`)), offset };
  return queue;
}

export async function showQueue(root, offset = 0) {
  open = null;
  root.innerHTML = '<p class="muted">Loading the review queue…</p>';
  try {
    await loadQueue(offset);
  } catch (e) {
    root.innerHTML = `<p class="error">${esc(e.message)}</p>`;
    return;
  }
  document.title = 'Review queue — cif';
  selected = Math.min(selected, Math.max(queue.items.length - 1, 0));
  const { total, items } = queue;
  const pager = total > pageSize
    ? `<span class="pager"><button class="btn small" data-page="${offset - pageSize}" ${offset === 0 ? 'disabled' : ''}>‹ Previous</button>
       ${offset + 1}–${offset + items.length} of ${total}
       <button class="btn small" data-page="${offset + pageSize}" ${offset + pageSize >= total ? 'disabled' : ''}>Next ›</button></span>`
    : '';
  root.innerHTML = `
    <div class="view-head">
      <h1>Review queue</h1>
      <span class="muted">${total === 0 ? 'Nothing to review.' : `${total} pair${total === 1 ? '' : 's'} identity could not decide, most probable first`}</span>
      <span class="spacer"></span>${pager}
      <span class="keys"><kbd>j</kbd><kbd>k</kbd> move <kbd>Enter</kbd> open</span>
    </div>
    ${items.length === 0 ? `<div class="card empty"><p><strong>The queue is empty.</strong></p><p class="muted">Each run adds the pairs of records it is unsure about. Decisions you take are applied at the next run.</p></div>` : `
    <div class="card flush"><table id="queue" class="queue">
      <thead><tr><th class="num">#</th><th>Probability</th><th>Record A</th><th>Record B</th><th>Born</th><th>Customers</th><th>Run</th></tr></thead>
      <tbody>${items.map((item, i) => `
        <tr class="${i === selected ? 'sel' : ''}" data-index="${i}" data-pair="${esc(item.pairId)}">
          <td class="num muted">${offset + i + 1}</td>
          <td>${probabilityCell(item.probability)}</td>
          <td><a class="pair-link" href="${pairHref(item.pairId)}">${esc(recordName(item.a))}</a><div class="sub">${esc(refText(item.a))}</div></td>
          <td><span class="strong">${esc(recordName(item.b))}</span><div class="sub">${esc(refText(item.b))}</div></td>
          <td class="born">${bornCells(item)}</td>
          <td class="mono">#${esc(item.a.customerId)} <span class="muted">·</span> #${esc(item.b.customerId)}</td>
          <td class="muted">${esc(item.runId)}</td>
        </tr>`).join('')}</tbody>
    </table></div>`}`;
  for (const b of $$('[data-page]', root)) b.addEventListener('click', () => showQueue(root, Number(b.dataset.page)));
  for (const tr of $$('#queue tbody tr', root)) {
    tr.addEventListener('click', (e) => {
      if (e.target.closest('a')) return;
      location.hash = pairHref(tr.dataset.pair);
    });
  }
}

function moveSelection(root, by) {
  const rows = $$('#queue tbody tr', root);
  if (rows.length === 0) return;
  selected = Math.min(Math.max(selected + by, 0), rows.length - 1);
  rows.forEach((r, i) => r.classList.toggle('sel', i === selected));
  rows[selected].scrollIntoView({ block: 'nearest' });
}

// ---- one pair -------------------------------------------------------------------------------------------------

const fieldRows = [
  { label: 'Given name', field: 'given_name', comparison: 'first_name' },
  { label: 'Middle name', field: 'middle_name', comparison: 'middle_name' },
  { label: 'Family name', field: 'family_name', comparison: 'last_name' },
  { label: 'Suffix', field: 'name_suffix', comparison: 'name_suffix' },
  { label: 'Born', field: 'birth_date', comparison: 'birth_date' },
  { label: 'E-mail', field: 'email', comparison: 'email' },
  { label: 'Phone', field: 'phone', comparison: 'phone', show: fmtPhone },
  { label: 'Address', field: 'address_line', comparison: 'address' },
  { label: 'City', field: 'city' },
  { label: 'Region', field: 'region' },
  { label: 'Postcode', field: 'postcode' },
];

const norm = (v) => String(v ?? '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Both values with the characters the other lacks marked (a longest-common-subsequence diff; values are short). */
export function markDiff(a, b) {
  if (a.length > 80 || b.length > 80) return [`<mark>${esc(a)}</mark>`, `<mark>${esc(b)}</mark>`];
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const L = Array.from({ length: x.length + 1 }, () => new Array(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) L[i][j] = x[i] === y[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  // Values with little in common (two different streets) are marked whole: scattered letters say nothing.
  if (L[0][0] < 0.6 * Math.min(x.length, y.length)) return [`<mark>${esc(a)}</mark>`, `<mark>${esc(b)}</mark>`];
  const keepA = new Array(a.length).fill(false);
  const keepB = new Array(b.length).fill(false);
  for (let i = 0, j = 0; i < x.length && j < y.length;) {
    if (x[i] === y[j]) { keepA[i++] = true; keepB[j++] = true; } else if (L[i + 1][j] >= L[i][j + 1]) i++; else j++;
  }
  const render = (s, keep) => {
    let html = '';
    let run = '';
    let marked = null;
    const flush = () => { if (run) html += marked ? `<mark>${esc(run)}</mark>` : esc(run); run = ''; };
    for (let i = 0; i < s.length; i++) {
      const m = !keep[i];
      if (m !== marked) { flush(); marked = m; }
      run += s[i];
    }
    flush();
    return html;
  };
  return [render(a, keepA), render(b, keepB)];
}

function evidenceChip(e) {
  if (!e) return '';
  if (e.level === null) return '<span class="chip none" title="missing on one side: says nothing">no data</span>';
  const tone = e.weight > 0 ? 'pos' : e.weight < 0 ? 'neg' : 'zero';
  return `<span class="chip ${tone}" title="${esc(`${e.description}: ${e.level}`)}"><b>${signed(e.weight)}</b> ${esc(shortLevel(e.level))}</span>`;
}

function sideBySide(pair, explanation) {
  const evidence = Object.fromEntries((explanation?.evidence ?? []).map((e) => [e.comparison, e]));
  const a = pair.a.fields ?? {};
  const b = pair.b.fields ?? {};
  const rows = fieldRows.filter((r) => (a[r.field] ?? '') !== '' || (b[r.field] ?? '') !== '' || ['given_name', 'family_name', 'birth_date'].includes(r.field));
  return `<table class="compare" id="compare">
    <thead><tr><th></th>
      <th><span class="side">A</span> ${esc(pair.a.source)} <code>${esc(pair.a.sourceKey)}</code> <a class="cust" href="#/customers/${esc(pair.a.customerId)}">#${esc(pair.a.customerId)}</a></th>
      <th><span class="side">B</span> ${esc(pair.b.source)} <code>${esc(pair.b.sourceKey)}</code> <a class="cust" href="#/customers/${esc(pair.b.customerId)}">#${esc(pair.b.customerId)}</a></th>
      <th>Evidence</th></tr></thead>
    <tbody>${rows.map((r) => {
      const show = r.show ?? ((v) => v);
      const va = a[r.field] ? String(show(a[r.field])) : '';
      const vb = b[r.field] ? String(show(b[r.field])) : '';
      let state = 'same';
      let [ha, hb] = [esc(va), esc(vb)];
      if (!va || !vb) state = va || vb ? 'missing' : 'empty';
      else if (norm(va) !== norm(vb)) { state = 'diff'; [ha, hb] = markDiff(va, vb); }
      return `<tr class="${state}" data-field="${r.field}"${r.comparison ? ` data-comparison="${r.comparison}"` : ''}>
        <th>${esc(r.label)}</th><td>${ha || '<span class="none">—</span>'}</td><td>${hb || '<span class="none">—</span>'}</td>
        <td>${r.comparison ? evidenceChip(evidence[r.comparison]) : ''}</td></tr>`;
    }).join('')}</tbody></table>`;
}

/** A reason to start from, from the strongest evidence each way. */
function suggestions(explanation) {
  if (!explanation) return { same: '', different: '' };
  const by = (sign) => explanation.evidence.filter((e) => e.level !== null && Math.sign(e.weight) === sign && Math.abs(e.weight) >= 1).sort((x, y) => sign * (y.weight - x.weight)).slice(0, 3);
  const one = (e) => {
    const what = e.description.toLowerCase();
    return e.level === 'exact' ? `same ${what}` : e.level === 'different' ? `different ${what}` : `${what}: ${shortLevel(e.level)}`;
  };
  const phrase = (list) => {
    const text = list.map(one).join('; ');
    return text ? `${text[0].toUpperCase()}${text.slice(1)}` : '';
  };
  return { same: phrase(by(1)), different: phrase(by(-1)) };
}

function decisionBar(pair, explanation) {
  if (pair.status === 'decided') {
    return `<div class="decided ${pair.decision}">Decided: <strong>${pair.decision === 'same' ? 'same person' : 'different people'}</strong> at ${esc(when(pair.decidedAt))}. Identity applies it at the next run.</div>`;
  }
  const hint = suggestions(explanation);
  return `<form id="decide" class="decide" autocomplete="off">
    <div class="choices" role="radiogroup" aria-label="Decision">
      <button type="button" class="choice same" data-choice="same" role="radio" aria-checked="false">Same person <kbd>S</kbd></button>
      <button type="button" class="choice different" data-choice="different" role="radio" aria-checked="false">Different people <kbd>D</kbd></button>
    </div>
    <div class="reason-box">
      <input id="reason" name="reason" maxlength="2000" placeholder="Reason (required): what settles it?" aria-label="Reason">
      <div class="suggest" id="suggest" data-same="${esc(hint.same)}" data-different="${esc(hint.different)}"></div>
    </div>
    <label class="by">as <input id="decided-by" value="${esc(steward.get())}" placeholder="your name" size="10" aria-label="Decided by"></label>
    <button type="submit" class="btn primary" id="record">Record decision <kbd>⏎</kbd></button>
  </form>`;
}

function choose(decision) {
  const form = $('#decide');
  if (!form) return;
  choice = decision;
  for (const b of $$('.choice', form)) {
    const on = b.dataset.choice === decision;
    b.classList.toggle('on', on);
    b.setAttribute('aria-checked', String(on));
  }
  form.dataset.choice = decision;
  const text = $('#suggest').dataset[decision];
  $('#suggest').innerHTML = text ? `<button type="button" class="use" title="Use this reason">Use: ${esc(text)}</button>` : '';
  $('#suggest .use')?.addEventListener('click', () => { $('#reason').value = text; $('#reason').focus(); });
  $('#reason').placeholder = decision === 'same' ? 'Why are they one person? (required)' : 'Why are they two people? (required)';
  $('#reason').focus();
}

async function decide(root) {
  const form = $('#decide');
  if (!form || !open) return;
  const reason = $('#reason').value.trim();
  if (!choice) { toast('Choose Same person (S) or Different people (D) first.', 'warn'); form.querySelector('.choices').classList.add('shake'); setTimeout(() => form.querySelector('.choices').classList.remove('shake'), 400); return; }
  if (!reason) { toast('Say why: the reason is kept with the decision.', 'warn'); $('#reason').focus(); return; }
  const decidedBy = $('#decided-by').value.trim();
  if (decidedBy) steward.set(decidedBy);
  $('#record').disabled = true;
  try {
    await api(`/api/review/${encodeURIComponent(open.pair.pairId)}/decision`, { decision: choice, reason, ...(decidedBy ? { decidedBy } : {}) });
    toast(`Recorded: ${choice === 'same' ? 'same person' : 'different people'}. Applied at the next run.`);
    refreshQueueCount();
    // On to the pair that takes this one's place in the queue.
    await loadQueue(queue.offset);
    const next = queue.items[Math.min(open.index, queue.items.length - 1)];
    location.hash = next ? pairHref(next.pairId) : '#/review';
  } catch (e) {
    toast(e.message, 'error');
    $('#record').disabled = false;
  }
}

export async function showPair(root, pairId) {
  choice = null;
  root.innerHTML = '<p class="muted">Loading the pair…</p>';
  let pair;
  try {
    [pair] = await Promise.all([api(`/api/review/${encodeURIComponent(pairId)}`), queue.items.length ? null : loadQueue(0)]);
  } catch (e) {
    root.innerHTML = `<p><a href="#/review">← Review queue</a></p><p class="error">${esc(e.message)}</p>`;
    return;
  }
  const index = queue.items.findIndex((i) => i.pairId === pairId);
  open = { pair, index: index === -1 ? selected : index };
  if (index !== -1) selected = index;
  const explanation = pair.explanation;
  const position = index === -1 ? '' : `Pair ${queue.offset + index + 1} of ${queue.total}`;
  document.title = `${recordName(pair.a)} / ${recordName(pair.b)} — review — cif`;
  root.innerHTML = `
    <div class="view-head">
      <a href="#/review" class="back" title="Back to the queue (Esc)">← Queue</a>
      <span class="muted">${esc(position)}</span>
      <span class="spacer"></span>
      <span class="keys"><kbd>k</kbd> previous <kbd>j</kbd> next <kbd>?</kbd> keys</span>
    </div>
    <div class="pair-head">
      <h1 id="pair-title">${esc(recordName(pair.a))} <span class="vs">and</span> ${esc(recordName(pair.b))}</h1>
      ${probabilityCell(explanation ? explanation.probability : pair.probability)}
      ${explanation ? `<span class="muted">match weight <b>${signed(explanation.weight)}</b></span>` : ''}
      ${pair.status === 'decided' ? `<span class="pill">${pair.decision === 'same' ? 'same person' : 'different people'}</span>` : ''}
    </div>
    <div class="pair-grid">
      <section class="card"><h2>Records side by side</h2>${sideBySide(pair, explanation)}
        <p class="legend"><span class="lg diff">differs</span><span class="lg missing">missing on one side</span><span class="lg same">agrees</span></p></section>
      <section class="card"><h2>Why: the evidence</h2>${explanation ? waterfall(explanation, { label: 'Evidence for this pair' }) : `<p class="muted">${esc(pair.explanationMissing ?? 'No explanation.')}</p>`}</section>
    </div>
    ${decisionBar(pair, explanation)}`;
  const form = $('#decide', root);
  if (form) {
    for (const b of $$('.choice', form)) b.addEventListener('click', () => choose(b.dataset.choice));
    form.addEventListener('submit', (e) => { e.preventDefault(); decide(root); });
  }
  // Pointing at a row of the table lights its bar in the waterfall, and back.
  for (const el of $$('[data-comparison]', root)) {
    const light = (on) => $$(`[data-comparison="${el.dataset.comparison}"]`, root).forEach((x) => x.classList.toggle('lit', on));
    el.addEventListener('mouseenter', () => light(true));
    el.addEventListener('mouseleave', () => light(false));
  }
}

function shortcuts() {
  let dialog = $('#keys-help');
  if (!dialog) {
    dialog = document.createElement('dialog');
    dialog.id = 'keys-help';
    dialog.innerHTML = `<h2>Keyboard</h2><dl class="keylist">
      <dt><kbd>j</kbd> / <kbd>k</kbd></dt><dd>next / previous pair</dd>
      <dt><kbd>Enter</kbd></dt><dd>open the pair (in the queue); record the decision (in the reason box)</dd>
      <dt><kbd>s</kbd></dt><dd>same person, then write the reason</dd>
      <dt><kbd>d</kbd></dt><dd>different people, then write the reason</dd>
      <dt><kbd>Esc</kbd></dt><dd>leave the reason box; back to the queue</dd>
      <dt><kbd>/</kbd></dt><dd>search customers</dd></dl>
      <form method="dialog"><button class="btn">Close</button></form>`;
    document.body.append(dialog);
  }
  dialog.showModal();
}

/** Keys on the review views; true when the key was theirs. */
export function reviewKeys(e, root) {
  if (e.key === 'Escape' && e.target?.id === 'reason') { e.target.blur(); return true; }
  if (typing(e)) return false;
  if (e.key === 'Enter' && e.target?.closest?.('a, button')) return false; // a focused link or button has its own Enter
  const onPair = open !== null;
  switch (e.key) {
    case '?': shortcuts(); return true;
    case 'j': case 'ArrowDown':
      if (!onPair) { moveSelection(root, 1); return true; }
      if (queue.items[open.index + 1]) location.hash = pairHref(queue.items[open.index + 1].pairId);
      return true;
    case 'k': case 'ArrowUp':
      if (!onPair) { moveSelection(root, -1); return true; }
      if (open.index > 0 && queue.items[open.index - 1]) location.hash = pairHref(queue.items[open.index - 1].pairId);
      return true;
    case 'Enter': case 'o':
      if (!onPair && queue.items[selected]) { location.hash = pairHref(queue.items[selected].pairId); return true; }
      return false;
    case 's': if (onPair && $('#decide')) { e.preventDefault(); choose('same'); return true; } return false;
    case 'd': if (onPair && $('#decide')) { e.preventDefault(); choose('different'); return true; } return false;
    case 'Escape': case 'u':
      if (onPair) { location.hash = '#/review'; return true; }
      return false;
    default: return false;
  }
}
