using BlendPos.Domain.Ventas;

namespace BlendPos.Tests.Domain;

public sealed class VentaOfflineRulesTests
{
    private static readonly DateTimeOffset Venta = new(2026, 11, 27, 18, 0, 0, TimeSpan.FromHours(-3));
    private static DateTimeOffset Dias(double d) => Venta.AddDays(-d);

    [Theory]
    [InlineData(100, true)]   // in effect when the window opened (set 30 days before)
    [InlineData(120, true)]   // set inside the window and replaced inside it
    [InlineData(150, true)]   // the price at the moment of the sale
    [InlineData(90, false)]   // only before the window
    [InlineData(200, false)]  // set after the sale: the terminal cannot have had it
    [InlineData(1, false)]
    public void A_price_is_known_when_it_was_in_effect_at_some_moment_of_the_seven_days_before_the_sale(decimal precio, bool conocido)
    {
        PrecioVigente[] historial = [new(Dias(60), 90), new(Dias(30), 100), new(Dias(5), 120), new(Dias(2), 150), new(Venta.AddHours(1), 200)];
        Assert.Equal(conocido, VentaOfflineRules.PrecioConocido(precio, historial, Venta, precioActual: 200));
    }

    [Fact]
    public void The_window_is_exactly_seven_days_an_entry_set_at_its_opening_counts()
    {
        PrecioVigente[] historial = [new(Dias(7), 80), new(Dias(6.9), 85)];
        Assert.True(VentaOfflineRules.PrecioConocido(80, historial, Venta, 85));
        PrecioVigente[] viejo = [new(Dias(7.01), 70), new(Dias(7), 80)];
        Assert.False(VentaOfflineRules.PrecioConocido(70, viejo, Venta, 80));
    }

    [Fact]
    public void Without_history_up_to_the_sale_only_the_current_catalog_price_is_known()
    {
        Assert.True(VentaOfflineRules.PrecioConocido(500, [], Venta, 500));
        Assert.False(VentaOfflineRules.PrecioConocido(450, [], Venta, 500));
        // A product created after the terminal's clock says it sold it (a clock running late): the same.
        Assert.True(VentaOfflineRules.PrecioConocido(500, [new(Venta.AddMinutes(2), 500)], Venta, 500));
    }

    [Fact]
    public void A_product_created_inside_the_window_has_no_price_before_its_first_entry()
    {
        PrecioVigente[] historial = [new(Dias(3), 300)];
        Assert.True(VentaOfflineRules.PrecioConocido(300, historial, Venta, 300));
        Assert.False(VentaOfflineRules.PrecioConocido(250, historial, Venta, 300));
    }
}
