// Money in the browser, once: reading what a person types (es-AR or invariant) and writing it as es-AR. Mirrors
// BlendPos.Domain.Money (TryParse, Format); the server always recomputes, these only preview and fill inputs.

/** Parses "1234,50", "1.234,50", "1234.50" or "$ 1.234"; null when it is not a valid amount. */
export function parseMoney(text) {
  if (text == null) return null;
  let s = String(text).trim().replace(/^\$\s*/, '');
  if (!/^[0-9.,]+$/.test(s)) return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let intPart = s;
  let decPart = '';
  if (lastComma >= 0 && lastDot >= 0) {
    // Both present: the last one is the decimal separator, the other groups thousands.
    const dec = lastComma > lastDot ? ',' : '.';
    const grp = dec === ',' ? '.' : ',';
    const i = s.lastIndexOf(dec);
    intPart = s.slice(0, i);
    decPart = s.slice(i + 1);
    if (!new RegExp(`^[1-9][0-9]{0,2}(\\${grp}[0-9]{3})*$`).test(intPart)) return null;
    intPart = intPart.split(grp).join('');
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? ',' : '.';
    const parts = s.split(sep);
    if (parts.length === 2 && parts[1].length >= 1 && parts[1].length <= 2) {
      intPart = parts[0];
      decPart = parts[1];
    } else if (sep === '.' && parts.every((p, i) => (i === 0 ? /^[1-9][0-9]{0,2}$/.test(p) : /^[0-9]{3}$/.test(p)))) {
      intPart = parts.join(''); // "1.234" is one thousand two hundred thirty-four in es-AR
    } else {
      return null;
    }
  }
  if (!/^[0-9]+$/.test(intPart) || !/^[0-9]{0,2}$/.test(decPart)) return null;
  return Number(`${intPart}.${decPart || '0'}`);
}

/**
 * "4.000,00" (es-AR, 2 decimals, half away from zero), "-1,50" for negatives. Built by hand so it reads the same
 * in every browser and in node, whatever its ICU data.
 * @param {number} value
 */
export function formatMoneyPlain(value) {
  const cents = Math.round(Math.abs(value) * 100 + 1e-9);
  const entero = Math.floor(cents / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const decimales = String(cents % 100).padStart(2, '0');
  return `${value < 0 && cents !== 0 ? '-' : ''}${entero},${decimales}`;
}

/** "$ 4.000,00", or "-$ 1,50" (as BlendPos.Domain.Money.Format writes it). */
export function formatMoney(value) {
  const plain = formatMoneyPlain(value);
  return plain.startsWith('-') ? `-$ ${plain.slice(1)}` : `$ ${plain}`;
}

/** "1234,50" for an input (no thousands dots, so the server and parseMoney read it the same way). */
export function montoParaInput(value) {
  const cents = Math.round(value * 100);
  return `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}
