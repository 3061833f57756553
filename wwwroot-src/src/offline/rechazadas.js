// The sales the server refused (outbox entries in `rechazada`): what the supervisor's dialog shows of each, and the
// one way out the POS offers, «Reintentar» (back to `pendiente`, as if just queued, so the next replay sends it at
// once). The POS never deletes a refused sale: it is money that was charged, so it stays until the server takes it.
// Pure; tested with node --test.
import { formatMoney } from '../lib/money.js';

/** Lines named in a row's summary; the rest are counted («y 3 más»). */
export const LINEAS_EN_RESUMEN = 3;

const dos = (n) => String(n).padStart(2, '0');

/**
 * "27/11/2026 18:05" in the terminal's own time zone (the clock the cashier saw when selling).
 * @param {Date | string | number} cuando
 */
export function formatFechaHora(cuando) {
  const d = new Date(cuando);
  if (Number.isNaN(d.getTime())) return '';
  return `${dos(d.getDate())}/${dos(d.getMonth() + 1)}/${d.getFullYear()} ${dos(d.getHours())}:${dos(d.getMinutes())}`;
}

/**
 * The entry put back in the queue: pending, as if never tried (no failures, no backoff), the server's reason gone
 * (it will answer again). Null when the entry is not rejected (another tab already retried it, or it was sent).
 * @param {any} entrada
 * @param {number} ahora
 */
export function volverAPendiente(entrada, ahora) {
  if (entrada?.estado !== 'rechazada') return null;
  const { rechazada_en: _r, enviando_desde: _e, ...resto } = entrada;
  return { ...resto, estado: 'pendiente', intentos: 0, proximo_intento: 0, error: null, reintentada_en: ahora };
}

/**
 * The sale's lines with names: the provisional receipt has them (same order as the sale's items); without it, the
 * barcodes the sale carries.
 * @param {any} venta VentaOffline
 * @param {any} [recibo] its provisional receipt, when still stored
 * @returns {{ cantidad: number, nombre: string, barcode: string }[]}
 */
export function lineasDeVenta(venta, recibo) {
  const items = venta?.items ?? [];
  const nombres = recibo?.lineas ?? [];
  return items.map((it, i) => ({
    cantidad: Number(it.cantidad) || 0,
    nombre: nombres[i]?.nombre || `Código ${it.barcode ?? it.producto_id ?? '?'}`,
    barcode: String(it.barcode ?? ''),
  }));
}

/** "2 × Agua 500 ml · 1 × Galletitas y 2 más" */
export function resumenLineas(lineas, max = LINEAS_EN_RESUMEN) {
  if (lineas.length === 0) return 'Sin productos';
  const texto = lineas.slice(0, max).map((l) => `${l.cantidad} × ${l.nombre}`).join(' · ');
  const resto = lineas.length - max;
  return resto > 0 ? `${texto} y ${resto} más` : texto;
}

/** The sale's total: the receipt's (what the cashier charged), else the items' sum less the discount, in cents. */
export function totalDeVenta(venta, recibo) {
  if (typeof recibo?.total === 'number') return recibo.total;
  const c = (venta?.items ?? []).reduce((s, it) => s + Math.round(Number(it.precio_unitario) * 100) * (Number(it.cantidad) || 0), 0);
  return (c - Math.round(Number(venta?.descuento_total ?? 0) * 100)) / 100;
}

/**
 * One row of the dialog.
 * @param {any} entrada a `rechazada` outbox entry
 * @param {any} [recibo]
 */
export function filaRechazada(entrada, recibo) {
  const venta = entrada.venta ?? {};
  const lineas = lineasDeVenta(venta, recibo);
  return {
    seq: entrada.seq,
    id: entrada.id,
    hora: formatFechaHora(venta.created_at ?? entrada.creada),
    hora_iso: venta.created_at ?? new Date(entrada.creada ?? 0).toISOString(),
    total: formatMoney(totalDeVenta(venta, recibo)),
    lineas: resumenLineas(lineas),
    codigos: lineas.map((l) => `${l.cantidad} × ${l.nombre} (${l.barcode || 'sin código'})`).join('\n'),
    motivo: entrada.error || 'El servidor rechazó la venta sin decir por qué.',
  };
}

/**
 * The dialog's rows: the rejected entries, oldest first.
 * @param {any[]} entradas the whole outbox
 * @param {(id: string) => any} [reciboDe]
 */
export function filasRechazadas(entradas, reciboDe = () => null) {
  return entradas
    .filter((e) => e.estado === 'rechazada')
    .sort((a, b) => a.seq - b.seq)
    .map((e) => filaRechazada(e, reciboDe(e.id)));
}

/** «1 venta rechazada» / «3 ventas rechazadas» */
export const textoRechazadas = (n) => (n === 1 ? '1 venta rechazada' : `${n} ventas rechazadas`);

/**
 * «Reintentar» on the store: the entry goes back to pending in one transaction. Resolves to the entry written, or
 * null when it was no longer rejected (nothing changed).
 * @param {{ cambiar: (seq: number, cambio: (e: any) => any) => Promise<any> }} almacen almacenOutbox(db)
 * @param {number} seq
 * @param {number} ahora
 */
export const reintentarRechazada = (almacen, seq, ahora) => almacen.cambiar(seq, (e) => volverAPendiente(e, ahora));
