// The blind count waits for the offline sales of this browser: counting the drawer while sales are missing from the
// server would show a false shortage (API.md: the POS syncs its outbox before it lets the cashier start the count).
import { readAntiforgeryToken } from '../lib/csrf.js';
import { abrirDb, almacenOutbox } from '../offline/db.js';
import { reproducir } from '../offline/outbox.js';

/** «Hay N ventas sin enviar: …» (singular for one). */
export function mensajePendientes(n) {
  return n === 1
    ? 'Hay 1 venta sin enviar: conectate para enviarla antes de contar la caja.'
    : `Hay ${n} ventas sin enviar: conectate para enviarlas antes de contar la caja.`;
}

export async function bloquearArqueoSiHayPendientes() {
  const form = /** @type {HTMLFormElement | null} */ (document.querySelector('form[data-arqueo]'));
  const aviso = /** @type {HTMLElement | null} */ (document.querySelector('[data-caja-pendientes]'));
  if ((!form && !aviso) || !('indexedDB' in window)) return;
  let pendientes = 0;
  let db = null;
  try {
    db = await abrirDb();
    const almacen = almacenOutbox(db);
    if ((await almacen.contar()).pendientes > 0 && navigator.onLine) {
      await reproducir({ almacen, fetch: (...a) => fetch(...a), token: () => readAntiforgeryToken(document), forzar: true })
        .catch(() => null);
    }
    pendientes = (await almacen.contar()).pendientes;
  } catch {
    return; // no IndexedDB (private mode, blocked): nothing can be waiting here
  } finally {
    db?.close();
  }
  if (pendientes === 0) return;
  const texto = mensajePendientes(pendientes);
  if (aviso) {
    aviso.textContent = texto;
    aviso.hidden = false;
    aviso.dataset.pendientes = String(pendientes);
    // The way into the count is refused too.
    document.querySelectorAll('a[href="/caja/arqueo"]').forEach((a) => {
      a.setAttribute('aria-disabled', 'true');
      a.classList.add('is-disabled');
      a.addEventListener('click', (evt) => evt.preventDefault());
    });
  }
  if (form) {
    const alerta = document.createElement('div');
    alerta.className = 'alert alert-warning';
    alerta.setAttribute('role', 'alert');
    alerta.setAttribute('data-caja-pendientes', '');
    alerta.dataset.pendientes = String(pendientes);
    alerta.textContent = texto;
    form.before(alerta);
    form.querySelectorAll('button[type="submit"], button:not([type])').forEach((b) => { /** @type {HTMLButtonElement} */ (b).disabled = true; });
    // Capture phase: before the confirmation dialog and the browser's own submit.
    form.addEventListener('submit', (evt) => {
      evt.preventDefault();
      evt.stopImmediatePropagation();
      alerta.scrollIntoView({ block: 'nearest' });
    }, true);
  }
}
