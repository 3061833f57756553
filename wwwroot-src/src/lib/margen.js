// Live margin on the product form. Mirrors BlendPos.Domain.Money.TryParse (es-AR and invariant input) and
// BlendPos.Domain.Catalogo.Margen.Pct (markup over cost, 2 decimals, half away from zero); the server recomputes
// and stores the real figure, this is only a preview while typing.

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

/** Markup over cost in percent, or null when the cost is not positive. */
export function margenPct(costo, venta) {
  if (costo == null || venta == null || !(costo > 0)) return null;
  const raw = ((venta - costo) * 100) / costo;
  return Math.sign(raw) * Math.round(Math.abs(raw) * 100 + 1e-9) / 100;
}

/** "35,00 %" in es-AR. */
export function formatPct(value) {
  if (value == null) return '—';
  return `${value.toLocaleString('es-AR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
}
