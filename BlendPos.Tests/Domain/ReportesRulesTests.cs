using BlendPos.Domain.Reportes;

namespace BlendPos.Tests.Domain;

public sealed class ReportesRulesTests
{
    private static readonly TimeZoneInfo Ar = TimeZoneInfo.FindSystemTimeZoneById("America/Argentina/Buenos_Aires");
    private static readonly DateOnly Hoy = new(2026, 12, 8);

    [Fact]
    public void A_period_is_Argentine_days_so_its_bounds_are_three_in_the_morning_UTC()
    {
        var p = new Periodo(new DateOnly(2026, 10, 14), new DateOnly(2026, 10, 15));
        Assert.Equal(new DateTimeOffset(2026, 10, 14, 3, 0, 0, TimeSpan.Zero), p.InicioUtc(Ar));
        Assert.Equal(new DateTimeOffset(2026, 10, 16, 3, 0, 0, TimeSpan.Zero), p.FinUtc(Ar));
        Assert.Equal(2, p.Dias);
        Assert.Equal([new DateOnly(2026, 10, 14), new DateOnly(2026, 10, 15)], p.CadaDia());
        // 23:59 in Argentina is 02:59 UTC of the next day, and still the 14th.
        Assert.Equal(new DateOnly(2026, 10, 14), Periodo.DiaDe(new DateTimeOffset(2026, 10, 15, 2, 59, 0, TimeSpan.Zero), Ar));
    }

    [Fact]
    public void Missing_dates_default_to_the_last_30_days_and_bad_ranges_are_refused_in_Spanish()
    {
        Assert.Equal(new Periodo(Hoy.AddDays(-29), Hoy), Periodo.Crear(null, null, Hoy).Periodo);
        Assert.Equal(new Periodo(Hoy.AddDays(-5), Hoy), Periodo.Crear(Hoy.AddDays(-5), null, Hoy).Periodo);
        Assert.Equal(new Periodo(Hoy.AddDays(-39), Hoy.AddDays(-10)), Periodo.Crear(null, Hoy.AddDays(-10), Hoy).Periodo);
        Assert.Equal("La fecha «desde» es posterior a «hasta».", Periodo.Crear(Hoy, Hoy.AddDays(-1), Hoy).Error);
        Assert.Equal(366, Periodo.Crear(Hoy.AddDays(-365), Hoy, Hoy).Periodo!.Dias);
        Assert.Equal("El período puede abarcar hasta 366 días.", Periodo.Crear(Hoy.AddDays(-366), Hoy, Hoy).Error);
    }

    [Theory]
    [InlineData(4749, 4, 1187.25)]
    [InlineData(100, 3, 33.33)]
    [InlineData(200, 3, 66.67)]
    [InlineData(0, 0, 0)]
    public void The_average_ticket_is_rounded_once_half_away_from_zero(decimal total, int tickets, decimal promedio) =>
        Assert.Equal(promedio, Agregados.TicketPromedio(total, tickets));

    [Fact]
    public void Margin_is_a_share_of_revenue_and_absent_without_revenue()
    {
        Assert.Equal(26.67m, Agregados.MargenPct(3000m, 2200m));
        Assert.Equal(-10m, Agregados.MargenPct(1000m, 1100m));
        Assert.Null(Agregados.MargenPct(0m, 100m));
        Assert.Equal(42.8m, Agregados.Participacion(126_400m, 295_000m));
        Assert.Equal(0m, Agregados.Participacion(5m, 0m));
    }

    [Fact]
    public void Gaps_are_filled_with_zero_for_the_charts()
    {
        (int Hora, decimal Total)[] filas = [(9, 10m), (23, 5m)];
        var horas = Agregados.PorHora<(int Hora, decimal Total)>(filas, h => h.Hora, h => (h, 0m));
        Assert.Equal(24, horas.Count);
        Assert.Equal((9, 10m), horas[9]);
        Assert.Equal((0, 0m), horas[0]);
        var p = new Periodo(new DateOnly(2026, 1, 30), new DateOnly(2026, 2, 2));
        (DateOnly Dia, int N)[] porDia = [(new DateOnly(2026, 2, 1), 3)];
        var dias = Agregados.PorDia<(DateOnly Dia, int N)>(p, porDia, d => d.Dia, d => (d, 0));
        Assert.Equal([0, 0, 3, 0], dias.Select(d => d.N));
    }
}
