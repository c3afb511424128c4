// The models' screen (#/analytics): how good the latest score run's churn and cross-sell models were on the hold-out
// months, what the churn model weighs, what the scores add up to, and per score run whether the front line contacted
// the high-risk customers and whether they stayed. Every number is GET /api/analytics's: nothing is computed here
// but shares for display.
import { chartFigure, drawChart, seriesChart } from './charts.js';
import { valueWords } from './olap.js';
import { resultTable } from './result-table.js';
import { api, esc, pct, when } from './util.js';

const share = (v) => (v === null || v === undefined ? '—' : pct(v));
const count = (v) => (v === null || v === undefined ? '—' : v.toLocaleString('en-US'));
/** An AUC as it is read: three decimals, 0.5 being a coin toss. */
export const aucText = (v) => (v === null || v === undefined ? '—' : v.toFixed(3));

/** A headline tile as the dashboard draws them; a `value` of null is words (a version), shown smaller. */
function tile(key, label, value, text, note) {
  return `<div class="kpi" data-kpi="${key}"><dt>${esc(label)}</dt>
    <dd><b class="kpi-value${value === null ? ' words' : ''}" data-value="${value ?? ''}">${esc(text)}</b><span class="kpi-note">${note}</span></dd></div>`;
}

function headlinesHtml(r) {
  const c = r.churn;
  const x = r.crossSell;
  const holdout = `${esc(c.holdoutMonthsRange.from)} to ${esc(c.holdoutMonthsRange.to)}`;
  return `<dl class="kpis" aria-label="The latest score run">
    ${tile('scored', 'Customers scored', r.scored, count(r.scored), `month ${esc(r.month)}`)}
    ${tile('modelVersion', 'Model version', null, r.modelVersion, `trained ${esc(when(r.trainedAt))}`)}
    ${tile('auc', 'Churn AUC', c.auc, aucText(c.auc), `hold-out: ${c.holdoutMonths} month${c.holdoutMonths === 1 ? '' : 's'}, ${holdout}`)}
    ${tile('precisionAtTopDecile', 'Precision, top decile', c.precisionAtTopDecile, share(c.precisionAtTopDecile), `base rate ${share(c.baseRate)}`)}
    ${tile('hitRateAt1', 'Cross-sell hit rate at 1', x.hitRateAt1, share(x.hitRateAt1), `most popular line: ${share(x.baseRateAt1)}`)}
  </dl>`;
}

/** Counts by a category (bands, tiers, …) as a small table, in the order the report keeps them. */
function countsCard(title, counts) {
  const rows = Object.entries(counts ?? {}).map(([name, n]) => ({ name, n }));
  return `<section class="card"><h2>${esc(title)}</h2>${resultTable([{ key: 'name', label: '', rowHeader: true, show: valueWords },
    { key: 'n', label: 'Customers', numeric: true, show: count }], rows)}</section>`;
}

function followUpHtml(followUp) {
  const columns = [
    { key: 'scoreRun', label: 'Score run', rowHeader: true },
    { key: 'scoredAt', label: 'Scored', show: when },
    { key: 'month', label: 'Month' },
    { key: 'highRisk', label: 'High risk', numeric: true, show: count },
    { key: 'contacted', label: 'Contacted after', numeric: true, show: count },
    { key: 'contactedShare', label: 'Contacted share', numeric: true, show: share },
    { key: 'stayed', label: 'Stayed', numeric: true, show: count },
    { key: 'stayedShare', label: 'Stayed share', numeric: true, show: share },
    { key: 'stayedContacted', label: 'Stayed, contacted', numeric: true, show: count },
    { key: 'stayedNotContacted', label: 'Stayed, not contacted', numeric: true, show: count },
  ];
  return `<section class="card" id="follow-up"><h2>Retention follow-up</h2>
    <p class="muted small">Per score run: the customers in the high churn band, how many were contacted after the scoring, and how many still hold a product.</p>
    ${resultTable(columns, followUp, { id: 'follow-up-table' })}</section>`;
}

function calibrationChart(figure, calibration) {
  const labels = calibration.map((d) => `Decile ${d.decile}`);
  const series = [
    { label: 'Predicted', data: calibration.map((d) => d.predicted), format: 'ratio' },
    { label: 'Observed', data: calibration.map((d) => d.observed), format: 'ratio', type: 'bar' },
  ];
  const numbers = resultTable([{ key: 'decile', label: 'Decile', rowHeader: true },
    { key: 'predicted', label: 'Predicted', numeric: true, show: share }, { key: 'observed', label: 'Observed', numeric: true, show: share },
    { key: 'rows', label: 'Rows', numeric: true, show: count }], calibration);
  const top = calibration.at(-1);
  return drawChart(figure, seriesChart(labels, series, { line: true }), {
    label: 'Churn calibration: predicted and observed leave rate per decile of risk',
    summary: top ? `In the riskiest decile the model predicted ${share(top.predicted)} would leave; ${share(top.observed)} did.` : 'No hold-out rows.',
    numbers,
  });
}

function weightsChart(figure, coefficients) {
  const sorted = [...coefficients].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  const config = seriesChart(sorted.map((c) => valueWords(c.feature)), [{ label: 'Weight', data: sorted.map((c) => c.weight) }]);
  const numbers = resultTable([{ key: 'feature', label: 'Feature', rowHeader: true, show: valueWords },
    { key: 'weight', label: 'Weight', numeric: true, show: (v) => v.toFixed(3) }], sorted);
  const strongest = sorted[0];
  return drawChart(figure, config, {
    label: 'The churn model\'s weights per feature',
    summary: strongest ? `The strongest feature is ${valueWords(strongest.feature)} (${strongest.weight.toFixed(3)}); a positive weight raises the risk.` : 'No weights.',
    numbers,
  });
}

function perLineHtml(perLine) {
  return `<section class="card"><h2>Cross-sell per line</h2>${resultTable([
    { key: 'productLine', label: 'Product line', rowHeader: true, show: valueWords },
    { key: 'auc', label: 'AUC', numeric: true, show: aucText },
    { key: 'takeRate', label: 'Take rate', numeric: true, show: share },
    { key: 'trainRows', label: 'Training rows', numeric: true, show: count },
    { key: 'holdoutRows', label: 'Hold-out rows', numeric: true, show: count },
  ], perLine, { id: 'per-line-table' })}</section>`;
}

export async function showAnalytics(root) {
  root.innerHTML = '<p class="muted">Loading the models…</p>';
  document.title = 'Models — cif';
  let answer;
  try {
    answer = await api('/api/analytics');
  } catch (e) {
    root.innerHTML = `<p class="error" role="alert">${esc(e.message)}</p>`;
    return;
  }
  const { report: r, followUp } = answer;
  const head = '<div class="view-head"><h1>Models</h1><span class="muted">churn, cross-sell and value, as the latest score run saw them</span></div>';
  if (!r) {
    root.innerHTML = `${head}<div class="card empty" id="analytics-empty"><p><b>Nothing has been scored yet.</b></p>
      <p class="muted">The models are trained and every customer scored by <code>cif run</code> (or <code>cif score</code>) once the marts hold enough months of history.</p></div>`;
    return;
  }
  root.innerHTML = `${head}
    ${headlinesHtml(r)}
    <div class="charts">${chartFigure('chart-calibration', 'Churn calibration by decile')}${chartFigure('chart-weights', 'Churn model weights')}</div>
    <div class="model-counts">
      ${countsCard('Churn bands', r.churn.bands)}${countsCard('Value tiers', r.value.tiers)}
      ${countsCard('Payment risk', r.value.paymentRisk)}${countsCard('Treatments', r.value.treatments)}
    </div>
    ${perLineHtml(r.crossSell.perLine)}
    ${followUpHtml(followUp)}`;
  const charts = root.querySelector('.charts');
  charts.setAttribute('aria-busy', 'true');
  await Promise.all([calibrationChart(root.querySelector('#chart-calibration'), r.churn.calibration),
    weightsChart(root.querySelector('#chart-weights'), r.churn.coefficients)]);
  if (root.contains(charts)) charts.setAttribute('aria-busy', 'false');
}
