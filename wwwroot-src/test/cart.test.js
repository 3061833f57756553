import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accionDeTecla, createSerialQueue, efectivoJusto, montoParaInput, moverSeleccion, nuevoIdVenta, parseEntrada,
  paginaTicket, resumenCobro, sinMontos, teclaDeLinea, aplicarDescuento, sumarBillete, teclaTrasVenta, cantidadParaLinea,
} from '../src/lib/cart.js';
import { parseMoney } from '../src/lib/money.js';

test('a scanned EAN-13 is one unit of that code', () => {
  assert.deepEqual(parseEntrada('7790001234567'), { tipo: 'codigo', codigo: '7790001234567', cantidad: 1, texto: '7790001234567' });
  assert.deepEqual(parseEntrada('  7790001234567 '), { tipo: 'codigo', codigo: '7790001234567', cantidad: 1, texto: '7790001234567' });
});

test('"3*code" and "3x code" set the quantity', () => {
  assert.deepEqual(parseEntrada('3*7790001234567'), { tipo: 'codigo', codigo: '7790001234567', cantidad: 3, texto: '3*7790001234567' });
  assert.deepEqual(parseEntrada('12 x 7790001234567'), { tipo: 'codigo', codigo: '7790001234567', cantidad: 12, texto: '12*7790001234567' });
  assert.deepEqual(parseEntrada('2X779'), { tipo: 'codigo', codigo: '779', cantidad: 2, texto: '2*779' });
  assert.equal(parseEntrada('0*7790001234567').tipo, 'error');
  assert.equal(parseEntrada('99999*7790001234567').tipo, 'error');
});

test('letters mean a name search; empty means nothing; other symbols are an error', () => {
  assert.deepEqual(parseEntrada('alfajor'), { tipo: 'busqueda', texto: 'alfajor' });
  assert.deepEqual(parseEntrada('Coca 500'), { tipo: 'busqueda', texto: 'Coca 500' });
  assert.deepEqual(parseEntrada('ñandú'), { tipo: 'busqueda', texto: 'ñandú' });
  assert.deepEqual(parseEntrada(''), { tipo: 'vacio' });
  assert.deepEqual(parseEntrada('   '), { tipo: 'vacio' });
  assert.deepEqual(parseEntrada(undefined), { tipo: 'vacio' });
  assert.equal(parseEntrada('779-000').tipo, 'error');
  assert.equal(parseEntrada('3*abc').tipo, 'busqueda');
});

test('the queue runs scans one at a time, in order, and survives a failure', async () => {
  const q = createSerialQueue();
  const log = [];
  let release;
  const gate = new Promise((r) => { release = r; });
  const a = q.push(async () => { log.push('a:start'); await gate; log.push('a:end'); return 'a'; });
  const b = q.push(async () => { log.push('b'); throw new Error('boom'); });
  const c = q.push(() => { log.push('c'); return 'c'; });
  assert.equal(q.pending, 3);
  await Promise.resolve();
  assert.deepEqual(log, ['a:start']); // b and c wait for a
  release();
  assert.equal(await a, 'a');
  await assert.rejects(b, /boom/);
  assert.equal(await c, 'c');
  await q.idle();
  assert.deepEqual(log, ['a:start', 'a:end', 'b', 'c']);
  assert.equal(q.pending, 0);
});

test('twenty scans typed back to back are all sent, none twice', async () => {
  const q = createSerialQueue();
  const sent = [];
  let enVuelo = 0;
  let maximo = 0;
  for (let i = 0; i < 20; i++) {
    q.push(async () => {
      enVuelo++;
      maximo = Math.max(maximo, enVuelo);
      await new Promise((r) => setTimeout(r, 1));
      sent.push(i);
      enVuelo--;
    });
  }
  await q.idle();
  assert.deepEqual(sent, [...Array(20).keys()]);
  assert.equal(maximo, 1);
});

test('payment preview: card plus cash, the change comes from the cash', () => {
  const r = resumenCobro(3500, { debito: '2000', efectivo: '2000' });
  assert.equal(r.pagado, 4000);
  assert.equal(r.falta, 0);
  assert.equal(r.vuelto, 500);
  assert.equal(r.listo, true);
});

test('payment preview: amounts in es-AR or invariant, short payments say what is missing', () => {
  assert.equal(resumenCobro(1234.5, { efectivo: '1.234,50' }).vuelto, 0);
  assert.equal(resumenCobro(1234.5, { efectivo: '1234.50' }).listo, true);
  const corto = resumenCobro(1000, { efectivo: '999,99' });
  assert.equal(corto.falta, 0.01);
  assert.equal(corto.listo, false);
  const malo = resumenCobro(1000, { efectivo: '12,345' });
  assert.deepEqual(malo.invalidos, ['efectivo']);
  assert.equal(malo.listo, false);
});

test('payment preview: a card may not exceed the total', () => {
  const r = resumenCobro(1000, { credito: '1500' });
  assert.equal(r.excedeNoEfectivo, true);
  assert.equal(r.vuelto, 0);
  assert.equal(r.listo, false);
  assert.equal(resumenCobro(0, {}).listo, false);
});

test('«Justo» fills the cash still missing after the other methods', () => {
  assert.equal(efectivoJusto(3500, { debito: '2000' }), 1500);
  assert.equal(efectivoJusto(3500, {}), 3500);
  assert.equal(efectivoJusto(1000, { credito: '1500' }), 0);
  assert.equal(montoParaInput(1500), '1500,00');
  assert.equal(montoParaInput(1234.5), '1234,50');
  assert.equal(sinMontos({ efectivo: ' ', debito: '' }), true);
  assert.equal(sinMontos({ efectivo: '1' }), false);
});

test('arrow selection is clamped to the list', () => {
  assert.equal(moverSeleccion(0, 3, 1), 1);
  assert.equal(moverSeleccion(2, 3, 1), 2);
  assert.equal(moverSeleccion(0, 3, -1), 0);
  assert.equal(moverSeleccion(-1, 3, 1), 0);
  assert.equal(moverSeleccion(-1, 3, -1), 2);
  assert.equal(moverSeleccion(0, 0, 1), -1);
});

test('sale ids: randomUUID when there is one, a v4 UUID from random bytes otherwise', () => {
  assert.equal(nuevoIdVenta({ randomUUID: () => 'x', getRandomValues: (a) => a }), 'x');
  const id = nuevoIdVenta({ getRandomValues: (a) => a.fill(0xab) });
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('function keys: F2 search, F12 pay, F8 void; modified keys are left alone', () => {
  assert.equal(accionDeTecla({ key: 'F2' }), 'buscar');
  assert.equal(accionDeTecla({ key: 'F12' }), 'cobrar');
  assert.equal(accionDeTecla({ key: 'F8' }), 'anular');
  assert.equal(accionDeTecla({ key: 'F12', ctrlKey: true }), null);
  assert.equal(accionDeTecla({ key: 'a' }), null);
});

test('the receipt page is as long as the receipt', () => {
  assert.equal(paginaTicket(80, 378), '@page ticket-80mm { size: 80mm 105mm; margin: 0; }'); // 378 px = 100 mm
  assert.equal(paginaTicket(58, 10), '@page ticket-58mm { size: 58mm 40mm; margin: 0; }');
});

test('line keys: arrows select with an empty code field; + − Supr Esc act only on a selected line', () => {
  const vacio = { codigoVacio: true, haySeleccion: false };
  const elegida = { codigoVacio: true, haySeleccion: true };
  assert.equal(teclaDeLinea({ key: 'ArrowUp' }, vacio), 'arriba');
  assert.equal(teclaDeLinea({ key: 'ArrowDown' }, elegida), 'abajo');
  assert.equal(teclaDeLinea({ key: '+' }, elegida), 'mas');
  assert.equal(teclaDeLinea({ key: '-' }, elegida), 'menos');
  assert.equal(teclaDeLinea({ key: 'Delete' }, elegida), 'quitar');
  assert.equal(teclaDeLinea({ key: 'Escape' }, elegida), 'soltar');
  for (const key of ['+', '-', 'Delete', 'Escape']) assert.equal(teclaDeLinea({ key }, vacio), null, key);
  // The scanner's keys and anything typed into the field are never line keys.
  for (const key of ['0', '7', 'Enter', '*', 'x']) assert.equal(teclaDeLinea({ key }, elegida), null, key);
  const escribiendo = { codigoVacio: false, haySeleccion: true };
  for (const key of ['ArrowUp', '+', '-', 'Delete']) assert.equal(teclaDeLinea({ key }, escribiendo), null, key);
  assert.equal(teclaDeLinea({ key: 'ArrowUp', ctrlKey: true }, elegida), null);
});

test('aplicarDescuento subtracts a discount typed as es-AR money and refuses a bad or excessive one', () => {
  assert.deepEqual(aplicarDescuento(3500, ''), { total: 3500, descuento: 0, error: null });
  assert.deepEqual(aplicarDescuento(3500, '150,50'), { total: 3349.5, descuento: 150.5, error: null });
  assert.deepEqual(aplicarDescuento(3500, '1.000'), { total: 2500, descuento: 1000, error: null });
  assert.equal(aplicarDescuento(3500, '3500').error, 'El descuento tiene que ser menor que el total.');
  assert.equal(aplicarDescuento(3500, '-5').error, 'Revisá el descuento: por ejemplo 150,50.');
  assert.equal(aplicarDescuento(0.3, '0,1').total, 0.2); // in cents, no floating-point residue
});

test('quick bills add to the cash, written with thousands dots that parseMoney reads back', () => {
  assert.equal(sumarBillete('', 10000), '10.000,00');
  assert.equal(sumarBillete('10.000,00', 10000), '20.000,00');
  assert.equal(sumarBillete('500', 1000), '1.500,00');
  assert.equal(sumarBillete('1234,50', 2000), '3.234,50');
  assert.equal(sumarBillete('no sé', 2000), '2.000,00');
  assert.equal(sumarBillete('990.000,00', 20000), '1.010.000,00');
  assert.equal(parseMoney('20.000,00'), 20000);
  assert.equal(parseMoney('1.010.000,00'), 1010000);
});

test('after a sale, Enter/Esc start the next one and a digit starts it with a scan', () => {
  assert.equal(teclaTrasVenta({ key: 'Enter' }), 'nueva');
  assert.equal(teclaTrasVenta({ key: 'Escape' }), 'nueva');
  assert.equal(teclaTrasVenta({ key: '7' }), 'escanear');
  assert.equal(teclaTrasVenta({ key: '0' }), 'escanear');
  assert.equal(teclaTrasVenta({ key: '7', ctrlKey: true }), null);
  assert.equal(teclaTrasVenta({ key: 'a' }), null);
  assert.equal(teclaTrasVenta({ key: 'Tab' }), null);
  assert.equal(teclaTrasVenta({ key: 'F12' }), null);
});

test('a quantity for the selected line: "*N" up to the limit, or a bare number too short to be a barcode', () => {
  assert.deepEqual(cantidadParaLinea('*5'), { cantidad: 5 });
  assert.deepEqual(cantidadParaLinea(' * 12 '), { cantidad: 12 });
  assert.deepEqual(cantidadParaLinea('*9999'), { cantidad: 9999 });
  assert.deepEqual(cantidadParaLinea('5'), { cantidad: 5 });
  assert.deepEqual(cantidadParaLinea('120'), { cantidad: 120 });
  assert.ok('error' in cantidadParaLinea('*0'));
  assert.ok('error' in cantidadParaLinea('*10000'));
  assert.ok('error' in cantidadParaLinea('0'));
  assert.equal(cantidadParaLinea('1234'), null); // a 4-digit internal code is a scan
  assert.equal(cantidadParaLinea('7790001234567'), null);
  assert.equal(cantidadParaLinea('3*7790001234567'), null);
  assert.equal(cantidadParaLinea('yerba'), null);
  assert.equal(cantidadParaLinea(''), null);
});
