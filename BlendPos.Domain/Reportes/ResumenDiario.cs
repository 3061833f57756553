namespace BlendPos.Domain.Reportes;

/// <summary>
/// Which days of a report are read from the daily summary tables and which are computed live from the sales. A day is
/// summarized only once it has ended in Argentina (<see cref="Resumible"/>); a summarized day whose sales changed since
/// (a void, a late offline sale) is dirty and read live until the job summarizes it again. So a report is always
/// exact: summary rows for the clean days, the sales themselves for the rest.
/// </summary>
public static class ResumenDiario
{
    /// <summary>A day can be summarized once it has ended: strictly before today (Argentina).</summary>
    public static bool Resumible(DateOnly dia, DateOnly hoy) => dia < hoy;

    /// <summary>
    /// The days the job still has to summarize, oldest first: every ended day from the first day with a sale up to
    /// yesterday that has no clean summary (never summarized, or dirty).
    /// </summary>
    public static IReadOnlyList<DateOnly> PorResumir(DateOnly? primerDiaConVentas, DateOnly hoy, IEnumerable<DateOnly> limpios)
    {
        if (primerDiaConVentas is not { } primero || !Resumible(primero, hoy)) return [];
        var hechos = limpios.ToHashSet();
        return Enumerable.Range(primero.DayNumber, hoy.DayNumber - primero.DayNumber)
            .Select(DateOnly.FromDayNumber).Where(d => !hechos.Contains(d)).ToList();
    }

    /// <summary>
    /// How to read <paramref name="periodo"/>: the days whose summary rows are used, and the rest as ranges of
    /// consecutive days (inclusive) to compute live. <paramref name="desdeVivo"/>: from this day on everything is read
    /// live whatever the summaries say (the first day with a sale of a drawer the reader may not see, which the summary
    /// rows cannot leave out).
    /// </summary>
    public static PlanLectura Plan(Periodo periodo, IEnumerable<DateOnly> limpios, DateOnly? desdeVivo = null)
    {
        var hechos = limpios.ToHashSet();
        var resumidos = new List<DateOnly>();
        var vivos = new List<(DateOnly Desde, DateOnly Hasta)>();
        foreach (var dia in periodo.CadaDia())
        {
            if (hechos.Contains(dia) && (desdeVivo is not { } corte || dia < corte))
            {
                resumidos.Add(dia);
                continue;
            }
            if (vivos.Count > 0 && vivos[^1].Hasta.AddDays(1) == dia) vivos[^1] = (vivos[^1].Desde, dia);
            else vivos.Add((dia, dia));
        }
        return new PlanLectura(resumidos, vivos);
    }
}

/// <param name="Resumidos">days read from the summary tables.</param>
/// <param name="Vivos">ranges of consecutive days (both ends included) read from the sales.</param>
public sealed record PlanLectura(IReadOnlyList<DateOnly> Resumidos, IReadOnlyList<(DateOnly Desde, DateOnly Hasta)> Vivos);
