// Questions to the OLAP mart in the semantic layer's names (POST /api/olap), the model to pick them from, and the
// words and formats its answers are shown in. Shared by the dashboard and the explorer.
import { api } from './util.js';

/** `{ measures, dimensions, filters, timeRange }` → `{ rows, sql, truncated }`; a refusal throws with the field it names. */
export const ask = (question) => api('/api/olap', question);

let model = null;
/** The measures and dimensions by name: `{ measures: { name: { description, format } }, dimensions: { … } }`. */
export function olapModel() {
  model ??= api('/api/olap/model').then((m) => ({
    measures: Object.fromEntries(m.measures.map((x) => [x.name, x])),
    dimensions: Object.fromEntries(m.dimensions.map((x) => [x.name, x])),
  })).catch((error) => { model = null; throw error; });
  return model;
}

/** A name of the semantic layer in words: productsPerCustomer → "Products per customer", crossSellRate → "Cross-sell rate". */
export function words(name) {
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().replace(/\b(cross|multi) /g, '$1-');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** A dimension's value as people say it: long_distance → "long distance". */
export const valueWords = (value) => (value === null || value === undefined ? '(none)' : String(value).replaceAll('_', ' '));

/** A value in its measure's format; `brief` for an axis, where a few digits do. */
export function show(value, format, brief = false) {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'number') return String(value);
  if (format === 'ratio') return `${(value * 100).toLocaleString('en-US', { maximumFractionDigits: brief ? 1 : 2 })}%`;
  const digits = format === 'count' ? 0 : format === 'money' ? (brief ? 0 : 2) : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: format === 'money' && !brief ? 2 : 0 });
}

// Measures that can be cut by most dimensions, tried in turn to learn a dimension's values.
const probes = ['revenue', 'contacts', 'customers'];
const values = new Map();
/** The values a dimension takes in the marts, for a filter's choices: asked with the first measure that can be cut by it. */
export function dimensionValues(dimension) {
  if (!values.has(dimension)) {
    values.set(dimension, (async () => {
      for (const measure of probes) {
        try {
          const { rows } = await ask({ measures: [measure], dimensions: [dimension] });
          return rows.map((r) => r[dimension]).filter((v) => v !== null);
        } catch (error) {
          if (error.status !== 422) throw error;
        }
      }
      return [];
    })().catch((error) => { values.delete(dimension); throw error; }));
  }
  return values.get(dimension);
}

/** The question's filters from choices by dimension (an empty choice is no filter). */
export const filtersOf = (chosen) => Object.entries(chosen).filter(([, v]) => v !== '' && v !== undefined && v.length !== 0)
  .map(([dimension, v]) => ({ dimension, values: Array.isArray(v) ? v : [v] }));

/** A month range in order, whichever end was picked first; none when neither end is. */
export function monthRange(from, to) {
  if (!from && !to) return undefined;
  const [a, b] = from && to && from > to ? [to, from] : [from, to];
  return { ...(a ? { from: a } : {}), ...(b ? { to: b } : {}) };
}
