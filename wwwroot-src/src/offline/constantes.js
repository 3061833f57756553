// Names shared by the page scripts and the service worker.

/** The runtime cache holding the last /pos page (the till's shell for offline starts). */
export const POS_CACHE = 'blendpos-pos-v1';
/** Background Sync tag of the outbox replay. */
export const SYNC_TAG = 'blendpos-outbox';
/** How often the catalog delta runs while the POS is open. */
export const CATALOGO_CADA_MS = 15 * 60_000;
/** How often the outbox is retried while sales wait (each entry also has its own backoff). */
export const OUTBOX_CADA_MS = 30_000;
/** How often /health is probed while offline. */
export const SONDEO_CADA_MS = 5_000;
