import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filasPendientes } from '../src/pos/ultimas.js';

const entrada = (seq, id, estado, createdAt, total) => ({
  seq, id, estado, venta: { id, created_at: createdAt, items: [{ barcode: '7790001', cantidad: 2, precio_unitario: total / 2 }] },
});

test('the outbox rows of «Últimas ventas»: newest first, the receipt total, marked pendiente or rechazada', () => {
  const a = entrada(1, 'a', 'pendiente', new Date(2026, 11, 4, 9, 5).toISOString(), 1600);
  const b = entrada(2, 'b', 'enviando', new Date(2026, 11, 4, 18, 30).toISOString(), 900);
  const c = entrada(3, 'c', 'rechazada', new Date(2026, 11, 4, 19, 0).toISOString(), 100);
  const recibos = { a: { total: 1250.5 } };
  const filas = filasPendientes([a, b, c], (id) => recibos[id]);
  assert.deepEqual(filas, [
    { id: 'c', hora: '19:00', total: '$ 100,00', estado: 'rechazada' },
    { id: 'b', hora: '18:30', total: '$ 900,00', estado: 'pendiente' },
    { id: 'a', hora: '09:05', total: '$ 1.250,50', estado: 'pendiente' },
  ]);
  assert.deepEqual(filasPendientes([], () => undefined), []);
});
