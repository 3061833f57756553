// The till (/pos) and its receipt (/ventas/{id}/ticket). Loaded after app.js (which exposes window.htmx) with
// <script src="/js/pos.js" defer>. Strict CSP: no inline anything; everything is wired here from ids and data attributes.
//
// - The code field keeps the focus. Enter (never a keystroke before it) sends one scan; the field is emptied at once so
//   the scanner's next code starts clean. Scans and line edits go through one serial queue: each request carries the
//   cart the previous answer left in the page (hidden inputs), so fast scans are neither lost nor doubled.
// - Letters + Enter, or F2, open the name search (↑/↓, Enter adds, Esc closes). F12 or «Cobrar» opens the payment
//   dialog (Enter confirms; nothing typed means exact cash). After a sale, Enter or Esc starts the next one with a new id.
// - F8 opens the void dialog: a supervisor types their credentials; the cashier stays signed in.
// - Receipt: [data-print] prints; <body data-print-auto> (?print=1) prints on load and closes a window the POS opened.
import {
  accionDeTecla, createSerialQueue, efectivoJusto, formatMoney, montoParaInput, moverSeleccion, nuevoIdVenta,
  paginaTicket, parseEntrada, resumenCobro, sinMontos,
} from './lib/cart.js';

// ---- Receipt page ---------------------------------------------------------------------------------------------
document.addEventListener('click', (evt) => {
  const target = /** @type {Element | null} */ (evt.target);
  if (target?.closest?.('[data-print]')) {
    evt.preventDefault();
    window.print();
  }
});
/** Sizes the printed page to the receipt: thermal paper is a roll, the page is as long as the ticket. */
function ajustarPaginaTicket() {
  const hoja = document.getElementById('ticket');
  const sheet = [...document.styleSheets].find((s) => s.href?.includes('/css/pos.css'));
  if (!hoja || !sheet) return;
  const ancho = document.body.classList.contains('ticket-58mm') ? 58 : 80;
  const rule = paginaTicket(ancho, hoja.getBoundingClientRect().height);
  sheet.insertRule(rule, sheet.cssRules.length);
}
if (document.body?.classList.contains('ticket')) ajustarPaginaTicket();
if (document.body?.dataset.printAuto === 'true') {
  window.addEventListener('load', () => {
    // A window the POS opened closes once printed (kiosk printing returns at once), giving the till its focus back.
    if (window.opener) window.addEventListener('afterprint', () => window.close(), { once: true });
    window.print();
  });
}

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

  if (!ventaId.value) ventaId.value = nuevoIdVenta(crypto);

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
  const enviarLinea = (values) => queue.push(() =>
    htmx.ajax('POST', '/pos?handler=Linea', { source: form, values, target: '#pos-carrito', swap: 'outerHTML' })
      .then(marcarActual, () => mostrarMensaje('No se pudo agregar: revisá la conexión y volvé a escanear.')));

  codigo.addEventListener('keydown', (evt) => {
    if (evt.key !== 'Enter') return;
    evt.preventDefault();
    if (evt.repeat) return; // a held Enter is not a second scan
    const entrada = parseEntrada(codigo.value);
    codigo.value = ''; // the next scan types into an empty field, even before this one's answer
    switch (entrada.tipo) {
      case 'codigo': enviarLinea({ codigo: entrada.texto }); break;
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
    try {
      await queue.push(() => htmx.ajax('POST', '/pos?handler=Cobrar', {
        source: form, values: Object.fromEntries(pagoInputs.map((i) => [i.name, i.value])),
        target: '#pos-cobro-resultado', swap: 'innerHTML',
      }));
    } catch {
      mostrarMensaje('No se pudo registrar la venta: revisá la conexión y volvé a confirmar (no se cobra dos veces).');
    } finally {
      cobrando = false;
      confirmar.disabled = false;
    }
    const hecha = /** @type {HTMLElement | null} */ (cobroResultado.querySelector('[data-venta-registrada]'));
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
  }

  // ---- Void (F8), authorized by a supervisor at this terminal ---------------------------------------------------
  function abrirAnular() {
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
      mostrarMensaje('No se pudo anular: revisá la conexión.');
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
