// The payment dialog (F12 or «Cobrar»): cash, card and transfer amounts, the bill buttons (they add up; «Borrar»
// empties the cash), the change. Amounts are written es-AR with thousands dots ("20.000,00"), as the buttons read
// them. Enter confirms; nothing typed means exact cash. After a sale, Enter or Esc starts the next one (nuevaVenta) with a new sale id.
// - It opens only once the scan queue is idle: the total must include every scan already sent.
// - Checkout goes online through the same serial queue as the scans; with no answer (or a 5xx: nothing was committed,
//   or it was and the id dedupes it) the SAME sale is written to the IndexedDB outbox instead (pos/offline.js) and a
//   provisional receipt is offered. The sale id changes only once a sale is registered: a retry before that must be
//   the same sale.
import { aplicarDescuento, efectivoJusto, formatMoney, formatMoneyPlain, nuevoIdVenta, resumenCobro, sinMontos, sumarBillete } from '../lib/cart.js';
import { construirVenta } from '../offline/venta.js';
import { leerLineas, pintarCarrito, vendidaOffline } from './carrito-dom.js';
import { ajax, sinAlertaDeRed } from './red.js';

/**
 * @param {{
 *   posRoot: Element,
 *   queue: { push: <T>(job: () => Promise<T>) => Promise<T>, idle: () => Promise<void> },
 *   off: { readonly offline: boolean, marcarOffline: () => void, guardarVenta: (venta: any, lineas: any[], datos: { total: number, vuelto: number }) => Promise<void> },
 *   dialogoAbierto: () => boolean,
 *   mostrarMensaje: (texto: string) => void,
 *   enfocarCodigo: () => void,
 *   alTerminar: () => void,
 * }} deps `alTerminar`: the next sale has started (a pending reload may happen now)
 */
export function crearCobro({ posRoot, queue, off, dialogoAbierto, mostrarMensaje, enfocarCodigo, alTerminar }) {
  const byId = (id) => /** @type {any} */ (document.getElementById(id));
  const form = /** @type {HTMLFormElement} */ (byId('pos-form'));
  const ventaId = /** @type {HTMLInputElement} */ (byId('pos-venta-id'));
  const dlgCobro = /** @type {HTMLDialogElement} */ (byId('pos-cobro'));
  const cobroForm = /** @type {HTMLFormElement} */ (byId('pos-cobro-form'));
  const cobroResultado = byId('pos-cobro-resultado');
  const pagoInputs = /** @type {HTMLInputElement[]} */ ([...cobroForm.querySelectorAll('[data-pago]')]);
  const efectivo = /** @type {HTMLInputElement} */ (pagoInputs.find((i) => i.dataset.pago === 'efectivo'));
  const confirmar = /** @type {HTMLButtonElement} */ (cobroForm.querySelector('[data-cobro-confirmar]'));
  const carrito = () => byId('pos-carrito');
  const descuentoBox = /** @type {HTMLDetailsElement} */ (cobroForm.querySelector('[data-cobro-descuento]'));
  const descuentoInput = /** @type {HTMLInputElement} */ (cobroForm.querySelector('[data-descuento]'));
  const autorizaInputs = /** @type {HTMLInputElement[]} */ ([...cobroForm.querySelectorAll('[data-autoriza]')]);
  // «Factura electrónica» (present only when invoicing is on): the toggle shows the receptor's fields.
  const facturaInputs = /** @type {HTMLInputElement[]} */ ([...cobroForm.querySelectorAll('[data-factura]')]);
  const facturaToggle = /** @type {HTMLInputElement | null} */ (cobroForm.querySelector('[data-factura-toggle]'));
  const facturaCampos = [...cobroForm.querySelectorAll('[data-factura-campos]')];
  const conFactura = () => facturaToggle?.checked === true;
  const pintarFactura = () => facturaCampos.forEach((c) => { /** @type {HTMLElement} */ (c).hidden = !conFactura(); });
  facturaToggle?.addEventListener('change', pintarFactura);
  /** The invoice fields as the server reads them (the toggle as "1" or ""). */
  const valoresFactura = () => Object.fromEntries(facturaInputs.map((i) => [i.name, i === facturaToggle ? (conFactura() ? '1' : '') : i.value]));

  /** The payment dialog shows a registered sale: Enter or Esc starts the next one. */
  let vendida = false;
  let cobrando = false;

  const totalCarrito = () => Number(carrito()?.dataset.total ?? '0');
  // The total to pay: the cart's, minus the discount typed here (the server recomputes both).
  const descuento = () => aplicarDescuento(totalCarrito(), descuentoInput.value);
  const totalVenta = () => descuento().total;
  const montos = () => Object.fromEntries(pagoInputs.map((i) => [i.dataset.pago, i.value]));
  const pintarResumen = () => {
    const d = descuento();
    const r = resumenCobro(d.total, montos());
    cobroForm.querySelector('[data-cobro-total]').textContent = formatMoney(d.total);
    descuentoInput.toggleAttribute('aria-invalid', d.error !== null);
    const falta = cobroForm.querySelector('[data-cobro-falta]');
    const aviso =
      d.error ?? (r.invalidos.length > 0 ? 'Revisá el importe: por ejemplo 1234,50.' :
      r.excedeNoEfectivo ? 'Con tarjeta o transferencia no se puede pagar más que el total.' :
      r.falta > 0 && r.pagado > 0 ? `Faltan ${formatMoney(r.falta)}` : '');
    falta.textContent = aviso;
    falta.hidden = aviso === '';
    cobroForm.querySelector('[data-cobro-vuelto]').textContent = formatMoney(r.vuelto);
    pagoInputs.forEach((i) => i.toggleAttribute('aria-invalid', r.invalidos.includes(i.dataset.pago)));
    return { ...r, listo: r.listo && d.error === null };
  };
  cobroForm.addEventListener('input', pintarResumen);

  async function abrir() {
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
    [descuentoInput, ...autorizaInputs].forEach((i) => { i.value = ''; });
    facturaInputs.forEach((i) => { if (i === facturaToggle) i.checked = false; else if (i.tagName === 'SELECT') /** @type {any} */ (i).selectedIndex = 0; else i.value = ''; });
    pintarFactura();
    descuentoBox.open = false;
    pintarResumen();
    dlgCobro.showModal();
    efectivo.focus();
  }

  cobroForm.addEventListener('click', (evt) => {
    const billete = /** @type {HTMLElement | null} */ (/** @type {Element} */ (evt.target).closest('[data-billete]'));
    if (!billete) return;
    evt.preventDefault();
    // «Justo» writes the exact cash; a bill adds to what is there (two «$ 10.000» are 20.000,00); «Borrar» empties it.
    const b = billete.dataset.billete;
    if (b === 'justo') efectivo.value = formatMoneyPlain(efectivoJusto(totalVenta(), montos()));
    else if (b === 'borrar') efectivo.value = '';
    else efectivo.value = sumarBillete(efectivo.value, Number(b));
    pintarResumen();
    efectivo.focus();
  });

  cobroForm.addEventListener('submit', async (evt) => {
    evt.preventDefault();
    if (cobrando || vendida) return;
    if (sinMontos(montos())) efectivo.value = formatMoneyPlain(totalVenta()); // Enter alone: exact cash
    const r = pintarResumen();
    if (!r.listo) {
      (descuentoInput.hasAttribute('aria-invalid') ? descuentoInput : pagoInputs.find((i) => i.getAttribute('aria-invalid') === 'true') ?? efectivo).focus();
      return;
    }
    if (off.offline && descuento().descuento > 0) {
      mostrarError('Sin conexión no se pueden hacer descuentos: borrá el descuento o esperá a que vuelva la conexión.');
      descuentoInput.focus();
      return;
    }
    if (off.offline && conFactura()) {
      mostrarError('Sin conexión no se factura: desmarcá «Factura electrónica» (se puede facturar después desde Ventas).');
      facturaToggle?.focus();
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
          source: form, values: { ...Object.fromEntries([...pagoInputs, descuentoInput, ...autorizaInputs].map((i) => [i.name, i.value])), ...valoresFactura() },
          target: '#pos-cobro-resultado', swap: 'innerHTML',
        }));
        autorizaInputs.forEach((i) => { i.value = ''; }); // a password is typed for one sale only
        // No answer (or a 5xx: nothing was committed, or it was and the id dedupes it): the same sale, offline. A sale
        // with a discount is not: it needs the server's check of the supervisor.
        const sinRespuesta = status === 0 || status >= 500;
        if (sinRespuesta) off.marcarOffline();
        if (sinRespuesta && descuento().descuento > 0) mostrarError('Sin conexión no se pueden hacer descuentos: borrá el descuento para vender sin conexión.');
        else if (sinRespuesta && conFactura()) mostrarError('Sin conexión no se factura: desmarcá «Factura electrónica» para vender sin conexión.');
        local = sinRespuesta && descuento().descuento === 0 && !conFactura();
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
    /** @type {HTMLElement | null} */ (hecha.querySelector('[data-pos-nueva]'))?.focus();
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
      mostrarError(texto);
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

  /** @param {string} texto */
  function mostrarError(texto) {
    const div = document.createElement('div');
    div.className = 'alert alert-error';
    div.setAttribute('role', 'alert');
    div.setAttribute('data-pos-error', '');
    div.textContent = texto;
    cobroResultado.replaceChildren(div);
  }

  dlgCobro.addEventListener('cancel', (evt) => {
    if (vendida) {
      evt.preventDefault();
      nuevaVenta();
    }
  });

  /** Closes a registered sale's dialog and gets the till ready for the next one (no-op otherwise). */
  function nuevaVenta() {
    if (!vendida) return;
    vendida = false;
    dlgCobro.classList.remove('pos-hecho');
    dlgCobro.close();
    cobroResultado.replaceChildren();
    mostrarMensaje('');
    enfocarCodigo();
    alTerminar();
  }

  return {
    abrir,
    nuevaVenta,
    /** The dialog shows a registered sale (the code field ignores keys; Enter or Esc starts the next sale). */
    get vendida() {
      return vendida;
    },
    /** A checkout is in progress. */
    get cobrando() {
      return cobrando;
    },
  };
}
