// What the analytics last said of the customer (the information feedback), at a glance: churn risk and why, the next
// best offer and the others ranked, value and tier, payment risk and its collection treatment, and which models said
// so when. A customer no scoring run has scored shows nothing at all.
import { money } from './accounts.js';
import { esc, when } from './util.js';

const levels = ['high', 'medium', 'low'];
const level = (band) => (levels.includes(band) ? band : 'unknown');
const percent = (p) => `${Math.round(Number(p) * 100)}%`;
const capital = (word) => String(word ?? '').replace(/^./, (c) => c.toUpperCase());
const lineName = (line) => String(line ?? '').replaceAll('_', ' ');

const tile = (name, label, body) => `<div class="score-tile" data-score="${name}"><div class="score-label">${label}</div>${body}</div>`;

function churnTile(risk) {
  const band = level(risk.band);
  const reasons = risk.reasons.length
    ? `<ol class="score-reasons" aria-label="Why">${risk.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ol>`
    : '<p class="score-note muted">The models gave no reason.</p>';
  return tile('churn', 'Churn risk', `
    <div class="score-main"><span class="risk ${band}">${esc(capital(risk.band))}</span><b class="score-figure">${percent(risk.probability)}</b></div>
    <span class="risk-bar ${band}" role="img" aria-label="${percent(risk.probability)} likely to leave"><i style="width:${(Number(risk.probability) * 100).toFixed(1)}%"></i></span>
    ${reasons}`);
}

const offerTerms = (o) => `${esc(o.discountPercent)}% off · ${percent(o.propensity)} likely · worth ${money(o.expectedValue)}`;

function offerTile(s) {
  const best = s.nextBestOffer;
  if (!best) return tile('offer', 'Next best offer', '<div class="score-main"><span class="muted">No offer</span></div><p class="score-note muted">The models found nothing worth offering.</p>');
  const others = s.offers.slice(1);
  return tile('offer', 'Next best offer', `
    <div class="score-main"><b class="offer-line">${esc(lineName(best.productLine))}</b><span class="discount">${esc(best.discountPercent)}% off</span></div>
    <div class="score-sub">${percent(best.propensity)} likely to take it · worth <b>${money(best.expectedValue)}</b></div>
    ${others.length ? `<ol class="other-offers" start="2" aria-label="Other offers, ranked">${others.map((o) =>
      `<li><span class="offer-name">${esc(lineName(o.productLine))}</span> <span class="muted">${offerTerms(o)}</span></li>`).join('')}</ol>` : ''}`);
}

function valueTile(s) {
  return tile('value', 'Value', `
    <div class="score-main"><span class="tier ${esc(String(s.valueTier).toLowerCase())}">${esc(capital(s.valueTier))}</span></div>
    <div class="score-sub"><b>${money(s.value)}</b> over the last 12 months</div>`);
}

function paymentTile(s) {
  const risk = level(s.paymentRisk);
  return tile('payment', 'Payment risk', `
    <div class="score-main"><span class="risk ${risk}">${esc(capital(s.paymentRisk))}</span></div>
    <div class="score-sub treatment"><b>${esc(capital(s.collectionTreatment))}</b></div>
    ${s.collectionDescription ? `<p class="score-note">${esc(s.collectionDescription)}</p>` : ''}`);
}

export function scoresPanel(p) {
  const s = p.scores;
  if (!s) return '';
  return `<section class="card scores" id="scores" data-part="scores" aria-labelledby="scores-title">
      <div class="card-head"><h2 id="scores-title">Scores</h2>
        <span class="scores-meta" title="Scoring run ${esc(s.scoreRun)}">${esc(s.modelVersion)} · scored ${esc(when(s.scoredAt))}</span></div>
      <div class="score-grid">${churnTile(s.churnRisk)}${offerTile(s)}${valueTile(s)}${paymentTile(s)}</div>
    </section>`;
}
