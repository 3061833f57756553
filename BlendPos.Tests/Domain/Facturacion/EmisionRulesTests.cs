using BlendPos.Domain.Facturacion;

namespace BlendPos.Tests.Domain.Facturacion;

public class EmisionRulesTests
{
    [Fact]
    public void A_10016_is_reconciled_business_codes_are_permanent_and_the_rest_transient()
    {
        Assert.Equal(ClaseDeRechazo.Reconciliar, EmisionRules.Clasificar([10016], []));
        Assert.Equal(ClaseDeRechazo.Permanente, EmisionRules.Clasificar([10048], []));
        Assert.Equal(ClaseDeRechazo.Permanente, EmisionRules.Clasificar([], [10015]));
        Assert.Equal(ClaseDeRechazo.Permanente, EmisionRules.Clasificar([], [1]));
        Assert.Equal(ClaseDeRechazo.Transitorio, EmisionRules.Clasificar([600], []));
        Assert.Equal(ClaseDeRechazo.Transitorio, EmisionRules.Clasificar([501], []));
        Assert.Equal(ClaseDeRechazo.Transitorio, EmisionRules.Clasificar([], []));
    }

    [Fact]
    public void The_back_off_grows_and_never_gives_up()
    {
        Assert.Equal([1, 2, 5, 10, 30, 60, 60], Enumerable.Range(1, 7).Select(i => (int)EmisionRules.Espera(i).TotalMinutes));
        Assert.Equal(TimeSpan.FromMinutes(60), EmisionRules.Espera(500));
    }

    [Fact]
    public void A_comprobante_found_at_AFIP_is_ours_only_with_the_same_receptor_date_and_total()
    {
        var enviado = new DatosEmitidos(99, 0, new DateOnly(2026, 12, 8), 1210m);
        Assert.True(EmisionRules.EsElMismo(enviado, enviado with { }));
        Assert.False(EmisionRules.EsElMismo(enviado, enviado with { ImpTotal = 1210.5m }));
        Assert.False(EmisionRules.EsElMismo(enviado, enviado with { DocTipo = 96, DocNro = 30123456 }));
        Assert.False(EmisionRules.EsElMismo(enviado, enviado with { Fecha = new DateOnly(2026, 12, 7) }));
    }

    [Fact]
    public void Series_lock_keys_differ_per_environment_cuit_punto_de_venta_and_type()
    {
        var keys = new[]
        {
            EmisionRules.ClaveSerie(false, 20123456786, 1, 6), EmisionRules.ClaveSerie(true, 20123456786, 1, 6),
            EmisionRules.ClaveSerie(false, 20123456786, 2, 6), EmisionRules.ClaveSerie(false, 20123456786, 1, 8),
            EmisionRules.ClaveSerie(false, 30123456781, 1, 6), EmisionRules.ClaveSerie(true, 99999999999, 99998, 13),
        };
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.All(keys, k => Assert.True(k > 0));
    }
}
