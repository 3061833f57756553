// Pure helpers for the report charts (reportes.js): from the JSON a page puts in data-chart to a Chart.js config.
// No DOM and no Chart.js here, so `node --test` covers them.
//
// data-chart = {"tipo":"bar"|"line", "horizontal":false, "etiquetas":["08", …], "titulo":"…",
//               "series":[{"nombre":"Total", "valores":[1234.5, …], "formato":"money"|"int"}]}
import { formatMoney } from './money.js';

// Colour-blind safe (Okabe–Ito family, darkened for ≥ 3:1 against white), the brand teal first.
export const COLORES = ['#0f766e', '#1d4ed8', '#b45309', '#7e22ce', '#be123c', '#4d7c0f'];

/** «12.345», «-1.234» (rounded; thousands dots written by hand, as money.js does, whatever the ICU data). */
export function formatearEntero(valor) {
  const n = Math.round(Math.abs(valor));
  const texto = n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return valor < 0 && n !== 0 ? `-${texto}` : texto;
}

/**
 * A value as the page writes it: money «$ 1.234,50», else an es-AR integer «1.234».
 * @param {number} valor
 * @param {string} [formato]
 */
export function formatearValor(valor, formato) {
  return formato === 'money' ? formatMoney(valor) : formatearEntero(valor);
}

/**
 * A short axis tick: «$ 12,5 mil» would be ambiguous, so money ticks are whole pesos with thousands dots («$ 12.500»).
 * @param {number} valor
 * @param {string} [formato]
 */
export function formatearEje(valor, formato) {
  return formato === 'money' ? `$ ${formatearEntero(valor)}` : formatearEntero(valor);
}

/**
 * The Chart.js configuration of one chart. Animation is off: the dashboard repaints every minute and a bar that
 * grows from zero each time would look like the numbers changed.
 * @param {{tipo?: string, horizontal?: boolean, etiquetas: string[], series: {nombre: string, valores: number[], formato?: string}[]}} datos
 */
export function configGrafico(datos) {
  const tipo = datos.tipo === 'line' ? 'line' : 'bar';
  const formato = datos.series[0]?.formato;
  const horizontal = tipo === 'bar' && datos.horizontal === true;
  const valorAxis = horizontal ? 'x' : 'y';
  const categoriaAxis = horizontal ? 'y' : 'x';
  return {
    type: tipo,
    data: {
      labels: datos.etiquetas,
      datasets: datos.series.map((s, i) => ({
        label: s.nombre,
        data: s.valores,
        backgroundColor: COLORES[i % COLORES.length],
        borderColor: COLORES[i % COLORES.length],
        borderWidth: tipo === 'line' ? 2 : 0,
        pointRadius: tipo === 'line' ? 2 : undefined,
        tension: 0,
        formato: s.formato,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: horizontal ? 'y' : 'x',
      locale: 'es-AR',
      plugins: {
        legend: { display: datos.series.length > 1, position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (ctx) => `${ctx.dataset.label}: ${formatearValor(ctx.parsed[valorAxis], ctx.dataset.formato)}`,
          },
        },
      },
      scales: {
        [valorAxis]: {
          beginAtZero: true,
          ticks: { precision: 0, callback: (v) => formatearEje(Number(v), formato) },
          grid: { color: '#e5e9ee' },
        },
        [categoriaAxis]: { grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0 } },
      },
    },
  };
}
