// Antiforgery (CSRF) token plumbing for htmx requests.
// The Razor layout renders: <meta name="request-verification-token" content="...">
// and ASP.NET Core's antiforgery validates the header below (AntiforgeryOptions.HeaderName).

export const ANTIFORGERY_META = 'request-verification-token';
export const ANTIFORGERY_HEADER = 'RequestVerificationToken';

/**
 * Returns the antiforgery token from the page's <meta>, or null when the page has none
 * (anonymous pages, or a meta with an empty content).
 * @param {{ querySelector(selector: string): ({ getAttribute(name: string): string | null } | null) }} doc
 * @returns {string | null}
 */
export function readAntiforgeryToken(doc) {
  const meta = doc?.querySelector(`meta[name="${ANTIFORGERY_META}"]`);
  const token = meta?.getAttribute('content')?.trim();
  return token ? token : null;
}

/**
 * Adds the antiforgery header to a headers object (htmx's `evt.detail.headers`) when the page has a token.
 * Returns true when the header was set.
 * @param {Record<string, string>} headers
 * @param {Parameters<typeof readAntiforgeryToken>[0]} doc
 */
export function addAntiforgeryHeader(headers, doc) {
  const token = readAntiforgeryToken(doc);
  if (token === null) return false;
  headers[ANTIFORGERY_HEADER] = token;
  return true;
}
