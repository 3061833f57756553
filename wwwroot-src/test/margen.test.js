import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPct, margenPct } from '../src/lib/margen.js';
import { parseMoney } from '../src/lib/money.js';

test('parses es-AR and invariant amounts', () => {
  assert.equal(parseMoney('1234,50'), 1234.5);
  assert.equal(parseMoney('1.234,50'), 1234.5);
  assert.equal(parseMoney('1234.50'), 1234.5);
  assert.equal(parseMoney('$ 1.234'), 1234);
  assert.equal(parseMoney('900'), 900);
});

test('refuses what is not an amount', () => {
  assert.equal(parseMoney('12,345'), null);
  assert.equal(parseMoney('abc'), null);
  assert.equal(parseMoney(''), null);
  assert.equal(parseMoney('-5'), null);
  assert.equal(parseMoney('1,2,3'), null);
});

test('margin is markup over cost, rounded half away from zero', () => {
  assert.equal(margenPct(1000, 1350), 35);
  assert.equal(margenPct(3, 4), 33.33);
  assert.equal(margenPct(8, 9.0001), 12.5); // 12.50125 → 12.5
  assert.equal(margenPct(0, 100), null);
  assert.equal(margenPct(100, 90), -10);
});

test('formats the margin in es-AR', () => {
  assert.equal(formatPct(35), '35,00 %');
  assert.equal(formatPct(null), '—');
});
