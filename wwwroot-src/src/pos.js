// The till (/pos) and its receipt (/ventas/{id}/ticket). Loaded after app.js (which exposes window.htmx) with
// <script src="/js/pos.js" defer>. Strict CSP: no inline anything; everything is wired here from ids and data attributes.
// This file is the entry point (esbuild bundles it with pos/*.js): the code field, the scan queue and the keys.
//
// - The code field keeps the focus. Enter (never a keystroke before it) sends one scan; the field is emptied at once so
//   the scanner's next code starts clean. Scans and line edits go through one serial queue: each request carries the
//   cart the previous answer left in the page (hidden inputs), so fast scans are neither lost nor doubled.
// - After a sale, the «Venta registrada» box: Enter or Esc starts the next sale; so does a digit, which is the next
//   customer's first scan and goes to the code field with the rest of it.
// - Letters + Enter, or F2, open the name search (pos/busqueda.js). F12 or «Cobrar» opens the payment dialog
//   (pos/cobro.js). F8 opens the void dialog, authorized by a supervisor (pos/anular.js).
// - With an empty code field, ↑/↓ select a cart line, + / − change its quantity, Supr removes it (pos/seleccion.js);
//   with a line selected, "*5" + Enter (or "5" + Enter: no barcode is under 4 digits) sets it to 5 units.
// - Offline (pos/offline.js): a scan whose request cannot reach the server, or any scan while offline, is rendered
//   here from the local catalog with the same row template; checkout writes the sale to the IndexedDB outbox (same
//   sale id as a failed online attempt: the server dedupes it) and shows a provisional receipt.
// - The open cart is kept in localStorage per cashier and drawer session (lib/carrito-guardado.js): a reload or a
//   closed tab, online or offline, brings it back (with its sale id); a registered sale empties and forgets it.
// - Receipt: [data-print] prints; <body data-print-auto> (?print=1) prints on load and closes a window the POS opened.
import { accionDeTecla, cantidadParaLinea, createSerialQueue, nuevoIdVenta, parseEntrada, teclaTrasVenta } from './lib/cart.js';
import { claveCarrito, guardarCarrito, leerCarrito, podarCarritos } from './lib/carrito-guardado.js';
import { editarCarrito } from './offline/venta.js';
import { crearAnular } from './pos/anular.js';
import { crearBusqueda } from './pos/busqueda.js';
import { aplicarCambios, hayLineaMarcada, leerLineas, pintarCarrito } from './pos/carrito-dom.js';
import { crearCobro } from './pos/cobro.js';
import { iniciarOffline } from './pos/offline.js';
import { iniciarRecibo } from './pos/recibo.js';
import { ajax, sinAlertaDeRed } from './pos/red.js';
import { crearSeleccion } from './pos/seleccion.js';

iniciarRecibo();

// ---- The till -------------------------------------------------------------------------------------------------
const posRoot = document.querySelector('[data-pos]');
if (posRoot) start(posRoot);

/** @param {Element} posRoot */
function start(posRoot) {
  const byId = (id) => /** @type {any} */ (document.getElementById(id));
  const codigo = /** @type {HTMLInputElement} */ (byId('pos-codigo'));
  const form = /** @type {HTMLFormElement} */ (byId('pos-form'));
  const ventaId = /** @type {HTMLInputElement} */ (byId('pos-venta-id'));

  const queue = createSerialQueue();

  // The cart this cashier left open in this drawer session, if any (a reload, a closed tab). Its sale id comes back with
  // it; otherwise always a fresh id here: the page may come from the offline cache, whose id could already have been used.
  const almacen = guardadoDisponible();
  const clave = claveCarrito(posRoot.getAttribute('data-cajero') ?? '', posRoot.getAttribute('data-sesion-caja-id') ?? '');
  const previo = almacen ? leerCarrito(almacen, clave) : null;
  if (almacen) podarCarritos(almacen, posRoot.getAttribute('data-cajero') ?? '', clave, Date.now());
  ventaId.value = previo?.ventaId ?? nuevoIdVenta(crypto);
  const off = iniciarOffline(/** @type {HTMLElement} */ (posRoot), { alReconectar: () => recargarSiToca() });

  const carrito = () => byId('pos-carrito');
  const dialogoAbierto = () => document.querySelector('dialog[open]') !== null;
  const enfocarCodigo = () => {
    if (!dialogoAbierto() && document.activeElement !== codigo) codigo.focus({ preventScroll: true });
  };
  const mostrarMensaje = (texto) => {
    const m = byId('pos-mensaje');
    m.textContent = texto;
    m.classList.toggle('pos-mensaje-error', Boolean(texto));
  };

  // ---- Focus: the scanner is a keyboard and only types where the focus is. ---------------------------------------
  codigo.addEventListener('blur', () => setTimeout(enfocarCodigo, 0));
  for (const id of ['pos-buscar', 'pos-cobro', 'pos-anular']) byId(id).addEventListener('close', () => setTimeout(enfocarCodigo, 0));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') enfocarCodigo();
  });
  window.addEventListener('focus', enfocarCodigo);
  enfocarCodigo();

  // ---- Scans and line edits: one request at a time, each with the cart the previous one left. -------------------
  const marcarActual = () => {
    form.querySelector('.pos-linea-actual')?.scrollIntoView({ block: 'nearest' });
  };
  /** The same edit the server makes, on the local catalog. */
  const lineaLocal = (values) => {
    const r = editarCarrito(leerLineas(), values, off.buscarBarcode);
    pintarCarrito(r.lineas, { actual: r.actual, mensaje: r.mensaje });
    sinAlertaDeRed();
    seleccion.pintar();
  };
  /** @param {Record<string, string>} values @param {() => void} [antes] runs on the cart in the page when its turn comes */
  const enviarLinea = (values, antes) => queue.push(async () => {
    antes?.();
    if (!off.offline) {
      // A scan into a cart with no marked line comes back as that line alone (Pos.Escaneo.cs), not the whole cart.
      const parcial = Boolean(values.codigo) && !hayLineaMarcada();
      const status = parcial
        ? await ajax('/pos?handler=Linea', { source: form, values: { ...values, parcial: '1' }, target: '#pos-cambios', swap: 'innerHTML' })
        : await ajax('/pos?handler=Linea', { source: form, values, target: '#pos-carrito', swap: 'outerHTML' });
      if (status > 0 && status < 500) {
        if (parcial) aplicarCambios(byId('pos-cambios'));
        marcarActual();
        seleccion.pintar();
        return;
      }
      off.marcarOffline();
    }
    lineaLocal(values);
  });
  const seleccion = crearSeleccion({ codigo, enviarOp: (op, objetivo) => enviarLinea({ op, objetivo }) });
  /**
   * Sets a line to `cantidad` units. The cart travels in the page (hidden inputs) and the server re-renders whatever it
   * receives (Pos.cshtml.cs LeerCarrito): when its turn in the queue comes, the line's linea_cantidad is rewritten and
   * sent with no code and no op, only `objetivo` to keep the line marked. Offline, editarCarrito reads the same inputs.
   */
  const fijarCantidad = (barcode, cantidad) => enviarLinea({ objetivo: barcode }, () => {
    const fila = [...form.querySelectorAll('#pos-lineas tbody tr[data-linea]')].find((r) => /** @type {HTMLElement} */ (r).dataset.barcode === barcode);
    const input = /** @type {HTMLInputElement | null} */ (fila?.querySelector('input[name="linea_cantidad"]') ?? null);
    if (input) input.value = String(cantidad);
  });

  // ---- The open cart survives a reload: written after every change of the rows (server swap or local paint). -------
  const guardar = () => {
    if (almacen) guardarCarrito(almacen, clave, { lineas: leerLineas(), ventaId: ventaId.value, ahora: Date.now() });
  };
  if (previo) {
    // Painted at once from what was kept (works offline), then priced again like any edit: by the server when it
    // answers (current prices, stock warnings), else from the local catalog.
    pintarCarrito(previo.lineas);
    enviarLinea({});
  }
  new MutationObserver(guardar).observe(form, { childList: true, subtree: true });

  // ---- The dialogs: name search (F2), payment (F12), void (F8) ----------------------------------------------------
  const busqueda = crearBusqueda({ off, enviarLinea });
  const cobro = crearCobro({ posRoot, queue, off, dialogoAbierto, mostrarMensaje, enfocarCodigo, alTerminar: () => recargarSiToca() });
  const anular = crearAnular({ off, mostrarMensaje });

  codigo.addEventListener('keydown', (evt) => {
    if (dialogoAbierto() || cobro.vendida) return;
    if (seleccion.tecla(evt)) return;
    if (evt.key !== 'Enter') return;
    evt.preventDefault();
    if (evt.repeat) return; // a held Enter is not a second scan
    const texto = codigo.value;
    codigo.value = ''; // the next scan types into an empty field, even before this one's answer
    // A selected line: "*5" (or "5": too short for a barcode) sets its quantity; anything else keeps its meaning.
    const cantidad = seleccion.actual === null ? null : cantidadParaLinea(texto);
    if (cantidad && 'error' in cantidad) {
      mostrarMensaje(cantidad.error);
      return;
    }
    if (cantidad && seleccion.actual !== null) {
      mostrarMensaje('');
      fijarCantidad(seleccion.actual, cantidad.cantidad);
      return;
    }
    const entrada = parseEntrada(texto);
    switch (entrada.tipo) {
      case 'codigo': seleccion.soltar(); enviarLinea({ codigo: entrada.texto }); break;
      case 'busqueda': busqueda.abrir(entrada.texto); break;
      case 'error': mostrarMensaje(entrada.mensaje); break;
      default: break;
    }
  });

  form.addEventListener('submit', (evt) => evt.preventDefault());
  form.addEventListener('click', (evt) => {
    const boton = /** @type {HTMLElement | null} */ (/** @type {Element} */ (evt.target).closest('[data-pos-op]'));
    const linea = /** @type {HTMLElement | null} */ (boton?.closest('[data-linea]') ?? null);
    if (!boton || !linea) return;
    evt.preventDefault();
    enviarLinea({ op: boton.dataset.posOp, objetivo: linea.dataset.barcode });
    enfocarCodigo();
  });

  // ---- Function keys ------------------------------------------------------------------------------------------
  document.addEventListener('keydown', (evt) => {
    const trasVenta = cobro.vendida ? teclaTrasVenta(evt) : null;
    if (trasVenta === 'nueva') {
      evt.preventDefault();
      if (!evt.repeat) cobro.nuevaVenta();
      return;
    }
    if (trasVenta === 'escanear') {
      // The next customer's first scan: the box closes by itself and the code field gets this digit (and, being
      // focused now, the rest of the code and its Enter).
      evt.preventDefault();
      cobro.nuevaVenta();
      codigo.value += evt.key;
      return;
    }
    const accion = accionDeTecla(evt);
    if (!accion) return;
    evt.preventDefault(); // F12 would open the developer tools, F2/F8 do nothing useful here
    if (dialogoAbierto()) return;
    if (accion === 'buscar') busqueda.abrir('');
    else if (accion === 'cobrar') cobro.abrir();
    else if (accion === 'anular') anular.abrir();
  }, true);

  document.addEventListener('click', (evt) => {
    const target = /** @type {Element} */ (evt.target);
    const abrir = /** @type {HTMLElement | null} */ (target.closest?.('[data-pos-abrir]'));
    if (abrir) {
      evt.preventDefault();
      if (abrir.dataset.posAbrir === 'cobro') cobro.abrir();
      else if (abrir.dataset.posAbrir === 'anular') anular.abrir();
      return;
    }
    if (target.closest?.('[data-pos-nueva]')) {
      evt.preventDefault();
      cobro.nuevaVenta();
      return;
    }
    if (target.closest?.('[data-pos-cerrar]')) {
      evt.preventDefault();
      target.closest('dialog')?.close();
    }
  });

  /** localStorage, unless the browser refuses it (then the cart simply does not survive a reload). */
  function guardadoDisponible() {
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  }

  /** A new deploy took over (service worker or database): reload onto it when nothing is in progress. */
  function recargarSiToca() {
    if (posRoot.getAttribute('data-actualizar') !== 'true') return;
    if (dialogoAbierto() || cobro.vendida || cobro.cobrando || queue.pending > 0 || codigo.value !== '') return;
    if (Number(carrito()?.dataset.lineas ?? '0') > 0) return;
    location.reload();
  }
  window.setInterval(recargarSiToca, 10_000);
}
