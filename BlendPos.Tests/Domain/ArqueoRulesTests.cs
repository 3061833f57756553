using BlendPos.Domain;
using BlendPos.Domain.Caja;

namespace BlendPos.Tests.Domain;

// API.md "Cash sessions": expected per method, desvío, percent (2 decimals, zero expected), classes, state after a count.
public class ArqueoRulesTests
{
    // ---------------------------------------------------------------- expected per method

    [Fact]
    public void Expected_cash_is_the_opening_amount_when_nothing_moved()
    {
        var esperado = ArqueoRules.Esperado(5000m, []);

        Assert.Equal(new MontosPorMetodo(5000m, 0, 0, 0), esperado);
        Assert.Equal(5000m, esperado.Total);
    }

    [Fact]
    public void Expected_per_method_sums_that_methods_signed_movements_and_cash_adds_the_opening_amount()
    {
        var esperado = ArqueoRules.Esperado(1000m,
        [
            (MetodoPago.Efectivo, 700m), // sale, paid minus change
            (MetodoPago.Efectivo, -150.50m), // egreso
            (MetodoPago.Debito, 1200m),
            (MetodoPago.Debito, -1200m), // void of that sale
            (MetodoPago.Credito, 350.25m),
            (MetodoPago.Transferencia, 99.99m),
            (MetodoPago.Transferencia, 0.01m),
        ]);

        Assert.Equal(new MontosPorMetodo(1549.50m, 0m, 350.25m, 100m), esperado);
        Assert.Equal(1999.75m, esperado.Total);
    }

    [Fact]
    public void A_movement_without_a_method_counts_as_cash()
    {
        var esperado = ArqueoRules.Esperado(100m, [(null, 40m), (null, -15m), (MetodoPago.Debito, 10m)]);

        Assert.Equal(new MontosPorMetodo(125m, 10m, 0, 0), esperado);
    }

    [Fact]
    public void Egresos_beyond_the_drawer_leave_expected_cash_negative()
    {
        var esperado = ArqueoRules.Esperado(100m, [(MetodoPago.Efectivo, -300m)]);

        Assert.Equal(-200m, esperado.Efectivo);
    }

    [Fact]
    public void Amounts_per_method_read_back_by_method()
    {
        var m = new MontosPorMetodo(1, 2, 3, 4);

        Assert.Equal([1m, 2m, 3m, 4m], Enum.GetValues<MetodoPago>().Select(x => m[x]));
        Assert.Equal(new MontosPorMetodo(1, 2, 3, 14), m.Sumar(MetodoPago.Transferencia, 10));
        Assert.Equal(10m, m.Total);
    }

    // ---------------------------------------------------------------- desvío percent

    public static TheoryData<decimal, decimal, decimal> Percents => new()
    {
        { 1000m, 10m, 1m },
        { 1000m, -10m, -1m },
        { 1000m, 0m, 0m },
        { 3m, 1m, 33.33m },
        { 3m, 2m, 66.67m },
        { 3m, -2m, -66.67m },
        { 1000m, 1000m, 100m },
    };

    [Theory]
    [MemberData(nameof(Percents))]
    public void Percent_is_the_desvio_over_the_expected_in_percent_with_two_decimals(decimal esperado, decimal desvio, decimal pct) =>
        Assert.Equal(pct, ArqueoRules.DesvioPct(esperado, desvio));

    // Banker's rounding (Math.Round's default) would give 0.12 / -0.12 / 0.02.
    public static TheoryData<decimal, decimal, decimal> Midpoints => new()
    {
        { 800m, 1m, 0.13m }, // 0.125
        { 800m, -1m, -0.13m }, // -0.125
        { 8000m, 2m, 0.03m }, // 0.025
        { 8000m, 1m, 0.01m }, // 0.0125
        { 1000m, 10.05m, 1.01m }, // 1.005
        { 1000m, -10.05m, -1.01m }, // -1.005
    };

    [Theory]
    [MemberData(nameof(Midpoints))]
    public void Percent_rounds_half_away_from_zero(decimal esperado, decimal desvio, decimal pct) =>
        Assert.Equal(pct, ArqueoRules.DesvioPct(esperado, desvio));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.01, 100)]
    [InlineData(5000, 100)]
    [InlineData(-0.01, -100)]
    [InlineData(-5000, -100)]
    public void With_nothing_expected_the_percent_is_zero_when_nothing_is_off_else_plus_or_minus_100(decimal desvio, decimal pct) =>
        Assert.Equal(pct, ArqueoRules.DesvioPct(0m, desvio));

    [Fact]
    public void With_a_negative_expected_the_percent_keeps_the_sign_of_the_desvio()
    {
        // Egresos left the drawer at -200; the cashier counted 0: a surplus of 200, +100 %, not -100 %.
        Assert.Equal(100m, ArqueoRules.DesvioPct(-200m, 200m));
        Assert.Equal(-50m, ArqueoRules.DesvioPct(-200m, -100m));
    }

    [Fact]
    public void A_percent_too_large_to_store_is_capped_and_stays_critical()
    {
        // 1.00 expected, 1 000 000 declared: 99 999 900 %. The column holds ±99 999.99 (numeric(7,2)).
        var r = ArqueoRules.Calcular(new MontosPorMetodo(1m, 0, 0, 0), new MontosPorMetodo(1_000_000m, 0, 0, 0));

        Assert.Equal(999_999m, r.Desvio);
        Assert.Equal(ArqueoRules.DesvioPctMaximo, r.DesvioPct);
        Assert.Equal(-ArqueoRules.DesvioPctMaximo, ArqueoRules.DesvioPct(0.01m, -1_000_000m));
        Assert.Equal(ClasificacionDesvio.Critico, r.Clasificacion);
        Assert.Equal(99_999m, ArqueoRules.DesvioPct(1m, 999.99m)); // under the cap: kept as is
    }

    [Fact]
    public void Percent_has_two_decimals() =>
        Assert.Equal(2, (decimal.GetBits(ArqueoRules.DesvioPct(7m, 1m))[3] >> 16) & 0xFF);

    // ---------------------------------------------------------------- classes

    public static TheoryData<decimal, ClasificacionDesvio> Classes => new()
    {
        { 0m, ClasificacionDesvio.Normal },
        { 0.99m, ClasificacionDesvio.Normal },
        { 1m, ClasificacionDesvio.Normal },
        { 1.01m, ClasificacionDesvio.Warning },
        { 3m, ClasificacionDesvio.Warning },
        { 5m, ClasificacionDesvio.Warning },
        { 5.01m, ClasificacionDesvio.Critico },
        { 100m, ClasificacionDesvio.Critico },
        { -1m, ClasificacionDesvio.Normal },
        { -1.01m, ClasificacionDesvio.Warning },
        { -5m, ClasificacionDesvio.Warning },
        { -5.01m, ClasificacionDesvio.Critico },
        { -100m, ClasificacionDesvio.Critico },
    };

    [Theory]
    [MemberData(nameof(Classes))]
    public void Up_to_1_percent_is_normal_up_to_5_a_warning_beyond_critical_either_way(decimal pct, ClasificacionDesvio clase) =>
        Assert.Equal(clase, ArqueoRules.Clasificar(pct));

    [Theory]
    [InlineData(ClasificacionDesvio.Normal, EstadoSesionCaja.Cerrada)]
    [InlineData(ClasificacionDesvio.Warning, EstadoSesionCaja.Cerrada)]
    [InlineData(ClasificacionDesvio.Critico, EstadoSesionCaja.PendienteCierre)]
    public void Normal_and_warning_close_the_session_critical_waits_for_a_supervisor(ClasificacionDesvio clase, EstadoSesionCaja estado) =>
        Assert.Equal(estado, ArqueoRules.EstadoTrasArqueo(clase));

    // ---------------------------------------------------------------- Calcular, end to end

    // Expected 1000 in cash: the boundaries in money.
    public static TheoryData<decimal, decimal, decimal, ClasificacionDesvio, EstadoSesionCaja> Counts => new()
    {
        { 1000m, 0m, 0m, ClasificacionDesvio.Normal, EstadoSesionCaja.Cerrada },
        { 1010m, 10m, 1m, ClasificacionDesvio.Normal, EstadoSesionCaja.Cerrada },
        { 1010.04m, 10.04m, 1m, ClasificacionDesvio.Normal, EstadoSesionCaja.Cerrada }, // 1.004 % shows as 1.00
        { 1010.05m, 10.05m, 1.01m, ClasificacionDesvio.Warning, EstadoSesionCaja.Cerrada }, // 1.005 % shows as 1.01
        { 1010.10m, 10.10m, 1.01m, ClasificacionDesvio.Warning, EstadoSesionCaja.Cerrada },
        { 1050m, 50m, 5m, ClasificacionDesvio.Warning, EstadoSesionCaja.Cerrada },
        { 1050.10m, 50.10m, 5.01m, ClasificacionDesvio.Critico, EstadoSesionCaja.PendienteCierre },
        { 990m, -10m, -1m, ClasificacionDesvio.Normal, EstadoSesionCaja.Cerrada },
        { 989.90m, -10.10m, -1.01m, ClasificacionDesvio.Warning, EstadoSesionCaja.Cerrada },
        { 950m, -50m, -5m, ClasificacionDesvio.Warning, EstadoSesionCaja.Cerrada },
        { 949.90m, -50.10m, -5.01m, ClasificacionDesvio.Critico, EstadoSesionCaja.PendienteCierre },
        { 0m, -1000m, -100m, ClasificacionDesvio.Critico, EstadoSesionCaja.PendienteCierre },
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public void A_count_against_1000_expected_classifies_by_the_rounded_percent(decimal declaradoEfectivo, decimal desvio, decimal pct,
        ClasificacionDesvio clase, EstadoSesionCaja estado)
    {
        var r = ArqueoRules.Calcular(new MontosPorMetodo(1000m, 0, 0, 0), new MontosPorMetodo(declaradoEfectivo, 0, 0, 0));

        Assert.Equal((desvio, pct, clase, estado), (r.Desvio, r.DesvioPct, r.Clasificacion, r.EstadoResultante));
    }

    [Fact]
    public void A_count_compares_totals_across_methods_and_keeps_both_sides_per_method()
    {
        var esperado = ArqueoRules.Esperado(2000m,
            [(MetodoPago.Efectivo, 3000m), (MetodoPago.Efectivo, -500m), (MetodoPago.Debito, 2500m), (MetodoPago.Transferencia, 1000m)]);
        var declarado = new MontosPorMetodo(4400m, 2500m, 0m, 1000m); // 100 short in cash

        var r = ArqueoRules.Calcular(esperado, declarado);

        Assert.Equal(new MontosPorMetodo(4500m, 2500m, 0m, 1000m), r.Esperado);
        Assert.Equal(declarado, r.Declarado);
        Assert.Equal(8000m, r.MontoEsperado);
        Assert.Equal(7900m, r.MontoDeclarado);
        Assert.Equal(-100m, r.Desvio);
        Assert.Equal(-1.25m, r.DesvioPct);
        Assert.Equal(ClasificacionDesvio.Warning, r.Clasificacion);
        Assert.Equal(EstadoSesionCaja.Cerrada, r.EstadoResultante);
    }

    [Fact]
    public void Cash_over_and_card_under_by_the_same_amount_is_no_desvio_in_total()
    {
        var r = ArqueoRules.Calcular(new MontosPorMetodo(1000m, 500m, 0, 0), new MontosPorMetodo(1100m, 400m, 0, 0));

        Assert.Equal((0m, 0m, ClasificacionDesvio.Normal), (r.Desvio, r.DesvioPct, r.Clasificacion));
    }

    [Fact]
    public void Nothing_expected_and_nothing_declared_is_a_normal_count()
    {
        var r = ArqueoRules.Calcular(MontosPorMetodo.Cero, MontosPorMetodo.Cero);

        Assert.Equal((0m, 0m, 0m, 0m, ClasificacionDesvio.Normal, EstadoSesionCaja.Cerrada),
            (r.MontoEsperado, r.MontoDeclarado, r.Desvio, r.DesvioPct, r.Clasificacion, r.EstadoResultante));
    }

    [Fact]
    public void Nothing_expected_but_something_declared_is_plus_100_percent_and_critical()
    {
        var r = ArqueoRules.Calcular(MontosPorMetodo.Cero, new MontosPorMetodo(0.01m, 0, 0, 0));

        Assert.Equal((0.01m, 100m, ClasificacionDesvio.Critico, EstadoSesionCaja.PendienteCierre),
            (r.Desvio, r.DesvioPct, r.Clasificacion, r.EstadoResultante));
    }

    [Fact]
    public void Movements_that_cancel_out_leave_zero_expected_and_a_zero_count_is_normal()
    {
        var esperado = ArqueoRules.Esperado(0m, [(MetodoPago.Debito, 800m), (MetodoPago.Debito, -800m)]);

        var r = ArqueoRules.Calcular(esperado, MontosPorMetodo.Cero);

        Assert.Equal((0m, 0m, ClasificacionDesvio.Normal), (r.MontoEsperado, r.DesvioPct, r.Clasificacion));
    }

    // ---------------------------------------------------------------- denomination counter

    [Fact]
    public void Denominations_are_the_argentine_bills_and_coins_largest_first()
    {
        Assert.Equal([20000m, 10000m, 2000m, 1000m, 500m, 200m, 100m, 50m, 20m, 10m], ArqueoRules.Denominaciones.Take(10));
        Assert.Equal(ArqueoRules.Denominaciones.OrderDescending(), ArqueoRules.Denominaciones);
        Assert.Equal(ArqueoRules.Denominaciones.Count, ArqueoRules.Denominaciones.Distinct().Count());
        Assert.All(ArqueoRules.Denominaciones, d => Assert.True(d > 0));
    }

    [Fact]
    public void The_counter_totals_quantity_times_face_value()
    {
        var total = ArqueoRules.TotalDenominaciones(new Dictionary<decimal, int>
        {
            [20000m] = 2, [10000m] = 1, [2000m] = 3, [1000m] = 4, [500m] = 1, [200m] = 2, [100m] = 5, [50m] = 1, [20m] = 3,
            [10m] = 7, [5m] = 1, [2m] = 2, [1m] = 3,
        });

        Assert.Equal(40000m + 10000m + 6000m + 4000m + 500m + 400m + 500m + 50m + 60m + 70m + 5m + 4m + 3m, total);
    }

    [Fact]
    public void An_empty_counter_or_zero_quantities_total_zero()
    {
        Assert.Equal(0m, ArqueoRules.TotalDenominaciones(new Dictionary<decimal, int>()));
        Assert.Equal(0m, ArqueoRules.TotalDenominaciones(new Dictionary<decimal, int> { [1000m] = 0, [10m] = 0 }));
    }

    [Fact]
    public void A_negative_quantity_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ArqueoRules.TotalDenominaciones(new Dictionary<decimal, int> { [1000m] = 3, [100m] = -1 }));
}
