// BlendPOS page bootstrap: htmx + the small behaviours every page uses.
// Loaded on every page by the Razor layout: <script src="/js/app.js" defer></script> (an IIFE bundle).
// The site runs under a strict Content-Security-Policy: no inline scripts, no inline styles, no eval.
import htmx from 'htmx.org';
import { addAntiforgeryHeader } from './lib/csrf.js';
import { dismissAlert, focusAutofocus, guardConfirm } from './lib/behaviors.js';
import { protegerSalida } from './offline/salir.js';

// ---------------------------------------------------------------------------------------------
// htmx configuration (set before DOMContentLoaded, when htmx reads it: load this script with defer).
// Do not add a <meta name="htmx-config">: it would be merged over these values.
// ---------------------------------------------------------------------------------------------
Object.assign(htmx.config, {
  includeIndicatorStyles: false, // htmx would inject a <style> tag; .htmx-indicator lives in app.css
  allowEval: false,              // no hx-on:*, no js: in hx-vals, no [filters] in hx-trigger
  allowScriptTags: false,        // <script> in swapped content is never run
  selfRequestsOnly: true,        // only same-origin requests
  historyRestoreAsHxRequest: false, // a history-cache miss reloads the full page, not a partial
  // 422 (validation failed) swaps like 200 so the server can re-render a form with its errors;
  // other 4xx/5xx raise htmx:responseError (handled below). First match wins.
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '422', swap: true },
    { code: '[45]..', swap: false, error: true },
  ],
});

// Several scripts (pos.js, tests, the console) expect the global.
window.htmx = htmx;

// Every htmx request carries the antiforgery token from <meta name="request-verification-token">.
document.addEventListener('htmx:configRequest', (evt) => {
  addAntiforgeryHeader(evt.detail.headers, document);
});

// data-confirm on buttons, links and forms (capture phase: runs before htmx and the browser).
const ask = (message) => window.confirm(message);
document.addEventListener('click', (evt) => guardConfirm(evt, ask), true);
document.addEventListener('submit', (evt) => guardConfirm(evt, ask), true);

// Sign-out: the till page kept for offline use goes; waiting offline sales are mentioned first.
protegerSalida({ confirmar: ask });

// [data-dismiss] closes its .alert.
document.addEventListener('click', dismissAlert);

// [data-autofocus]: on first load (htmx fires htmx:load for <body>) and in every swapped fragment.
htmx.onLoad(focusAutofocus);

// ---------------------------------------------------------------------------------------------
// Request failures: show one dismissible alert instead of failing silently.
// It goes into [data-flash] when the page has one, else at the top of <main>.
// ---------------------------------------------------------------------------------------------
const ERROR_ALERT_ID = 'htmx-error';

function showRequestError(message) {
  document.getElementById(ERROR_ALERT_ID)?.remove();
  const host = document.querySelector('[data-flash]') || document.querySelector('main');
  if (!host) return;

  // Built with DOM APIs (no innerHTML): nothing from the response is interpreted as markup.
  const alert = document.createElement('div');
  alert.id = ERROR_ALERT_ID;
  alert.className = 'alert alert-error';
  alert.setAttribute('role', 'alert');
  const text = document.createElement('span');
  text.textContent = message;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'alert-close';
  close.setAttribute('data-dismiss', '');
  close.setAttribute('aria-label', 'Cerrar');
  close.textContent = '×';
  alert.append(text, close);
  host.prepend(alert);
}

document.addEventListener('htmx:responseError', (evt) => {
  const status = evt.detail.xhr?.status;
  const message =
    status === 401 ? 'Tu sesión expiró. Volvé a ingresar.' :
    status === 403 ? 'No tenés permiso para hacer esto.' :
    status === 404 ? 'No se encontró lo que buscabas.' :
    status === 409 ? 'Otro usuario modificó estos datos. Recargá la página.' :
    `Error del servidor (${status}). Intentá de nuevo.`;
  showRequestError(message);
});

document.addEventListener('htmx:sendError', () => {
  showRequestError('Sin conexión con el servidor. Revisá la red e intentá de nuevo.');
});

// A successful request clears a previous error.
document.addEventListener('htmx:afterRequest', (evt) => {
  if (evt.detail.successful) document.getElementById(ERROR_ALERT_ID)?.remove();
});
