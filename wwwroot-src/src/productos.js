// Product form: shows the margin while cost and price are typed (no inline script: the CSP forbids it).
import { formatPct, margenPct } from './lib/margen.js';
import { parseMoney } from './lib/money.js';

function wire(form) {
  const costo = form.querySelector('[data-money="costo"]');
  const venta = form.querySelector('[data-money="venta"]');
  const output = form.querySelector('[data-margen]');
  if (!costo || !venta || !output) return;
  const update = () => {
    const pct = margenPct(parseMoney(costo.value), parseMoney(venta.value));
    output.textContent = formatPct(pct);
    output.classList.toggle('negativo', pct != null && pct < 0);
  };
  costo.addEventListener('input', update);
  venta.addEventListener('input', update);
  update();
}

document.querySelectorAll('[data-margen-form]').forEach(wire);
