// Small declarative behaviours that replace inline handlers (the CSP forbids onclick="...").
// Each function takes the event/element it works on, so it can be tested with plain fakes.

// Elements whose click "does something" (submits, navigates or fires an htmx request).
const CLICKABLE = 'button, a[href], input[type="submit"], input[type="button"], input[type="image"]';

/**
 * data-confirm="¿Seguro?" on a button/link (click) or on a form (submit) asks before going on.
 * A refusal cancels the default action and stops the event before htmx or the form sees it
 * (the listener is registered in the capture phase on the document).
 * Returns true when the action may proceed.
 * @param {Event} event a 'click' or 'submit' event
 * @param {(message: string) => boolean} ask usually window.confirm
 */
export function guardConfirm(event, ask) {
  const target = /** @type {Element|null} */ (event.target);
  if (!target || typeof target.closest !== 'function') return true;

  let el = null;
  if (event.type === 'submit') {
    el = target.hasAttribute('data-confirm') ? target : null; // the form itself
  } else if (event.type === 'click') {
    // Look for the clickable element first: the closest [data-confirm] could be the surrounding form,
    // whose question belongs to the submit event (asking twice would be annoying).
    const clickable = target.closest(CLICKABLE);
    el = clickable && clickable.hasAttribute('data-confirm') ? clickable : null;
  }
  if (!el) return true;

  const message = el.getAttribute('data-confirm') || '¿Confirmás esta acción?';
  if (ask(message)) return true;
  event.preventDefault();
  event.stopImmediatePropagation();
  return false;
}

/**
 * A click on a [data-dismiss] button hides its closest .alert (sets the `hidden` attribute).
 * Returns true when an alert was hidden.
 * @param {Event} event
 */
export function dismissAlert(event) {
  const target = /** @type {Element|null} */ (event.target);
  const button = target?.closest?.('[data-dismiss]');
  const alert = button?.closest('.alert');
  if (!alert) return false;
  event.preventDefault();
  alert.hidden = true;
  return true;
}

/**
 * Focuses the first [data-autofocus] element in root (root included). Used on page load and on
 * every htmx swap, so a re-rendered form or the POS scan box gets the caret back.
 * Returns the focused element or null.
 * @param {Element} root
 */
export function focusAutofocus(root) {
  if (!root) return null;
  const el = root.matches?.('[data-autofocus]') ? root : root.querySelector?.('[data-autofocus]');
  if (!el || typeof el.focus !== 'function') return null;
  el.focus();
  return el;
}
