// Charts for the decision-support screens, drawn by Chart.js (served at /vendor/chart.umd.min.js). The library is
// loaded at the first chart, so the front line's screens never download it.
import { show } from './olap.js';
import { esc } from './util.js';

let loading = null;
/** window.Chart, once its script has run. */
export function chartLibrary() {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/vendor/chart.umd.min.js';
    script.onload = () => resolve(window.Chart);
    script.onerror = () => { loading = null; reject(new Error('the chart library could not be loaded')); };
    document.head.append(script);
  });
  return loading;
}

/** One colour per series, in this order: told apart by people who confuse red and green too. */
const palette = ['#2457d6', '#e07b16', '#16845a', '#a23ab8', '#c8472d', '#0f8fa8', '#8a6d00', '#5b6478'];

/**
 * A chart in a figure: the canvas is an image named for screen readers, the caption says in words what it shows,
 * and the numbers behind it open as a table.
 */
export function chartFigure(id, title, { numbers = true } = {}) {
  return `<figure class="chart card" id="${esc(id)}">
    <h2>${esc(title)}</h2>
    <div class="chart-box"><canvas role="img" aria-label="${esc(title)}"></canvas><p class="chart-note" hidden></p></div>
    <figcaption class="muted small" aria-live="polite"></figcaption>
    ${numbers ? '<details class="numbers"><summary>Numbers</summary><div class="numbers-table"></div></details>' : ''}
  </figure>`;
}

/**
 * A Chart.js configuration: labels along the x axis, one dataset per series (`{ label, data, format, type?, right? }`);
 * a series `right` has an axis of its own on the right, for a measure of another scale.
 */
export function seriesChart(labels, series, { line = false } = {}) {
  const bar = (s) => (s.type ?? (line ? 'line' : 'bar')) === 'bar';
  // A bar's length is its value, so an axis with bars starts at zero; a line's may zoom in on the change.
  const axis = (onIt) => ({ ticks: { callback: (v) => show(v, onIt[0]?.format, true) }, beginAtZero: onIt.some(bar) });
  const right = series.filter((s) => s.right);
  return {
    type: line ? 'line' : 'bar',
    data: {
      labels,
      datasets: series.map((s, i) => {
        const colour = palette[i % palette.length];
        return { label: s.label, data: s.data, type: bar(s) ? 'bar' : 'line', yAxisID: s.right ? 'y1' : 'y', borderColor: colour,
          backgroundColor: bar(s) ? `${colour}cc` : colour, borderWidth: 2, pointRadius: 2, tension: 0.25, order: bar(s) ? 2 : 1 };
      }),
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      plugins: {
        // Past a dozen series a legend crowds the chart out: the tooltip names them.
        legend: { display: series.length > 1 && series.length <= 12, position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${show(c.raw, series[c.datasetIndex].format)}` } },
      },
      scales: {
        y: axis(series.filter((s) => !s.right)),
        ...(right.length ? { y1: { ...axis(right), position: 'right', grid: { drawOnChartArea: false } } } : {}),
      },
    },
  };
}

/** Draws `config` in the figure, in place of what it showed; `label` names the chart, `summary` says what it shows. */
export async function drawChart(figure, config, { label, summary, numbers = '' }) {
  const Chart = await chartLibrary();
  const canvas = figure.querySelector('canvas');
  Chart.getChart(canvas)?.destroy();
  figure.classList.remove('unavailable');
  figure.querySelector('.chart-note').hidden = true;
  canvas.hidden = false;
  canvas.setAttribute('aria-label', label);
  canvas.textContent = summary; // what a browser without canvas shows
  figure.querySelector('figcaption').textContent = summary;
  const table = figure.querySelector('.numbers-table');
  if (table) table.innerHTML = numbers;
  // No animation: a chart is read, not watched, and it is finished once drawn.
  return new Chart(canvas, { ...config, options: { animation: false, maintainAspectRatio: false, responsive: true, ...config.options } });
}

/** A figure that cannot show its chart says why, in its place. */
export function chartUnavailable(figure, message) {
  const canvas = figure.querySelector('canvas');
  window.Chart?.getChart(canvas)?.destroy();
  canvas.hidden = true;
  figure.classList.add('unavailable');
  const note = figure.querySelector('.chart-note');
  note.textContent = message;
  note.hidden = false;
  figure.querySelector('figcaption').textContent = '';
  const table = figure.querySelector('.numbers-table');
  if (table) table.innerHTML = '';
}

/** Lets go of the charts under `root` (a view being left). */
export function releaseCharts(root) {
  for (const canvas of root.querySelectorAll('canvas')) window.Chart?.getChart(canvas)?.destroy();
}

/** A sentence for a series over months: where it started and where it ended. */
export function trendWords(label, months, data, format) {
  if (months.length === 0) return `${label}: no data.`;
  const first = months.findIndex((_, i) => data[i] !== null);
  const last = data.length - 1 - [...data].reverse().findIndex((v) => v !== null);
  if (first < 0) return `${label}: no data.`;
  return first === last ? `${label} ${show(data[first], format)} in ${months[first]}.`
    : `${label} ${show(data[first], format)} in ${months[first]}, ${show(data[last], format)} in ${months[last]}.`;
}

/** A sentence for a measure across categories: the highest and the lowest. */
export function rankWords(label, categories, data, format) {
  const ranked = categories.map((c, i) => [c, data[i]]).filter(([, v]) => v !== null).sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0) return `${label}: no data.`;
  const [top, bottom] = [ranked[0], ranked.at(-1)];
  return ranked.length === 1 ? `${label}: ${top[0]} ${show(top[1], format)}.`
    : `${label}: highest ${top[0]} (${show(top[1], format)}), lowest ${bottom[0]} (${show(bottom[1], format)}).`;
}
