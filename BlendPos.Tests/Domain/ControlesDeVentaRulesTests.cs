using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Ventas;

namespace BlendPos.Tests.Domain;

/// <summary>Issue 16's pure rules: the sale's session, offline dates against the server's clock, discounts, column limits.</summary>
public class ControlesDeVentaRulesTests
{
    private static readonly Guid Cajero = Guid.NewGuid(), Otro = Guid.NewGuid();
    private static readonly DateTimeOffset Abierta = new(2026, 12, 4, 9, 0, 0, TimeSpan.FromHours(-3));
    private static readonly DateTimeOffset Recibida = Abierta.AddHours(8);
    private static readonly TimeSpan Cinco = TimeSpan.FromMinutes(5);

    private static SesionDeVenta Sesion(EstadoSesionCaja estado) => new(Guid.NewGuid(), 3, Cajero, estado, Abierta);

    [Theory]
    [InlineData(EstadoSesionCaja.Abierta, false, SesionParaVenta.Abierta)]
    [InlineData(EstadoSesionCaja.Cerrada, false, SesionParaVenta.NoAbierta)]
    [InlineData(EstadoSesionCaja.PendienteCierre, false, SesionParaVenta.NoAbierta)]
    [InlineData(EstadoSesionCaja.Cerrada, true, SesionParaVenta.CerradaAceptadaOffline)]
    [InlineData(EstadoSesionCaja.Abierta, true, SesionParaVenta.Abierta)]
    public void The_cashier_sells_into_their_own_open_session_and_offline_into_a_closed_one(EstadoSesionCaja estado, bool offline, SesionParaVenta esperado) =>
        Assert.Equal(esperado, SesionDeVentaRules.Evaluar(Sesion(estado), Cajero, actorEsSupervisor: false, offline));

    [Fact]
    public void Another_user_sells_into_the_session_only_as_a_supervisor_delivering_offline_sales()
    {
        var s = Sesion(EstadoSesionCaja.Abierta);
        Assert.Equal(SesionParaVenta.Ajena, SesionDeVentaRules.Evaluar(s, Otro, actorEsSupervisor: false, offline: true));
        Assert.Equal(SesionParaVenta.Ajena, SesionDeVentaRules.Evaluar(s, Otro, actorEsSupervisor: true, offline: false));
        Assert.Equal(SesionParaVenta.Abierta, SesionDeVentaRules.Evaluar(s, Otro, actorEsSupervisor: true, offline: true));
        Assert.Equal(SesionParaVenta.NoExiste, SesionDeVentaRules.Evaluar(null, Cajero, actorEsSupervisor: true, offline: true));
    }

    [Theory]
    [InlineData(-4, true)]
    [InlineData(-6, false)]
    [InlineData(60, true)]
    [InlineData(8 * 60 + 4, true)]
    [InlineData(8 * 60 + 6, false)]
    [InlineData(2 * 24 * 60, false)]
    public void A_terminal_time_is_believable_inside_the_session_up_to_the_receipt_with_five_minutes_of_skew(int minutosDesdeApertura, bool creible) =>
        Assert.Equal(creible, VentaOfflineRules.FechaCreible(Abierta.AddMinutes(minutosDesdeApertura), Abierta, Recibida, Cinco));

    [Fact]
    public void Extreme_terminal_times_are_judged_without_overflowing()
    {
        Assert.False(VentaOfflineRules.FechaCreible(DateTimeOffset.MinValue, Abierta, Recibida, Cinco));
        Assert.False(VentaOfflineRules.FechaCreible(DateTimeOffset.MaxValue, Abierta, Recibida, Cinco));
        Assert.Equal(Abierta - Cinco, VentaOfflineRules.MomentoDelPrecio(DateTimeOffset.MinValue, Abierta, Recibida, Cinco));
        Assert.Equal(Recibida, VentaOfflineRules.MomentoDelPrecio(DateTimeOffset.MaxValue, Abierta, Recibida, Cinco));
    }

    [Fact]
    public void The_price_window_looks_back_from_the_terminal_time_clamped_to_the_session_and_the_receipt()
    {
        Assert.Equal(Abierta.AddHours(2), VentaOfflineRules.MomentoDelPrecio(Abierta.AddHours(2), Abierta, Recibida, Cinco));
        Assert.Equal(Abierta - Cinco, VentaOfflineRules.MomentoDelPrecio(Abierta.AddDays(-20), Abierta, Recibida, Cinco));
        Assert.Equal(Recibida, VentaOfflineRules.MomentoDelPrecio(Recibida.AddMinutes(3), Abierta, Recibida, Cinco));
    }

    [Fact]
    public void The_discount_percentage_counts_line_and_sale_discounts_over_the_gross()
    {
        var lineas = new[] { new LineaVenta(2, 500m, 100m), new LineaVenta(1, 1000m) };
        Assert.Equal(15m, VentaRules.PorcentajeDescuento(lineas, 200m)); // 300 of 2000
        Assert.Equal(5m, VentaRules.PorcentajeDescuento(lineas, 0m)); // 100 of 2000
        Assert.Equal(0m, VentaRules.PorcentajeDescuento([new LineaVenta(1, 100m)], 0m));
        Assert.Equal(33.33m, VentaRules.PorcentajeDescuento([new LineaVenta(3, 1m)], 1m));
    }

    [Theory]
    [InlineData(0, false, 0, false)]
    [InlineData(0.01, false, 0, true)]
    [InlineData(5, false, 10, false)]
    [InlineData(10, false, 10, false)]
    [InlineData(10.01, false, 10, true)]
    [InlineData(90, true, 0, false)]
    public void A_cashier_discounts_alone_only_up_to_the_configured_percentage(decimal pct, bool supervisor, decimal maximo, bool requiere) =>
        Assert.Equal(requiere, VentaRules.DescuentoRequiereAutorizacion(pct, supervisor, maximo));

    [Fact]
    public void Amounts_beyond_the_database_columns_are_refused_in_spanish()
    {
        var (_, precio) = VentaRules.CalcularTotales([new LineaVenta(1, VentaRules.MaxPrecio + 0.01m)], 0);
        Assert.Equal("El precio supera el máximo admitido ($ 99.999.999,99).", precio["items[0].precio_unitario"]);
        var (_, linea) = VentaRules.CalcularTotales([new LineaVenta(100_000, VentaRules.MaxPrecio)], 0);
        Assert.StartsWith("El importe de la línea supera el máximo admitido", linea["items[0]"]);
        var (_, total) = VentaRules.CalcularTotales([new LineaVenta(100, VentaRules.MaxPrecio), new LineaVenta(1, 1m)], 0);
        Assert.StartsWith("El total de la venta supera el máximo admitido", total["items"]);
        var (_, decimales) = VentaRules.CalcularTotales([new LineaVenta(1, 1.005m)], 0);
        Assert.Equal("El precio no puede ser negativo y admite hasta 2 decimales.", decimales["items[0].precio_unitario"]);
        var (_, pago) = VentaRules.Cobrar(100m, [new Pago(MetodoPago.Efectivo, VentaRules.MaxImporte + 0.01m)]);
        Assert.Equal("El pago supera el máximo admitido ($ 9.999.999.999,99).", pago["pagos[0].monto"]);
        var (_, vuelto) = VentaRules.Cobrar(1m, [new Pago(MetodoPago.Efectivo, VentaRules.MaxImporte), new Pago(MetodoPago.Efectivo, 2m)]);
        Assert.StartsWith("El vuelto supera el máximo admitido", vuelto["pagos"]);
        var (ok, _) = VentaRules.CalcularTotales([new LineaVenta(100, VentaRules.MaxPrecio)], 0);
        Assert.Equal(9_999_999_999m, ok!.Total);
    }
}
