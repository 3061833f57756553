import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dismissAlert, focusAutofocus, guardConfirm } from '../src/lib/behaviors.js';

// Minimal element fake: attributes, a parent chain and a CSS-class list; closest() understands the
// handful of selectors the module uses (tag names, [attr], .class, comma lists).
function el(tag, { attrs = {}, classes = [], parent = null } = {}) {
  const node = {
    tagName: tag.toUpperCase(),
    attrs: { ...attrs },
    classes,
    parent,
    hidden: false,
    focused: false,
    children: [],
    hasAttribute: (n) => n in node.attrs,
    getAttribute: (n) => (n in node.attrs ? node.attrs[n] : null),
    matches: (sel) => sel.split(',').some((s) => matchOne(node, s.trim())),
    closest(sel) {
      for (let n = node; n; n = n.parent) if (n.matches(sel)) return n;
      return null;
    },
    querySelector(sel) {
      for (const c of node.children) {
        if (c.matches(sel)) return c;
        const d = c.querySelector(sel);
        if (d) return d;
      }
      return null;
    },
    focus() { node.focused = true; },
  };
  if (parent) parent.children.push(node);
  return node;
}

function matchOne(node, s) {
  let m;
  if ((m = /^\[([\w-]+)\]$/.exec(s))) return node.hasAttribute(m[1]);
  if ((m = /^\.([\w-]+)$/.exec(s))) return node.classes.includes(m[1]);
  if ((m = /^(\w+)\[type="(\w+)"\]$/.exec(s))) return node.tagName === m[1].toUpperCase() && node.attrs.type === m[2];
  if ((m = /^a\[href\]$/.exec(s))) return node.tagName === 'A' && 'href' in node.attrs;
  return node.tagName === s.toUpperCase();
}

function fakeEvent(type, target) {
  return {
    type,
    target,
    defaultPrevented: false,
    stopped: false,
    preventDefault() { this.defaultPrevented = true; },
    stopImmediatePropagation() { this.stopped = true; },
  };
}

test('data-confirm on a button: refusing cancels and stops the click', () => {
  const form = el('form');
  const button = el('button', { attrs: { 'data-confirm': '¿Anular la venta?' }, parent: form });
  const icon = el('span', { parent: button });
  const asked = [];
  const evt = fakeEvent('click', icon);
  assert.equal(guardConfirm(evt, (m) => { asked.push(m); return false; }), false);
  assert.deepEqual(asked, ['¿Anular la venta?']);
  assert.equal(evt.defaultPrevented, true);
  assert.equal(evt.stopped, true);
});

test('data-confirm on a button: accepting lets the click through', () => {
  const button = el('button', { attrs: { 'data-confirm': '¿Seguro?' } });
  const evt = fakeEvent('click', button);
  assert.equal(guardConfirm(evt, () => true), true);
  assert.equal(evt.defaultPrevented, false);
  assert.equal(evt.stopped, false);
});

test('data-confirm on a form asks on submit, not on the click of its button', () => {
  const form = el('form', { attrs: { 'data-confirm': '¿Cerrar la caja?' } });
  const button = el('button', { attrs: { type: 'submit' }, parent: form });
  let asked = 0;
  const ask = () => { asked++; return false; };
  assert.equal(guardConfirm(fakeEvent('click', button), ask), true);
  assert.equal(asked, 0);
  const submit = fakeEvent('submit', form);
  assert.equal(guardConfirm(submit, ask), false);
  assert.equal(asked, 1);
  assert.equal(submit.defaultPrevented, true);
});

test('an empty data-confirm still asks, with a default Spanish question', () => {
  const link = el('a', { attrs: { href: '/x', 'data-confirm': '' } });
  let message;
  guardConfirm(fakeEvent('click', link), (m) => { message = m; return true; });
  assert.equal(message, '¿Confirmás esta acción?');
});

test('clicks elsewhere never ask', () => {
  const div = el('div');
  assert.equal(guardConfirm(fakeEvent('click', div), () => assert.fail('asked')), true);
});

test('[data-dismiss] hides its closest .alert', () => {
  const alert = el('div', { classes: ['alert', 'alert-error'] });
  const button = el('button', { attrs: { 'data-dismiss': '' }, parent: alert });
  const evt = fakeEvent('click', button);
  assert.equal(dismissAlert(evt), true);
  assert.equal(alert.hidden, true);
  assert.equal(evt.defaultPrevented, true);
});

test('[data-dismiss] outside an alert does nothing', () => {
  const button = el('button', { attrs: { 'data-dismiss': '' } });
  const evt = fakeEvent('click', button);
  assert.equal(dismissAlert(evt), false);
  assert.equal(evt.defaultPrevented, false);
});

test('focusAutofocus focuses the first [data-autofocus] inside the root, or the root itself', () => {
  const main = el('main');
  const form = el('form', { parent: main });
  const first = el('input', { attrs: { 'data-autofocus': '' }, parent: form });
  const second = el('input', { attrs: { 'data-autofocus': '' }, parent: main });
  assert.equal(focusAutofocus(main), first);
  assert.equal(first.focused, true);
  assert.equal(second.focused, false);
  assert.equal(focusAutofocus(second), second);
  assert.equal(focusAutofocus(el('div')), null);
});
