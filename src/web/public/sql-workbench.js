// The SQL workbench, for analysts: one SELECT over the published warehouse and marts (POST /api/sql), its rows as a
// table, DuckDB's refusal told as it is, and the whole result as CSV or Parquet to download.
import { resultTable } from './result-table.js';
import { $, api, esc, send, toast } from './util.js';

const example = `SELECT region, count(*) AS customers
FROM dw.dim_customer
WHERE is_current
GROUP BY ALL
ORDER BY customers DESC`;

const numericType = /INT|DECIMAL|DOUBLE|FLOAT|REAL|NUMERIC/;

function workbenchHtml() {
  return `
    <div class="view-head"><h1>SQL workbench</h1><span class="muted">one SELECT over the published warehouse (<code>dw.*</code>) and marts (<code>mart.*</code>)</span></div>
    <div class="workbench">
      <form id="sql-form" class="card" aria-label="Query">
        <label class="field" for="sql-text">SQL</label>
        <textarea id="sql-text" name="sql" rows="9" spellcheck="false" autocapitalize="off" required>${esc(example)}</textarea>
        <div class="sql-actions">
          <label class="field inline">Rows to show <input id="sql-limit" name="limit" type="number" min="1" max="100000" value="1000"></label>
          <button class="btn primary" type="submit">Run <span class="keys"><kbd>Ctrl</kbd><kbd>Enter</kbd></span></button>
          <span class="spacer"></span>
          <button class="btn" type="button" data-download="csv">Download CSV</button>
          <button class="btn" type="button" data-download="parquet">Download Parquet</button>
        </div>
        <p class="muted small">A download holds the whole result, up to 100,000 rows.</p>
        <div id="sql-error" class="sql-error" role="alert" hidden></div>
      </form>
      <aside class="card tables" aria-label="Tables"><h2>Tables</h2><ul id="sql-tables" class="table-list"><li class="muted">…</li></ul></aside>
    </div>
    <section id="sql-result" aria-live="polite"></section>`;
}

/** The published tables and their columns, asked through the workbench's own route; a click starts a query on one. */
async function listTables(root) {
  const list = $('#sql-tables', root);
  try {
    const { rows } = await api('/api/sql', { sql: `SELECT table_schema || '.' || table_name AS name, string_agg(column_name, ', ' ORDER BY ordinal_position) AS columns
      FROM information_schema.columns WHERE table_schema IN ('dw', 'mart') GROUP BY ALL ORDER BY 1` });
    list.innerHTML = rows.map((t) => `<li><button type="button" class="link" data-table="${esc(t.name)}" title="${esc(t.columns)}">${esc(t.name)}</button></li>`).join('');
  } catch {
    list.innerHTML = '<li class="muted">Not published yet.</li>';
  }
  list.addEventListener('click', (e) => {
    const table = e.target.closest('[data-table]')?.dataset.table;
    if (!table) return;
    $('#sql-text', root).value = `SELECT *\nFROM ${table}\nLIMIT 100`;
    $('#sql-text', root).focus();
  });
}

function showError(root, error) {
  const box = $('#sql-error', root);
  box.hidden = !error;
  box.innerHTML = error ? `<b>${error.status === 422 ? 'The query was refused' : 'The query failed'}</b><pre>${esc(error.reason ?? error.message)}</pre>` : '';
}

async function run(root) {
  const sql = $('#sql-text', root).value;
  const limit = Number($('#sql-limit', root).value) || undefined;
  const out = $('#sql-result', root);
  showError(root, null);
  out.setAttribute('aria-busy', 'true');
  try {
    const answer = await api('/api/sql', { sql, limit });
    const columns = answer.columns.map((c) => ({ key: c.name, label: c.name, note: c.type, numeric: numericType.test(c.type) }));
    out.innerHTML = `<p class="muted" id="sql-summary"><b>${answer.rows.length.toLocaleString('en-US')}</b> rows in ${answer.ms} ms${answer.truncated
      ? ' — there were more: download the whole result, or raise the rows to show' : ''}</p>
      <div class="card">${resultTable(columns, answer.rows, { id: 'sql-table' })}</div>`;
  } catch (error) {
    out.innerHTML = '';
    showError(root, error);
  } finally {
    out.setAttribute('aria-busy', 'false');
  }
}

/** The whole result as a file: fetched with the session, handed to the browser as a download. */
async function download(root, format) {
  showError(root, null);
  try {
    const res = await send(`/api/sql?format=${format}`, { sql: $('#sql-text', root).value });
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `query.${format}`;
    const url = URL.createObjectURL(await res.blob());
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    const rows = Number(res.headers.get('x-row-count')).toLocaleString('en-US');
    toast(`${name}: ${rows} rows${res.headers.get('x-truncated') === 'true' ? ', the first of more' : ''}`);
  } catch (error) {
    showError(root, error);
  }
}

export function showWorkbench(root) {
  document.title = 'SQL workbench — cif';
  root.innerHTML = workbenchHtml();
  const form = $('#sql-form', root);
  form.addEventListener('submit', (e) => { e.preventDefault(); run(root); });
  $('#sql-text', root).addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(root); }
  });
  root.querySelectorAll('[data-download]').forEach((b) => b.addEventListener('click', () => download(root, b.dataset.download)));
  listTables(root);
}
