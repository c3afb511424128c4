// The evidence of a match as a waterfall: the prior, then what each attribute adds (for) or takes away (against),
// then the total. Weights are log2 odds: 0 is even odds (50%), every +1 doubles the odds of one person.
import { esc, pct, shortLevel, signed } from './util.js';

/** The steps of an explanation, each with where its bar starts and ends. */
export function steps(explanation) {
  const out = [{ kind: 'prior', label: 'Prior', detail: 'before any evidence', weight: explanation.prior, from: 0, to: explanation.prior }];
  let at = explanation.prior;
  for (const e of explanation.evidence) {
    // No level and no weight: the attribute is missing on one side and says nothing.
    const kind = e.weight > 0 ? 'pos' : e.weight < 0 ? 'neg' : e.level === null ? 'none' : 'zero';
    out.push({ kind, label: e.description, detail: shortLevel(e.level), level: e.level, weight: e.weight, from: at, to: at + e.weight, a: e.a, b: e.b, comparison: e.comparison });
    at += e.weight;
  }
  // What the model adds beyond the listed attributes (such as counting a shared household once).
  const rest = explanation.weight - at;
  if (Math.abs(rest) >= 0.1) { // each weight is rounded to 0.01: below this, rounding
    out.push({ kind: rest > 0 ? 'pos' : 'neg', label: 'Other adjustments', detail: 'beyond the attributes above', weight: rest, from: at, to: explanation.weight });
  }
  out.push({ kind: 'total', label: 'Total', detail: `${pct(explanation.probability)} one person`, weight: explanation.weight, from: 0, to: explanation.weight });
  return out;
}

function niceTicks(min, max) {
  const span = max - min;
  const step = span > 60 ? 20 : span > 30 ? 10 : span > 12 ? 5 : 2;
  const ticks = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(t);
  return ticks;
}

/**
 * HTML for an explanation's waterfall. compact: shorter rows and no axis, for several on one screen.
 * Each evidence row carries data-comparison, so a table beside it can point at it.
 */
export function waterfall(explanation, { compact = false, label = 'Evidence' } = {}) {
  const all = steps(explanation);
  const values = all.flatMap((s) => [s.from, s.to]);
  let min = Math.min(0, ...values);
  let max = Math.max(0, ...values);
  const pad = (max - min) * 0.04 || 1;
  min -= pad;
  max += pad;
  const x = (v) => ((v - min) / (max - min)) * 100;
  const zero = x(0);
  const rows = all.map((s, i) => {
    const left = Math.min(x(s.from), x(s.to));
    const width = Math.abs(x(s.to) - x(s.from));
    const next = all[i + 1];
    const link = next && next.kind !== 'total' ? `<i class="wf-link" style="left:${x(s.to).toFixed(2)}%"></i>` : '';
    const detail = s.kind === 'none' ? 'not compared: missing on one side' : s.level ?? s.detail;
    const title = s.a !== undefined ? `${s.label}: ${s.a ?? '—'} vs ${s.b ?? '—'} → ${detail} (${signed(s.weight)})` : `${s.label}: ${detail} (${signed(s.weight)})`;
    const bar = s.kind === 'none'
      ? `<i class="wf-dot" style="left:${x(s.from).toFixed(2)}%"></i>`
      : `<i class="wf-bar ${s.kind}" style="left:${left.toFixed(2)}%;width:max(${width.toFixed(2)}%, 2px)"></i>`;
    return `<div class="wf-row ${s.kind}"${s.comparison ? ` data-comparison="${esc(s.comparison)}"` : ''} title="${esc(title)}">
      <div class="wf-label"><span class="wf-name">${esc(s.label)}</span> <span class="wf-detail">${esc(s.detail)}</span></div>
      <div class="wf-track"><i class="wf-zero" style="left:${zero.toFixed(2)}%"></i>${bar}${link}</div>
      <div class="wf-val">${s.kind === 'none' ? '—' : signed(s.weight)}</div>
    </div>`;
  });
  const axis = compact ? '' : `<div class="wf-row wf-axis" aria-hidden="true"><div class="wf-label"></div><div class="wf-track">${niceTicks(min, max)
    .map((t) => `<span class="wf-tick" style="left:${x(t).toFixed(2)}%">${t === 0 ? '0 · 50%' : t > 0 ? `+${t}` : `−${-t}`}</span>`).join('')}</div><div class="wf-val"></div></div>
    <div class="wf-legend"><span><i class="sw neg"></i>against one person</span><span><i class="sw pos"></i>for one person</span><span><i class="sw prior"></i>prior</span><span><i class="sw total"></i>total</span><span class="muted">weights in log₂ odds: +1 doubles the odds</span></div>`;
  const flags = [
    explanation.veto ? '<p class="flag neg">Veto: a rule says these are never one person (different given names, a generation apart, or different suffixes), whatever the weights.</p>' : '',
    explanation.trusted ? '<p class="flag pos">Trusted identifier: the same identifier links them at once.</p>' : '',
  ].join('');
  return `<div class="waterfall${compact ? ' compact' : ''}" role="img" aria-label="${esc(`${label}: match weight ${signed(explanation.weight)}, probability ${pct(explanation.probability)}`)}">${flags}${rows.join('')}${axis}</div>`;
}
