// The till's requests to the server go through htmx (its swaps render the server's partials); these helpers tell the
// callers whether the server answered, so a failed request can fall back to the offline mode (pos/offline.js).

/**
 * An htmx POST from `opts.source`; resolves to the HTTP status (0: the network failed). Never rejects.
 * @param {string} url
 * @param {any} opts htmx.ajax's options; `source` identifies the request in htmx:afterRequest
 * @returns {Promise<number>}
 */
export function ajax(url, opts) {
  const htmx = /** @type {any} */ (window).htmx;
  return new Promise((resolve) => {
    let status = 0;
    const fin = (/** @type {any} */ evt) => {
      if (evt.detail?.elt === opts.source) status = evt.detail.xhr?.status ?? 0;
    };
    document.addEventListener('htmx:afterRequest', fin);
    htmx.ajax('POST', url, opts).then(() => resolve(status), () => resolve(0))
      .finally(() => document.removeEventListener('htmx:afterRequest', fin));
  });
}

/** Removes app.js's network-error alert: the request failed, but the till kept selling offline. */
export const sinAlertaDeRed = () => document.getElementById('htmx-error')?.remove();
