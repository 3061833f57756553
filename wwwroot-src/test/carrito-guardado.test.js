import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CARRITO_VENCE_MS, claveCarrito, guardarCarrito, leerCarrito, podarCarritos } from '../src/lib/carrito-guardado.js';

/** A Storage with the browser's interface, in memory. */
function memoria(inicial = {}) {
  const m = new Map(Object.entries(inicial));
  return {
    get length() { return m.size; },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => { m.set(k, String(v)); },
    removeItem: (k) => { m.delete(k); },
    claves: () => [...m.keys()],
  };
}

const linea = (barcode, cantidad) => ({ barcode, cantidad, precio: 1250.5, nombre: `P ${barcode}`, producto_id: 'id-' + barcode });

test('a cart is kept under its cashier and drawer session and read back with its sale id', () => {
  const s = memoria();
  const clave = claveCarrito('ana', 's1');
  assert.ok(guardarCarrito(s, clave, { lineas: [linea('7790001', 2), linea('7790002', 1)], ventaId: 'v-1', ahora: 1000 }));
  assert.deepEqual(leerCarrito(s, clave), { lineas: [linea('7790001', 2), linea('7790002', 1)], ventaId: 'v-1', guardado: 1000 });
  // Another cashier, or the same cashier's next drawer, reads nothing.
  assert.equal(leerCarrito(s, claveCarrito('beto', 's1')), null);
  assert.equal(leerCarrito(s, claveCarrito('ana', 's2')), null);
});

test('an empty cart (a sale registered, the last line removed) forgets the kept one', () => {
  const s = memoria();
  const clave = claveCarrito('ana', 's1');
  guardarCarrito(s, clave, { lineas: [linea('7790001', 1)], ventaId: 'v-1', ahora: 1 });
  guardarCarrito(s, clave, { lineas: [], ventaId: 'v-2', ahora: 2 });
  assert.equal(s.getItem(clave), null);
  assert.equal(leerCarrito(s, clave), null);
});

test('an unreadable or tampered entry is no cart; bad lines are dropped', () => {
  const clave = claveCarrito('ana', 's1');
  assert.equal(leerCarrito(memoria({ [clave]: '{not json' }), clave), null);
  assert.equal(leerCarrito(memoria({ [clave]: '{"lineas":"x"}' }), clave), null);
  const mezcla = JSON.stringify({ lineas: [linea('7790001', 0), { barcode: '', cantidad: 1, precio: 1 }, linea('7790003', 3)], guardado: 5 });
  assert.deepEqual(leerCarrito(memoria({ [clave]: mezcla }), clave), { lineas: [linea('7790003', 3)], ventaId: null, guardado: 5 });
});

test('a storage that throws (full, or disabled) never stops the till', () => {
  const roto = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('quota'); }, removeItem() { throw new Error('x'); } };
  assert.equal(leerCarrito(roto, 'k'), null);
  assert.equal(guardarCarrito(roto, 'k', { lineas: [linea('7790001', 1)], ventaId: null, ahora: 1 }), false);
});

test('pruning drops the cashier\'s carts of other sessions and anyone\'s stale ones, never the current one', () => {
  const ahora = 10 * CARRITO_VENCE_MS;
  const s = memoria({ otra: 'x' });
  const actual = claveCarrito('ana', 's2');
  guardarCarrito(s, actual, { lineas: [linea('1', 1)], ventaId: null, ahora: 0 }); // old but current: kept
  guardarCarrito(s, claveCarrito('ana', 's1'), { lineas: [linea('1', 1)], ventaId: null, ahora });
  guardarCarrito(s, claveCarrito('beto', 's3'), { lineas: [linea('1', 1)], ventaId: null, ahora: ahora - 1000 });
  guardarCarrito(s, claveCarrito('caro', 's4'), { lineas: [linea('1', 1)], ventaId: null, ahora: ahora - CARRITO_VENCE_MS - 1 });
  const borradas = podarCarritos(/** @type {any} */ (s), 'ana', actual, ahora);
  assert.deepEqual(borradas.sort(), [claveCarrito('ana', 's1'), claveCarrito('caro', 's4')].sort());
  assert.deepEqual(s.claves().sort(), ['otra', actual, claveCarrito('beto', 's3')].sort());
});
