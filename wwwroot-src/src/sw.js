// The POS's service worker (served at /sw.js, scope /). Bundled by esbuild; build.mjs then runs workbox-build's
// injectManifest, which writes the precache list (URL + revision of each POS asset) into self.__WB_MANIFEST.
//
// - Precache: the POS's scripts, styles, fonts, the manifest and /offline/ticket.html. Razor appends ?v=<hash>
//   (asp-append-version) to script and style URLs: the `v` parameter is ignored when matching, and so are the
//   receipt's `id` and `print`.
// - /pos navigations: NetworkFirst with a short timeout, falling back to the last /pos page this browser received, so
//   the till opens with no network (after a reload or a browser restart). Only /pos is cached: never /v1 answers,
//   never another page; a redirect (signed out) or an error page is never stored.
// - Updates: a new deploy installs a new worker with a new precache; skipWaiting + clientsClaim make it take over at
//   once and cleanupOutdatedCaches drops the old precache. The page (pos.js) reloads itself at the next quiet moment
//   (empty cart, no dialog) when the controller changes, so scripts and precache never mix versions for long.
// - Background Sync: the tag `blendpos-outbox` replays the outbox from here when the browser regains the network,
//   even with the POS tab closed (the same code and lock as the page).
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { abrirDb, almacenOutbox, leerMeta } from './offline/db.js';
import { reproducir } from './offline/outbox.js';
import { POS_CACHE, SYNC_TAG } from './offline/constantes.js';

const sw = /** @type {any} */ (self);

sw.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/^v$/, /^id$/, /^print$/], cleanURLs: false });

registerRoute(
  ({ request, url }) => request.mode === 'navigate' && url.origin === sw.location.origin && url.pathname === '/pos',
  new NetworkFirst({
    cacheName: POS_CACHE,
    networkTimeoutSeconds: 4,
    plugins: [
      {
        // One entry, whatever the query string: the till's shell.
        cacheKeyWillBeUsed: async () => '/pos',
        // Only a real, signed-in /pos page (a redirect to the login is opaque, status 0; errors are not ok).
        cacheWillUpdate: async ({ response }) => (response && response.status === 200 && !response.redirected ? response : null),
      },
    ],
  }),
);

async function avisarClientes(datos) {
  const clientes = await sw.clients.matchAll({ type: 'window' });
  for (const c of clientes) c.postMessage({ tipo: 'outbox', ...datos });
}

async function reproducirDesdeSw() {
  const db = await abrirDb();
  try {
    const res = await reproducir({
      almacen: almacenOutbox(db),
      fetch: (...a) => fetch(...a),
      token: () => leerMeta(db, 'token'),
      forzar: true,
      locks: sw.navigator?.locks ?? null,
    });
    await avisarClientes({ resultado: res });
    // Still no network: fail the sync event so the browser schedules another one.
    if (res.error === 'red') throw new Error('sin conexión');
  } finally {
    db.close();
  }
}

sw.addEventListener('sync', (/** @type {any} */ event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(reproducirDesdeSw());
});
