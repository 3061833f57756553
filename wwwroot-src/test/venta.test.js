import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resumenCobro } from '../src/lib/cart.js';
import { construirVenta, editarCarrito, reciboProvisional, totales } from '../src/offline/venta.js';

const catalogo = new Map([
  ['7790001', { id: 'p1', barcode: '7790001', nombre: 'Alfajor', precio: 850.5 }],
  ['7790002', { id: 'p2', barcode: '7790002', nombre: 'Gaseosa 500', precio: 1200 }],
]);
const buscar = (b) => catalogo.get(b) ?? null;

test('offline scans: add, increment, "3*code", unknown code, and line edits like the server', () => {
  let r = editarCarrito([], { codigo: '7790001' }, buscar);
  assert.deepEqual(r.lineas, [{ barcode: '7790001', cantidad: 1, precio: 850.5, nombre: 'Alfajor', producto_id: 'p1' }]);
  assert.equal(r.actual, '7790001');
  r = editarCarrito(r.lineas, { codigo: '3*7790002' }, buscar);
  r = editarCarrito(r.lineas, { codigo: '7790001' }, buscar);
  assert.deepEqual(r.lineas.map((l) => [l.barcode, l.cantidad]), [['7790001', 2], ['7790002', 3]]);
  const sinCambio = editarCarrito(r.lineas, { codigo: '555' }, buscar);
  assert.equal(sinCambio.mensaje, 'No hay un producto con el código 555.');
  assert.deepEqual(sinCambio.lineas, r.lineas);
  r = editarCarrito(r.lineas, { op: 'menos', objetivo: '7790002' }, buscar);
  r = editarCarrito(r.lineas, { op: 'mas', objetivo: '7790001' }, buscar);
  assert.deepEqual(r.lineas.map((l) => l.cantidad), [3, 2]);
  r = editarCarrito(r.lineas, { op: 'menos', objetivo: '7790002' }, buscar);
  r = editarCarrito(r.lineas, { op: 'menos', objetivo: '7790002' }, buscar);
  assert.equal(r.lineas[1].cantidad, 1); // never below one: «quitar» removes
  r = editarCarrito(r.lineas, { op: 'quitar', objetivo: '7790001' }, buscar);
  assert.deepEqual(r.lineas.map((l) => l.barcode), ['7790002']);
  assert.equal(editarCarrito(r.lineas, { codigo: '9999*7790002' }, buscar).mensaje, 'La cantidad debe ser entre 1 y 9999.');
});

test('totals in cents: no float drift', () => {
  const lineas = [{ barcode: 'a', cantidad: 3, precio: 0.1, nombre: '', producto_id: '' }, { barcode: 'b', cantidad: 1, precio: 0.2, nombre: '', producto_id: '' }];
  assert.deepEqual(totales(lineas), { total: 0.5, unidades: 4 });
});

test('the VentaOffline from the cart and the payment: same rules and change as online', () => {
  const lineas = [
    { barcode: '7790001', cantidad: 2, precio: 850.5, nombre: 'Alfajor', producto_id: 'p1' },
    { barcode: '7790002', cantidad: 1, precio: 1200, nombre: 'Gaseosa 500', producto_id: 'p2' },
  ];
  const montos = { efectivo: '2.000', debito: '1000,00', credito: '', transferencia: '' };
  const c = construirVenta({ id: 'v1', sesionCajaId: 's1', lineas, montos, ahora: new Date('2026-11-27T21:00:00Z') });
  assert.equal(c.ok, true);
  assert.equal(c.total, 2901);
  assert.deepEqual(c.venta, {
    id: 'v1', sesion_caja_id: 's1', created_at: '2026-11-27T21:00:00.000Z',
    items: [{ barcode: '7790001', cantidad: 2, precio_unitario: 850.5 }, { barcode: '7790002', cantidad: 1, precio_unitario: 1200 }],
    pagos: [{ metodo: 'efectivo', monto: 2000 }, { metodo: 'debito', monto: 1000 }],
    descuento_total: 0,
  });
  assert.equal(c.resumen.vuelto, resumenCobro(2901, montos).vuelto);
  assert.equal(c.resumen.vuelto, 99);

  const recibo = reciboProvisional(c.venta, lineas, { total: c.total, vuelto: c.resumen.vuelto, cajero: 'cajero', comercio: 'Kiosco', puntoDeVenta: 1 });
  assert.deepEqual(recibo.lineas.map((l) => l.subtotal), [1701, 1200]);
  assert.equal(recibo.creado, Date.parse('2026-11-27T21:00:00Z'));
  assert.equal(recibo.enviado, false);
});

test('an offline checkout is refused for the same reasons as online', () => {
  const lineas = [{ barcode: '7790002', cantidad: 1, precio: 1200, nombre: 'Gaseosa', producto_id: 'p2' }];
  const base = { id: 'v1', sesionCajaId: 's1', lineas, ahora: new Date() };
  assert.match(construirVenta({ ...base, montos: { efectivo: '1000' } }).mensaje, /no alcanza/);
  assert.match(construirVenta({ ...base, montos: { debito: '1500' } }).mensaje, /tarjeta o transferencia/);
  assert.match(construirVenta({ ...base, montos: { efectivo: '12,345' } }).mensaje, /Revisá el importe/);
  assert.match(construirVenta({ ...base, lineas: [], montos: { efectivo: '10' } }).mensaje, /no tiene productos/);
  assert.match(construirVenta({ ...base, sesionCajaId: '', montos: { efectivo: '1200' } }).mensaje, /caja abierta/);
  assert.equal(construirVenta({ ...base, montos: { efectivo: '1200' } }).ok, true);
});
