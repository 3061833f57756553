namespace BlendPos.Domain.Reportes;

/// <summary>
/// The arithmetic of the reports once the database has summed: averages, margins, gaps filled for the charts. Money is
/// rounded once, here, half away from zero (as everywhere in BlendPOS).
/// </summary>
public static class Agregados
{
    /// <summary>Average ticket: total over the number of sales, 0 without sales.</summary>
    public static decimal TicketPromedio(decimal total, int tickets) => tickets <= 0 ? 0m : Money.Round(total / tickets);

    /// <summary>Gross margin in percent of revenue, <c>(ingresos - costo) * 100 / ingresos</c>; null without revenue.</summary>
    public static decimal? MargenPct(decimal ingresos, decimal costo) =>
        ingresos <= 0m ? null : Math.Round((ingresos - costo) * 100m / ingresos, 2, MidpointRounding.AwayFromZero);

    /// <summary>One value per hour 0–23: the hours the database had no row for are zero.</summary>
    public static IReadOnlyList<T> PorHora<T>(IEnumerable<T> filas, Func<T, int> hora, Func<int, T> vacia)
    {
        var porHora = filas.ToDictionary(hora);
        return Enumerable.Range(0, 24).Select(h => porHora.TryGetValue(h, out var f) ? f : vacia(h)).ToList();
    }

    /// <summary>One value per day of the period, in order: the days without rows are zero.</summary>
    public static IReadOnlyList<T> PorDia<T>(Periodo periodo, IEnumerable<T> filas, Func<T, DateOnly> dia, Func<DateOnly, T> vacia)
    {
        var porDia = filas.ToDictionary(dia);
        return periodo.CadaDia().Select(d => porDia.TryGetValue(d, out var f) ? f : vacia(d)).ToList();
    }

    /// <summary>Share of a part in a whole, in percent with 1 decimal; 0 when the whole is 0.</summary>
    public static decimal Participacion(decimal parte, decimal total) =>
        total == 0m ? 0m : Math.Round(parte * 100m / total, 1, MidpointRounding.AwayFromZero);
}
