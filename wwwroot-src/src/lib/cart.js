// Pure pieces of the till (/pos), kept apart from the DOM so node --test can run them. The server does the sale's
// arithmetic (VentaRules); the change shown while typing in the payment dialog is a preview of the same rules.
import { formatMoney, formatMoneyPlain, montoParaInput, parseMoney } from './money.js';

export { formatMoney, formatMoneyPlain, montoParaInput };

export const MAX_CANTIDAD = 9999;

/**
 * What Enter in the code field means. A scanner types digits and Enter; a person may type "3*7790001234567" (or
 * "3x…") for three units, or letters to search by name.
 * @param {string | null | undefined} raw
 * @returns {{ tipo: 'vacio' } | { tipo: 'codigo', codigo: string, cantidad: number, texto: string }
 *   | { tipo: 'busqueda', texto: string } | { tipo: 'error', mensaje: string }}
 */
export function parseEntrada(raw) {
  const texto = String(raw ?? '').trim();
  if (texto === '') return { tipo: 'vacio' };
  const m = /^(?:([0-9]{1,5})\s*[*xX]\s*)?([0-9]+)$/.exec(texto);
  if (m) {
    const cantidad = m[1] === undefined ? 1 : Number(m[1]);
    if (cantidad < 1 || cantidad > MAX_CANTIDAD) return { tipo: 'error', mensaje: `La cantidad debe ser entre 1 y ${MAX_CANTIDAD}.` };
    return { tipo: 'codigo', codigo: m[2], cantidad, texto: m[1] === undefined ? m[2] : `${cantidad}*${m[2]}` };
  }
  if (/\p{L}/u.test(texto)) return { tipo: 'busqueda', texto };
  return { tipo: 'error', mensaje: `«${texto}» no es un código de barras.` };
}

/**
 * Runs async tasks strictly one after another, in the order they were pushed. Each scan reads the cart the previous
 * one left in the page, so two scans in flight at once would lose one; queued, none is lost. A failing task does not
 * stop the ones behind it.
 */
export function createSerialQueue() {
  let tail = Promise.resolve();
  let pending = 0;
  return {
    /**
     * @template T
     * @param {() => Promise<T> | T} task
     * @returns {Promise<T>}
     */
    push(task) {
      pending++;
      const run = tail.then(task);
      tail = run.then(
        () => { pending--; },
        () => { pending--; },
      );
      return run;
    },
    /** Resolves once every task pushed so far has finished. */
    idle() {
      return tail;
    },
    get pending() {
      return pending;
    },
  };
}

const METODOS = ['efectivo', 'debito', 'credito', 'transferencia'];

/**
 * The payment preview: what is paid, what is missing and the change. Mirrors VentaRules.Cobrar: only cash may exceed
 * the total (cards and transfers at most the total), the change comes out of the cash. Works in cents.
 * @param {number} total
 * @param {Partial<Record<'efectivo' | 'debito' | 'credito' | 'transferencia', string>>} montos as typed ("1234,50")
 * @returns {{ pagado: number, falta: number, vuelto: number, invalidos: string[], excedeNoEfectivo: boolean, listo: boolean }}
 */
export function resumenCobro(total, montos) {
  const totalC = Math.round(total * 100);
  let pagadoC = 0;
  let noEfectivoC = 0;
  const invalidos = [];
  for (const metodo of METODOS) {
    const texto = String(montos?.[metodo] ?? '').trim();
    if (texto === '') continue;
    const valor = parseMoney(texto);
    if (valor === null) {
      invalidos.push(metodo);
      continue;
    }
    const c = Math.round(valor * 100);
    pagadoC += c;
    if (metodo !== 'efectivo') noEfectivoC += c;
  }
  const excedeNoEfectivo = noEfectivoC > totalC;
  const falta = Math.max(0, totalC - pagadoC) / 100;
  const vuelto = excedeNoEfectivo ? 0 : Math.max(0, pagadoC - totalC) / 100;
  return {
    pagado: pagadoC / 100, falta, vuelto, invalidos, excedeNoEfectivo,
    listo: invalidos.length === 0 && !excedeNoEfectivo && pagadoC >= totalC && totalC > 0,
  };
}

/**
 * The sale's total after the discount typed in the payment dialog (the server recomputes it: VentaRules). An empty
 * field is no discount; a discount can't be negative, have 3 decimals or exceed the total.
 * @param {number} total the cart's total
 * @param {string | null | undefined} texto as typed ("150,50")
 * @returns {{ total: number, descuento: number, error: string | null }}
 */
export function aplicarDescuento(total, texto) {
  const limpio = String(texto ?? '').trim();
  if (limpio === '') return { total, descuento: 0, error: null };
  const valor = parseMoney(limpio);
  if (valor === null) return { total, descuento: 0, error: 'Revisá el descuento: por ejemplo 150,50.' };
  const totalC = Math.round(total * 100);
  const descuentoC = Math.round(valor * 100);
  if (descuentoC >= totalC) return { total, descuento: 0, error: 'El descuento tiene que ser menor que el total.' };
  return { total: (totalC - descuentoC) / 100, descuento: descuentoC / 100, error: null };
}

/** Whether nothing was typed in any payment field (Enter then means: exact cash). */
export function sinMontos(montos) {
  return METODOS.every((m) => String(montos?.[m] ?? '').trim() === '');
}

/**
 * The cash amount «Justo» writes: the total minus what the other methods already cover (never negative).
 * @param {number} total
 * @param {Partial<Record<string, string>>} montos
 */
export function efectivoJusto(total, montos) {
  let otrosC = 0;
  for (const m of METODOS) {
    if (m === 'efectivo') continue;
    const v = parseMoney(String(montos?.[m] ?? '').trim() || '0');
    if (v !== null) otrosC += Math.round(v * 100);
  }
  return Math.max(0, Math.round(total * 100) - otrosC) / 100;
}

/**
 * The cash field after a quick bill («$ 10.000»): what it held plus the bill, written as the buttons read
 * ("20.000,00"; parseMoney and the server's Money.TryParse read it back). Empty or unreadable counts as nothing.
 * @param {string | null | undefined} texto what the cash field holds
 * @param {number} billete
 */
export function sumarBillete(texto, billete) {
  const actual = parseMoney(String(texto ?? '').trim()) ?? 0;
  return formatMoneyPlain((Math.round(actual * 100) + Math.round(billete * 100)) / 100);
}

/**
 * The next selected index in a result list (arrows): clamped, never wrapping; -1 when the list is empty.
 * @param {number} index
 * @param {number} count
 * @param {number} delta
 */
export function moverSeleccion(index, count, delta) {
  if (count <= 0) return -1;
  const i = (index < 0 ? (delta > 0 ? -1 : count) : index) + delta;
  return Math.min(count - 1, Math.max(0, i));
}

/**
 * A sale id made by the terminal, so a retried checkout is the same sale. crypto.randomUUID exists only in secure
 * contexts (https, localhost); a kiosk on plain http in the LAN gets a v4 UUID from getRandomValues instead.
 * @param {{ randomUUID?: () => string, getRandomValues: (a: Uint8Array) => Uint8Array }} c
 */
export function nuevoIdVenta(c) {
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The till's function keys. Returns the action, or null for keys the page leaves alone.
 * @param {{ key: string, ctrlKey?: boolean, altKey?: boolean, metaKey?: boolean }} evt
 */
export function accionDeTecla(evt) {
  if (evt.ctrlKey || evt.altKey || evt.metaKey) return null;
  switch (evt.key) {
    case 'F2': return 'buscar';
    case 'F12': return 'cobrar';
    case 'F8': return 'anular';
    default: return null;
  }
}

/**
 * The @page rule that makes the printed page as long as the receipt (CSS px at 96 dpi, plus 4 mm to spare).
 * @param {58 | 80} anchoMm
 * @param {number} altoPx
 */
export function paginaTicket(anchoMm, altoPx) {
  const alto = Math.max(40, Math.ceil((altoPx * 25.4) / 96) + 4);
  return `@page ticket-${anchoMm}mm { size: ${anchoMm}mm ${alto}mm; margin: 0; }`;
}

/**
 * A key on the code field that acts on the cart's selected line, or null (the key types as usual). Only with an empty
 * code field, so a scanner (digits + Enter) or a typed "3*779…" is never taken for a line key.
 * @param {{ key: string, ctrlKey?: boolean, altKey?: boolean, metaKey?: boolean }} evt
 * @param {{ codigoVacio: boolean, haySeleccion: boolean }} estado
 * @returns {'arriba' | 'abajo' | 'mas' | 'menos' | 'quitar' | 'soltar' | null}
 */
export function teclaDeLinea(evt, { codigoVacio, haySeleccion }) {
  if (evt.ctrlKey || evt.altKey || evt.metaKey || !codigoVacio) return null;
  switch (evt.key) {
    case 'ArrowUp': return 'arriba';
    case 'ArrowDown': return 'abajo';
    case '+': return haySeleccion ? 'mas' : null;
    case '-': case 'Subtract': return haySeleccion ? 'menos' : null;
    case 'Delete': return haySeleccion ? 'quitar' : null;
    case 'Escape': return haySeleccion ? 'soltar' : null;
    default: return null;
  }
}

/**
 * A key while the payment dialog shows a registered sale: Enter or Esc start the next sale ('nueva'); a digit does too
 * and is the first key of the next customer's scan ('escanear': the scanner types digits + Enter, and none of it may be
 * lost). Anything else: null.
 * @param {{ key: string, ctrlKey?: boolean, altKey?: boolean, metaKey?: boolean }} evt
 * @returns {'nueva' | 'escanear' | null}
 */
export function teclaTrasVenta(evt) {
  if (evt.ctrlKey || evt.altKey || evt.metaKey) return null;
  if (evt.key === 'Enter' || evt.key === 'Escape') return 'nueva';
  return /^[0-9]$/.test(evt.key) ? 'escanear' : null;
}

/**
 * Enter in the code field while a cart line is selected: "*5" sets that line to 5 units (1..MAX_CANTIDAD), and so does
 * a bare number of at most 3 digits ("5"): no barcode is that short (they are 4 to 14 digits), so a scan is never taken
 * for a quantity. Anything else is null (a scan, a search: the usual meaning).
 * @param {string | null | undefined} raw
 * @returns {{ cantidad: number } | { error: string } | null}
 */
export function cantidadParaLinea(raw) {
  const texto = String(raw ?? '').trim();
  const m = /^(?:\*\s*([0-9]{1,6})|([0-9]{1,3}))$/.exec(texto);
  if (!m) return null;
  const cantidad = Number(m[1] ?? m[2]);
  if (cantidad < 1 || cantidad > MAX_CANTIDAD) return { error: `La cantidad debe ser entre 1 y ${MAX_CANTIDAD}.` };
  return { cantidad };
}
