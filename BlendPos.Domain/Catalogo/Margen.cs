namespace BlendPos.Domain.Catalogo;

/// <summary>Markup of a product: how much the sale price is over cost, in percent of cost.</summary>
public static class Margen
{
    /// <summary>
    /// <c>(venta - costo) * 100 / costo</c>, rounded to 2 decimals half away from zero; null when
    /// <paramref name="costo"/> is 0 or less (no markup can be computed).
    /// </summary>
    /// <remarks>
    /// Must give exactly what the database stores in <c>productos.margen_pct</c>, the generated column
    /// <c>CASE WHEN precio_costo &gt; 0 THEN round((precio_venta - precio_costo) * 100 / precio_costo, 2) END</c>,
    /// so a preview (CSV dry run, the product form) shows the number that will be saved. PostgreSQL's
    /// <c>round(numeric, int)</c> rounds half away from zero, hence <see cref="MidpointRounding.AwayFromZero"/>
    /// (not the banker's rounding <see cref="Math.Round(decimal, int)"/> defaults to). Both sides divide with at
    /// least 16 significant digits, far more than needed to land on the same side of a midpoint for prices with
    /// 2 decimals. Change both together.
    /// </remarks>
    public static decimal? Pct(decimal costo, decimal venta)
    {
        if (costo <= 0m) return null;
        return Math.Round((venta - costo) * 100m / costo, 2, MidpointRounding.AwayFromZero);
    }
}
