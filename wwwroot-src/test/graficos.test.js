import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configGrafico, formatearEje, formatearEntero, formatearValor } from '../src/lib/graficos.js';

test('values are written es-AR: money with cents, counts with thousands dots', () => {
  assert.equal(formatearValor(1234.5, 'money'), '$ 1.234,50');
  assert.equal(formatearValor(12345, 'int'), '12.345');
  assert.equal(formatearEntero(-1234), '-1.234');
  assert.equal(formatearEntero(-0.2), '0');
  assert.equal(formatearEje(25000, 'money'), '$ 25.000');
});

test('a bar chart of money: one dataset per series, value axis from zero, no animation', () => {
  const c = configGrafico({
    tipo: 'bar', etiquetas: ['08', '09'], series: [{ nombre: 'Total', valores: [100, 250.5], formato: 'money' }],
  });
  assert.equal(c.type, 'bar');
  assert.deepEqual(c.data.labels, ['08', '09']);
  assert.equal(c.data.datasets.length, 1);
  assert.deepEqual(c.data.datasets[0].data, [100, 250.5]);
  assert.equal(c.options.animation, false);
  assert.equal(c.options.scales.y.beginAtZero, true);
  assert.equal(c.options.scales.y.ticks.callback(1500), '$ 1.500');
  assert.equal(c.options.plugins.legend.display, false);
  const label = c.options.plugins.tooltip.callbacks.label({ dataset: c.data.datasets[0], parsed: { x: 1, y: 250.5 } });
  assert.equal(label, 'Total: $ 250,50');
});

test('a horizontal ranking puts the values on x; a line with two series shows its legend', () => {
  const h = configGrafico({ tipo: 'bar', horizontal: true, etiquetas: ['A'], series: [{ nombre: 'Unidades', valores: [3], formato: 'int' }] });
  assert.equal(h.options.indexAxis, 'y');
  assert.equal(h.options.scales.x.beginAtZero, true);
  const l = configGrafico({ tipo: 'line', etiquetas: ['1', '2'], series: [{ nombre: 'a', valores: [1, 2] }, { nombre: 'b', valores: [2, 1] }] });
  assert.equal(l.type, 'line');
  assert.equal(l.options.plugins.legend.display, true);
  assert.notEqual(l.data.datasets[0].borderColor, l.data.datasets[1].borderColor);
});
