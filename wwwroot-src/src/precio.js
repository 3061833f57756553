// The public price-check screen (/precio): a TV or tablet on the shop floor with a barcode scanner.
// Loaded after app.js (which brings htmx) with <script src="/js/precio.js" defer>. Strict CSP: no inline anything.
//
// - The scanner types into a visually hidden input and presses Enter; the form's hx-get asks for the _Resultado
//   partial and swaps it into #precio-resultado (hx-sync="this:replace": a newer scan aborts an older request).
// - The input keeps the focus whatever happens (blur, a tap anywhere, the tab coming back) and is emptied as soon as
//   a scan is sent, so the next scan starts clean.
// - data-reset-ms after a result, the welcome screen comes back (from <template id="precio-bienvenida">).
// - A failed request (429, 5xx, no network) shows <template id="precio-falla"> instead of app.js' generic alert.
import { createIdleTimer, isFailedLookup, parseResetMs, scannedCode } from './lib/precio.js';

const root = document.querySelector('[data-precio]');
if (root) start(root);

/** @param {HTMLElement} root */
function start(root) {
  const input = /** @type {HTMLInputElement} */ (root.querySelector('[data-precio-input]'));
  const form = input.form;
  const screen = /** @type {HTMLElement} */ (root.querySelector('#precio-resultado'));
  const welcome = /** @type {HTMLTemplateElement | null} */ (document.getElementById('precio-bienvenida'));
  const failure = /** @type {HTMLTemplateElement | null} */ (document.getElementById('precio-falla'));

  const show = (template, estado) => {
    if (template) screen.replaceChildren(template.content.cloneNode(true));
    root.dataset.estado = estado;
  };
  const idle = createIdleTimer(parseResetMs(root.dataset.resetMs), () => show(welcome, 'bienvenida'));

  // ---- Focus: the scanner is a keyboard, and it only types where the focus is. --------------------------------
  const focusInput = () => {
    if (document.activeElement !== input) input.focus({ preventScroll: true });
  };
  input.addEventListener('blur', () => setTimeout(focusInput, 0));
  // A click or tap must not take the focus away (nor select text): nothing else on this screen is usable.
  document.addEventListener('mousedown', (evt) => evt.preventDefault());
  document.addEventListener('click', focusInput);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') focusInput();
  });
  window.addEventListener('focus', focusInput);
  window.addEventListener('pageshow', focusInput);
  focusInput();

  // ---- A scan ---------------------------------------------------------------------------------------------------
  form.addEventListener('htmx:configRequest', (evt) => {
    const code = scannedCode(input.value);
    input.value = ''; // htmx has read the value already; the next scan types into an empty input
    if (code === null) {
      evt.preventDefault(); // Enter alone: nothing to look up
      return;
    }
    evt.detail.parameters.codigo = code;
    idle.cancel();
  });

  screen.addEventListener('htmx:beforeSwap', (evt) => {
    if (!isFailedLookup(evt.detail.xhr.status)) return;
    evt.detail.shouldSwap = false;
    evt.detail.isError = false; // handled here: no htmx:responseError, so no generic alert from app.js
    showFailure();
  });

  screen.addEventListener('htmx:afterSwap', () => {
    root.dataset.estado = 'resultado';
    idle.arm();
  });

  // Network down or timeout: stop the event at the form so app.js' document listener doesn't add its alert too.
  for (const name of ['htmx:sendError', 'htmx:timeout']) {
    form.addEventListener(name, (evt) => {
      evt.stopPropagation();
      showFailure();
    });
  }

  function showFailure() {
    show(failure, 'resultado');
    idle.arm();
  }

  // A result rendered by the server (a reload of /precio?codigo=…) also goes away after the delay.
  if (root.dataset.estado === 'resultado') idle.arm();
}
