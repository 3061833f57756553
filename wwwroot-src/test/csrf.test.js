import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ANTIFORGERY_HEADER,
  addAntiforgeryHeader,
  readAntiforgeryToken,
} from '../src/lib/csrf.js';

/** A document-like fake: querySelector answers only the exact meta selector it was given. */
function fakeDocument(metas) {
  return {
    queried: [],
    querySelector(selector) {
      this.queried.push(selector);
      const m = /^meta\[name="([^"]+)"\]$/.exec(selector);
      if (!m || !(m[1] in metas)) return null;
      const content = metas[m[1]];
      return { getAttribute: (name) => (name === 'content' ? content : null) };
    },
  };
}

test('reads the token from <meta name="request-verification-token">', () => {
  const doc = fakeDocument({ 'request-verification-token': 'CfDJ8abc-123_xyz' });
  assert.equal(readAntiforgeryToken(doc), 'CfDJ8abc-123_xyz');
  assert.deepEqual(doc.queried, ['meta[name="request-verification-token"]']);
});

test('returns null when the page has no token meta', () => {
  assert.equal(readAntiforgeryToken(fakeDocument({ 'csrf-token': 'other-name' })), null);
});

test('returns null for an empty or missing content attribute', () => {
  assert.equal(readAntiforgeryToken(fakeDocument({ 'request-verification-token': '' })), null);
  assert.equal(readAntiforgeryToken(fakeDocument({ 'request-verification-token': '   ' })), null);
  assert.equal(readAntiforgeryToken(fakeDocument({ 'request-verification-token': null })), null);
});

test('trims whitespace around the token', () => {
  const doc = fakeDocument({ 'request-verification-token': '  tok\n' });
  assert.equal(readAntiforgeryToken(doc), 'tok');
});

test('tolerates a missing document', () => {
  assert.equal(readAntiforgeryToken(undefined), null);
});

test('adds the RequestVerificationToken header that ASP.NET Core antiforgery expects', () => {
  assert.equal(ANTIFORGERY_HEADER, 'RequestVerificationToken');
  const headers = { 'HX-Request': 'true' };
  assert.equal(addAntiforgeryHeader(headers, fakeDocument({ 'request-verification-token': 't0k' })), true);
  assert.deepEqual(headers, { 'HX-Request': 'true', RequestVerificationToken: 't0k' });
});

test('leaves the headers untouched when there is no token', () => {
  const headers = { 'HX-Request': 'true' };
  assert.equal(addAntiforgeryHeader(headers, fakeDocument({})), false);
  assert.deepEqual(headers, { 'HX-Request': 'true' });
});
