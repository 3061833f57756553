// The void dialog (F8 or «Anular»): a supervisor types their credentials at this terminal and picks one of this
// register's last sales (#pos-ultimas); the cashier stays signed in. It needs the server: offline it only says so.
// The password never stays in the page, whatever the answer.

/**
 * @param {{
 *   off: { readonly offline: boolean, marcarOffline: () => void },
 *   mostrarMensaje: (texto: string) => void,
 * }} deps
 */
export function crearAnular({ off, mostrarMensaje }) {
  const htmx = /** @type {any} */ (window).htmx;
  const dlgAnular = /** @type {HTMLDialogElement} */ (document.getElementById('pos-anular'));
  const anularForm = /** @type {HTMLFormElement} */ (document.getElementById('pos-anular-form'));
  const anularResultado = /** @type {HTMLElement} */ (document.getElementById('pos-anular-resultado'));
  let anulando = false;

  function abrir() {
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
    const select = /** @type {HTMLSelectElement} */ (anularForm.querySelector('[data-anular-ventas]'));
    select.replaceChildren(...ventas.map((li) => new Option(`Ticket ${li.dataset.ticket} — ${li.dataset.total}`, li.dataset.ventaId)));
    anularForm.reset();
    select.selectedIndex = 0;
    anularResultado.replaceChildren();
    dlgAnular.classList.remove('pos-hecho');
    dlgAnular.showModal();
    /** @type {HTMLElement} */ (anularForm.querySelector('[name="anular_usuario"]')).focus();
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

  return { abrir };
}
