import { test } from 'node:test';
import assert from 'node:assert/strict';
import 'fake-indexeddb/auto';
import { abrirDb, almacenOutbox } from '../src/offline/db.js';
import { nuevaEntrada } from '../src/offline/outbox.js';
import { pendientesDelNavegador, preguntaSalir } from '../src/offline/salir.js';

test('signing out asks only when sales wait, singular and plural', () => {
  assert.equal(preguntaSalir(0), null);
  assert.match(preguntaSalir(1), /^Hay 1 venta sin enviar al servidor\./);
  assert.match(preguntaSalir(3), /^Hay 3 ventas sin enviar al servidor\..*¿Salir igual\?$/);
});

test('the waiting sales of this browser are counted from the outbox', async () => {
  assert.equal(await pendientesDelNavegador(undefined), 0);
  const db = await abrirDb();
  try {
    const almacen = almacenOutbox(db);
    const antes = (await almacen.contar()).pendientes;
    const venta = { id: crypto.randomUUID(), sesion_caja_id: crypto.randomUUID(), created_at: new Date().toISOString(), items: [], pagos: [] };
    await almacen.agregar(nuevaEntrada(venta, Date.now()));
    assert.equal(await pendientesDelNavegador(), antes + 1);
  } finally {
    db.close();
  }
});
