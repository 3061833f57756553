// The blind count's denomination counter (/caja/arqueo). Pure functions, tested with node --test.
// The counter is only a helper: it fills «Efectivo», which stays editable, and the server receives the declared amounts.
// Mirrors BlendPos.Domain.Caja.ArqueoRules.TotalDenominaciones (quantities are whole, non-negative numbers).
import { parseMoney } from './money.js';

/**
 * A quantity as typed: "" (or spaces) is 0, "12" is 12; anything else (negative, decimals, letters) is null.
 * @param {string | null | undefined} text
 * @returns {number | null}
 */
export function parseCantidad(text) {
  const s = String(text ?? '').trim();
  if (s === '') return 0;
  if (!/^[0-9]{1,6}$/.test(s)) return null;
  return Number(s);
}

/**
 * Adds up the counter. Works in cents so that no float drift can show (face values may one day have centavos).
 * @param {{ valor: number, cantidad: string }[]} filas
 * @returns {{ total: number | null, subtotales: (number | null)[], hayCantidades: boolean }}
 *   total is null when some quantity is unreadable; hayCantidades is true when any quantity is above zero.
 */
export function totalDenominaciones(filas) {
  let cents = 0;
  let invalid = false;
  let hayCantidades = false;
  const subtotales = filas.map(({ valor, cantidad }) => {
    const n = parseCantidad(cantidad);
    if (n === null) {
      invalid = true;
      return null;
    }
    if (n > 0) hayCantidades = true;
    const sub = Math.round(valor * 100) * n;
    cents += sub;
    return sub / 100;
  });
  return { total: invalid ? null : cents / 100, subtotales, hayCantidades };
}

/**
 * ArrowUp / ArrowDown on a quantity: one more or one less, never below zero. An unreadable value is left as is.
 * @param {string} text
 * @param {number} delta
 */
export function stepCantidad(text, delta) {
  const n = parseCantidad(text);
  if (n === null) return text;
  const next = Math.max(0, n + delta);
  return next === 0 ? '' : String(next);
}

/**
 * True when what is typed in «Efectivo» is the counter's total (so no warning is due).
 * @param {string} efectivoTexto
 * @param {number | null} total
 */
export function coincideConContador(efectivoTexto, total) {
  if (total === null) return false;
  const declarado = String(efectivoTexto ?? '').trim() === '' ? 0 : parseMoney(efectivoTexto);
  return declarado !== null && Math.round(declarado * 100) === Math.round(total * 100);
}
