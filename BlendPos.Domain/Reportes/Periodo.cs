namespace BlendPos.Domain.Reportes;

/// <summary>
/// The days a report covers: Argentine calendar days from <see cref="Desde"/> to <see cref="Hasta"/>, both included.
/// The database is asked for <c>[InicioUtc, FinUtc)</c>, so a sale at 23:59 Argentina time (02:59 UTC of the next day)
/// stays on its own day.
/// </summary>
public sealed record Periodo(DateOnly Desde, DateOnly Hasta)
{
    /// <summary>A year and a day: the longest range a report answers (the benchmark's year of sales).</summary>
    public const int MaxDias = 366;

    /// <summary>Without dates a report covers the last 30 days up to today.</summary>
    public const int DiasPorDefecto = 30;

    public int Dias => Hasta.DayNumber - Desde.DayNumber + 1;

    /// <summary>Every day of the period, in order (the chart's x axis: a day without sales still shows, at zero).</summary>
    public IEnumerable<DateOnly> CadaDia() => Enumerable.Range(0, Dias).Select(Desde.AddDays);

    public DateTimeOffset InicioUtc(TimeZoneInfo tz) => InicioDelDia(Desde, tz);

    public DateTimeOffset FinUtc(TimeZoneInfo tz) => InicioDelDia(Hasta.AddDays(1), tz);

    /// <summary>Today alone (the dashboard).</summary>
    public static Periodo Dia(DateOnly dia) => new(dia, dia);

    /// <summary>The Argentine calendar day of an instant.</summary>
    public static DateOnly DiaDe(DateTimeOffset instante, TimeZoneInfo tz) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instante, tz).DateTime);

    /// <summary>
    /// The period a filter asks for, or why not. Missing ends default around <paramref name="hoy"/>: no dates → the last
    /// <see cref="DiasPorDefecto"/> days; only one date → that day to today (or 30 days up to it).
    /// </summary>
    public static ResultadoPeriodo Crear(DateOnly? desde, DateOnly? hasta, DateOnly hoy)
    {
        var h = hasta ?? (desde is { } d && d > hoy ? d : hoy);
        var dd = desde ?? h.AddDays(-(DiasPorDefecto - 1));
        if (dd > h) return new(null, "La fecha «desde» es posterior a «hasta».");
        var periodo = new Periodo(dd, h);
        if (periodo.Dias > MaxDias) return new(null, $"El período puede abarcar hasta {MaxDias} días.");
        return new(periodo, null);
    }

    private static DateTimeOffset InicioDelDia(DateOnly dia, TimeZoneInfo tz)
    {
        var local = dia.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, tz.GetUtcOffset(local)).ToUniversalTime();
    }
}

/// <summary>A period, or the Spanish reason it was refused.</summary>
public sealed record ResultadoPeriodo(Periodo? Periodo, string? Error);
