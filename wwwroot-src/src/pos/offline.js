// The till's offline mode: connection state, the local catalog, the outbox and its replay, the service worker.
// The rules are in ../offline/*.js (unit-tested); this file wires them to the page.
//
// - Connection: offline when the browser says so, or a request to the server failed with a network error; back online
//   when a request succeeds or a light probe of /health answers (every 5 s while offline).
// - Catalog: loaded from IndexedDB into memory when the POS opens, then refreshed by delta (or fully) from the server
//   at once, every 15 minutes and on reconnect. [data-pos] gets data-catalogo="listo" once that (and the caching of
//   the /pos shell for offline starts) is done.
// - Outbox: replayed at start-up, on reconnect, every 30 s while sales wait, and by Background Sync. The sales the
//   server refused stay in it; «N ventas rechazadas» (or F9) opens their dialog with a «Reintentar» (./rechazadas.js).
//   «Últimas ventas» lists the outbox's sales on top, marked «pendiente», and is fetched again after a round that
//   sent some (./ultimas.js).
import { abrirDb, almacenCatalogo, almacenOutbox, guardarMeta, leerRecibo, podarRecibos } from '../offline/db.js';
import { IndiceCatalogo, sincronizarCatalogo } from '../offline/catalogo.js';
import { nuevaEntrada, reproducir } from '../offline/outbox.js';
import { reciboProvisional } from '../offline/venta.js';
import { crearRechazadas } from './rechazadas.js';
import { filasPendientes, iniciarUltimas, pintarPendientes as pintarUltimas, refrescarUltimas } from './ultimas.js';
import { CATALOGO_CADA_MS, OUTBOX_CADA_MS, POS_CACHE, SONDEO_CADA_MS, SYNC_TAG } from '../offline/constantes.js';
import { ANTIFORGERY_META, readAntiforgeryToken } from '../lib/csrf.js';

const byId = (id) => /** @type {HTMLElement | null} */ (document.getElementById(id));
const esperar = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {HTMLElement} root the [data-pos] element
 * @param {{ alReconectar?: () => void, puedeRecargar?: () => boolean }} [opts]
 */
export function iniciarOffline(root, opts = {}) {
  let offline = !navigator.onLine;
  /** @type {import('idb').IDBPDatabase | null} */
  let db = null;
  const indice = new IndiceCatalogo();
  /** @type {Promise<void> | null} the replay round running now; a call meanwhile runs one more round after it */
  let ronda = null;
  /** @type {Promise<void> | null} */
  let siguiente = null;
  let forzarSiguiente = false;
  let sondeo = 0;

  // ---- Connection state ------------------------------------------------------------------------------------------
  const pintarConexion = () => {
    const el = byId('pos-conexion');
    if (!el) return;
    el.dataset.estado = offline ? 'offline' : 'online';
    el.textContent = offline ? 'Sin conexión' : 'En línea';
    el.title = offline ? 'Se sigue vendiendo: las ventas se guardan en esta terminal y se envían al volver la red.' : '';
  };
  const marcarOffline = () => {
    if (!offline) {
      offline = true;
      pintarConexion();
    }
    if (!sondeo) sondeo = window.setInterval(sondear, SONDEO_CADA_MS);
  };
  const marcarOnline = () => {
    if (sondeo) {
      clearInterval(sondeo);
      sondeo = 0;
    }
    if (!offline) return;
    offline = false;
    pintarConexion();
    reconectado();
  };
  async function sondear() {
    if (!navigator.onLine) return;
    try {
      const r = await fetch('/health', { cache: 'no-store' });
      if (r.ok) marcarOnline();
    } catch {
      /* still offline */
    }
  }
  async function reconectado() {
    await renovarToken().catch(() => null); // a page from the cache may carry a stale antiforgery token
    await Promise.allSettled([sincronizar(), enviarPendientes(true)]);
    opts.alReconectar?.();
  }
  window.addEventListener('offline', marcarOffline);
  // The `online` event can come before requests get through (a first probe then fails): one more probe a second
  // later, instead of showing «Sin conexión» until the next 5 s round.
  window.addEventListener('online', () => sondear().then(() => {
    if (offline) setTimeout(sondear, 1000);
  }));
  document.addEventListener('htmx:sendError', marcarOffline);
  document.addEventListener('htmx:afterRequest', (/** @type {any} */ evt) => {
    const status = evt.detail?.xhr?.status ?? 0;
    if (status > 0 && status < 500) marcarOnline();
  });
  pintarConexion();
  if (offline) marcarOffline();

  // ---- Antiforgery token (the service worker's replay needs it too) ----------------------------------------------
  const tokenActual = () => readAntiforgeryToken(document);
  async function renovarToken() {
    const r = await fetch('/pos', { credentials: 'same-origin', cache: 'no-store' });
    if (!r.ok || r.redirected) return null;
    const html = await r.text();
    const token = new DOMParser().parseFromString(html, 'text/html')
      .querySelector(`meta[name="${ANTIFORGERY_META}"]`)?.getAttribute('content');
    if (!token) return null;
    document.querySelector(`meta[name="${ANTIFORGERY_META}"]`)?.setAttribute('content', token);
    if (db) await guardarMeta(db, 'token', token);
    await guardarShell(html);
    return token;
  }
  /** Keeps the /pos page for offline starts (the worker's NetworkFirst does it too once it controls the page). */
  async function guardarShell(html) {
    if (!('caches' in window)) return;
    const cache = await caches.open(POS_CACHE);
    await cache.put('/pos', new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
  }
  async function asegurarShell() {
    if (!('caches' in window) || offline) return;
    const cache = await caches.open(POS_CACHE);
    if (await cache.match('/pos')) return;
    await renovarToken();
  }

  // ---- Catalog ---------------------------------------------------------------------------------------------------
  async function sincronizar() {
    if (!db || offline) return;
    try {
      const r = await sincronizarCatalogo({ fetch: (...a) => fetch(...a), almacen: almacenCatalogo(db), indice });
      root.dataset.catalogoSync = `${r.tipo} ${r.cambios} en ${r.ms} ms`;
    } catch (e) {
      if (e instanceof TypeError) marcarOffline(); // fetch's network error
    }
  }

  // ---- Outbox ----------------------------------------------------------------------------------------------------
  async function pintarPendientes() {
    if (!db) return;
    const { pendientes, rechazadas } = await almacenOutbox(db).contar();
    const el = byId('pos-pendientes');
    if (!el) return;
    el.dataset.pendientes = String(pendientes);
    el.dataset.rechazadas = String(rechazadas);
    const partes = [];
    if (pendientes > 0) partes.push(pendientes === 1 ? '1 venta sin enviar' : `${pendientes} ventas sin enviar`);
    if (rechazadas > 0) partes.push(rechazadas === 1 ? '1 venta rechazada: avisá a un supervisor' : `${rechazadas} ventas rechazadas: avisá a un supervisor`);
    el.textContent = partes.length ? partes.join(' · ') : 'Todo enviado';
    el.hidden = partes.length === 0;
    el.classList.toggle('pos-pendientes-rechazo', rechazadas > 0);
    rechazadasUi.marcarIndicador(rechazadas);
    await rechazadasUi.refrescar();
    // «Últimas ventas»: the sales still in the outbox, on top of the server's list.
    const entradas = await almacenOutbox(db).todas();
    const recibos = new Map(await Promise.all(entradas.map(async (e) => [e.id, await leerRecibo(db, e.id)])));
    pintarUltimas(filasPendientes(entradas, (id) => recibos.get(id)));
  }
  iniciarUltimas();
  const rechazadasUi = crearRechazadas({
    db: async () => (db ??= await abrir()),
    /** A person asked for it: check the network now (not at the next 5 s probe), then one round. */
    async enviar() {
      if (offline) await sondear();
      pedirSync();
      if (offline) return false;
      await enviarPendientes(true);
      return true;
    },
    alCambiar: () => pintarPendientes(),
  });

  /**
   * One replay round. Called while a round runs (a retried sale, a sale just stored, the timer), it runs one more
   * round right after that one instead of being dropped: what changed meanwhile is not left for the next timer.
   */
  function enviarPendientes(forzar = false) {
    if (!db || offline) return Promise.resolve();
    if (ronda) {
      forzarSiguiente ||= forzar;
      siguiente ??= ronda.then(() => {
        siguiente = null;
        const f = forzarSiguiente;
        forzarSiguiente = false;
        return enviarPendientes(f);
      });
      return siguiente;
    }
    const esta = (async () => {
      try {
        const res = await reproducir({
          almacen: almacenOutbox(db), fetch: (...a) => fetch(...a), token: tokenActual, renovarToken, forzar,
        });
        if (res.error === 'red') marcarOffline();
        // Sales that reached the server leave the outbox: its list shows them now, with their ticket numbers.
        if (res.procesadas + res.duplicadas > 0) await refrescarUltimas().catch(() => null);
      } catch {
        /* IndexedDB or lock trouble: the entries are intact; the next round retries */
      } finally {
        await pintarPendientes().catch(() => null);
      }
    })();
    ronda = esta;
    esta.then(() => {
      if (ronda === esta) ronda = null;
    });
    return esta;
  }

  /** Background Sync sends the outbox even if this tab is closed before the network returns. */
  const pedirSync = () => {
    navigator.serviceWorker?.ready.then((reg) => /** @type {any} */ (reg).sync?.register(SYNC_TAG)).catch(() => null);
  };

  /**
   * Stores an offline sale and its receipt in ONE IndexedDB transaction; resolves once it is on disk.
   * @param {any} venta VentaOffline
   * @param {import('../offline/venta.js').Linea[]} lineas
   * @param {{ total: number, vuelto: number }} datos
   */
  async function guardarVenta(venta, lineas, datos) {
    if (!db) db = await abrir();
    const recibo = reciboProvisional(venta, lineas, {
      ...datos, cajero: root.dataset.cajero, comercio: root.dataset.comercio, puntoDeVenta: Number(root.dataset.puntoDeVenta),
    });
    await almacenOutbox(db).agregar(nuevaEntrada(venta, Date.now()), recibo);
    await pintarPendientes();
    pedirSync();
    if (!offline) enviarPendientes(true); // a 5xx sent it here: try again soon
  }

  // ---- Start-up --------------------------------------------------------------------------------------------------
  const abrir = () => abrirDb({
    onCerrada: () => {
      db = null;
      // A newer deploy upgraded the database: reload onto its scripts at the next quiet moment.
      root.dataset.actualizar = 'true';
    },
  });

  async function registrarSw() {
    if (!('serviceWorker' in navigator)) return;
    const habiaControlador = Boolean(navigator.serviceWorker.controller);
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (habiaControlador) root.dataset.actualizar = 'true'; // a new deploy took over: reload when quiet
    });
    navigator.serviceWorker.addEventListener('message', (evt) => {
      // The worker replayed the outbox (Background Sync): the server's list may hold those sales now.
      if (evt.data?.tipo === 'outbox') pintarPendientes().then(() => (offline ? null : refrescarUltimas())).catch(() => null);
    });
    await navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => null);
  }

  async function persistencia() {
    const st = /** @type {any} */ (navigator).storage;
    if (!st?.persist) return;
    const ok = (await st.persisted?.()) || (await st.persist().catch(() => false));
    const el = byId('pos-almacenamiento');
    if (el) el.hidden = Boolean(ok);
  }

  const listo = (async () => {
    registrarSw();
    try {
      db = await abrir();
      for (const p of await almacenCatalogo(db).todas()) indice.poner(p);
      if (root.dataset.sesionCajaId) await guardarMeta(db, 'sesion_caja_id', root.dataset.sesionCajaId);
      if (!offline && tokenActual()) await guardarMeta(db, 'token', tokenActual());
      await pintarPendientes();
      await sincronizar();
      await Promise.race([asegurarShell().catch(() => null), esperar(5000)]);
      podarRecibos(db).catch(() => null);
    } finally {
      root.dataset.catalogo = 'listo';
    }
    persistencia().catch(() => null);
    enviarPendientes(true);
    window.setInterval(sincronizar, CATALOGO_CADA_MS);
    window.setInterval(() => enviarPendientes(false), OUTBOX_CADA_MS);
  })();

  return {
    get offline() {
      return offline;
    },
    marcarOffline,
    listo,
    indice,
    buscarBarcode: (barcode) => indice.buscarBarcode(barcode),
    buscarNombre: (q) => indice.buscarNombre(q),
    guardarVenta,
    enviarPendientes,
  };
}
