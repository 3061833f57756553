// The cart in the page, read and written without the server: rows cloned from <template id="pos-linea"> (the same
// _PosLinea partial the server renders), and the same state the server's _PosCarrito/_PosTotal answers carry
// (#pos-carrito data-total / data-lineas, the big total, the units, the scan message).
import { formatMoney } from '../lib/cart.js';
import { subtotalCentavos, totales } from '../offline/venta.js';

const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** The cart's lines as the page holds them (hidden inputs + row data). @returns {import('../offline/venta.js').Linea[]} */
export function leerLineas() {
  return [...document.querySelectorAll('#pos-lineas tbody tr[data-linea]')].map((tr) => {
    const row = /** @type {HTMLElement} */ (tr);
    const cantidad = /** @type {HTMLInputElement | null} */ (row.querySelector('input[name="linea_cantidad"]'));
    return {
      barcode: row.dataset.barcode ?? '',
      cantidad: Number(cantidad?.value ?? '1'),
      precio: Number(row.dataset.precio ?? '0'),
      nombre: row.querySelector('[data-campo="nombre"]')?.textContent ?? '',
      producto_id: row.dataset.productoId ?? '',
    };
  });
}

/** One row from the template, its {placeholders} filled in attributes, slots and inputs. */
function fila(linea, actual) {
  const tpl = /** @type {HTMLTemplateElement} */ (document.getElementById('pos-linea'));
  const tr = /** @type {HTMLElement} */ (tpl.content.querySelector('tr[data-linea]').cloneNode(true));
  const valores = {
    barcode: linea.barcode,
    producto_id: linea.producto_id,
    nombre: linea.nombre,
    cantidad: String(linea.cantidad),
    precio_unitario: String(linea.precio),
    precio: formatMoney(linea.precio),
    subtotal: formatMoney(subtotalCentavos(linea) / 100),
  };
  const rellenar = (s) => s.replace(/\{([a-z_]+)\}/g, (m, k) => (k in valores ? valores[k] : m));
  for (const el of [tr, ...tr.querySelectorAll('*')]) {
    for (const a of [...el.attributes]) if (a.value.includes('{')) el.setAttribute(a.name, rellenar(a.value));
  }
  for (const slot of tr.querySelectorAll('[data-campo]')) {
    const k = /** @type {HTMLElement} */ (slot).dataset.campo;
    if (k === 'error') {
      slot.textContent = '';
      /** @type {HTMLElement} */ (slot).hidden = true;
    } else if (k && k in valores) {
      slot.textContent = valores[k];
    }
  }
  for (const input of tr.querySelectorAll('input[data-valor]')) {
    const k = /** @type {HTMLInputElement} */ (input).dataset.valor;
    if (k && k in valores) /** @type {HTMLInputElement} */ (input).value = valores[k];
  }
  tr.classList.toggle('pos-linea-actual', linea.barcode === actual);
  return tr;
}

/**
 * Renders the cart as the server would have: rows, data-total (invariant), data-lineas, the empty-cart hint, the big
 * total and its units, and the scan message.
 * @param {import('../offline/venta.js').Linea[]} lineas
 * @param {{ actual?: string | null, mensaje?: string | null }} [opts]
 */
export function pintarCarrito(lineas, { actual = null, mensaje = null } = {}) {
  const carrito = byId('pos-carrito');
  const tbody = carrito.querySelector('#pos-lineas tbody');
  tbody?.replaceChildren(...lineas.map((l) => fila(l, actual)));
  const { total, unidades } = totales(lineas);
  carrito.dataset.total = total.toFixed(2);
  carrito.dataset.lineas = String(lineas.length);
  let vacio = carrito.querySelector('.pos-vacio');
  if (lineas.length === 0 && !vacio) {
    vacio = document.createElement('p');
    vacio.className = 'pos-vacio';
    vacio.textContent = 'Escaneá el primer producto.';
    carrito.append(vacio);
  } else if (lineas.length > 0) {
    vacio?.remove();
  }
  const texto = formatMoney(total);
  const monto = byId('pos-total').querySelector('[data-pos-total]');
  if (monto) {
    monto.textContent = texto;
    monto.classList.toggle('pos-total-muy-largo', texto.length >= 13);
    monto.classList.toggle('pos-total-largo', texto.length >= 11 && texto.length < 13);
  }
  const u = byId('pos-total').querySelector('.pos-total-unidades');
  if (u) u.textContent = unidades === 1 ? '1 unidad' : `${unidades} unidades`;
  const m = byId('pos-mensaje');
  m.textContent = mensaje ?? '';
  m.classList.toggle('pos-mensaje-error', Boolean(mensaje));
  carrito.querySelector('.pos-linea-actual')?.scrollIntoView({ block: 'nearest' });
}

/**
 * Applies a scan's answer that holds only the changed rows (the server's _PosCambios, swapped into `destino`): each
 * row replaces the one with its barcode or is appended, the current-line mark moves to it, and the cart's totals
 * attributes follow. Returns false when the answer had no such template (the whole cart came out of band instead).
 * @param {HTMLElement} destino
 */
export function aplicarCambios(destino) {
  const tpl = /** @type {HTMLTemplateElement | null} */ (destino.querySelector('template[data-pos-cambios]'));
  if (!tpl) return false;
  const carrito = byId('pos-carrito');
  const tbody = carrito.querySelector('#pos-lineas tbody');
  const filas = [...tpl.content.querySelectorAll('tr[data-linea]')];
  if (filas.length > 0) for (const r of carrito.querySelectorAll('.pos-linea-actual')) r.classList.remove('pos-linea-actual');
  for (const fila of filas) {
    const barcode = /** @type {HTMLElement} */ (fila).dataset.barcode;
    const previa = [...(tbody?.querySelectorAll('tr[data-linea]') ?? [])].find((r) => /** @type {HTMLElement} */ (r).dataset.barcode === barcode);
    const nueva = document.importNode(fila, true);
    if (previa) previa.replaceWith(nueva);
    else tbody?.append(nueva);
  }
  carrito.dataset.total = tpl.dataset.total ?? carrito.dataset.total;
  carrito.dataset.lineas = tpl.dataset.lineas ?? carrito.dataset.lineas;
  if (Number(carrito.dataset.lineas) > 0) carrito.querySelector('.pos-vacio')?.remove();
  destino.replaceChildren();
  return true;
}

/** True when some row is marked (a payment's refusal, a stock warning): the next scan then redraws the whole cart. */
export const hayLineaMarcada = () => document.querySelector('#pos-lineas .pos-linea-con-error, #pos-lineas .pos-linea-con-aviso') !== null;

/**
 * The name search's results from the local catalog, with the server's markup (_PosBusqueda).
 * @param {HTMLElement} destino
 * @param {string} q
 * @param {any[]} productos
 */
export function pintarBusqueda(destino, q, productos) {
  const p = (clase, texto) => {
    const e = document.createElement('p');
    e.className = clase;
    e.textContent = texto;
    return e;
  };
  if (q.trim().length < 2) return destino.replaceChildren(p('muted pos-buscar-ayuda', 'Escribí al menos 2 letras del nombre.'));
  if (productos.length === 0) return destino.replaceChildren(p('pos-buscar-nada', `No hay productos que coincidan con «${q.trim()}».`));
  const ul = document.createElement('ul');
  ul.className = 'pos-buscar-lista';
  ul.setAttribute('role', 'listbox');
  ul.setAttribute('aria-label', 'Productos encontrados');
  ul.setAttribute('data-pos-resultados', '');
  productos.forEach((prod, i) => {
    const li = document.createElement('li');
    li.setAttribute('role', 'option');
    li.id = `pos-resultado-${i}`;
    li.className = 'pos-resultado';
    li.setAttribute('aria-selected', i === 0 ? 'true' : 'false');
    li.dataset.barcode = prod.barcode;
    const span = (clase, texto) => {
      const s = document.createElement('span');
      s.className = clase;
      s.textContent = texto;
      return s;
    };
    li.append(span('pos-resultado-nombre', prod.nombre), span('pos-resultado-stock muted', `stock ${prod.stock}`),
      span('pos-resultado-precio', formatMoney(prod.precio)));
    ul.append(li);
  });
  return destino.replaceChildren(ul);
}

/**
 * The answer of an offline checkout, in the payment dialog (the online one is _PosVendida).
 * @param {{ id: string, total: number, vuelto: number }} v
 */
export function vendidaOffline(v) {
  const url = `/offline/ticket.html?id=${encodeURIComponent(v.id)}`;
  const div = document.createElement('div');
  div.className = 'pos-vendida pos-vendida-offline';
  div.setAttribute('data-venta-registrada', '');
  div.dataset.offline = 'true';
  div.dataset.ventaId = v.id;
  // Like the online receipt: the window prints on load and closes after printing, giving the till its keyboard back.
  div.dataset.ticketUrl = `${url}&print=1`;
  const p = (clase, texto) => {
    const e = document.createElement('p');
    e.className = clase;
    e.textContent = texto;
    return e;
  };
  const titulo = p('pos-vendida-titulo', 'Venta registrada (sin conexión)');
  titulo.setAttribute('role', 'status');
  const vuelto = p('pos-vuelto pos-vuelto-final', 'Vuelto ');
  const out = document.createElement('output');
  out.setAttribute('data-vendida-vuelto', '');
  out.textContent = formatMoney(v.vuelto);
  vuelto.append(out);
  const acciones = document.createElement('div');
  acciones.className = 'pos-dialogo-acciones';
  const a = document.createElement('a');
  a.className = 'btn btn-secondary btn-lg';
  a.href = div.dataset.ticketUrl;
  a.target = 'blendpos-ticket';
  a.setAttribute('data-ticket-provisional', '');
  a.textContent = 'Imprimir ticket provisional';
  const nueva = document.createElement('button');
  nueva.type = 'button';
  nueva.className = 'btn btn-primary btn-lg';
  nueva.setAttribute('data-pos-nueva', '');
  nueva.append('Nueva venta ');
  const kbd = document.createElement('kbd');
  kbd.textContent = 'Enter';
  nueva.append(kbd);
  acciones.append(a, nueva);
  div.append(titulo, p('pos-vendida-total', `Total ${formatMoney(v.total)}`), vuelto,
    p('muted', 'Se envía al servidor cuando vuelva la conexión; el ticket con número sale después.'), acciones);
  return div;
}
