// The till (/pos) and its receipt (/ventas/{id}/ticket). Loaded after app.js (which exposes window.htmx) with
// <script src="/js/pos.js" defer>. Strict CSP: no inline anything; everything is wired here from ids and data attributes.
//
// - The code field keeps the focus. Enter (never a keystroke before it) sends one scan; the field is emptied at once so
//   the scanner's next code starts clean. Scans and line edits go through one serial queue: each request carries the
//   cart the previous answer left in the page (hidden inputs), so fast scans are neither lost nor doubled.
// - Letters + Enter, or F2, open the name search (↑/↓, Enter adds, Esc closes). F12 or «Cobrar» opens the payment
//   dialog (Enter confirms; nothing typed means exact cash). After a sale, Enter or Esc starts the next one with a new id.
// - F8 opens the void dialog: a supervisor types their credentials; the cashier stays signed in.
// - With an empty code field, ↑/↓ select a cart line, + / − change its quantity, Supr removes it (pos/seleccion.js).
// - Offline (pos/offline.js): a scan whose request cannot reach the server, or any scan while offline, is rendered
//   here from the local catalog with the same row template; checkout writes the sale to the IndexedDB outbox (same
//   sale id as a failed online attempt: the server dedupes it) and shows a provisional receipt.
// - Receipt: [data-print] prints; <body data-print-auto> (?print=1) prints on load and closes a window the POS opened.
import {
  accionDeTecla, createSerialQueue, efectivoJusto, formatMoney, montoParaInput, moverSeleccion, nuevoIdVenta,
  parseEntrada, resumenCobro, sinMontos,
} from './lib/cart.js';
import { editarCarrito, construirVenta } from './offline/venta.js';
import { leerLineas, pintarBusqueda, pintarCarrito, vendidaOffline } from './pos/carrito-dom.js';
import { iniciarOffline } from './pos/offline.js';
import { iniciarRecibo } from './pos/recibo.js';
import { crearSeleccion } from './pos/seleccion.js';

iniciarRecibo();

// ---- The till -------------------------------------------------------------------------------------------------
const posRoot = document.querySelector('[data-pos]');
if (posRoot) start();

function start() {
  const htmx = /** @type {any} */ (window).htmx;
  const byId = (id) => /** @type {any} */ (document.getElementById(id));
  const codigo = /** @type {HTMLInputElement} */ (byId('pos-codigo'));
  const form = /** @type {HTMLFormElement} */ (byId('pos-form'));
  const ventaId = /** @type {HTMLInputElement} */ (byId('pos-venta-id'));
  const dlgBuscar = /** @type {HTMLDialogElement} */ (byId('pos-buscar'));
  const dlgCobro = /** @type {HTMLDialogElement} */ (byId('pos-cobro'));
  const dlgAnular = /** @type {HTMLDialogElement} */ (byId('pos-anular'));
  const buscarQ = /** @type {HTMLInputElement} */ (byId('pos-buscar-q'));
  const resultados = byId('pos-buscar-resultados');
  const cobroForm = /** @type {HTMLFormElement} */ (byId('pos-cobro-form'));
  const cobroResultado = byId('pos-cobro-resultado');
  const anularForm = /** @type {HTMLFormElement} */ (byId('pos-anular-form'));
  const anularResultado = byId('pos-anular-resultado');
  const pagoInputs = /** @type {HTMLInputElement[]} */ ([...cobroForm.querySelectorAll('[data-pago]')]);
  const efectivo = pagoInputs.find((i) => i.dataset.pago === 'efectivo');
  const confirmar = /** @type {HTMLButtonElement} */ (cobroForm.querySelector('[data-cobro-confirmar]'));

  const queue = createSerialQueue();
  /** The payment dialog shows a registered sale: Enter or Esc starts the next one. */
  let vendida = false;
  let cobrando = false;
  let anulando = false;

  // Always a fresh id here: the page may come from the offline cache, whose id could already have been used.
  ventaId.value = nuevoIdVenta(crypto);
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
  for (const dlg of [dlgBuscar, dlgCobro, dlgAnular]) dlg.addEventListener('close', () => setTimeout(enfocarCodigo, 0));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') enfocarCodigo();
  });
  window.addEventListener('focus', enfocarCodigo);
  enfocarCodigo();

  // ---- Scans and line edits: one request at a time, each with the cart the previous one left. -------------------
  const marcarActual = () => {
    form.querySelector('.pos-linea-actual')?.scrollIntoView({ block: 'nearest' });
  };
  /** An htmx request from `source`; resolves to the HTTP status (0: the network failed). */
  const ajax = (url, opts) => new Promise((resolve) => {
    let status = 0;
    const fin = (/** @type {any} */ evt) => {
      if (evt.detail?.elt === opts.source) status = evt.detail.xhr?.status ?? 0;
    };
    document.addEventListener('htmx:afterRequest', fin);
    htmx.ajax('POST', url, opts).then(() => resolve(status), () => resolve(0))
      .finally(() => document.removeEventListener('htmx:afterRequest', fin));
  });
  const sinAlertaDeRed = () => document.getElementById('htmx-error')?.remove(); // app.js's alert: we kept selling
  /** The same edit the server makes, on the local catalog. */
  const lineaLocal = (values) => {
    const r = editarCarrito(leerLineas(), values, off.buscarBarcode);
    pintarCarrito(r.lineas, { actual: r.actual, mensaje: r.mensaje });
    sinAlertaDeRed();
    seleccion.pintar();
  };
  const enviarLinea = (values) => queue.push(async () => {
    if (!off.offline) {
      const status = await ajax('/pos?handler=Linea', { source: form, values, target: '#pos-carrito', swap: 'outerHTML' });
      if (status > 0 && status < 500) {
        marcarActual();
        seleccion.pintar();
        return;
      }
      off.marcarOffline();
    }
    lineaLocal(values);
  });
  const seleccion = crearSeleccion({ codigo, enviarOp: (op, objetivo) => enviarLinea({ op, objetivo }) });

  codigo.addEventListener('keydown', (evt) => {
    if (dialogoAbierto() || vendida) return;
    if (seleccion.tecla(evt)) return;
    if (evt.key !== 'Enter') return;
    evt.preventDefault();
    if (evt.repeat) return; // a held Enter is not a second scan
    const entrada = parseEntrada(codigo.value);
    codigo.value = ''; // the next scan types into an empty field, even before this one's answer
    switch (entrada.tipo) {
      case 'codigo': seleccion.soltar(); enviarLinea({ codigo: entrada.texto }); break;
      case 'busqueda': abrirBusqueda(entrada.texto); break;
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
    if (vendida && (evt.key === 'Enter' || evt.key === 'Escape')) {
      evt.preventDefault();
      if (!evt.repeat) nuevaVenta();
      return;
    }
    const accion = accionDeTecla(evt);
    if (!accion) return;
    evt.preventDefault(); // F12 would open the developer tools, F2/F8 do nothing useful here
    if (dialogoAbierto()) return;
    if (accion === 'buscar') abrirBusqueda('');
    else if (accion === 'cobrar') abrirCobro();
    else if (accion === 'anular') abrirAnular();
  }, true);

  document.addEventListener('click', (evt) => {
    const target = /** @type {Element} */ (evt.target);
    const abrir = /** @type {HTMLElement | null} */ (target.closest?.('[data-pos-abrir]'));
    if (abrir) {
      evt.preventDefault();
      if (abrir.dataset.posAbrir === 'cobro') abrirCobro();
      else if (abrir.dataset.posAbrir === 'anular') abrirAnular();
      return;
    }
    if (target.closest?.('[data-pos-nueva]')) {
      evt.preventDefault();
      nuevaVenta();
      return;
    }
    if (target.closest?.('[data-pos-cerrar]')) {
      evt.preventDefault();
      target.closest('dialog')?.close();
    }
  });

  // ---- Name search (F2) ---------------------------------------------------------------------------------------
  function abrirBusqueda(texto) {
    resultados.replaceChildren();
    buscarQ.value = texto;
    dlgBuscar.showModal();
    buscarQ.focus();
    if (texto) htmx.trigger(buscarQ, 'buscar');
  }
  const opciones = () => /** @type {HTMLElement[]} */ ([...resultados.querySelectorAll('[role="option"]')]);
  const seleccionada = () => opciones().findIndex((o) => o.getAttribute('aria-selected') === 'true');
  const seleccionar = (i) => opciones().forEach((o, k) => {
    o.setAttribute('aria-selected', k === i ? 'true' : 'false');
    if (k === i) {
      o.scrollIntoView({ block: 'nearest' });
      buscarQ.setAttribute('aria-activedescendant', o.id);
    }
  });
  const agregarResultado = (opcion) => {
    if (!opcion) return;
    dlgBuscar.close();
    enviarLinea({ codigo: opcion.dataset.barcode });
  };
  buscarQ.addEventListener('keydown', (evt) => {
    if (evt.key === 'ArrowDown' || evt.key === 'ArrowUp') {
      evt.preventDefault();
      seleccionar(moverSeleccion(seleccionada(), opciones().length, evt.key === 'ArrowDown' ? 1 : -1));
    } else if (evt.key === 'Enter') {
      evt.preventDefault();
      if (!evt.repeat) agregarResultado(opciones()[seleccionada()]);
    }
  });
  // Offline, the name search runs on the local catalog (same markup as _PosBusqueda); a failed request falls back too.
  const busquedaLocal = () => {
    pintarBusqueda(resultados, buscarQ.value, off.buscarNombre(buscarQ.value));
    sinAlertaDeRed();
  };
  buscarQ.addEventListener('htmx:beforeRequest', (evt) => {
    if (!off.offline) return;
    evt.preventDefault();
    busquedaLocal();
  });
  buscarQ.addEventListener('htmx:sendError', busquedaLocal);
  resultados.addEventListener('click', (evt) => {
    agregarResultado(/** @type {Element} */ (evt.target).closest('[role="option"]'));
  });

  // ---- Payment (F12) ------------------------------------------------------------------------------------------
  const totalVenta = () => Number(carrito()?.dataset.total ?? '0');
  const montos = () => Object.fromEntries(pagoInputs.map((i) => [i.dataset.pago, i.value]));
  const pintarResumen = () => {
    const r = resumenCobro(totalVenta(), montos());
    const falta = cobroForm.querySelector('[data-cobro-falta]');
    const aviso =
      r.invalidos.length > 0 ? 'Revisá el importe: por ejemplo 1234,50.' :
      r.excedeNoEfectivo ? 'Con tarjeta o transferencia no se puede pagar más que el total.' :
      r.falta > 0 && r.pagado > 0 ? `Faltan ${formatMoney(r.falta)}` : '';
    falta.textContent = aviso;
    falta.hidden = aviso === '';
    cobroForm.querySelector('[data-cobro-vuelto]').textContent = formatMoney(r.vuelto);
    pagoInputs.forEach((i) => i.toggleAttribute('aria-invalid', r.invalidos.includes(i.dataset.pago)));
    return r;
  };
  cobroForm.addEventListener('input', pintarResumen);

  async function abrirCobro() {
    await queue.idle(); // the total must include every scan already sent
    if (dialogoAbierto()) return;
    if (!(Number(carrito()?.dataset.lineas ?? '0') > 0)) {
      mostrarMensaje('La venta no tiene productos: escaneá uno antes de cobrar.');
      return;
    }
    vendida = false;
    dlgCobro.classList.remove('pos-hecho');
    cobroResultado.replaceChildren();
    pagoInputs.forEach((i) => { i.value = ''; });
    cobroForm.querySelector('[data-cobro-total]').textContent = formatMoney(totalVenta());
    pintarResumen();
    dlgCobro.showModal();
    efectivo.focus();
  }

  cobroForm.addEventListener('click', (evt) => {
    const billete = /** @type {HTMLElement | null} */ (/** @type {Element} */ (evt.target).closest('[data-billete]'));
    if (!billete) return;
    evt.preventDefault();
    const valor = billete.dataset.billete === 'justo' ? efectivoJusto(totalVenta(), montos()) : Number(billete.dataset.billete);
    efectivo.value = montoParaInput(valor);
    pintarResumen();
    efectivo.focus();
  });

  cobroForm.addEventListener('submit', async (evt) => {
    evt.preventDefault();
    if (cobrando || vendida) return;
    if (sinMontos(montos())) efectivo.value = montoParaInput(totalVenta()); // Enter alone: exact cash
    const r = pintarResumen();
    if (!r.listo) {
      (pagoInputs.find((i) => i.getAttribute('aria-invalid') === 'true') ?? efectivo).focus();
      return;
    }
    cobrando = true;
    confirmar.disabled = true;
    /** @type {HTMLElement | null} */
    let hecha = null;
    try {
      let local = off.offline;
      if (!local) {
        const status = await queue.push(() => ajax('/pos?handler=Cobrar', {
          source: form, values: Object.fromEntries(pagoInputs.map((i) => [i.name, i.value])),
          target: '#pos-cobro-resultado', swap: 'innerHTML',
        }));
        // No answer (or a 5xx: nothing was committed, or it was and the id dedupes it): the same sale, offline.
        local = status === 0 || status >= 500;
        if (local) off.marcarOffline();
      }
      hecha = local ? await cobrarLocal() : cobroResultado.querySelector('[data-venta-registrada]');
    } finally {
      cobrando = false;
      confirmar.disabled = false;
    }
    if (!hecha) {
      efectivo.focus();
      return;
    }
    vendida = true;
    ventaId.value = nuevoIdVenta(crypto); // only now: a retry before this point must be the same sale
    dlgCobro.classList.add('pos-hecho');
    hecha.querySelector('[data-pos-nueva]')?.focus();
    // Kiosk-printing browsers print straight away; elsewhere the print dialog opens in that window.
    window.open(hecha.dataset.ticketUrl, 'blendpos-ticket');
  });

  /**
   * Offline checkout: the sale (this page's sale id) goes into the outbox in one IndexedDB transaction; only once it is
   * on disk does the cashier see «Venta registrada (sin conexión)».
   * @returns {Promise<HTMLElement | null>}
   */
  async function cobrarLocal() {
    await queue.idle();
    const lineas = leerLineas();
    const error = (texto) => {
      const div = document.createElement('div');
      div.className = 'alert alert-error';
      div.setAttribute('role', 'alert');
      div.setAttribute('data-pos-error', '');
      div.textContent = texto;
      cobroResultado.replaceChildren(div);
      return null;
    };
    const c = construirVenta({
      id: ventaId.value, sesionCajaId: posRoot?.getAttribute('data-sesion-caja-id') ?? '', lineas, montos: montos(), ahora: new Date(),
    });
    if (!c.ok) return error(c.mensaje);
    try {
      await off.guardarVenta(c.venta, lineas, { total: c.total, vuelto: c.resumen.vuelto });
    } catch {
      return error('No se pudo guardar la venta en esta terminal. No se cobró: volvé a confirmar.');
    }
    const hecha = vendidaOffline({ id: c.venta.id, total: c.total, vuelto: c.resumen.vuelto });
    cobroResultado.replaceChildren(hecha);
    pintarCarrito([]);
    sinAlertaDeRed();
    return hecha;
  }

  /** A new deploy took over (service worker or database): reload onto it when nothing is in progress. */
  function recargarSiToca() {
    if (posRoot?.getAttribute('data-actualizar') !== 'true') return;
    if (dialogoAbierto() || vendida || cobrando || queue.pending > 0 || codigo.value !== '') return;
    if (Number(carrito()?.dataset.lineas ?? '0') > 0) return;
    location.reload();
  }
  window.setInterval(recargarSiToca, 10_000);

  dlgCobro.addEventListener('cancel', (evt) => {
    if (vendida) {
      evt.preventDefault();
      nuevaVenta();
    }
  });

  function nuevaVenta() {
    if (!vendida) return;
    vendida = false;
    dlgCobro.classList.remove('pos-hecho');
    dlgCobro.close();
    cobroResultado.replaceChildren();
    mostrarMensaje('');
    enfocarCodigo();
    recargarSiToca();
  }

  // ---- Void (F8), authorized by a supervisor at this terminal ---------------------------------------------------
  function abrirAnular() {
    if (off.offline) {
      mostrarMensaje('Sin conexión: para anular una venta hace falta el servidor. Probá de nuevo cuando vuelva la red.');
      return;
    }
    const ventas = /** @type {HTMLElement[]} */ ([...document.querySelectorAll('#pos-ultimas [data-venta-id]')])
      .filter((li) => li.dataset.anulada !== 'true');
    if (ventas.length === 0) {
      mostrarMensaje('No hay ventas de esta caja para anular.');
      return;
    }
    const select = anularForm.querySelector('[data-anular-ventas]');
    select.replaceChildren(...ventas.map((li) => new Option(`Ticket ${li.dataset.ticket} — ${li.dataset.total}`, li.dataset.ventaId)));
    anularForm.reset();
    select.selectedIndex = 0;
    anularResultado.replaceChildren();
    dlgAnular.classList.remove('pos-hecho');
    dlgAnular.showModal();
    anularForm.querySelector('[name="anular_usuario"]').focus();
  }

  anularForm.addEventListener('submit', async (evt) => {
    evt.preventDefault();
    if (anulando || dlgAnular.classList.contains('pos-hecho')) return;
    anulando = true;
    try {
      await htmx.ajax('POST', '/pos?handler=Anular', { source: anularForm, target: '#pos-anular-resultado', swap: 'innerHTML' });
    } catch {
      off.marcarOffline();
      mostrarMensaje('No se pudo anular: sin conexión con el servidor. Probá de nuevo cuando vuelva la red.');
    } finally {
      anulando = false;
    }
    const password = /** @type {HTMLInputElement} */ (anularForm.querySelector('[name="anular_password"]'));
    password.value = ''; // never left in the page
    if (anularResultado.querySelector('[data-venta-anulada]')) {
      dlgAnular.classList.add('pos-hecho');
      /** @type {HTMLElement | null} */ (anularResultado.querySelector('[data-pos-cerrar]'))?.focus();
    } else {
      password.focus();
    }
  });
}
