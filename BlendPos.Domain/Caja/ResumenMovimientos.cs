namespace BlendPos.Domain.Caja;

/// <summary>One kind of drawer movement on the closing report: how many and their signed sum.</summary>
public sealed record TotalPorTipo(TipoMovimientoCaja Tipo, int Cantidad, decimal Total);

/// <summary>
/// The closing report's totals (issue 15: the 80 mm roll prints these instead of every movement): per kind of movement
/// and per payment method, from the session's signed movements (egresos and voids are negative). Pure.
/// </summary>
public static class ResumenMovimientos
{
    /// <summary>
    /// Every kind, in a fixed order (sales, voids, ingresos, egresos), with zero when none happened. A sale paid two ways
    /// is two movements of one sale: movements with the same reference (the sale) count once.
    /// </summary>
    public static IReadOnlyList<TotalPorTipo> PorTipo(IEnumerable<(TipoMovimientoCaja Tipo, Guid? Referencia, decimal Monto)> movimientos)
    {
        var lista = movimientos.ToList();
        return Orden.Select(t =>
        {
            var deEse = lista.Where(m => m.Tipo == t).ToList();
            var cantidad = deEse.Where(m => m.Referencia is not null).Select(m => m.Referencia).Distinct().Count()
                           + deEse.Count(m => m.Referencia is null);
            return new TotalPorTipo(t, cantidad, deEse.Sum(m => m.Monto));
        }).ToList();
    }

    /// <summary>
    /// What was sold per payment method, net of voids: the sale movements (cash is paid minus change) plus the void
    /// movements (negative). Manual ingresos and egresos are not sales; the opening cash is not in it.
    /// </summary>
    public static MontosPorMetodo VentasPorMetodo(IEnumerable<(TipoMovimientoCaja Tipo, MetodoPago? Metodo, decimal Monto)> movimientos) =>
        ArqueoRules.Esperado(0m, movimientos
            .Where(m => m.Tipo is TipoMovimientoCaja.Venta or TipoMovimientoCaja.Anulacion)
            .Select(m => (m.Metodo, m.Monto)));

    private static readonly TipoMovimientoCaja[] Orden =
        [TipoMovimientoCaja.Venta, TipoMovimientoCaja.Anulacion, TipoMovimientoCaja.IngresoManual, TipoMovimientoCaja.EgresoManual];
}
