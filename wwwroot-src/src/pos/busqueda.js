// The name search (F2, or letters + Enter in the code field): ↑/↓ move, Enter (or a click) adds the product, Esc
// closes at once (one press, the field emptied with it). Online the results come from the server (htmx on #pos-buscar-q, _PosBusqueda); offline, or when that request
// fails, they are rendered here from the local catalog with the same markup.
import { moverSeleccion } from '../lib/cart.js';
import { pintarBusqueda } from './carrito-dom.js';
import { sinAlertaDeRed } from './red.js';

/**
 * @param {{
 *   off: { readonly offline: boolean, buscarNombre: (q: string) => any[] },
 *   enviarLinea: (values: Record<string, string>) => unknown,
 * }} deps
 */
export function crearBusqueda({ off, enviarLinea }) {
  const htmx = /** @type {any} */ (window).htmx;
  const dlgBuscar = /** @type {HTMLDialogElement} */ (document.getElementById('pos-buscar'));
  const buscarQ = /** @type {HTMLInputElement} */ (document.getElementById('pos-buscar-q'));
  const resultados = /** @type {HTMLElement} */ (document.getElementById('pos-buscar-resultados'));

  /** Opens the dialog with `texto` already typed (and searched, if any). */
  function abrir(texto) {
    resultados.replaceChildren();
    buscarQ.value = texto;
    dlgBuscar.showModal();
    buscarQ.focus();
    if (texto) htmx.trigger(buscarQ, 'buscar');
  }
  const opciones = () => /** @type {HTMLElement[]} */ ([...resultados.querySelectorAll('[role="option"]')]);
  const seleccionada = () => opciones().findIndex((o) => o.getAttribute('aria-selected') === 'true');
  const seleccionar = (i) => opciones().forEach((o, k) => {
    o.setAttribute('aria-selected', k === i ? 'true' : 'false');
    if (k === i) {
      o.scrollIntoView({ block: 'nearest' });
      buscarQ.setAttribute('aria-activedescendant', o.id);
    }
  });
  const agregarResultado = (opcion) => {
    if (!opcion) return;
    dlgBuscar.close();
    enviarLinea({ codigo: opcion.dataset.barcode });
  };
  // Esc closes at once. Left to the browser, a first Esc only empties the search field (type="search") and a
  // second one closes the dialog: the cashier would press it twice.
  dlgBuscar.addEventListener('close', () => {
    buscarQ.value = '';
    resultados.replaceChildren();
  });
  buscarQ.addEventListener('keydown', (evt) => {
    if (evt.key === 'Escape') {
      evt.preventDefault();
      dlgBuscar.close();
    } else if (evt.key === 'ArrowDown' || evt.key === 'ArrowUp') {
      evt.preventDefault();
      seleccionar(moverSeleccion(seleccionada(), opciones().length, evt.key === 'ArrowDown' ? 1 : -1));
    } else if (evt.key === 'Enter') {
      evt.preventDefault();
      if (!evt.repeat) agregarResultado(opciones()[seleccionada()]);
    }
  });
  // Offline, the name search runs on the local catalog (same markup as _PosBusqueda); a failed request falls back too.
  const busquedaLocal = () => {
    pintarBusqueda(resultados, buscarQ.value, off.buscarNombre(buscarQ.value));
    sinAlertaDeRed();
  };
  buscarQ.addEventListener('htmx:beforeRequest', (evt) => {
    if (!off.offline) return;
    evt.preventDefault();
    busquedaLocal();
  });
  buscarQ.addEventListener('htmx:sendError', busquedaLocal);
  resultados.addEventListener('click', (evt) => {
    agregarResultado(/** @type {Element} */ (evt.target).closest('[role="option"]'));
  });

  return { abrir };
}
