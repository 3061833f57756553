import 'fake-indexeddb/auto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDB } from 'idb';
import {
  COMPACTAR_DESDE, DB_VERSION, MIGRACIONES, PRODUCTOS_POR_BLOQUE, abrirDb, almacenCatalogo, almacenOutbox, guardarMeta, leerMeta, leerRecibo,
  podarRecibos,
} from '../src/offline/db.js';
import { nuevaEntrada } from '../src/offline/outbox.js';

let n = 0;
const nombre = () => `test-db-${process.pid}-${++n}`;
const venta = (id) => ({ id, sesion_caja_id: 's1', created_at: '2026-11-27T21:00:00.000Z', items: [], pagos: [] });

test('upgrading from version 1 keeps the catalog, the queued sales and the settings', async () => {
  const db = nombre();
  // A browser that still has version 1 (only the first migration), with user data in it.
  const v1 = await openDB(db, 1, { upgrade: (d, o, nv, tx) => MIGRACIONES[0](d, tx) });
  await v1.put('catalogo', { id: 'p1', barcode: '7790001', nombre: 'Alfajor', precio: 900 });
  await v1.add('outbox', nuevaEntrada(venta('v-1'), 1));
  await v1.put('meta', '123', 'cursor');
  v1.close();

  const actual = await abrirDb({ nombre: db });
  assert.equal(actual.version, DB_VERSION);
  assert.ok(DB_VERSION >= 2);
  assert.deepEqual((await actual.getAll('catalogo')).map((p) => p.id), ['p1']);
  // The per-product catalog of v1/v2 is still what the POS reads until the next full load.
  assert.deepEqual((await almacenCatalogo(actual).todas()).map((p) => p.nombre), ['Alfajor']);
  assert.deepEqual((await actual.getAll('outbox')).map((e) => e.id), ['v-1']);
  assert.equal(await leerMeta(actual, 'cursor'), '123');
  assert.ok(actual.objectStoreNames.contains('recibos'));
  // The new index works on the entries written before it existed.
  assert.equal((await actual.getAllFromIndex('outbox', 'estado', 'pendiente')).length, 1);
  actual.close();
});

test('a sale and its receipt are written together; the same sale id is never queued twice', async () => {
  const db = await abrirDb({ nombre: nombre() });
  const outbox = almacenOutbox(db);
  assert.equal(await outbox.agregar(nuevaEntrada(venta('v-1'), 1), { id: 'v-1', creado: 1, total: 10 }), true);
  assert.equal(await outbox.agregar(nuevaEntrada(venta('v-1'), 2), { id: 'v-1', creado: 2, total: 99 }), false);
  assert.equal(await outbox.agregar(nuevaEntrada(venta('v-2'), 3), { id: 'v-2', creado: 3, total: 20 }), true);
  const todas = await outbox.todas();
  assert.deepEqual(todas.map((e) => e.id), ['v-1', 'v-2']);
  assert.ok(todas[0].seq < todas[1].seq);
  assert.equal((await leerRecibo(db, 'v-1')).total, 10); // the refused duplicate did not touch the receipt
  assert.deepEqual(await outbox.contar(), { pendientes: 2, rechazadas: 0 });
  db.close();
});

test('a failing write leaves nothing behind (one transaction)', async () => {
  const db = await abrirDb({ nombre: nombre() });
  const outbox = almacenOutbox(db);
  // A receipt that cannot be stored (no key) aborts the whole transaction: the sale is not queued either.
  await assert.rejects(outbox.agregar(nuevaEntrada(venta('v-9'), 1), { creado: 1 }));
  assert.deepEqual(await outbox.todas(), []);
  db.close();
});

test('outbox updates and removals, receipts marked as sent', async () => {
  const db = await abrirDb({ nombre: nombre() });
  const outbox = almacenOutbox(db);
  await outbox.agregar(nuevaEntrada(venta('a'), 1), { id: 'a', creado: 1 });
  await outbox.agregar(nuevaEntrada(venta('b'), 1), { id: 'b', creado: 1 });
  const [a, b] = await outbox.todas();
  await outbox.actualizar([{ ...b, estado: 'rechazada', error: 'x' }], [a.seq], [{ id: 'a', enviado: true, numero_ticket: 7 }]);
  assert.deepEqual((await outbox.todas()).map((e) => [e.id, e.estado]), [['b', 'rechazada']]);
  assert.equal((await leerRecibo(db, 'a')).numero_ticket, 7);
  assert.deepEqual(await outbox.contar(), { pendientes: 0, rechazadas: 1 });
  // Old receipts go, unless their sale is still in the outbox.
  await podarRecibos(db, 7, 10 * 86_400_000);
  assert.equal(await leerRecibo(db, 'a'), undefined);
  assert.ok(await leerRecibo(db, 'b'));
  db.close();
});

test('catalog store: full replace and delta move the cursor with the data', async () => {
  const db = await abrirDb({ nombre: nombre() });
  const cat = almacenCatalogo(db);
  await cat.reemplazar([{ id: '1', barcode: '111', nombre: 'A' }, { id: '2', barcode: '222', nombre: 'B' }], '10');
  await cat.aplicar([{ id: '3', barcode: '333', nombre: 'C' }], ['1'], '20');
  assert.deepEqual((await cat.todas()).map((p) => p.id).sort(), ['2', '3']);
  assert.equal(await cat.leerCursor(), '20');
  await guardarMeta(db, 'sesion_caja_id', 's-1');
  assert.equal(await leerMeta(db, 'sesion_caja_id'), 's-1');
  db.close();
});

test('catalog store: a full load is written in blocks; deltas go on top; the next full load replaces both', async () => {
  const db = await abrirDb({ nombre: nombre() });
  const cat = almacenCatalogo(db);
  const total = PRODUCTOS_POR_BLOQUE * 2 + 500;
  const productos = Array.from({ length: total }, (_, i) => ({ id: `p${i}`, barcode: String(7790000000000 + i), nombre: `P ${i}`, precio: i }));
  await cat.reemplazar(productos, '10');
  // Few records, not one per product: that is what makes the full load fast in a browser.
  assert.equal(await db.count('catalogo_bloques'), 3);
  assert.equal(await db.count('catalogo'), 0);
  assert.deepEqual(await cat.todas(), productos); // same products, same order

  const ultimo = `p${total - 1}`;
  await cat.aplicar([{ id: ultimo, barcode: '999', nombre: 'Cambiado', precio: 1 }, { id: 'nuevo', barcode: '888', nombre: 'Nuevo' }], ['p0'], '20');
  await cat.aplicar([{ id: ultimo, barcode: '999', nombre: 'Cambiado otra vez', precio: 2 }], [], '30');
  const tras = await cat.todas();
  assert.equal(tras.length, total); // one deleted, one added
  assert.equal(tras.find((p) => p.id === 'p0'), undefined);
  assert.equal(tras.find((p) => p.id === ultimo).nombre, 'Cambiado otra vez');
  assert.equal(tras.filter((p) => p.id === ultimo).length, 1);
  assert.ok(tras.some((p) => p.id === 'nuevo'));
  assert.equal(await db.count('catalogo'), 3); // a product changed twice is one record

  await cat.reemplazar([{ id: 'p0', barcode: '111', nombre: 'Vuelve' }], '40');
  assert.deepEqual(await cat.todas(), [{ id: 'p0', barcode: '111', nombre: 'Vuelve' }]); // no stale tombstone or change
  assert.equal(await db.count('catalogo'), 0);
  assert.equal(await cat.leerCursor(), '40');
  db.close();
});

test('catalog store: a delta of many changes (a price list) rewrites the catalog as blocks, same products', async () => {
  const db = await abrirDb({ nombre: nombre() });
  const cat = almacenCatalogo(db);
  const total = COMPACTAR_DESDE + 1500;
  const productos = Array.from({ length: total }, (_, i) => ({ id: `p${i}`, barcode: String(7790000000000 + i), nombre: `P ${i}`, precio: i }));
  await cat.reemplazar(productos, '10');
  await cat.aplicar([{ id: 'p1', barcode: '1', nombre: 'Uno', precio: 1 }], ['p2'], '20'); // a small one first: on top
  assert.equal(await db.count('catalogo'), 2);

  const subas = productos.slice(3, COMPACTAR_DESDE + 3).map((p) => ({ ...p, precio: p.precio + 0.5 }));
  await cat.aplicar(subas, ['p4'], '30');
  assert.equal(await db.count('catalogo'), 0); // nothing left on top: all in blocks
  assert.equal(await db.count('catalogo_bloques'), Math.ceil((total - 2) / PRODUCTOS_POR_BLOQUE));
  const tras = new Map((await cat.todas()).map((p) => [p.id, p]));
  assert.equal(tras.size, total - 2); // p2 and p4 withdrawn
  assert.equal(tras.get('p1').nombre, 'Uno'); // the earlier small delta survived the rewrite
  assert.equal(tras.get('p3').precio, 3.5);
  assert.equal(tras.get('p4'), undefined);
  assert.equal(tras.get(`p${total - 1}`).precio, total - 1); // untouched
  assert.equal(await cat.leerCursor(), '30');
  db.close();
});
