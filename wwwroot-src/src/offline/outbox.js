// The outbox of sales made without the server, and its replay to POST /v1/ventas/sync-batch.
//
// States: pendiente → enviando → (removed when the server answered procesada or duplicada)
//                              → rechazada (kept with the server's reason, for a supervisor; never resent on its own)
//                              → pendiente again with exponential backoff (network error, 5xx, 401, 403, 408, 429,
//                                a missing answer), so nothing is ever dropped because of an HTTP error.
// Replay is in insertion order, in batches of at most 500; a pendiente entry still waiting for its backoff stops the
// replay (later sales never overtake an earlier one). Across tabs and the service worker one replay runs at a time
// (navigator.locks); the server's unique key on the sale id is the final guard against a duplicate.
// Everything here takes its store, fetch and clock as parameters, so node --test runs it.

export const SYNC_BATCH_URL = '/v1/ventas/sync-batch';
export const MAX_LOTE = 500;
export const LOCK = 'blendpos-outbox';
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 5 * 60_000;
/** An entry left in `enviando` longer than this by a tab that died is sent again (the server dedupes it). */
export const ENVIANDO_HUERFANA_MS = 2 * 60_000;

/**
 * Delay before attempt n+1 after n failures: 2 s, 4 s, 8 s … capped at 5 minutes, with ±20 % jitter so that
 * terminals cut off together do not come back together.
 * @param {number} intentos failures so far (≥ 1)
 * @param {() => number} [azar] Math.random
 */
export function backoffMs(intentos, azar = Math.random) {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, intentos - 1));
  return Math.round(base * (0.8 + 0.4 * azar()));
}

/**
 * A new outbox entry for a sale.
 * @param {any} venta VentaOffline
 * @param {number} ahora
 */
export function nuevaEntrada(venta, ahora) {
  return { id: venta.id, venta, estado: 'pendiente', intentos: 0, proximo_intento: 0, error: null, creada: ahora };
}

/**
 * The next batch to send: pendiente entries (and orphaned enviando ones) from the head of the queue, in order, up to
 * `max`. Rejected entries are skipped (they wait for a supervisor, not for the network). An entry whose backoff has
 * not elapsed ends the batch, and unless `forzar`, is not sent: nothing overtakes it.
 * @param {any[]} entradas sorted by seq
 * @param {{ ahora: number, max?: number, forzar?: boolean, huerfanas?: boolean }} opts
 *   huerfanas: every `enviando` entry counts as orphaned (we hold the cross-tab lock, so nobody else is sending).
 */
export function siguienteLote(entradas, { ahora, max = MAX_LOTE, forzar = false, huerfanas = false }) {
  const lote = [];
  for (const e of [...entradas].sort((a, b) => a.seq - b.seq)) {
    if (lote.length >= max) break;
    if (e.estado === 'rechazada') continue;
    if (e.estado === 'enviando' && !huerfanas && ahora - (e.enviando_desde ?? 0) < ENVIANDO_HUERFANA_MS) break;
    if (e.estado === 'pendiente' && !forzar && (e.proximo_intento ?? 0) > ahora) break;
    lote.push(e);
  }
  return lote;
}

/** The entries of a batch as they are written before the request leaves. */
export function marcarEnviando(lote, ahora) {
  return lote.map((e) => ({ ...e, estado: 'enviando', enviando_desde: ahora }));
}

/**
 * A failed attempt for the whole batch: back to pendiente, one more failure, the next try after the backoff.
 * @param {any[]} lote
 * @param {string} motivo
 * @param {number} ahora
 * @param {{ azar?: () => number, esperaMinMs?: number }} [opts]
 */
export function reintentar(lote, motivo, ahora, { azar = Math.random, esperaMinMs = 0 } = {}) {
  return lote.map((e) => {
    const intentos = (e.intentos ?? 0) + 1;
    return {
      ...e, estado: 'pendiente', intentos, error: motivo, enviando_desde: undefined,
      proximo_intento: ahora + Math.max(esperaMinMs, backoffMs(intentos, azar)),
    };
  });
}

/**
 * Applies the server's 200 answer to the batch that was sent.
 * @param {any[]} lote
 * @param {{ resultados?: any[] }} respuesta
 * @param {number} ahora
 * @returns {{ quitar: any[], cambios: any[], recibos: any[], procesadas: number, duplicadas: number, rechazadas: number }}
 *   quitar: entries that leave the outbox; cambios: entries rewritten (rechazada, or pendiente when unanswered).
 */
export function aplicarResultados(lote, respuesta, ahora, azar = Math.random) {
  const porId = new Map((respuesta?.resultados ?? []).map((r) => [r.id, r]));
  const quitar = [];
  const cambios = [];
  const recibos = [];
  const sinRespuesta = [];
  let procesadas = 0;
  let duplicadas = 0;
  let rechazadas = 0;
  for (const e of lote) {
    const r = porId.get(e.id);
    if (r?.estado === 'procesada' || r?.estado === 'duplicada') {
      quitar.push(e);
      recibos.push({ id: e.id, enviado: true, numero_ticket: r.numero_ticket ?? null });
      if (r.estado === 'procesada') procesadas++;
      else duplicadas++;
    } else if (r?.estado === 'rechazada') {
      cambios.push({ ...e, estado: 'rechazada', error: r.error || 'El servidor rechazó la venta.', enviando_desde: undefined, rechazada_en: ahora });
      rechazadas++;
    } else {
      sinRespuesta.push(e); // the server said nothing about it: keep it and try again
    }
  }
  cambios.push(...reintentar(sinRespuesta, 'Sin respuesta del servidor para esta venta.', ahora, { azar }));
  return { quitar, cambios, recibos, procesadas, duplicadas, rechazadas };
}

/**
 * What an HTTP status means for a batch. 200 is handled by aplicarResultados.
 * @param {number} status
 * @param {any} problema the problem+json body, when there is one
 * @returns {'token' | 'partir' | 'rechazar' | 'reintentar'}
 *   token: the antiforgery token is stale (fetch a fresh one, then retry); partir: the server refused the batch as a
 *   whole (400/413) — send one sale at a time to find the one it refuses; rechazar: that single sale is refused.
 */
export function clasificarError(status, problema, tamLote) {
  if (status === 400 && /antiforgery/i.test(String(problema?.title ?? ''))) return 'token';
  if (status === 400 || status === 413 || status === 422) return tamLote > 1 ? 'partir' : 'rechazar';
  return 'reintentar'; // 401 (signed out), 403, 408, 429, 5xx, anything else: keep and retry later
}

/**
 * Replays the outbox until it is empty, blocked by a backoff, or the network fails. One call at a time per browser
 * (navigator.locks when present).
 * @param {{
 *   almacen: ReturnType<typeof import('./db.js').almacenOutbox>,
 *   fetch: typeof fetch,
 *   token: () => Promise<string | null> | string | null,
 *   renovarToken?: () => Promise<string | null>,
 *   ahora?: () => number, azar?: () => number, forzar?: boolean, max?: number,
 *   locks?: { request: (name: string, opts: any, cb: () => Promise<any>) => Promise<any> } | null,
 * }} deps
 * @returns {Promise<{ enviadas: number, procesadas: number, duplicadas: number, rechazadas: number, error: string | null, lotes: number }>}
 */
export async function reproducir(deps) {
  const locks = deps.locks === undefined ? globalThis.navigator?.locks : deps.locks;
  const correr = () => reproducirBloqueado(deps, Boolean(locks));
  if (!locks) return correr();
  return locks.request(LOCK, { mode: 'exclusive' }, correr);
}

async function reproducirBloqueado(deps, conLock) {
  const { almacen, fetch } = deps;
  const ahora = deps.ahora ?? Date.now;
  const azar = deps.azar ?? Math.random;
  const res = { enviadas: 0, procesadas: 0, duplicadas: 0, rechazadas: 0, error: null, lotes: 0 };
  let max = deps.max ?? MAX_LOTE;
  let forzar = deps.forzar ?? false;
  let tokenRenovado = false;
  for (;;) {
    const lote = siguienteLote(await almacen.todas(), { ahora: ahora(), max, forzar, huerfanas: conLock });
    if (lote.length === 0) return res;
    const enviando = marcarEnviando(lote, ahora());
    await almacen.actualizar(enviando);
    let r;
    try {
      const token = await deps.token();
      r = await fetch(SYNC_BATCH_URL, {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { 'Content-Type': 'application/json', ...(token ? { RequestVerificationToken: token } : {}) },
        body: JSON.stringify({ ventas: enviando.map((e) => e.venta) }),
      });
    } catch {
      await almacen.actualizar(reintentar(enviando, 'Sin conexión con el servidor.', ahora(), { azar }));
      res.error = 'red';
      return res;
    }
    res.lotes++;
    if (r.ok) {
      let body;
      try {
        body = await r.json();
      } catch {
        body = null; // a proxy's HTML page: nothing was answered for these sales
      }
      const a = aplicarResultados(enviando, body, ahora(), azar);
      await almacen.actualizar(a.cambios, a.quitar.map((e) => e.seq), a.recibos);
      res.enviadas += enviando.length;
      res.procesadas += a.procesadas;
      res.duplicadas += a.duplicadas;
      res.rechazadas += a.rechazadas;
      if (a.quitar.length + a.rechazadas < enviando.length) {
        res.error = 'incompleta';
        return res;
      }
      continue;
    }
    const problema = await r.json().catch(() => null);
    const accion = clasificarError(r.status, problema, enviando.length);
    if (accion === 'token' && !tokenRenovado && deps.renovarToken) {
      tokenRenovado = true;
      await deps.renovarToken();
      await almacen.actualizar(enviando.map((e) => ({ ...e, estado: 'pendiente', enviando_desde: undefined })));
      forzar = true;
      continue;
    }
    if (accion === 'partir') {
      // Undo the mark without a penalty and go one by one: the next rounds find the sale the server refuses.
      await almacen.actualizar(enviando.map((e) => ({ ...e, estado: 'pendiente', enviando_desde: undefined })));
      max = 1;
      forzar = true;
      continue;
    }
    if (accion === 'rechazar') {
      const motivo = problema?.detail || problema?.title || `El servidor rechazó la venta (HTTP ${r.status}).`;
      await almacen.actualizar(enviando.map((e) => ({ ...e, estado: 'rechazada', error: motivo, enviando_desde: undefined, rechazada_en: ahora() })));
      res.rechazadas += enviando.length;
      res.enviadas += enviando.length;
      max = deps.max ?? MAX_LOTE; // found it: the rest goes in full batches again
      continue;
    }
    const retryAfter = Number(r.headers?.get?.('Retry-After'));
    await almacen.actualizar(reintentar(enviando, mensajeHttp(r.status), ahora(), {
      azar, esperaMinMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 0,
    }));
    res.error = `http ${r.status}`;
    return res;
  }
}

/** @param {number} status */
export function mensajeHttp(status) {
  if (status === 401) return 'La sesión expiró: ingresá de nuevo para enviar las ventas.';
  if (status === 403) return 'Este usuario no puede enviar ventas.';
  if (status === 429) return 'El servidor pidió esperar un momento.';
  if (status === 400) return 'El token de seguridad venció: recargá la página.';
  return `Error del servidor (${status}).`;
}
