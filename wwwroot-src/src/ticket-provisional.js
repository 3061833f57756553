// /offline/ticket.html?id=<sale id>[&print=1]: the receipt of a sale made without network, read from this browser's
// IndexedDB (the server has not numbered it yet). The markup mirrors Ticket.cshtml; the page is static and precached.
import { formatMoney, paginaTicket } from './lib/cart.js';
import { abrirDb, leerRecibo } from './offline/db.js';

const METODOS = { efectivo: 'Efectivo', debito: 'Débito', credito: 'Crédito', transferencia: 'Transferencia' };
const fecha = new Intl.DateTimeFormat('es-AR', {
  timeZone: 'America/Argentina/Buenos_Aires', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
});

const slot = (nombre) => /** @type {HTMLElement} */ (document.querySelector(`[data-r="${nombre}"]`));
const el = (tag, clase, texto) => {
  const e = document.createElement(tag);
  if (clase) e.className = clase;
  if (texto !== undefined) e.textContent = texto;
  return e;
};

function pintar(r) {
  slot('comercio').textContent = r.comercio;
  slot('fecha').textContent = fecha.format(new Date(r.created_at)).replace(',', '');
  slot('cajero').textContent = r.cajero;
  if (r.numero_ticket && r.punto_de_venta) {
    slot('numero').textContent = `${String(r.punto_de_venta).padStart(4, '0')}-${String(r.numero_ticket).padStart(8, '0')}`;
    slot('numero-fila').hidden = false;
  }
  if (r.enviado) slot('estado').textContent = 'Venta enviada al servidor.';
  slot('lineas').replaceChildren(...r.lineas.map((l) => {
    const tr = el('tr', 'ticket-linea');
    const td = el('td');
    td.append(el('span', 'ticket-linea-nombre', l.nombre), el('span', 'ticket-linea-detalle', `${l.cantidad} x ${formatMoney(l.precio)}`));
    tr.append(td, el('td', 'num', formatMoney(l.subtotal)));
    return tr;
  }));
  const dl = slot('totales');
  const par = (dt, dd, clase) => dl.append(el('dt', clase, dt), el('dd', clase, dd));
  par('TOTAL', formatMoney(r.total), 'ticket-total');
  dl.lastElementChild?.setAttribute('data-ticket-total', '');
  for (const p of r.pagos) par(METODOS[p.metodo] ?? p.metodo, formatMoney(p.monto));
  if (r.vuelto > 0) par('Vuelto', formatMoney(r.vuelto));
}

function ajustarPagina() {
  const hoja = document.getElementById('ticket');
  const sheet = [...document.styleSheets].find((s) => s.href?.includes('/css/pos.css'));
  if (hoja && sheet) sheet.insertRule(paginaTicket(80, hoja.getBoundingClientRect().height), sheet.cssRules.length);
}

document.addEventListener('click', (evt) => {
  if (/** @type {Element} */ (evt.target).closest?.('[data-print]')) {
    evt.preventDefault();
    window.print();
  }
});

async function main() {
  const params = new URLSearchParams(location.search);
  const id = params.get('id') ?? '';
  let recibo = null;
  try {
    const db = await abrirDb();
    recibo = await leerRecibo(db, id);
    db.close();
  } catch {
    recibo = null;
  }
  if (!recibo) {
    slot('no-encontrado').hidden = false;
    document.getElementById('ticket').hidden = true;
    return;
  }
  pintar(recibo);
  document.body.dataset.listo = 'true';
  ajustarPagina();
  if (params.get('print') === '1') {
    if (window.opener) window.addEventListener('afterprint', () => window.close(), { once: true });
    window.print();
  }
}
main();
