// Signing out of a till. The /pos page the service worker keeps belongs to this cashier (their name, drawer and
// antiforgery token): it must not open offline for the next person at this browser, so it is dropped at sign-out.
// Sales still waiting in the outbox stay (they are never dropped), and the cashier is told before leaving: they are
// sent when a user of that drawer opens the POS again with a connection.
import { abrirDb, almacenOutbox } from './db.js';
import { POS_CACHE } from './constantes.js';

/** The question asked when sales wait; null when nothing waits. */
export function preguntaSalir(pendientes) {
  if (pendientes <= 0) return null;
  const ventas = pendientes === 1 ? '1 venta sin enviar' : `${pendientes} ventas sin enviar`;
  return `Hay ${ventas} al servidor. Quedan guardadas en este navegador y se envían cuando vuelvas a entrar con conexión. ¿Salir igual?`;
}

/** Sales of this browser still waiting (rejected ones excluded); 0 when IndexedDB is unavailable or was never used. */
export async function pendientesDelNavegador(idb = globalThis.indexedDB) {
  if (!idb) return 0;
  let db = null;
  try {
    db = await abrirDb();
    return (await almacenOutbox(db).contar()).pendientes;
  } catch {
    return 0;
  } finally {
    db?.close();
  }
}

/**
 * Wires the sign-out forms ([data-salir]): asks when sales wait, drops the cached till page, then submits.
 * @param {{ confirmar: (texto: string) => boolean }} deps
 */
export function protegerSalida({ confirmar }) {
  document.addEventListener('submit', async (evt) => {
    const form = /** @type {HTMLFormElement | null} */ (/** @type {Element} */ (evt.target).closest?.('form[data-salir]'));
    if (!form || form.dataset.salirListo === 'true') return;
    evt.preventDefault();
    const pregunta = preguntaSalir(await pendientesDelNavegador());
    if (pregunta && !confirmar(pregunta)) return;
    if ('caches' in window) await caches.delete(POS_CACHE).catch(() => false);
    form.dataset.salirListo = 'true';
    form.submit();
  });
}
