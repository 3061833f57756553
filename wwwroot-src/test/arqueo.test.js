import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coincideConContador, parseCantidad, stepCantidad, totalDenominaciones } from '../src/lib/arqueo.js';
import { formatMoney, formatMoneyPlain } from '../src/lib/money.js';

const fila = (valor, cantidad) => ({ valor, cantidad });

test('quantities are whole non-negative numbers; empty counts as zero', () => {
  assert.equal(parseCantidad(''), 0);
  assert.equal(parseCantidad('  '), 0);
  assert.equal(parseCantidad(undefined), 0);
  assert.equal(parseCantidad('3'), 3);
  assert.equal(parseCantidad(' 12 '), 12);
  assert.equal(parseCantidad('-1'), null);
  assert.equal(parseCantidad('1,5'), null);
  assert.equal(parseCantidad('1.5'), null);
  assert.equal(parseCantidad('abc'), null);
  assert.equal(parseCantidad('1234567'), null);
});

test('the counter totals 3 × 1.000 + 2 × 500 = 4.000', () => {
  const r = totalDenominaciones([fila(20000, ''), fila(1000, '3'), fila(500, '2'), fila(1, '')]);
  assert.equal(r.total, 4000);
  assert.deepEqual(r.subtotales, [0, 3000, 1000, 0]);
  assert.equal(r.hayCantidades, true);
});

test('every Argentine denomination adds up exactly', () => {
  const valores = [20000, 10000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1];
  const r = totalDenominaciones(valores.map((v) => fila(v, '1')));
  assert.equal(r.total, 33888);
});

test('an empty counter is zero without quantities; an unreadable one has no total', () => {
  assert.deepEqual(totalDenominaciones([fila(100, ''), fila(50, '')]), { total: 0, subtotales: [0, 0], hayCantidades: false });
  const r = totalDenominaciones([fila(100, '2'), fila(50, 'x')]);
  assert.equal(r.total, null);
  assert.deepEqual(r.subtotales, [200, null]);
});

test('money is written the es-AR way', () => {
  assert.equal(formatMoneyPlain(4000), '4.000,00');
  assert.equal(formatMoneyPlain(1234567.5), '1.234.567,50');
  assert.equal(formatMoneyPlain(0), '0,00');
  assert.equal(formatMoneyPlain(0.005), '0,01');
  assert.equal(formatMoneyPlain(-0.001), '0,00');
  assert.equal(formatMoney(4000), '$ 4.000,00');
  assert.equal(formatMoney(-1.5), '-$ 1,50');
  assert.equal(formatMoney(999), '$ 999,00');
});

test('arrow keys add or take one, never below zero', () => {
  assert.equal(stepCantidad('', 1), '1');
  assert.equal(stepCantidad('4', 1), '5');
  assert.equal(stepCantidad('1', -1), '');
  assert.equal(stepCantidad('', -1), '');
  assert.equal(stepCantidad('x', 1), 'x');
});

test('the typed cash matches the counter in any notation', () => {
  assert.equal(coincideConContador('4.000,00', 4000), true);
  assert.equal(coincideConContador('4000', 4000), true);
  assert.equal(coincideConContador('4000.00', 4000), true);
  assert.equal(coincideConContador('', 0), true);
  assert.equal(coincideConContador('3.999', 4000), false);
  assert.equal(coincideConContador('abc', 4000), false);
  assert.equal(coincideConContador('4000', null), false);
});
