// «Últimas ventas» (#pos-ultimas, rendered by the server: _PosUltimas) also lists the sales this terminal still holds
// in its IndexedDB outbox, on top and marked «pendiente» (or «rechazada»): they are not on the server yet, so its
// list cannot show them. Painted from the outbox by pos/offline.js after every change to it (a sale stored, a replay
// round); after a round that sent sales, the server's list is fetched again so they show up with their ticket number.
// The rows carry data-pendiente-id, never data-venta-id: the void dialog (F8) only offers sales the server has.
import { totalDeVenta } from '../offline/rechazadas.js';
import { formatMoney } from '../lib/money.js';

const dos = (n) => String(n).padStart(2, '0');

/**
 * The rows for the outbox entries, newest first. Pure.
 * @param {any[]} entradas outbox entries ({ seq, id, venta, estado })
 * @param {(id: string) => any} recibo the provisional receipt of a sale, when stored
 * @returns {{ id: string, hora: string, total: string, estado: 'pendiente' | 'rechazada' }[]}
 */
export function filasPendientes(entradas, recibo) {
  return [...entradas]
    .sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0))
    .map((e) => {
      const d = new Date(e.venta?.created_at ?? e.creada ?? 0);
      return {
        id: String(e.id),
        hora: Number.isNaN(d.getTime()) ? '' : `${dos(d.getHours())}:${dos(d.getMinutes())}`,
        total: formatMoney(totalDeVenta(e.venta, recibo(e.id))),
        estado: e.estado === 'rechazada' ? 'rechazada' : 'pendiente',
      };
    });
}

/** The rows last painted: the server's list is swapped out after every online sale or void, they go back in. */
let ultimas = /** @type {ReturnType<typeof filasPendientes>} */ ([]);

/** Paints the outbox rows at the top of #pos-ultimas (replacing the ones there). */
export function pintarPendientes(filas = ultimas) {
  ultimas = filas;
  const seccion = document.getElementById('pos-ultimas');
  if (!seccion) return;
  seccion.querySelector('[data-ultimas-pendientes]')?.remove();
  const vacia = /** @type {HTMLElement | null} */ (seccion.querySelector(':scope > p.muted'));
  if (vacia) vacia.hidden = filas.length > 0;
  if (filas.length === 0) return;
  const ul = document.createElement('ul');
  ul.setAttribute('data-ultimas-pendientes', '');
  ul.setAttribute('aria-label', 'Ventas sin enviar al servidor');
  for (const f of filas) {
    const li = document.createElement('li');
    li.className = `pos-ultima pos-ultima-pendiente pos-ultima-${f.estado}`;
    li.dataset.pendienteId = f.id;
    li.dataset.estado = f.estado;
    const span = (clase, texto) => {
      const s = document.createElement('span');
      s.className = clase;
      s.textContent = texto;
      return s;
    };
    const badge = span(`badge ${f.estado === 'rechazada' ? 'badge-danger' : 'badge-warning'}`, f.estado);
    const a = document.createElement('a');
    a.className = 'pos-ultima-ver';
    a.href = `/offline/ticket.html?id=${encodeURIComponent(f.id)}`;
    a.target = '_blank';
    a.rel = 'noopener';
    a.tabIndex = -1;
    a.textContent = 'Ticket';
    li.append(span('pos-ultima-hora', f.hora), span('pos-ultima-ticket', 'sin número'), span('pos-ultima-total', f.total), badge, a);
    ul.append(li);
  }
  seccion.querySelector('h2')?.after(ul);
}

/** Fetches the server's list again (after a replay sent sales): the page's own /pos, its #pos-ultimas. */
export async function refrescarUltimas() {
  const r = await fetch('/pos', { credentials: 'same-origin', cache: 'no-store' });
  if (!r.ok || r.redirected) return;
  const nueva = new DOMParser().parseFromString(await r.text(), 'text/html').getElementById('pos-ultimas');
  const actual = document.getElementById('pos-ultimas');
  if (!nueva || !actual) return;
  actual.replaceWith(document.importNode(nueva, true));
  pintarPendientes();
}

/** The server swaps #pos-ultimas out of band (a sale, a void): put the outbox rows back on top of the new list. */
export function iniciarUltimas() {
  const reponer = () => {
    const seccion = document.getElementById('pos-ultimas');
    if (seccion && ultimas.length > 0 && !seccion.querySelector('[data-ultimas-pendientes]')) pintarPendientes();
  };
  document.addEventListener('htmx:oobAfterSwap', reponer);
  document.addEventListener('htmx:afterSwap', reponer);
}
