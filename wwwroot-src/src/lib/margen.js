// Live margin on the product form. Mirrors BlendPos.Domain.Catalogo.Margen.Pct (markup over cost, 2 decimals, half
// away from zero); the server recomputes and stores the real figure, this is only a preview while typing.

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
