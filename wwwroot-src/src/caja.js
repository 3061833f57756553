// Cash pages (/caja/arqueo and the printable closing report). Loaded after app.js with
// <script src="/js/caja.js" defer>; strict CSP, so no inline handlers: everything is wired here from data attributes.
//
// - [data-contador]: the denomination counter. Each [data-denominacion] input is a quantity; the subtotals and the
//   total update while typing and the total is written into [data-efectivo], which stays editable. If the cashier
//   then types a different amount, [data-contador-aviso] says so. Enter moves to the next quantity (the last one goes
//   to «Efectivo») instead of submitting; ArrowUp / ArrowDown add or take one.
// - [data-print]: prints the page (the report's «Imprimir» button).
// - Sales made offline on this browser and not yet sent (the POS's IndexedDB outbox) block the blind count: on /caja
//   ([data-caja-pendientes]) and on /caja/arqueo (form[data-arqueo]) the outbox is sent first if the server answers,
//   and while sales still wait, the count is refused with a message (pendientes.js).
import {
  coincideConContador, stepCantidad, totalDenominaciones,
} from './lib/arqueo.js';
import { formatMoney, formatMoneyPlain } from './lib/money.js';
import { bloquearArqueoSiHayPendientes } from './caja/pendientes.js';

document.querySelectorAll('[data-contador]').forEach((contador) => wireContador(/** @type {HTMLElement} */ (contador)));
bloquearArqueoSiHayPendientes();

document.addEventListener('click', (evt) => {
  const target = /** @type {Element | null} */ (evt.target);
  if (target?.closest?.('[data-print]')) {
    evt.preventDefault();
    window.print();
  }
});

/** @param {HTMLElement} contador */
function wireContador(contador) {
  const form = contador.closest('form');
  const inputs = /** @type {HTMLInputElement[]} */ ([...contador.querySelectorAll('[data-denominacion]')]);
  const totalOut = contador.querySelector('[data-contador-total]');
  const efectivo = /** @type {HTMLInputElement | null} */ (form?.querySelector('[data-efectivo]') ?? null);
  const aviso = /** @type {HTMLElement | null} */ (form?.querySelector('[data-contador-aviso]') ?? null);
  /** What the counter last wrote into «Efectivo», so clearing the counter clears only its own figure. */
  let escrito = null;

  const leer = () => totalDenominaciones(inputs.map((i) => ({ valor: Number(i.dataset.denominacion), cantidad: i.value })));

  const pintar = () => {
    const r = leer();
    inputs.forEach((input, k) => {
      const sub = r.subtotales[k];
      const out = input.closest('tr')?.querySelector('[data-subtotal]');
      if (out) out.textContent = sub === null ? '¿?' : sub > 0 ? formatMoney(sub) : '—';
      if (sub === null) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    });
    if (totalOut) totalOut.textContent = r.total === null ? 'Revisá las cantidades' : r.hayCantidades ? formatMoney(r.total) : '—';
    return r;
  };

  const avisar = () => {
    if (!aviso || !efectivo) return;
    const r = leer();
    aviso.hidden = !r.hayCantidades || coincideConContador(efectivo.value, r.total);
  };

  const alCambiarContador = () => {
    const r = pintar();
    if (efectivo && r.total !== null) {
      if (r.hayCantidades) {
        efectivo.value = formatMoneyPlain(r.total);
        escrito = efectivo.value;
      } else if (escrito !== null && efectivo.value === escrito) {
        efectivo.value = '';
        escrito = null;
      }
    }
    avisar();
  };

  for (const input of inputs) input.addEventListener('input', alCambiarContador);
  efectivo?.addEventListener('input', avisar);

  contador.addEventListener('keydown', (evt) => {
    const input = /** @type {HTMLInputElement} */ (evt.target);
    const k = inputs.indexOf(input);
    if (k < 0) return;
    if (evt.key === 'Enter') {
      evt.preventDefault(); // the form asks for confirmation on submit; Enter here only moves on
      const next = inputs[k + 1] ?? efectivo;
      next?.focus();
      next?.select();
    } else if (evt.key === 'ArrowUp' || evt.key === 'ArrowDown') {
      evt.preventDefault();
      input.value = stepCantidad(input.value, evt.key === 'ArrowUp' ? 1 : -1);
      alCambiarContador();
    }
  });

  contador.querySelector('[data-contador-limpiar]')?.addEventListener('click', () => {
    for (const input of inputs) input.value = '';
    alCambiarContador();
    inputs[0]?.focus();
  });

  // A page re-rendered after an error keeps what was typed: repaint, but leave «Efectivo» as the server sent it.
  pintar();
  avisar();
}
