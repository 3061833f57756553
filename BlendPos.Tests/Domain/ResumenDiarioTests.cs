using BlendPos.Domain.Reportes;

namespace BlendPos.Tests.Domain;

/// <summary>Which days the summary job does and which days a report reads live (ResumenDiario).</summary>
public sealed class ResumenDiarioTests
{
    private static readonly DateOnly Hoy = new(2026, 12, 8);

    private static DateOnly D(int dia) => new(2026, 12, dia);

    [Fact]
    public void The_job_summarizes_every_ended_day_without_a_clean_summary_and_never_today()
    {
        Assert.Equal([D(1), D(3), D(6), D(7)], ResumenDiario.PorResumir(D(1), Hoy, [D(2), D(4), D(5)]));
        Assert.Empty(ResumenDiario.PorResumir(D(1), Hoy, [D(1), D(2), D(3), D(4), D(5), D(6), D(7)]));
        Assert.Empty(ResumenDiario.PorResumir(Hoy, Hoy, []));     // the first sale is today's: nothing has ended
        Assert.Empty(ResumenDiario.PorResumir(null, Hoy, []));    // no sale at all
        Assert.False(ResumenDiario.Resumible(Hoy, Hoy));
        Assert.True(ResumenDiario.Resumible(D(7), Hoy));
    }

    [Fact]
    public void A_report_reads_clean_days_from_the_summaries_and_the_rest_live_as_ranges_of_consecutive_days()
    {
        var plan = ResumenDiario.Plan(new Periodo(D(1), Hoy), [D(1), D(2), D(4), D(5), D(6)]);
        Assert.Equal([D(1), D(2), D(4), D(5), D(6)], plan.Resumidos);
        Assert.Equal([(D(3), D(3)), (D(7), D(8))], plan.Vivos);

        // Nothing summarized: the whole period is one live range (the live query as it was).
        Assert.Equal([(D(1), D(8))], ResumenDiario.Plan(new Periodo(D(1), Hoy), []).Vivos);
        // Summaries outside the period are not used.
        Assert.Equal([D(5)], ResumenDiario.Plan(new Periodo(D(5), D(5)), [D(4), D(5), D(6)]).Resumidos);
    }

    [Fact]
    public void From_the_first_day_of_a_drawer_the_reader_may_not_see_everything_is_read_live()
    {
        var plan = ResumenDiario.Plan(new Periodo(D(1), Hoy), [D(1), D(2), D(3), D(4), D(5), D(6), D(7)], desdeVivo: D(6));
        Assert.Equal([D(1), D(2), D(3), D(4), D(5)], plan.Resumidos);
        Assert.Equal([(D(6), D(8))], plan.Vivos);
    }
}
