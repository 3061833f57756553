using BlendPos.Domain.Catalogo;

namespace BlendPos.Tests.Domain;

// Margen.Pct must equal the margen_pct generated column:
// CASE WHEN precio_costo > 0 THEN round((precio_venta - precio_costo) * 100 / precio_costo, 2) END.
public class MargenTests
{
    public static TheoryData<decimal, decimal, decimal> Markups => new()
    {
        { 100m, 150m, 50m },
        { 100m, 100m, 0m },
        { 100m, 80m, -20m },
        { 1000m, 2500m, 150m },
        { 3m, 4m, 33.33m },
        { 3m, 5m, 66.67m },
        { 1234.56m, 1999.99m, 62m }, // 62.0002…
        { 0.01m, 0.02m, 100m },
    };

    [Theory]
    [MemberData(nameof(Markups))]
    public void Markup_is_the_gain_over_cost_in_percent(decimal costo, decimal venta, decimal expected) =>
        Assert.Equal(expected, Margen.Pct(costo, venta));

    // The midpoints where banker's rounding (Math.Round's default) would disagree with PostgreSQL.
    public static TheoryData<decimal, decimal, decimal> Midpoints => new()
    {
        { 8m, 8.01m, 0.13m }, // 0.125
        { 80m, 80.02m, 0.03m }, // 0.025
        { 8m, 7.99m, -0.13m }, // -0.125
        { 16m, 16.02m, 0.13m }, // 0.125
        { 40m, 40.01m, 0.03m }, // 0.025
    };

    [Theory]
    [MemberData(nameof(Midpoints))]
    public void Half_cent_of_a_percent_rounds_away_from_zero_like_postgresql(decimal costo, decimal venta, decimal expected) =>
        Assert.Equal(expected, Margen.Pct(costo, venta));

    public static TheoryData<decimal> NoCost => new() { 0m, -0.01m, -100m };

    [Theory]
    [MemberData(nameof(NoCost))]
    public void Without_a_positive_cost_there_is_no_markup(decimal costo) =>
        Assert.Null(Margen.Pct(costo, 100m));

    [Fact]
    public void Markup_has_two_decimals() =>
        Assert.Equal(2, (decimal.GetBits(Margen.Pct(7m, 10m)!.Value)[3] >> 16) & 0xFF);
}
