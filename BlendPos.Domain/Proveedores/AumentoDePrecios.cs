namespace BlendPos.Domain.Proveedores;

/// <summary>
/// A supplier's price rise (or cut) in percent, applied to <c>precio_venta</c>. Rounding: to the cent, half away from
/// zero (PostgreSQL's <c>round(numeric, 2)</c>, which the bulk UPDATE uses: the preview and the write agree). No rounding
/// to $10: a kiosk that wants round prices edits the few that matter; silently moving 5,000 prices by up to $5 each
/// would not be the percentage the owner typed.
/// </summary>
public static class AumentoDePrecios
{
    public const decimal Minimo = -90m;
    public const decimal Maximo = 1000m;

    public const string Regla = "Los precios nuevos se redondean al centavo (0,005 sube).";

    /// <summary>Null when <paramref name="porcentaje"/> can be applied, otherwise the reason in Spanish.</summary>
    public static string? Validar(decimal? porcentaje)
    {
        if (porcentaje is not { } p) return "Ingresá el porcentaje (por ejemplo 12,5 para subir o -5 para bajar).";
        if (p == 0m) return "El porcentaje no puede ser 0.";
        if (!Money.HasAtMostTwoDecimals(p)) return "El porcentaje admite hasta 2 decimales.";
        if (p < Minimo || p > Maximo) return $"El porcentaje debe estar entre {Minimo:0} % y {Maximo:0} %.";
        return null;
    }

    /// <summary>The new price: <c>round(precio * (100 + porcentaje) / 100, 2)</c>, as the SQL computes it.</summary>
    public static decimal Aplicar(decimal precio, decimal porcentaje) =>
        Math.Round(precio * (100m + porcentaje) / 100m, 2, MidpointRounding.AwayFromZero);
}
