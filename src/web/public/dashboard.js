// The KPI dashboard, for management: the standard KPIs of the whole base (GET /api/kpis) as headline numbers, and
// charts month by month or by segment, each one OLAP question with the filters chosen (product line, segment,
// region, months). Nothing is computed here: every number is the semantic layer's.
import { chartFigure, chartUnavailable, drawChart, rankWords, seriesChart, trendWords } from './charts.js';
import { ask, dimensionValues, filtersOf, monthRange, olapModel, show, valueWords, words } from './olap.js';
import { resultTable } from './result-table.js';
import { api, esc } from './util.js';

/** The charts: each is a question by month or by segment; a series `right` has its own scale on the right. */
const charts = [
  { id: 'chart-customers', title: 'Customers and households', by: 'month', series: [{ measure: 'customers' }, { measure: 'households' }] },
  { id: 'chart-products', title: 'Products per customer and multi-product share', by: 'month',
    series: [{ measure: 'productsPerCustomer' }, { measure: 'multiProductShare', right: true }] },
  { id: 'chart-retention', title: 'Retention and churn rate', by: 'month', series: [{ measure: 'retentionRate' }, { measure: 'churnRate', right: true }] },
  { id: 'chart-cross-sell', title: 'Cross-sell', by: 'month', series: [{ measure: 'crossSoldCustomers', type: 'bar' }, { measure: 'crossSellRate', right: true }] },
  { id: 'chart-revenue', title: 'Revenue by segment', by: 'segment', series: [{ measure: 'revenue' }] },
  { id: 'chart-wallet', title: 'Share of wallet by segment', by: 'segment', series: [{ measure: 'shareOfWallet' }] },
  { id: 'chart-satisfaction', title: 'Satisfaction (survey score, 0 to 10)', by: 'month', series: [{ measure: 'satisfaction' }] },
  { id: 'chart-complaints', title: 'Complaints', by: 'month', series: [{ measure: 'complaints', type: 'bar' }] },
];

/** The headline numbers, from the standard KPIs: the base now, then the latest month; `worse` when a rise is bad news. */
const headlines = [
  { key: 'customers', label: 'Customers', now: true },
  { key: 'households', label: 'Households', now: true },
  { key: 'productsPerCustomer', label: 'Products per customer' },
  { key: 'multiProductShare', label: 'Multi-product share' },
  { key: 'retentionRate', label: 'Retention' },
  { key: 'churnRate', label: 'Churn rate', worse: true },
  { key: 'crossSellRate', label: 'Cross-sell rate' },
  { key: 'shareOfWallet', label: 'Share of wallet' },
  { key: 'revenue', label: 'Revenue' },
  { key: 'satisfaction', label: 'Satisfaction' },
  { key: 'complaints', label: 'Complaints', worse: true },
];

const filterDimensions = ['productLine', 'segment', 'region'];

function options(values, all) {
  return `<option value="">${esc(all)}</option>${values.map((v) => `<option value="${esc(v)}">${esc(valueWords(v))}</option>`).join('')}`;
}

function filtersHtml(choices, months) {
  const select = (name, label, values, all) => `<label class="field">${esc(label)} <select name="${name}">${options(values, all)}</select></label>`;
  const monthSelect = (name, label, selected) => `<label class="field">${esc(label)} <select name="${name}">${months.map((m) =>
    `<option${m === selected ? ' selected' : ''}>${esc(m)}</option>`).join('')}</select></label>`;
  return `<form id="dashboard-filters" class="filters card" aria-label="Filters">
    ${select('productLine', 'Product line', choices.productLine, 'All product lines')}
    ${select('segment', 'Segment', choices.segment, 'All segments')}
    ${select('region', 'Region', choices.region, 'All regions')}
    ${monthSelect('from', 'From', months[0])}
    ${monthSelect('to', 'To', months.at(-1))}
    <button class="btn" type="reset">Clear filters</button>
  </form>`;
}

/** A change against the month before, in the measure's format: points for a share, a percentage otherwise. */
function change(now, before, format, worse) {
  if (now === null || before === null || before === undefined || !before) return '';
  const up = now > before;
  const amount = (format === 'ratio' ? Math.abs(now - before) : Math.abs(now / before - 1)) * 100;
  if (amount < 0.05) return '<span class="delta">unchanged</span>';
  return `<span class="delta ${up === !worse ? 'good' : 'bad'}" title="against the month before">${up ? '▲' : '▼'} ${amount.toFixed(1)}${format === 'ratio' ? ' pts' : '%'}</span>`;
}

function headlinesHtml(kpis, model) {
  const before = kpis.monthly.at(-2) ?? {};
  const tiles = headlines.map((h) => {
    const value = h.now ? kpis[h.key] : kpis.latest[h.key];
    const format = model.measures[h.key]?.format ?? 'count';
    const note = h.now ? 'now' : `${kpis.month} ${change(value, before[h.key], format, h.worse)}`;
    return `<div class="kpi" data-kpi="${h.key}" title="${esc(model.measures[h.key]?.description ?? '')}">
      <dt>${esc(h.label)}</dt><dd><b class="kpi-value" data-value="${value ?? ''}">${esc(show(value, format, true))}</b><span class="kpi-note">${note}</span></dd></div>`;
  }).join('');
  return `<dl class="kpis" aria-label="Headline numbers: the whole base now and in ${esc(kpis.month ?? 'the latest month')}">${tiles}</dl>`;
}

function chosenFilters(form) {
  const data = new FormData(form);
  return { chosen: Object.fromEntries(filterDimensions.map((d) => [d, data.get(d)])), timeRange: monthRange(data.get('from'), data.get('to')) };
}

/** In words, what the charts are cut to: ", cable, segment high". */
function filterWords({ chosen, timeRange }) {
  const parts = filterDimensions.filter((d) => chosen[d]).map((d) => `${words(d).toLowerCase()} ${valueWords(chosen[d])}`);
  return `${timeRange ? `, ${timeRange.from} to ${timeRange.to}` : ''}${parts.length ? `, ${parts.join(', ')}` : ''}`;
}

/** One chart's question, drawn unless other filters were chosen meanwhile (`current()` says). */
async function drawOne(figure, chart, model, filters, current) {
  const series = chart.series.map((s) => ({ ...s, label: words(s.measure), format: model.measures[s.measure]?.format }));
  let rows;
  try {
    ({ rows } = await ask({ measures: series.map((s) => s.measure), dimensions: [chart.by], filters: filtersOf(filters.chosen), timeRange: filters.timeRange }));
    if (!current()) return;
  } catch (error) {
    if (!current()) return;
    // Churn, retention and the like belong to a customer, not to one of their product lines: the mart cannot cut them so.
    const byLine = error.status === 422 && filters.chosen.productLine;
    chartUnavailable(figure, byLine ? 'Not by product line: these measures count whole customers, whatever lines they hold. Clear the product line to see them.' : error.message);
    return;
  }
  const monthly = chart.by === 'month';
  if (!monthly) rows.sort((a, b) => (b[series[0].measure] ?? -Infinity) - (a[series[0].measure] ?? -Infinity));
  const labels = rows.map((r) => (monthly ? r.month : valueWords(r[chart.by])));
  const data = series.map((s) => rows.map((r) => r[s.measure]));
  const sentence = (s, i) => (monthly ? trendWords : rankWords)(s.label, labels, data[i], s.format);
  const numbers = resultTable([{ key: chart.by, label: words(chart.by), rowHeader: true, show: valueWords },
    ...series.map((s) => ({ key: s.measure, label: s.label, numeric: true, show: (v) => show(v, s.format) }))], rows);
  await drawChart(figure, seriesChart(labels, series.map((s, i) => ({ ...s, data: data[i] })), { line: monthly }), {
    label: `${chart.title}, by ${monthly ? 'month' : words(chart.by).toLowerCase()}${filterWords(filters)}`,
    summary: rows.length ? series.map(sentence).join(' ') : 'No data for these filters.',
    numbers,
  });
}

export async function showDashboard(root) {
  root.innerHTML = '<p class="muted">Loading the KPIs…</p>';
  document.title = 'Dashboard — cif';
  let kpis, model, choices, months;
  try {
    [kpis, model, months, ...choices] = await Promise.all([api('/api/kpis'), olapModel(), dimensionValues('month'), ...filterDimensions.map(dimensionValues)]);
  } catch (e) {
    root.innerHTML = `<p class="error" role="alert">${esc(e.message)}</p>`;
    return;
  }
  choices = Object.fromEntries(filterDimensions.map((d, i) => [d, choices[i]]));
  root.innerHTML = `
    <div class="view-head"><h1>Dashboard</h1><span class="muted">the standard KPIs, month by month</span></div>
    ${headlinesHtml(kpis, model)}
    ${filtersHtml(choices, months)}
    <p class="muted small">The headline numbers are the whole base; the charts follow the filters.</p>
    <div class="charts">${charts.map((c) => chartFigure(c.id, c.title)).join('')}</div>`;
  const form = root.querySelector('#dashboard-filters');
  const area = root.querySelector('.charts');
  let turn = 0;
  const drawAll = async () => {
    const mine = ++turn;
    const current = () => mine === turn && root.contains(form);
    area.setAttribute('aria-busy', 'true');
    const filters = chosenFilters(form);
    await Promise.all(charts.map((c) => drawOne(root.querySelector(`#${c.id}`), c, model, filters, current)));
    if (current()) area.setAttribute('aria-busy', 'false');
  };
  form.addEventListener('change', drawAll);
  form.addEventListener('reset', () => setTimeout(drawAll)); // the fields are reset after the event
  await drawAll();
}
