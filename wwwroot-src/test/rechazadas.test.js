import 'fake-indexeddb/auto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abrirDb, almacenOutbox } from '../src/offline/db.js';
import { aplicarResultados, nuevaEntrada, reproducir, siguienteLote } from '../src/offline/outbox.js';
import {
  filaRechazada, filasRechazadas, formatFechaHora, lineasDeVenta, reintentarRechazada, resumenLineas, textoRechazadas,
  totalDeVenta, volverAPendiente,
} from '../src/offline/rechazadas.js';

// A local time built here, so the test does not depend on the machine's time zone.
const local = new Date(2026, 10, 27, 18, 5, 30);
const venta = (id, items = [{ barcode: '7790001', cantidad: 2, precio_unitario: 800 }]) => ({
  id, sesion_caja_id: 's1', created_at: local.toISOString(), items, pagos: [{ metodo: 'efectivo', monto: 1600 }], descuento_total: 0,
});
const rechazada = (seq, id, error = 'No hay un producto con el código 7790001.') => ({
  ...nuevaEntrada(venta(id), 1_000), seq, estado: 'rechazada', intentos: 3, proximo_intento: 99_000, error, rechazada_en: 5_000,
});

test('date and time as dd/mm/yyyy hh:mm in the terminal time', () => {
  assert.equal(formatFechaHora(local.toISOString()), '27/11/2026 18:05');
  assert.equal(formatFechaHora(new Date(2027, 0, 3, 7, 9)), '03/01/2027 07:09');
  assert.equal(formatFechaHora('no es una fecha'), '');
});

test('Reintentar: rechazada → pendiente with no failures and no backoff; anything else is left alone', () => {
  const e = rechazada(4, 'v4');
  const p = volverAPendiente(e, 7_000);
  assert.equal(p.estado, 'pendiente');
  assert.equal(p.intentos, 0);
  assert.equal(p.proximo_intento, 0);
  assert.equal(p.error, null);
  assert.equal(p.reintentada_en, 7_000);
  assert.equal('rechazada_en' in p, false);
  assert.equal(p.seq, 4); // keeps its place in the queue
  assert.deepEqual(p.venta, e.venta); // the very same sale (same id: the server dedupes it)
  assert.equal(e.estado, 'rechazada'); // not modified
  assert.equal(volverAPendiente({ ...e, estado: 'pendiente' }, 7_000), null);
  assert.equal(volverAPendiente({ ...e, estado: 'enviando' }, 7_000), null);
  assert.equal(volverAPendiente(undefined, 7_000), null);
  // The next batch takes it at once, even with the clock before any earlier backoff.
  assert.deepEqual(siguienteLote([p], { ahora: 0 }).map((x) => x.id), ['v4']);
  assert.deepEqual(siguienteLote([e], { ahora: 1e12 }), []);
});

test('a row: time, total, lines with names from the receipt, and the server reason', () => {
  const e = rechazada(2, 'v2');
  const recibo = { id: 'v2', total: 1600, lineas: [{ nombre: 'Agua 500 ml', cantidad: 2, precio: 800, subtotal: 1600 }] };
  assert.deepEqual(filaRechazada(e, recibo), {
    seq: 2, id: 'v2', hora: '27/11/2026 18:05', hora_iso: local.toISOString(), total: '$ 1.600,00', lineas: '2 × Agua 500 ml',
    codigos: '2 × Agua 500 ml (7790001)', motivo: 'No hay un producto con el código 7790001.',
  });
  // Without its receipt: the barcodes and the items' sum less the discount.
  const sin = filaRechazada({ ...e, venta: { ...e.venta, descuento_total: 100.5 }, error: null });
  assert.equal(sin.lineas, '2 × Código 7790001');
  assert.equal(sin.total, '$ 1.499,50');
  assert.equal(sin.motivo, 'El servidor rechazó la venta sin decir por qué.');
});

test('the lines summary names three and counts the rest', () => {
  const items = [1, 2, 3, 4, 5].map((i) => ({ barcode: `77900${i}`, cantidad: i, precio_unitario: 10.1 }));
  const recibo = { lineas: items.map((_, i) => ({ nombre: `Producto ${i + 1}` })) };
  const lineas = lineasDeVenta({ items }, recibo);
  assert.equal(resumenLineas(lineas), '1 × Producto 1 · 2 × Producto 2 · 3 × Producto 3 y 2 más');
  assert.equal(resumenLineas(lineas.slice(0, 3)), '1 × Producto 1 · 2 × Producto 2 · 3 × Producto 3');
  assert.equal(resumenLineas([]), 'Sin productos');
  assert.equal(totalDeVenta({ items }), 151.5); // 15 × 10,10 in cents, no float drift
  assert.equal(textoRechazadas(1), '1 venta rechazada');
  assert.equal(textoRechazadas(2), '2 ventas rechazadas');
});

test('the rows: only rejected entries, oldest first', () => {
  const entradas = [rechazada(5, 'v5', 'B'), { ...nuevaEntrada(venta('v1'), 0), seq: 1 }, rechazada(3, 'v3', 'A')];
  const filas = filasRechazadas(entradas, (id) => (id === 'v3' ? { total: 99 } : null));
  assert.deepEqual(filas.map((f) => [f.id, f.motivo, f.total]), [['v3', 'A', '$ 99,00'], ['v5', 'B', '$ 1.600,00']]);
});

test('on the store: a rejected sale retried goes out on the next replay and leaves the outbox; nothing else changes', async () => {
  const db = await abrirDb({ nombre: `rechazadas-${process.pid}` });
  const almacen = almacenOutbox(db);
  await almacen.agregar(nuevaEntrada(venta('a'), 0), { id: 'a', creado: 0, lineas: [{ nombre: 'Agua' }], total: 1600 });
  await almacen.agregar(nuevaEntrada(venta('b'), 0), null);
  const [a] = await almacen.todas();
  // The server refuses "a" once; "b" goes through.
  let rechazar = true;
  const lotes = [];
  const fetch = async (_url, init) => {
    const { ventas } = JSON.parse(init.body);
    lotes.push(ventas.map((v) => v.id));
    const resultados = ventas.map((v) => (v.id === 'a' && rechazar
      ? { id: v.id, estado: 'rechazada', error: 'No hay un producto con el código 7790001.' }
      : { id: v.id, estado: 'procesada', numero_ticket: 1 }));
    return { ok: true, status: 200, json: async () => ({ resultados }), headers: { get: () => null } };
  };
  await reproducir({ almacen, fetch, token: () => 't', locks: null, ahora: () => 1_000 });
  assert.deepEqual(await almacen.contar(), { pendientes: 0, rechazadas: 1 });
  // Replays leave it alone: it waits for a person, not for the network.
  await reproducir({ almacen, fetch, token: () => 't', locks: null, ahora: () => 1e12, forzar: true });
  assert.deepEqual(lotes, [['a', 'b']]);

  const hecho = await reintentarRechazada(almacen, a.seq, 2_000);
  assert.equal(hecho.estado, 'pendiente');
  assert.equal(await reintentarRechazada(almacen, a.seq, 2_000), null); // a second click (or tab) changes nothing
  assert.equal(await reintentarRechazada(almacen, 999, 2_000), null);
  assert.deepEqual(await almacen.contar(), { pendientes: 1, rechazadas: 0 });

  rechazar = false;
  const r = await reproducir({ almacen, fetch, token: () => 't', locks: null, ahora: () => 2_000 });
  assert.equal(r.procesadas, 1);
  assert.deepEqual(lotes, [['a', 'b'], ['a']]);
  assert.deepEqual(await almacen.todas(), []);
  db.close();
});

test('a retried sale refused again is rejected again with the new reason', () => {
  const p = volverAPendiente(rechazada(1, 'v1', 'viejo'), 1);
  const r = aplicarResultados([{ ...p, estado: 'enviando' }], { resultados: [{ id: 'v1', estado: 'rechazada', error: 'nuevo' }] }, 2);
  assert.deepEqual(r.cambios.map((e) => [e.estado, e.error]), [['rechazada', 'nuevo']]);
});
