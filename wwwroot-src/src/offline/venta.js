// The cart without the server: the same edits the server's /pos?handler=Linea makes (PosModel.AgregarAsync and the
// mas/menos/quitar ops), the totals (VentaRules: per line cantidad × precio, in cents), and the VentaOffline built from
// the cart and the payment dialog with the online payment rules (lib/cart.js resumenCobro). Pure; tested with node --test.
import { MAX_CANTIDAD, parseEntrada, resumenCobro } from '../lib/cart.js';
import { parseMoney } from '../lib/money.js';

export const MAX_LINEAS = 200; // VentaService.MaxLineas
const METODOS = ['efectivo', 'debito', 'credito', 'transferencia'];

/**
 * @typedef {{ barcode: string, cantidad: number, precio: number, nombre: string, producto_id: string }} Linea
 */

const centavos = (n) => Math.round(Number(n) * 100);

/** The line's amount in cents (quantity × unit price, the price rounded to cents as the server stores it). */
export const subtotalCentavos = (l) => centavos(l.precio) * l.cantidad;

/** @param {Linea[]} lineas */
export function totales(lineas) {
  const c = lineas.reduce((s, l) => s + subtotalCentavos(l), 0);
  return { total: c / 100, unidades: lineas.reduce((s, l) => s + l.cantidad, 0) };
}

/**
 * One scan ("7790001234567", "3*7790001234567") or line edit ({op, objetivo}) on the cart, like the server does it.
 * @param {Linea[]} lineas the cart as the page holds it (not modified)
 * @param {{ codigo?: string, op?: string, objetivo?: string }} valores
 * @param {(barcode: string) => any | null} buscar the local catalog
 * @returns {{ lineas: Linea[], actual: string | null, mensaje: string | null }}
 */
export function editarCarrito(lineas, valores, buscar) {
  const out = lineas.map((l) => ({ ...l }));
  if (valores.codigo) {
    const e = parseEntrada(valores.codigo);
    if (e.tipo === 'error') return { lineas: out, actual: null, mensaje: e.mensaje };
    if (e.tipo !== 'codigo') return { lineas: out, actual: null, mensaje: `«${valores.codigo}» no es un código de barras. Para buscar por nombre usá F2.` };
    const p = buscar(e.codigo);
    if (!p) return { lineas: out, actual: null, mensaje: `No hay un producto con el código ${e.codigo}.` };
    const i = out.findIndex((l) => l.barcode === p.barcode);
    if (i >= 0) {
      if (out[i].cantidad + e.cantidad > MAX_CANTIDAD) return { lineas: out, actual: p.barcode, mensaje: `La cantidad debe ser entre 1 y ${MAX_CANTIDAD}.` };
      out[i].cantidad += e.cantidad;
    } else if (out.length >= MAX_LINEAS) {
      return { lineas: out, actual: null, mensaje: `Una venta admite hasta ${MAX_LINEAS} líneas.` };
    } else {
      out.push({ barcode: p.barcode, cantidad: e.cantidad, precio: p.precio, nombre: p.nombre, producto_id: p.id });
    }
    return { lineas: out, actual: p.barcode, mensaje: null };
  }
  const i = out.findIndex((l) => l.barcode === valores.objetivo);
  if (i < 0) return { lineas: out, actual: null, mensaje: null };
  switch (valores.op) {
    case 'mas': if (out[i].cantidad < MAX_CANTIDAD) out[i].cantidad++; break;
    case 'menos': if (out[i].cantidad > 1) out[i].cantidad--; break;
    case 'quitar': out.splice(i, 1); return { lineas: out, actual: null, mensaje: null };
    default: break;
  }
  return { lineas: out, actual: valores.objetivo ?? null, mensaje: null };
}

/**
 * The VentaOffline for POST /v1/ventas/sync-batch, or the reason it cannot be charged yet (the same rules as online).
 * @param {{ id: string, sesionCajaId: string, lineas: Linea[], montos: Record<string, string>, ahora: Date }} args
 * @returns {{ ok: true, venta: any, resumen: ReturnType<typeof resumenCobro>, total: number }
 *   | { ok: false, mensaje: string }}
 */
export function construirVenta({ id, sesionCajaId, lineas, montos, ahora }) {
  if (!id) return { ok: false, mensaje: 'Falta el identificador de la venta: recargá la página.' };
  if (!sesionCajaId) return { ok: false, mensaje: 'No hay una caja abierta en esta terminal.' };
  if (lineas.length === 0) return { ok: false, mensaje: 'La venta no tiene productos: escaneá uno antes de cobrar.' };
  const { total } = totales(lineas);
  const resumen = resumenCobro(total, montos);
  if (resumen.invalidos.length > 0) return { ok: false, mensaje: 'Revisá el importe: por ejemplo 1234,50.' };
  if (resumen.excedeNoEfectivo) return { ok: false, mensaje: 'Con tarjeta o transferencia no se puede pagar más que el total.' };
  if (!resumen.listo) return { ok: false, mensaje: 'El pago no alcanza para el total.' };
  const pagos = [];
  for (const metodo of METODOS) {
    const texto = String(montos[metodo] ?? '').trim();
    const valor = texto === '' ? null : parseMoney(texto);
    if (valor !== null && centavos(valor) > 0) pagos.push({ metodo, monto: centavos(valor) / 100 });
  }
  const venta = {
    id,
    sesion_caja_id: sesionCajaId,
    created_at: ahora.toISOString(),
    items: lineas.map((l) => ({ barcode: l.barcode, cantidad: l.cantidad, precio_unitario: centavos(l.precio) / 100 })),
    pagos,
    descuento_total: 0,
  };
  return { ok: true, venta, resumen, total };
}

/**
 * What the provisional receipt prints (kept in IndexedDB next to the sale).
 * @param {any} venta VentaOffline
 * @param {Linea[]} lineas
 * @param {{ total: number, vuelto: number, cajero?: string, comercio?: string, puntoDeVenta?: number }} datos
 */
export function reciboProvisional(venta, lineas, datos) {
  return {
    id: venta.id,
    creado: Date.parse(venta.created_at),
    created_at: venta.created_at,
    comercio: datos.comercio ?? '',
    cajero: datos.cajero ?? '',
    punto_de_venta: datos.puntoDeVenta ?? null,
    lineas: lineas.map((l) => ({ nombre: l.nombre, cantidad: l.cantidad, precio: l.precio, subtotal: subtotalCentavos(l) / 100 })),
    total: datos.total,
    pagos: venta.pagos,
    vuelto: datos.vuelto,
    enviado: false,
    numero_ticket: null,
  };
}
