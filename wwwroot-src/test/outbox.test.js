import 'fake-indexeddb/auto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abrirDb, almacenOutbox } from '../src/offline/db.js';
import {
  BACKOFF_MAX_MS, MAX_LOTE, SYNC_BATCH_URL, aplicarResultados, backoffMs, clasificarError, nuevaEntrada, reintentar,
  reproducir, siguienteLote,
} from '../src/offline/outbox.js';

let n = 0;
const medio = () => 0.5; // no jitter
const venta = (id) => ({ id, sesion_caja_id: 's1', created_at: '2026-11-27T21:00:00.000Z', items: [{ barcode: '779', cantidad: 1, precio_unitario: 10 }], pagos: [{ metodo: 'efectivo', monto: 10 }] });

async function outboxCon(ids) {
  const db = await abrirDb({ nombre: `outbox-${process.pid}-${++n}` });
  const almacen = almacenOutbox(db);
  for (const id of ids) await almacen.agregar(nuevaEntrada(venta(id), 0), { id, creado: 0 });
  return { db, almacen };
}

/** A fake server: records each batch's ids and answers with `responder(ventas, llamada)`. */
function servidor(responder) {
  const lotes = [];
  const fetch = async (url, init) => {
    assert.equal(url, SYNC_BATCH_URL);
    assert.equal(init.method, 'POST');
    const { ventas } = JSON.parse(init.body);
    lotes.push(ventas.map((v) => v.id));
    return responder(ventas, lotes.length, init);
  };
  return { fetch, lotes };
}
const json = (status, body, headers = {}) => ({
  ok: status >= 200 && status < 300, status, json: async () => body, headers: { get: (h) => headers[h] ?? null },
});
const todoProcesado = (ventas) => json(200, { resultados: ventas.map((v, i) => ({ id: v.id, estado: 'procesada', numero_ticket: i + 1 })) });

test('backoff doubles from 2 s up to 5 minutes, with jitter', () => {
  assert.equal(backoffMs(1, medio), 2_000);
  assert.equal(backoffMs(2, medio), 4_000);
  assert.equal(backoffMs(5, medio), 32_000);
  assert.equal(backoffMs(30, medio), BACKOFF_MAX_MS);
  assert.equal(backoffMs(1, () => 0), 1_600);
  assert.equal(backoffMs(1, () => 1), 2_400);
});

test('the next batch: in order, at most the limit, rejected ones skipped, a waiting backoff stops it', () => {
  const e = (seq, estado, extra = {}) => ({ seq, id: `v${seq}`, estado, proximo_intento: 0, ...extra });
  const entradas = [e(3, 'pendiente'), e(1, 'pendiente'), e(2, 'rechazada'), e(4, 'pendiente', { proximo_intento: 5_000 }), e(5, 'pendiente')];
  assert.deepEqual(siguienteLote(entradas, { ahora: 1_000 }).map((x) => x.seq), [1, 3]);
  assert.deepEqual(siguienteLote(entradas, { ahora: 6_000 }).map((x) => x.seq), [1, 3, 4, 5]);
  assert.deepEqual(siguienteLote(entradas, { ahora: 1_000, forzar: true }).map((x) => x.seq), [1, 3, 4, 5]);
  assert.deepEqual(siguienteLote(entradas, { ahora: 6_000, max: 2 }).map((x) => x.seq), [1, 3]);
  // Someone else is sending (recently): wait; an orphan (old, or we hold the lock) is sent again.
  const enviando = [e(1, 'enviando', { enviando_desde: 900 }), e(2, 'pendiente')];
  assert.deepEqual(siguienteLote(enviando, { ahora: 1_000 }), []);
  assert.deepEqual(siguienteLote(enviando, { ahora: 1_000, huerfanas: true }).map((x) => x.seq), [1, 2]);
  assert.deepEqual(siguienteLote(enviando, { ahora: 10 * 60_000 }).map((x) => x.seq), [1, 2]);
});

test('results: procesada and duplicada leave, rechazada stays with its reason, an unanswered sale is retried', () => {
  const lote = ['a', 'b', 'c', 'd'].map((id, i) => ({ seq: i + 1, id, estado: 'enviando', intentos: 0 }));
  const r = aplicarResultados(lote, { resultados: [
    { id: 'a', estado: 'procesada', numero_ticket: 10 },
    { id: 'b', estado: 'duplicada', numero_ticket: 8 },
    { id: 'c', estado: 'rechazada', error: 'La sesión no existe.' },
  ] }, 1_000, medio);
  assert.deepEqual(r.quitar.map((e) => e.id), ['a', 'b']);
  assert.deepEqual(r.recibos, [{ id: 'a', enviado: true, numero_ticket: 10 }, { id: 'b', enviado: true, numero_ticket: 8 }]);
  assert.deepEqual(r.cambios.map((e) => [e.id, e.estado, e.error]), [
    ['c', 'rechazada', 'La sesión no existe.'], ['d', 'pendiente', 'Sin respuesta del servidor para esta venta.']]);
  assert.equal(r.cambios[1].proximo_intento, 3_000);
  assert.deepEqual([r.procesadas, r.duplicadas, r.rechazadas], [1, 1, 1]);
});

test('HTTP errors: everything but a refused body is kept and retried', () => {
  for (const status of [401, 403, 408, 429, 500, 502, 503]) assert.equal(clasificarError(status, null, 10), 'reintentar', String(status));
  assert.equal(clasificarError(400, { title: 'Falta el token antiforgery' }, 10), 'token');
  assert.equal(clasificarError(400, { title: 'Datos inválidos' }, 10), 'partir');
  assert.equal(clasificarError(400, { title: 'Datos inválidos' }, 1), 'rechazar');
  const [e] = reintentar([{ id: 'a', estado: 'enviando', intentos: 2 }], 'x', 1_000, { azar: medio });
  assert.deepEqual([e.estado, e.intentos, e.proximo_intento], ['pendiente', 3, 9_000]);
});

test('replay sends 1,200 sales in order in batches of 500 and empties the outbox', async () => {
  const ids = Array.from({ length: 1_200 }, (_, i) => `v${String(i).padStart(4, '0')}`);
  const { db, almacen } = await outboxCon(ids);
  const s = servidor(todoProcesado);
  const t0 = Date.now();
  const res = await reproducir({ almacen, fetch: s.fetch, token: () => 'tok', locks: null });
  const ms = Date.now() - t0;
  assert.deepEqual(s.lotes.map((l) => l.length), [MAX_LOTE, MAX_LOTE, 200]);
  assert.deepEqual(s.lotes.flat(), ids);
  assert.deepEqual([res.enviadas, res.procesadas, res.error], [1_200, 1_200, null]);
  assert.deepEqual(await almacen.todas(), []);
  console.log(`# replay of 1,200 outbox sales against a fake server: ${ms} ms (fake-indexeddb)`);
  db.close();
});

test('replay sends the antiforgery header and retries once with a fresh token', async () => {
  const { db, almacen } = await outboxCon(['a']);
  let token = 'viejo';
  const s = servidor((ventas, llamada, init) => (init.headers.RequestVerificationToken === 'nuevo'
    ? todoProcesado(ventas) : json(400, { title: 'Falta el token antiforgery' })));
  const res = await reproducir({ almacen, fetch: s.fetch, token: () => token, renovarToken: async () => { token = 'nuevo'; return token; }, locks: null });
  assert.equal(s.lotes.length, 2);
  assert.equal(res.procesadas, 1);
  assert.deepEqual(await almacen.todas(), []);
  db.close();
});

test('a network error, a 5xx or a 401 keeps every sale, pending, with a backoff; a later replay sends them', async () => {
  const { db, almacen } = await outboxCon(['a', 'b']);
  let ahora = 1_000;
  const caido = { fetch: async () => { throw new TypeError('Failed to fetch'); } };
  let res = await reproducir({ almacen, fetch: caido.fetch, token: () => null, ahora: () => ahora, azar: medio, locks: null });
  assert.equal(res.error, 'red');
  let todas = await almacen.todas();
  assert.deepEqual(todas.map((e) => [e.id, e.estado, e.intentos, e.proximo_intento]), [['a', 'pendiente', 1, 3_000], ['b', 'pendiente', 1, 3_000]]);

  // Before the backoff elapses nothing is sent; then a 503 and a 401 each add a failure.
  const s503 = servidor(() => json(503, null));
  res = await reproducir({ almacen, fetch: s503.fetch, token: () => null, ahora: () => ahora, azar: medio, locks: null });
  assert.equal(s503.lotes.length, 0);
  ahora = 3_000;
  res = await reproducir({ almacen, fetch: s503.fetch, token: () => null, ahora: () => ahora, azar: medio, locks: null });
  assert.equal(res.error, 'http 503');
  const s401 = servidor(() => json(401, { title: 'No autorizado' }));
  ahora = 100_000;
  await reproducir({ almacen, fetch: s401.fetch, token: () => null, ahora: () => ahora, azar: medio, locks: null });
  todas = await almacen.todas();
  assert.deepEqual(todas.map((e) => [e.estado, e.intentos]), [['pendiente', 3], ['pendiente', 3]]);
  assert.match(todas[0].error, /sesión expiró/);

  // 429 with Retry-After waits at least that long.
  const s429 = servidor(() => json(429, null, { 'Retry-After': '120' }));
  ahora = 200_000;
  await reproducir({ almacen, fetch: s429.fetch, token: () => null, ahora: () => ahora, azar: medio, locks: null });
  assert.equal((await almacen.todas())[0].proximo_intento, ahora + 120_000);

  // Forced (the network is back): sent at once, and gone.
  const ok = servidor(todoProcesado);
  res = await reproducir({ almacen, fetch: ok.fetch, token: () => null, ahora: () => ahora, forzar: true, locks: null });
  assert.deepEqual(ok.lotes, [['a', 'b']]);
  assert.deepEqual(await almacen.todas(), []);
  db.close();
});

test('a rejected sale stays for a supervisor and does not block the ones after it', async () => {
  const { db, almacen } = await outboxCon(['a', 'b', 'c']);
  const s = servidor((ventas, llamada) => json(200, { resultados: ventas.map((v) => (v.id === 'b' && llamada === 1
    ? { id: v.id, estado: 'rechazada', error: 'Producto inexistente: 779.' }
    : { id: v.id, estado: llamada === 1 ? 'procesada' : 'duplicada' })) }));
  await reproducir({ almacen, fetch: s.fetch, token: () => null, locks: null });
  let todas = await almacen.todas();
  assert.deepEqual(todas.map((e) => [e.id, e.estado, e.error]), [['b', 'rechazada', 'Producto inexistente: 779.']]);
  assert.deepEqual(await almacen.contar(), { pendientes: 0, rechazadas: 1 });
  // A later replay does not resend it.
  await reproducir({ almacen, fetch: s.fetch, token: () => null, locks: null });
  assert.equal(s.lotes.length, 1);
  todas = await almacen.todas();
  assert.equal(todas.length, 1);
  db.close();
});

test('a batch refused as a whole (400) is split to find the one bad sale; the others go through', async () => {
  const { db, almacen } = await outboxCon(['a', 'b', 'c']);
  const s = servidor((ventas) => (ventas.some((v) => v.id === 'b')
    ? json(400, { title: 'Datos inválidos', detail: 'items[0].cantidad debe ser mayor que 0' })
    : todoProcesado(ventas)));
  const res = await reproducir({ almacen, fetch: s.fetch, token: () => null, locks: null });
  assert.deepEqual(s.lotes, [['a', 'b', 'c'], ['a'], ['b'], ['c']]);
  assert.equal(res.rechazadas, 1);
  assert.deepEqual((await almacen.todas()).map((e) => [e.id, e.estado, e.error]), [['b', 'rechazada', 'items[0].cantidad debe ser mayor que 0']]);
  db.close();
});

test('two tabs replaying at once under the lock send each sale once', async () => {
  const { db, almacen } = await outboxCon(['a', 'b', 'c']);
  // navigator.locks stand-in: one holder at a time, in request order.
  let cola = Promise.resolve();
  const locks = { request: (_name, _opts, cb) => { const r = cola.then(cb); cola = r.catch(() => null); return r; } };
  const s = servidor(async (ventas) => { await new Promise((r) => setImmediate(r)); return todoProcesado(ventas); });
  await Promise.all([
    reproducir({ almacen, fetch: s.fetch, token: () => null, locks }),
    reproducir({ almacen, fetch: s.fetch, token: () => null, locks }),
  ]);
  assert.deepEqual(s.lotes, [['a', 'b', 'c']]);
  assert.deepEqual(await almacen.todas(), []);
  db.close();
});

test('an entry left "enviando" by a tab that died is sent again by the next replay (the server dedupes it)', async () => {
  const { db, almacen } = await outboxCon(['a']);
  const [e] = await almacen.todas();
  await almacen.actualizar([{ ...e, estado: 'enviando', enviando_desde: Date.now() }]);
  const s = servidor((ventas) => json(200, { resultados: ventas.map((v) => ({ id: v.id, estado: 'duplicada' })) }));
  const locks = { request: (_n, _o, cb) => cb() };
  const res = await reproducir({ almacen, fetch: s.fetch, token: () => null, locks });
  assert.equal(res.duplicadas, 1);
  assert.deepEqual(await almacen.todas(), []);
  db.close();
});
