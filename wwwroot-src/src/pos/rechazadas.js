// The supervisor's view of the offline sales the server refused (#pos-rechazadas): opened by clicking the red
// «N ventas rechazadas» (#pos-pendientes; Enter or Space when it has the focus) or with F9 (the code field takes the
// focus back from anything outside a dialog, so a key is the cashier's way in). Each row shows the terminal time,
// total, lines and the server's reason, with «Reintentar»: the entry goes back to pending and a replay starts at once.
// There is deliberately no «Descartar»: a refused sale was charged, so the POS keeps it until the server takes it.
// Esc closes; the focus goes back to the code field. The rules are in ../offline/rechazadas.js.
import { almacenOutbox, leerRecibo } from '../offline/db.js';
import { filasRechazadas, reintentarRechazada, textoRechazadas } from '../offline/rechazadas.js';

export const TECLA = 'F9';

const MENSAJES = {
  enviada: 'Listo: el servidor aceptó la venta.',
  rechazada: 'El servidor la volvió a rechazar: revisá el motivo.',
  pendiente: 'La venta volvió a la cola: se envía apenas el servidor responda.',
  offline: 'Sin conexión: la venta volvió a la cola y se envía al volver la red.',
  'sin-cambios': 'Esa venta ya no estaba rechazada (otra pestaña pudo haberla reintentado).',
};

/**
 * @param {{
 *   db: () => Promise<import('idb').IDBPDatabase>,
 *   enviar: () => Promise<boolean>,
 *   alCambiar: () => Promise<unknown> | unknown,
 * }} deps enviar: one replay round now, false when offline (then it goes at reconnect); alCambiar: repaint
 *   #pos-pendientes
 */
export function crearRechazadas({ db, enviar, alCambiar }) {
  const byId = (id) => /** @type {HTMLElement | null} */ (document.getElementById(id));
  const dlg = /** @type {HTMLDialogElement | null} */ (byId('pos-rechazadas'));
  const indicador = byId('pos-pendientes');
  if (!dlg || !indicador) return { refrescar: async () => {}, marcarIndicador: () => {} };
  const lista = /** @type {HTMLElement} */ (byId('pos-rechazadas-lista'));
  const plantilla = /** @type {HTMLTemplateElement} */ (byId('pos-rechazada'));
  const vacia = /** @type {HTMLElement} */ (dlg.querySelector('[data-rechazadas-vacia]'));
  const estado = /** @type {HTMLElement} */ (dlg.querySelector('[data-rechazadas-estado]'));
  let reintentando = false;

  async function leerFilas() {
    const base = await db();
    const entradas = (await almacenOutbox(base).todas()).filter((e) => e.estado === 'rechazada');
    const recibos = new Map(await Promise.all(entradas.map(async (e) => [e.id, await leerRecibo(base, e.id)])));
    return filasRechazadas(entradas, (id) => recibos.get(id));
  }

  async function pintar() {
    const filas = await leerFilas();
    lista.replaceChildren(...filas.map((f) => {
      const li = /** @type {HTMLElement} */ (plantilla.content.firstElementChild?.cloneNode(true));
      li.dataset.seq = String(f.seq);
      li.dataset.ventaId = f.id;
      const campo = (n) => /** @type {HTMLElement} */ (li.querySelector(`[data-campo="${n}"]`));
      campo('hora').textContent = f.hora;
      campo('hora').setAttribute('datetime', f.hora_iso);
      campo('total').textContent = f.total;
      campo('lineas').textContent = f.lineas;
      campo('lineas').title = f.codigos;
      campo('motivo').textContent = f.motivo;
      const boton = /** @type {HTMLButtonElement} */ (li.querySelector('[data-reintentar]'));
      boton.setAttribute('aria-label', `Reintentar la venta de ${f.hora} por ${f.total}`);
      boton.disabled = reintentando;
      return li;
    }));
    vacia.hidden = filas.length > 0;
    return filas.length;
  }

  /** The first «Reintentar», or «Cerrar» when none is left: the keyboard always has a place inside the dialog. */
  const enfocar = () => {
    const b = /** @type {HTMLElement | null} */ (lista.querySelector('[data-reintentar]:not(:disabled)') ?? dlg.querySelector('[data-pos-cerrar]'));
    b?.focus();
  };

  async function abrir() {
    if (dlg.open || document.querySelector('dialog[open]')) return;
    estado.textContent = '';
    await pintar();
    if (document.querySelector('dialog[open]')) return; // another dialog opened meanwhile
    dlg.showModal();
    enfocar();
  }

  async function reintentar(seq) {
    if (reintentando) return;
    reintentando = true;
    for (const b of lista.querySelectorAll('[data-reintentar]')) /** @type {HTMLButtonElement} */ (b).disabled = true;
    estado.textContent = 'Reintentando…';
    let resultado = 'pendiente';
    try {
      const almacen = almacenOutbox(await db());
      const hecho = await reintentarRechazada(almacen, seq, Date.now());
      await alCambiar();
      if (!hecho) resultado = 'sin-cambios';
      else if (!(await enviar())) resultado = 'offline';
      else {
        const e = (await almacen.todas()).find((x) => x.seq === seq);
        resultado = !e ? 'enviada' : e.estado === 'rechazada' ? 'rechazada' : 'pendiente';
      }
    } catch {
      resultado = 'pendiente'; // IndexedDB trouble: whatever was written stays; the list below shows the truth
    } finally {
      reintentando = false;
    }
    estado.textContent = MENSAJES[resultado];
    if (dlg.open) {
      await pintar();
      enfocar();
    }
  }

  lista.addEventListener('click', (evt) => {
    const boton = /** @type {Element} */ (evt.target).closest('[data-reintentar]');
    const li = /** @type {HTMLElement | null} */ (boton?.closest('[data-rechazada]') ?? null);
    if (!boton || !li) return;
    evt.preventDefault();
    reintentar(Number(li.dataset.seq));
  });

  dlg.addEventListener('close', () => setTimeout(() => {
    if (!document.querySelector('dialog[open]')) byId('pos-codigo')?.focus({ preventScroll: true });
  }, 0));

  const puedeAbrir = () => indicador.dataset.rechazadas !== undefined && Number(indicador.dataset.rechazadas) > 0;
  indicador.addEventListener('click', () => {
    if (puedeAbrir()) abrir();
  });
  indicador.addEventListener('keydown', (evt) => {
    if ((evt.key === 'Enter' || evt.key === ' ') && puedeAbrir()) {
      evt.preventDefault();
      abrir();
    }
  });
  document.addEventListener('keydown', (evt) => {
    if (evt.key !== TECLA || evt.ctrlKey || evt.altKey || evt.metaKey) return;
    evt.preventDefault();
    if (!evt.repeat) abrir();
  }, true);

  /** #pos-pendientes is a button only while something was refused. */
  function marcarIndicador(rechazadas) {
    if (rechazadas > 0) {
      indicador.setAttribute('role', 'button');
      indicador.tabIndex = 0;
      indicador.setAttribute('aria-haspopup', 'dialog');
      indicador.title = `${textoRechazadas(rechazadas)}: ver el motivo y reintentar (${TECLA})`;
    } else {
      indicador.removeAttribute('role');
      indicador.removeAttribute('tabindex');
      indicador.removeAttribute('aria-haspopup');
      indicador.removeAttribute('title');
    }
  }

  /** The outbox changed (a replay here, in another tab or in the service worker): an open dialog follows it. */
  async function refrescar() {
    if (!dlg.open || reintentando) return;
    const tenia = dlg.contains(document.activeElement) && document.activeElement?.matches('[data-reintentar]');
    await pintar();
    if (tenia || !dlg.contains(document.activeElement)) enfocar();
  }

  return { abrir, refrescar, marcarIndicador };
}
