// The sale in progress survives a reload or a closed tab (issue 15): the open cart is kept in this browser's
// localStorage (one terminal = one browser profile), under a key of the cashier AND the drawer session, so another
// cashier at this terminal, or the same cashier's next drawer, never sees it. It is written after every change of the
// cart and removed when the cart is empty (a sale registered online or offline empties it). The sale id travels with
// it: a reload after a checkout whose answer was lost pays with the same id, which the server dedupes.
// Pure functions over a Storage-like object ({ getItem, setItem, removeItem, key, length }): unit-tested in node.

export const PREFIJO_CARRITO = 'blendpos:carrito:';
/** An abandoned cart of another cashier is dropped after this long (it may belong to a drawer still open). */
export const CARRITO_VENCE_MS = 24 * 60 * 60 * 1000;

/** @param {string} cajero @param {string} sesion */
export const claveCarrito = (cajero, sesion) => `${PREFIJO_CARRITO}${encodeURIComponent(cajero)}:${sesion}`;

/**
 * @typedef {{ barcode: string, cantidad: number, precio: number, nombre: string, producto_id: string }} LineaGuardada
 * @typedef {{ lineas: LineaGuardada[], ventaId: string | null, guardado: number }} CarritoGuardado
 */

const esLinea = (l) => l && typeof l.barcode === 'string' && l.barcode !== '' && Number.isInteger(l.cantidad) && l.cantidad > 0 &&
  typeof l.precio === 'number' && Number.isFinite(l.precio);

/**
 * The cart kept for this cashier and session, or null (none, unreadable, or from a storage that refuses).
 * @param {Pick<Storage, 'getItem'>} storage @param {string} clave @returns {CarritoGuardado | null}
 */
export function leerCarrito(storage, clave) {
  let crudo = null;
  try {
    crudo = storage.getItem(clave);
  } catch {
    return null;
  }
  if (!crudo) return null;
  try {
    const v = JSON.parse(crudo);
    if (!v || !Array.isArray(v.lineas)) return null;
    const lineas = v.lineas.filter(esLinea).map((l) => ({
      barcode: l.barcode, cantidad: l.cantidad, precio: l.precio, nombre: String(l.nombre ?? ''), producto_id: String(l.producto_id ?? ''),
    }));
    if (lineas.length === 0) return null;
    return { lineas, ventaId: typeof v.ventaId === 'string' && v.ventaId ? v.ventaId : null, guardado: Number(v.guardado) || 0 };
  } catch {
    return null;
  }
}

/**
 * Keeps the cart (or forgets it when it has no lines). A full or refusing storage is not an error: the till keeps
 * selling, it just would not survive a reload.
 * @param {Pick<Storage, 'setItem' | 'removeItem'>} storage @param {string} clave
 * @param {{ lineas: LineaGuardada[], ventaId: string | null, ahora: number }} estado
 */
export function guardarCarrito(storage, clave, { lineas, ventaId, ahora }) {
  try {
    if (lineas.length === 0) storage.removeItem(clave);
    else storage.setItem(clave, JSON.stringify({ lineas, ventaId, guardado: ahora }));
    return true;
  } catch {
    return false;
  }
}

/**
 * Drops the carts no one will come back to: the same cashier's under another session (a cashier has one open drawer,
 * so that one is closed) and any older than {@link CARRITO_VENCE_MS}. Returns the keys removed.
 * @param {Storage} storage @param {string} cajero @param {string} claveActual @param {number} ahora
 */
export function podarCarritos(storage, cajero, claveActual, ahora) {
  const propias = `${PREFIJO_CARRITO}${encodeURIComponent(cajero)}:`;
  const borrar = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (!k || !k.startsWith(PREFIJO_CARRITO) || k === claveActual) continue;
      const c = leerCarrito(storage, k);
      if (k.startsWith(propias) || !c || ahora - c.guardado > CARRITO_VENCE_MS) borrar.push(k);
    }
    for (const k of borrar) storage.removeItem(k);
  } catch {
    return [];
  }
  return borrar;
}
