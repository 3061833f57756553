using BlendPos.Domain;
using BlendPos.Domain.Ventas;

namespace BlendPos.Tests.Domain;

public class VentaRulesTests
{
    [Fact]
    public void Totals_apply_line_discounts_then_the_sale_discount()
    {
        var (totales, errores) = VentaRules.CalcularTotales(
            [new LineaVenta(2, 1810m), new LineaVenta(3, 900m, DescuentoItem: 200m)], descuentoTotal: 100.50m);

        Assert.Empty(errores);
        Assert.Equal(3620m + 2500m, totales!.Subtotal);
        Assert.Equal(100.50m, totales.DescuentoTotal);
        Assert.Equal(6019.50m, totales.Total);
    }

    [Theory]
    [InlineData(0, 0, "items[0].cantidad")]
    [InlineData(1, -1, "items[0].descuento_item")]
    [InlineData(1, 1000.01, "items[0].descuento_item")]
    [InlineData(1, 0.001, "items[0].descuento_item")]
    public void Bad_lines_are_refused_with_the_field_named(int cantidad, double descuento, string campo)
    {
        var (totales, errores) = VentaRules.CalcularTotales([new LineaVenta(cantidad, 1000m, (decimal)descuento)], 0);
        Assert.Null(totales);
        Assert.Contains(campo, errores.Keys);
    }

    [Fact]
    public void A_sale_discount_larger_than_the_subtotal_is_refused()
    {
        var (totales, errores) = VentaRules.CalcularTotales([new LineaVenta(1, 500m)], 500.01m);
        Assert.Null(totales);
        Assert.Equal("El descuento no puede superar el subtotal.", errores["descuento_total"]);
    }

    [Fact]
    public void An_empty_sale_is_refused()
    {
        var (_, errores) = VentaRules.CalcularTotales([], 0);
        Assert.Equal("La venta no tiene productos.", errores["items"]);
    }

    [Fact]
    public void Cash_over_the_total_gives_change_and_the_drawer_keeps_paid_minus_change()
    {
        var (cobro, errores) = VentaRules.Cobrar(2710m, [new Pago(MetodoPago.Efectivo, 5000m)]);
        Assert.Empty(errores);
        Assert.Equal(2290m, cobro!.Vuelto);
        Assert.Equal([new Pago(MetodoPago.Efectivo, 2710m)], cobro.IngresosCaja);
    }

    [Fact]
    public void Card_and_cash_split_takes_the_change_from_cash_only()
    {
        var (cobro, _) = VentaRules.Cobrar(10_000m, [new Pago(MetodoPago.Debito, 6000m), new Pago(MetodoPago.Efectivo, 5000m)]);
        Assert.Equal(1000m, cobro!.Vuelto);
        Assert.Equal([new Pago(MetodoPago.Debito, 6000m), new Pago(MetodoPago.Efectivo, 4000m)], cobro.IngresosCaja);
        Assert.Equal(10_000m, cobro.IngresosCaja.Sum(p => p.Monto));
    }

    [Fact]
    public void Card_overpayment_is_refused()
    {
        var (cobro, errores) = VentaRules.Cobrar(1000m, [new Pago(MetodoPago.Credito, 1500m)]);
        Assert.Null(cobro);
        Assert.Contains("tarjeta", errores["pagos"]);
    }

    [Fact]
    public void Change_can_only_come_out_of_cash()
    {
        // 1200 by card + 100 cash for 1000: the 300 of change would have to come out of the card.
        var (refused, errores) = VentaRules.Cobrar(1000m, [new Pago(MetodoPago.Debito, 1200m), new Pago(MetodoPago.Efectivo, 100m)]);
        Assert.Null(refused);
        Assert.Contains("tarjeta", errores["pagos"]);

        // 900 by card + 500 cash for 1000: 400 of change out of the 500 in cash is fine.
        var (cobro, _) = VentaRules.Cobrar(1000m, [new Pago(MetodoPago.Debito, 900m), new Pago(MetodoPago.Efectivo, 500m)]);
        Assert.Equal(400m, cobro!.Vuelto);
        Assert.Equal([new Pago(MetodoPago.Debito, 900m), new Pago(MetodoPago.Efectivo, 100m)], cobro.IngresosCaja);
    }

    [Fact]
    public void Payments_short_of_the_total_say_how_much_is_missing()
    {
        var (cobro, errores) = VentaRules.Cobrar(1234.50m, [new Pago(MetodoPago.Efectivo, 1000m)]);
        Assert.Null(cobro);
        Assert.Equal("Faltan $ 234,50 para cubrir el total.", errores["pagos"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    [InlineData(10.005)]
    public void A_payment_must_be_positive_with_two_decimals(double monto)
    {
        var (cobro, errores) = VentaRules.Cobrar(10m, [new Pago(MetodoPago.Efectivo, (decimal)monto)]);
        Assert.Null(cobro);
        Assert.Contains("pagos[0].monto", errores.Keys);
    }

    [Fact]
    public void Exact_payment_leaves_no_change_and_no_empty_movement()
    {
        var (cobro, _) = VentaRules.Cobrar(500m, [new Pago(MetodoPago.Transferencia, 500m)]);
        Assert.Equal(0m, cobro!.Vuelto);
        Assert.Single(cobro.IngresosCaja);
    }

    [Theory]
    [InlineData(2710, 5000, 2290)]
    [InlineData(2710, 2710, 0)]
    [InlineData(2710, 2000, 0)]
    public void Change_for_cash_handed_over_is_never_negative(decimal total, decimal entregado, decimal vuelto) =>
        Assert.Equal(vuelto, VentaRules.Vuelto(total, entregado));
}

public class AnulacionRulesTests
{
    [Fact]
    public void A_void_gives_back_the_units_sold_per_product()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var efectos = AnulacionRules.Efectos([(a, 2), (b, 1), (a, 3)], []);
        Assert.Equal(5, efectos.StockDevuelto[a]);
        Assert.Equal(1, efectos.StockDevuelto[b]);
        Assert.Equal(2, efectos.StockDevuelto.Count);
    }

    [Fact]
    public void A_void_writes_the_inverse_of_every_drawer_movement_so_they_add_up_to_zero()
    {
        var movimientos = new[] { new Pago(MetodoPago.Debito, 6000m), new Pago(MetodoPago.Efectivo, 4000m) };
        var efectos = AnulacionRules.Efectos([], movimientos);
        Assert.Equal([new Pago(MetodoPago.Debito, -6000m), new Pago(MetodoPago.Efectivo, -4000m)], efectos.MovimientosInversos);
        Assert.Equal(0m, movimientos.Concat(efectos.MovimientosInversos).Sum(m => m.Monto));
    }
}
