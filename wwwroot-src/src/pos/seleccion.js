// The selected cart line (keyboard): ↑/↓ with an empty code field select a line, + / − change its quantity, Supr
// removes it, Esc lets go. The scanner only types digits and Enter, which never reach this. The edits go through the
// same queue and handler as the mouse buttons (op mas/menos/quitar).
import { moverSeleccion, teclaDeLinea } from '../lib/cart.js';

/**
 * @param {{ codigo: HTMLInputElement, enviarOp: (op: string, barcode: string) => void }} deps
 */
export function crearSeleccion({ codigo, enviarOp }) {
  /** @type {string | null} the selected line's barcode */
  let seleccion = null;
  const filas = () => /** @type {HTMLElement[]} */ ([...document.querySelectorAll('#pos-lineas tbody tr[data-linea]')]);

  /** Paints the selection on the current rows (after every cart render); a line that left drops it. */
  function pintar() {
    const rows = filas();
    if (seleccion !== null && !rows.some((r) => r.dataset.barcode === seleccion)) seleccion = null;
    for (const r of rows) {
      const si = r.dataset.barcode === seleccion;
      r.classList.toggle('pos-linea-seleccionada', si);
      r.setAttribute('aria-selected', si ? 'true' : 'false');
      if (si) r.scrollIntoView({ block: 'nearest' });
    }
    codigo.setAttribute('aria-describedby', seleccion === null ? 'pos-mensaje' : 'pos-mensaje pos-atajos-lineas');
  }

  /** @param {KeyboardEvent} evt @returns {boolean} whether the key was a line key (and was handled) */
  function tecla(evt) {
    const accion = teclaDeLinea(evt, { codigoVacio: codigo.value === '', haySeleccion: seleccion !== null });
    if (!accion) return false;
    evt.preventDefault();
    if (evt.repeat && accion === 'quitar') return true; // a held Supr removes one line, not the cart
    const rows = filas();
    const i = rows.findIndex((r) => r.dataset.barcode === seleccion);
    if (accion === 'arriba' || accion === 'abajo') {
      const j = moverSeleccion(i, rows.length, accion === 'abajo' ? 1 : -1);
      seleccion = j < 0 ? null : rows[j].dataset.barcode ?? null;
    } else if (accion === 'soltar') {
      seleccion = null;
    } else if (seleccion !== null) {
      const objetivo = seleccion;
      if (accion === 'quitar') seleccion = (rows[i + 1] ?? rows[i - 1])?.dataset.barcode ?? null; // the neighbour next
      enviarOp(accion, objetivo);
    }
    pintar();
    return true;
  }

  return {
    tecla,
    pintar,
    soltar() {
      seleccion = null;
      pintar();
    },
    get actual() {
      return seleccion;
    },
  };
}
