import 'fake-indexeddb/auto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abrirDb, almacenCatalogo } from '../src/offline/db.js';
import { IndiceCatalogo, SYNC_URL, aRegistro, plegar, sincronizarCatalogo } from '../src/offline/catalogo.js';

let n = 0;
const producto = (id, barcode, nombre, precio = 100) => ({
  id, codigo_barras: barcode, nombre, precio_venta: precio, categoria: 'Kiosco', stock_actual: 5, es_padre: false,
  activo: true, hijos: [],
});

/** A fake /v1/productos/sync: answers per cursor from `respuestas` (key '' = no cursor). */
function servidor(respuestas) {
  const pedidos = [];
  const fetch = async (url) => {
    pedidos.push(url);
    const cursor = new URL(url, 'http://x').searchParams.get('cursor') ?? '';
    const r = respuestas[cursor];
    if (typeof r === 'number') return { ok: false, status: r, json: async () => ({}) };
    return { ok: true, status: 200, json: async () => r };
  };
  return { fetch, pedidos };
}

test('names are folded: lowercase, no accents, single spaces', () => {
  assert.equal(plegar('  Ñandú   CAFÉ  con Leche '), 'nandu cafe con leche');
  assert.equal(plegar(null), '');
});

test('the slim record keeps barcode, name, price and packs', () => {
  const r = aRegistro({ ...producto('p1', '7790001', 'Caja x12', 1200.5), es_padre: true,
    hijos: [{ producto_hijo_id: 'p2', unidades_por_padre: 12, desarme_auto: true }] });
  assert.deepEqual(r, { id: 'p1', barcode: '7790001', nombre: 'Caja x12', precio: 1200.5, categoria: 'Kiosco', stock: 5,
    es_padre: true, hijos: [{ id: 'p2', unidades: 12, auto: true }] });
});

test('local search: every word, accent- and case-insensitive, names starting with the first word first', () => {
  const indice = new IndiceCatalogo([
    { id: '1', barcode: '1', nombre: 'Alfajor Jorgito Chocolate' },
    { id: '2', barcode: '2', nombre: 'Café Molido La Virginia' },
    { id: '3', barcode: '3', nombre: 'Galletitas con café' },
    { id: '4', barcode: '4', nombre: 'Alfajor Havanna' },
  ]);
  assert.deepEqual(indice.buscarNombre('CAFE').map((p) => p.id), ['2', '3']);
  assert.deepEqual(indice.buscarNombre('alfa choco').map((p) => p.id), ['1']);
  assert.deepEqual(indice.buscarNombre('alfajor').map((p) => p.id), ['4', '1']); // alphabetical among equals
  assert.deepEqual(indice.buscarNombre('a'), []); // at least 2 letters, like the server
  assert.deepEqual(indice.buscarNombre('yerba'), []);
  assert.equal(indice.buscarNombre('al', 1).length, 1);
});

test('index: a changed barcode moves, a removed product is gone', () => {
  const indice = new IndiceCatalogo([{ id: '1', barcode: '111', nombre: 'A' }]);
  indice.poner({ id: '1', barcode: '222', nombre: 'A' });
  assert.equal(indice.buscarBarcode('111'), null);
  assert.equal(indice.buscarBarcode('222')?.id, '1');
  indice.quitar('1');
  assert.equal(indice.buscarBarcode('222'), null);
  assert.equal(indice.size, 0);
});

// Timings are printed, not asserted: a timed unit test fails on a busy machine without telling anything about the
// code (the figures belong to the benchmark). What is asserted is that both find the right products.
test('50,000 products: the barcode index and the name search find the right products', () => {
  const productos = Array.from({ length: 50_000 }, (_, i) => ({
    id: `id${i}`, barcode: String(7790000000000 + i), nombre: `Producto ${i} sabor ${['limón', 'café', 'menta'][i % 3]}` }));
  let t = performance.now();
  const indice = new IndiceCatalogo(productos);
  const carga = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < 1_000; i++) assert.ok(indice.buscarBarcode(String(7790000000000 + ((i * 37) % 50_000))));
  const porBusqueda = (performance.now() - t) / 1_000;
  t = performance.now();
  const hallados = indice.buscarNombre('cafe 4999');
  const nombre = performance.now() - t;
  assert.ok(hallados.length > 0);
  assert.ok(hallados.some((p) => p.nombre === 'Producto 4999 sabor café'), JSON.stringify(hallados.slice(0, 3)));
  console.log(`# 50,000 products: index ${carga.toFixed(0)} ms, barcode look-up ${(porBusqueda * 1000).toFixed(2)} µs, name search ${nombre.toFixed(1)} ms`);
});

test('sync: full load, then a delta (upsert, delete, cursor), into IndexedDB and memory', async () => {
  const db = await abrirDb({ nombre: `cat-${process.pid}-${++n}` });
  const almacen = almacenCatalogo(db);
  const indice = new IndiceCatalogo();
  const s = servidor({
    '': { items: [producto('1', '111', 'Uno'), producto('2', '222', 'Dos')], eliminados: [], cursor: '10' },
    10: { items: [producto('2', '222', 'Dos nuevo', 250), producto('3', '333', 'Tres')], eliminados: ['1'], cursor: '20' },
  });
  assert.equal((await sincronizarCatalogo({ fetch: s.fetch, almacen, indice })).tipo, 'completa');
  const r = await sincronizarCatalogo({ fetch: s.fetch, almacen, indice });
  assert.deepEqual([r.tipo, r.cambios, r.eliminados], ['delta', 2, 1]);
  assert.deepEqual(s.pedidos, [SYNC_URL, `${SYNC_URL}?cursor=10`]);
  assert.deepEqual((await almacen.todas()).map((p) => p.id).sort(), ['2', '3']);
  assert.equal(await almacen.leerCursor(), '20');
  assert.equal(indice.buscarBarcode('111'), null);
  assert.equal(indice.buscarBarcode('222').precio, 250);
  // A restart rebuilds memory from IndexedDB alone.
  const reabierto = new IndiceCatalogo(await almacen.todas());
  assert.equal(reabierto.buscarBarcode('333').nombre, 'Tres');
  db.close();
});

test('sync: a 400 on the cursor starts over with a full load; other errors keep the catalog', async () => {
  const db = await abrirDb({ nombre: `cat-${process.pid}-${++n}` });
  const almacen = almacenCatalogo(db);
  await almacen.reemplazar([aRegistro(producto('viejo', '999', 'Viejo'))], '999999');
  const indice = new IndiceCatalogo(await almacen.todas());
  const s = servidor({ 999999: 400, '': { items: [producto('1', '111', 'Uno')], eliminados: [], cursor: '5' } });
  const r = await sincronizarCatalogo({ fetch: s.fetch, almacen, indice });
  assert.equal(r.tipo, 'completa');
  assert.deepEqual(s.pedidos, [`${SYNC_URL}?cursor=999999`, SYNC_URL]);
  assert.deepEqual((await almacen.todas()).map((p) => p.id), ['1']);
  assert.equal(indice.buscarBarcode('999'), null);
  assert.equal(await almacen.leerCursor(), '5');

  const caido = servidor({ 5: 503 });
  await assert.rejects(sincronizarCatalogo({ fetch: caido.fetch, almacen, indice }), /503/);
  const sinRed = { fetch: async () => { throw new TypeError('Failed to fetch'); } };
  await assert.rejects(sincronizarCatalogo({ fetch: sinRed.fetch, almacen, indice }), TypeError);
  assert.deepEqual((await almacen.todas()).map((p) => p.id), ['1']);
  assert.equal(await almacen.leerCursor(), '5');
  db.close();
});
