// The OLAP explorer: pick measures and dimensions from the semantic layer, filter, choose months, run. The answer is a
// table (one dimension may go across the columns: a pivot), a chart of it, and the SQL the mart ran.
import { chartFigure, chartUnavailable, drawChart, releaseCharts, seriesChart } from './charts.js';
import { ask, dimensionValues, filtersOf, monthRange, olapModel, show, valueWords, words } from './olap.js';
import { resultTable } from './result-table.js';
import { $, $$, esc } from './util.js';

function checkboxes(name, items) {
  return Object.values(items).map((item) => `<label class="check" title="${esc(item.description)}">
      <input type="checkbox" name="${name}" value="${esc(item.name)}" aria-describedby="${name}-${esc(item.name)}-about"> ${esc(words(item.name))}
      <span class="sr-only" id="${name}-${esc(item.name)}-about">${esc(item.description)}</span></label>`).join('');
}

function filterRow(model) {
  const dims = Object.keys(model.dimensions).filter((d) => d !== 'month'); // months have their own range
  return `<div class="filter-row">
    <label class="field">Dimension <select name="filter-dimension"><option value="">—</option>${dims.map((d) => `<option value="${esc(d)}">${esc(words(d))}</option>`).join('')}</select></label>
    <label class="field">Values <select name="filter-values" multiple size="4"></select></label>
    <button type="button" class="btn small quiet" data-remove-filter aria-label="Remove this filter">Remove</button>
  </div>`;
}

function questionForm(model, months) {
  const monthSelect = (name, label) => `<label class="field">${label} <select name="${name}"><option value="">any</option>${months.map((m) => `<option>${esc(m)}</option>`).join('')}</select></label>`;
  return `<form id="olap-form" class="card question" aria-label="Question">
    <fieldset><legend>Measures</legend><div class="checks">${checkboxes('measure', model.measures)}</div></fieldset>
    <fieldset><legend>Dimensions</legend><div class="checks">${checkboxes('dimension', model.dimensions)}</div></fieldset>
    <fieldset><legend>Filters</legend><div id="olap-filters"></div><button type="button" class="btn small" id="add-filter">Add a filter</button></fieldset>
    <fieldset class="months"><legend>Months</legend>${monthSelect('from', 'From')} ${monthSelect('to', 'To')}</fieldset>
    <div class="buttons"><button class="btn primary" type="submit">Run</button></div>
    <p id="olap-error" class="error" role="alert"></p>
  </form>`;
}

function questionOf(form) {
  const data = new FormData(form);
  const chosen = {};
  for (const row of $$('.filter-row', form)) {
    const dimension = $('[name=filter-dimension]', row).value;
    const values = [...$('[name=filter-values]', row).selectedOptions].map((o) => o.value);
    if (dimension && values.length) chosen[dimension] = [...(chosen[dimension] ?? []), ...values];
  }
  const timeRange = monthRange(data.get('from'), data.get('to'));
  return { measures: data.getAll('measure'), dimensions: data.getAll('dimension'), filters: filtersOf(chosen), ...(timeRange ? { timeRange } : {}) };
}

/** The rows with one dimension's values across the columns, showing one measure. */
function pivot(rows, dimensions, across, measure) {
  const keep = dimensions.filter((d) => d !== across);
  const columns = [...new Set(rows.map((r) => r[across]))].sort((a, b) => (a === null) - (b === null) || String(a).localeCompare(String(b), 'en', { numeric: true }));
  const byKey = new Map();
  for (const r of rows) {
    const key = JSON.stringify(keep.map((d) => r[d]));
    if (!byKey.has(key)) byKey.set(key, Object.fromEntries(keep.map((d) => [d, r[d]])));
    byKey.get(key)[`across:${r[across]}`] = r[measure];
  }
  return { keep, columns, rows: [...byKey.values()] };
}

const label = (row, dims) => dims.map((d) => valueWords(row[d])).join(' · ');

/** The table and the chart of an answer, plain or pivoted. */
function views(answer, question, model, across, shown) {
  const format = (m) => model.measures[m]?.format;
  const dims = question.dimensions;
  const keyColumns = (names) => names.map((d) => ({ key: d, label: words(d), rowHeader: true, show: valueWords }));
  if (across) {
    const p = pivot(answer.rows, dims, across, shown);
    const columns = p.columns.map((v) => ({ key: `across:${v}`, label: valueWords(v), numeric: true, show: (x) => show(x, format(shown)) }));
    return {
      table: resultTable([...keyColumns(p.keep), ...columns], p.rows, { id: 'olap-table', caption: `${words(shown)} by ${p.keep.map(words).join(', ').toLowerCase() || 'nothing'}, ${words(across).toLowerCase()} across` }),
      labels: p.keep.length ? p.rows.map((r) => label(r, p.keep)) : [words(shown)],
      series: p.columns.map((v) => ({ label: valueWords(v), data: p.rows.map((r) => r[`across:${v}`] ?? null), format: format(shown) })),
      line: p.keep.length === 1 && p.keep[0] === 'month',
    };
  }
  // Shares on an axis of their own when they sit beside counts or money.
  const mixed = question.measures.some((m) => format(m) === 'ratio') && question.measures.some((m) => format(m) !== 'ratio');
  return {
    table: resultTable([...keyColumns(dims), ...question.measures.map((m) => ({ key: m, label: words(m), numeric: true, show: (x) => show(x, format(m)) }))],
      answer.rows, { id: 'olap-table', caption: `${question.measures.map(words).join(', ')}${dims.length ? ` by ${dims.map(words).join(', ').toLowerCase()}` : ''}` }),
    labels: answer.rows.map((r) => label(r, dims)),
    series: question.measures.map((m) => ({ label: words(m), data: answer.rows.map((r) => r[m]), format: format(m), right: mixed && format(m) === 'ratio' })),
    line: dims.length === 1 && dims[0] === 'month',
  };
}

function showAnswer(root, answer, question, model) {
  const dims = question.dimensions;
  const out = $('#olap-answer', root);
  releaseCharts(out);
  out.innerHTML = `
    <div class="answer-head">
      <span><b>${answer.rows.length.toLocaleString('en-US')}</b> rows${answer.truncated ? ' — <span class="notice">more than that: narrow the question</span>' : ''}</span>
      <span class="spacer"></span>
      <label class="field inline">Across columns <select id="pivot-across"><option value="">none</option>${dims.map((d) => `<option value="${esc(d)}">${esc(words(d))}</option>`).join('')}</select></label>
      <label class="field inline" id="pivot-measure-field" hidden>Showing <select id="pivot-measure">${question.measures.map((m) => `<option value="${esc(m)}">${esc(words(m))}</option>`).join('')}</select></label>
    </div>
    ${chartFigure('olap-chart', 'Chart', { numbers: false })}
    <div class="card" id="olap-table-card"></div>
    <details class="sql card"><summary>SQL</summary><pre><code id="olap-sql">${esc(answer.sql)}</code></pre></details>`;
  const render = () => {
    const across = $('#pivot-across', out).value;
    $('#pivot-measure-field', out).hidden = !across;
    const v = views(answer, question, model, across, $('#pivot-measure', out).value);
    $('#olap-table-card', out).innerHTML = v.table;
    const figure = $('#olap-chart', out);
    if (dims.length === 0) return chartUnavailable(figure, 'Pick a dimension to see a chart.');
    const name = across ? `${words($('#pivot-measure', out).value)} by ${words(across).toLowerCase()}` : $('#olap-table caption', out).textContent;
    return drawChart(figure, seriesChart(v.labels, v.series, { line: v.line }), {
      label: `Chart of ${name}`, summary: `${name}: ${v.series.length} series over ${v.labels.length} ${v.line ? 'months' : 'points'}.`,
    });
  };
  $('#pivot-across', out).addEventListener('change', render);
  $('#pivot-measure', out).addEventListener('change', render);
  return render();
}

export async function showExplorer(root) {
  root.innerHTML = '<p class="muted">Loading the semantic layer…</p>';
  document.title = 'OLAP explorer — cif';
  let model, months;
  try {
    [model, months] = await Promise.all([olapModel(), dimensionValues('month')]);
  } catch (e) {
    root.innerHTML = `<p class="error" role="alert">${esc(e.message)}</p>`;
    return;
  }
  root.innerHTML = `
    <div class="view-head"><h1>OLAP explorer</h1><span class="muted">measures by dimensions, in the semantic layer's names</span></div>
    <div class="explorer">${questionForm(model, months)}<section id="olap-answer" aria-live="polite"><p class="hint">Pick measures and dimensions, then Run.</p></section></div>`;
  const form = $('#olap-form', root);
  $('#add-filter', form).addEventListener('click', () => $('#olap-filters', form).insertAdjacentHTML('beforeend', filterRow(model)));
  form.addEventListener('click', (e) => e.target.closest('[data-remove-filter]')?.closest('.filter-row').remove());
  form.addEventListener('change', async (e) => {
    if (e.target.name !== 'filter-dimension') return;
    const values = $('[name=filter-values]', e.target.closest('.filter-row'));
    values.innerHTML = e.target.value ? (await dimensionValues(e.target.value)).map((v) => `<option value="${esc(v)}">${esc(valueWords(v))}</option>`).join('') : '';
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const question = questionOf(form);
    $('#olap-error', form).textContent = '';
    if (question.measures.length === 0) { $('#olap-error', form).textContent = 'Pick at least one measure.'; return; }
    const out = $('#olap-answer', root);
    out.setAttribute('aria-busy', 'true');
    try {
      await showAnswer(root, await ask(question), question, model);
    } catch (error) {
      $('#olap-error', form).textContent = error.reason ? `${error.reason}` : error.message;
    } finally {
      out.setAttribute('aria-busy', 'false');
    }
  });
}
