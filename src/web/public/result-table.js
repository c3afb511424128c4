// A table of rows with a header per column, for answers of the decision-support interface. Each number cell keeps
// the value it shows (data-value), unrounded, for whoever reads the page as data.
import { esc } from './util.js';

/**
 * `columns`: `[{ key, label, show?, numeric?, rowHeader?, note? }]`; `show(value)` formats a number, `rowHeader`
 * makes the cells headers of their row (a pivot's keys), `note` is a second line under the label (a column's type).
 */
export function resultTable(columns, rows, { id = '', caption = '' } = {}) {
  const head = columns.map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ''}>${esc(c.label)}${c.note ? `<span class="col-note">${esc(c.note)}</span>` : ''}</th>`).join('');
  const body = rows.map((row) => `<tr>${columns.map((c) => cell(row[c.key], c)).join('')}</tr>`).join('');
  return `<table class="result"${id ? ` id="${esc(id)}"` : ''}>${caption ? `<caption>${esc(caption)}</caption>` : ''}
    <thead><tr>${head}</tr></thead><tbody>${body || `<tr><td colspan="${columns.length}" class="muted">No rows.</td></tr>`}</tbody></table>`;
}

function cell(value, column) {
  if (column.rowHeader) return `<th scope="row">${esc(column.show ? column.show(value) : value ?? '')}</th>`;
  if (value === null || value === undefined) return `<td class="${column.numeric ? 'num ' : ''}null" data-value="">${column.numeric ? '—' : 'NULL'}</td>`;
  if (typeof value === 'number') return `<td class="num" data-value="${value}">${esc(column.show ? column.show(value) : String(value))}</td>`;
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return `<td>${esc(column.show ? column.show(value) : text)}</td>`;
}
