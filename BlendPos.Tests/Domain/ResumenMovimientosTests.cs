using BlendPos.Domain;
using BlendPos.Domain.Caja;

namespace BlendPos.Tests.Domain;

// The closing report's totals on the 80 mm roll: per kind of movement and per method, signed.
public class ResumenMovimientosTests
{
    private static readonly Guid VentaA = Guid.NewGuid(), VentaB = Guid.NewGuid();

    private static readonly (TipoMovimientoCaja Tipo, Guid? Referencia, MetodoPago? Metodo, decimal Monto)[] Sesion =
    [
        (TipoMovimientoCaja.Venta, VentaA, MetodoPago.Efectivo, 700m), // one sale paid two ways
        (TipoMovimientoCaja.Venta, VentaA, MetodoPago.Debito, 1200m),
        (TipoMovimientoCaja.Venta, VentaB, MetodoPago.Efectivo, 99.50m),
        (TipoMovimientoCaja.Anulacion, VentaA, MetodoPago.Debito, -1200m),
        (TipoMovimientoCaja.EgresoManual, null, MetodoPago.Efectivo, -150.25m),
        (TipoMovimientoCaja.IngresoManual, null, null, 500m),
        (TipoMovimientoCaja.IngresoManual, null, MetodoPago.Efectivo, 20m),
    ];

    [Fact]
    public void Per_kind_counts_and_sums_every_kind_in_a_fixed_order_zero_when_none()
    {
        var porTipo = ResumenMovimientos.PorTipo(Sesion.Select(m => (m.Tipo, m.Referencia, m.Monto)));

        Assert.Equal(
        [
            new TotalPorTipo(TipoMovimientoCaja.Venta, 2, 1999.50m),
            new TotalPorTipo(TipoMovimientoCaja.Anulacion, 1, -1200m),
            new TotalPorTipo(TipoMovimientoCaja.IngresoManual, 2, 520m),
            new TotalPorTipo(TipoMovimientoCaja.EgresoManual, 1, -150.25m),
        ], porTipo);
        Assert.All(ResumenMovimientos.PorTipo([]), t => Assert.Equal((0, 0m), (t.Cantidad, t.Total)));
    }

    [Fact]
    public void Sales_per_method_are_net_of_voids_without_manual_movements_or_the_opening_cash()
    {
        var porMetodo = ResumenMovimientos.VentasPorMetodo(Sesion.Select(m => (m.Tipo, m.Metodo, m.Monto)));

        Assert.Equal(new MontosPorMetodo(799.50m, 0m, 0m, 0m), porMetodo);
        Assert.Equal(MontosPorMetodo.Cero, ResumenMovimientos.VentasPorMetodo([(TipoMovimientoCaja.IngresoManual, MetodoPago.Debito, 50m)]));
    }
}
