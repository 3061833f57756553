// Report and dashboard charts (/, /reportes/*). Loaded after app.js with <script src="/js/reportes.js" defer>.
// Strict CSP: the data comes in each canvas's data-chart attribute (JSON written by the server), never inline script.
// - canvas[data-chart]: painted on load and again in every htmx swap (the dashboard's numbers refresh every minute).
// - [data-print]: prints the page (the reports' «Imprimir» button).
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';
import { configGrafico } from './lib/graficos.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
Chart.defaults.color = '#5a6675';

/** @param {ParentNode} root */
function pintar(root) {
  const canvases = root instanceof HTMLCanvasElement ? [root] : root.querySelectorAll('canvas[data-chart]');
  canvases.forEach((canvas) => {
    if (!(canvas instanceof HTMLCanvasElement) || !canvas.dataset.chart) return;
    Chart.getChart(canvas)?.destroy();
    try {
      // eslint-disable-next-line no-new
      new Chart(canvas, configGrafico(JSON.parse(canvas.dataset.chart)));
    } catch (err) {
      console.error('gráfico', err);
    }
  });
}

// Before a swap replaces a chart, free it (Chart.js keeps a reference per canvas).
document.addEventListener('htmx:beforeSwap', (evt) => {
  const target = /** @type {Element|null} */ (evt.detail?.target ?? null);
  target?.querySelectorAll?.('canvas[data-chart]').forEach((c) => Chart.getChart(/** @type {HTMLCanvasElement} */ (c))?.destroy());
});

if (window.htmx) window.htmx.onLoad((el) => pintar(/** @type {ParentNode} */ (el)));
else document.addEventListener('DOMContentLoaded', () => pintar(document));

document.addEventListener('click', (evt) => {
  const target = /** @type {Element | null} */ (evt.target);
  if (target?.closest?.('[data-print]')) {
    evt.preventDefault();
    window.print();
  }
});

// A page printed with its charts: Chart.js resizes them to the paper on beforeprint.
window.addEventListener('beforeprint', () => {
  Object.values(Chart.instances).forEach((c) => c.resize());
});
