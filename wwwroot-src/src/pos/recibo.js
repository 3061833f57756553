// The online receipt page (/ventas/{id}/ticket, _TicketLayout loads pos.js): [data-print] prints, the printed page is as
// long as the receipt, and <body data-print-auto> (?print=1) prints on load and closes a window the POS opened.
import { paginaTicket } from '../lib/cart.js';

export function iniciarRecibo() {
  document.addEventListener('click', (evt) => {
    const target = /** @type {Element | null} */ (evt.target);
    if (target?.closest?.('[data-print]')) {
      evt.preventDefault();
      window.print();
    }
  });
  if (document.body?.classList.contains('ticket')) ajustarPaginaTicket();
  if (document.body?.dataset.printAuto === 'true') {
    window.addEventListener('load', () => {
      // A window the POS opened closes once printed (kiosk printing returns at once), giving the till its focus back.
      if (window.opener) window.addEventListener('afterprint', () => window.close(), { once: true });
      window.print();
    });
  }
}

/** Sizes the printed page to the receipt: thermal paper is a roll, the page is as long as the ticket. */
function ajustarPaginaTicket() {
  const hoja = document.getElementById('ticket');
  const sheet = [...document.styleSheets].find((s) => s.href?.includes('/css/pos.css'));
  if (!hoja || !sheet) return;
  const ancho = document.body.classList.contains('ticket-58mm') ? 58 : 80;
  const rule = paginaTicket(ancho, hoja.getBoundingClientRect().height);
  sheet.insertRule(rule, sheet.cssRules.length);
}
