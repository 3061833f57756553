// Pure pieces of the price-check screen (/precio), kept apart from the DOM so node --test can run them.

export const RESET_MS_DEFAULT = 10_000;
export const RESET_MS_MIN = 1_000;
export const RESET_MS_MAX = 60_000;

/**
 * Reads data-reset-ms: the delay before a result gives way to the welcome screen. The server already clamps it;
 * this clamps again so a hand-edited page can never spin (0) or stick (hours).
 * @param {string | null | undefined} value
 * @returns {number}
 */
export function parseResetMs(value) {
  const n = Number.parseInt(String(value ?? ''), 10);
  if (!Number.isFinite(n)) return RESET_MS_DEFAULT;
  return Math.min(RESET_MS_MAX, Math.max(RESET_MS_MIN, n));
}

/**
 * What a scan sent: the input's value without the spaces around it, or null when there is nothing to look up
 * (an Enter on an empty input). The server decides whether the code is well formed.
 * @param {string | null | undefined} raw
 * @returns {string | null}
 */
export function scannedCode(raw) {
  const code = String(raw ?? '').trim();
  return code === '' ? null : code;
}

/**
 * Whether an htmx response for the scan is a failure the screen must explain itself (rate limited, server error)
 * rather than swap: the lookup answers every result, found or not, with 200.
 * @param {number} status
 */
export function isFailedLookup(status) {
  return !(status >= 200 && status < 300);
}

/**
 * A one-shot timer that calls onIdle `delay` ms after the last arm(); arming again restarts it.
 * @param {number} delay
 * @param {() => void} onIdle
 * @param {{ set: (fn: () => void, ms: number) => unknown, clear: (id: unknown) => void }} [timers]
 */
export function createIdleTimer(delay, onIdle, timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (id) => clearTimeout(id) }) {
  let id = null;
  const cancel = () => {
    if (id !== null) timers.clear(id);
    id = null;
  };
  return {
    arm() {
      cancel();
      id = timers.set(() => {
        id = null;
        onIdle();
      }, delay);
    },
    cancel,
    get armed() {
      return id !== null;
    },
  };
}
