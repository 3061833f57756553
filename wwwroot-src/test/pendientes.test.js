import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mensajePendientes } from '../src/caja/pendientes.js';

test('the blind count refusal names how many sales wait', () => {
  assert.equal(mensajePendientes(3), 'Hay 3 ventas sin enviar: conectate para enviarlas antes de contar la caja.');
  assert.equal(mensajePendientes(1), 'Hay 1 venta sin enviar: conectate para enviarla antes de contar la caja.');
});
